/** Builders for the Flux objects the tree consists of. Pure: every input is a parameter. */
import { FLUX_HELM_SERVICE_ACCOUNT, FLUX_KUSTOMIZE_SERVICE_ACCOUNT, FLUX_NAMESPACE, FLUX_SYNC_NAME } from '../contract/naming';
import type { FluxKustomization, HelmRelease, HelmReleaseActionOptions, HelmRepository, KustomizeFile, Namespace, ObjectRef } from './types';
import { CHART_REPOSITORY, ChartPin, FLUX_API, KUSTOMIZE_API } from '../contract/versions';

/**
 * How often source-controller refreshes the chart index. Versions are pinned, so this only matters when one
 * is bumped; the index of this repository is large, so do not fetch it every minute.
 */
export const HELM_REPOSITORY_INTERVAL = '10m';

export function namespace(name: string): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/**
 * The falcosecurity chart repository, in the Flux namespace, beside every HelmRelease: with the lockdown's
 * `--no-cross-namespace-refs` a HelmRelease may only use a source of its own namespace.
 */
export function chartRepository(): HelmRepository {
  return {
    apiVersion: FLUX_API.source,
    kind: 'HelmRepository',
    metadata: { name: CHART_REPOSITORY.name, namespace: FLUX_NAMESPACE },
    spec: { url: CHART_REPOSITORY.url, interval: HELM_REPOSITORY_INTERVAL },
  };
}

export interface HelmReleaseInput {
  name: string;
  /** Where the chart's objects (and the Helm release history) go; the HelmRelease object is in the Flux namespace. */
  namespace: string;
  chart: ChartPin;
  interval: string;
  values: Record<string, unknown>;
  dependsOn?: ObjectRef[];
  timeout?: string;
  /** Default: retry a failed install or upgrade 3 times (then roll back an upgrade). */
  install?: HelmReleaseActionOptions;
  upgrade?: HelmReleaseActionOptions;
  postRenderers?: HelmRelease['spec']['postRenderers'];
}

/**
 * A HelmRelease of a pinned falcosecurity chart; the Helm release is named exactly like the object. Under the
 * multi-tenancy lockdown a HelmRelease runs as a ServiceAccount of its own namespace and may use sources of that
 * namespace only: so every platform HelmRelease sits in the Flux namespace, beside the HelmRepository, names the
 * privileged `helm-controller` ServiceAccount there, and installs into its target namespace.
 */
export function helmRelease(input: HelmReleaseInput): HelmRelease {
  return {
    apiVersion: FLUX_API.helmRelease,
    kind: 'HelmRelease',
    metadata: { name: input.name, namespace: FLUX_NAMESPACE },
    spec: {
      interval: input.interval,
      // Explicit, so Service names derived from it (chart `fullname`) do not depend on Flux's defaulting.
      releaseName: input.name,
      targetNamespace: input.namespace,
      storageNamespace: input.namespace,
      serviceAccountName: FLUX_HELM_SERVICE_ACCOUNT,
      chart: {
        spec: {
          chart: input.chart.chart,
          version: input.chart.version,
          sourceRef: { kind: 'HelmRepository', name: CHART_REPOSITORY.name, namespace: FLUX_NAMESPACE },
          interval: HELM_REPOSITORY_INTERVAL,
        },
      },
      ...(input.dependsOn ? { dependsOn: input.dependsOn } : {}),
      ...(input.timeout ? { timeout: input.timeout } : {}),
      install: input.install ?? { remediation: { retries: 3 } },
      upgrade: input.upgrade ?? { remediation: { retries: 3 } },
      ...(input.postRenderers ? { postRenderers: input.postRenderers } : {}),
      values: input.values,
    },
  };
}

export interface LayerInput {
  name: string;
  /** Folder relative to the repository root, e.g. `fluxcd/infrastructure/falco`. */
  path: string;
  interval: string;
  dependsOn?: string[];
  timeout: string;
  /** The Flux source it reads: default the bootstrap's GitRepository (the platform repository). */
  source?: string;
  /** Default: the privileged kustomize-controller ServiceAccount (platform layers). */
  serviceAccountName?: string;
  /** ConfigMaps whose keys are substituted for `${KEY}` in the built objects. */
  substituteFrom?: string[];
}

/**
 * One Flux Kustomization per layer, in the Flux namespace, reading the bootstrap's GitRepository (or another
 * source of that namespace) as the ServiceAccount it names: under the lockdown, none would mean no rights.
 * `wait` makes the layer Ready only when everything it applied is Ready (HelmReleases included), which is
 * what `dependsOn` of the next layer waits for. `WaitForTermination` makes deleting the layer delete its
 * objects and wait until they are gone: helm-controller uninstalls the releases before Flux itself goes.
 */
export function layer(input: LayerInput): FluxKustomization {
  return {
    apiVersion: FLUX_API.kustomization,
    kind: 'Kustomization',
    metadata: { name: input.name, namespace: FLUX_NAMESPACE },
    spec: {
      interval: input.interval,
      retryInterval: input.interval,
      timeout: input.timeout,
      sourceRef: { kind: 'GitRepository', name: input.source ?? FLUX_SYNC_NAME },
      path: input.path === '.' ? './' : `./${input.path}`,
      prune: true,
      wait: true,
      deletionPolicy: 'WaitForTermination',
      serviceAccountName: input.serviceAccountName ?? FLUX_KUSTOMIZE_SERVICE_ACCOUNT,
      ...(input.dependsOn?.length ? { dependsOn: input.dependsOn.map((name) => ({ name })) } : {}),
      ...(input.substituteFrom?.length ? { postBuild: { substituteFrom: input.substituteFrom.map((name) => ({ kind: 'ConfigMap' as const, name })) } } : {}),
    },
  };
}

/** A folder's kustomization.yaml, listing its files in the given order. */
export function kustomizeFile(resources: string[]): KustomizeFile {
  return { apiVersion: KUSTOMIZE_API, kind: 'Kustomization', resources: [...resources] };
}
