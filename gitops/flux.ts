/** Builders for the Flux objects the tree consists of. Pure: every input is a parameter. */
import { FLUX_NAMESPACE, FLUX_SYNC_NAME } from '../contract/naming';
import type { FluxKustomization, HelmRelease, HelmReleaseActionOptions, HelmRepository, KustomizeFile, Namespace, ObjectRef } from './types';
import { CHART_REPOSITORY, ChartPin, FLUX_API, KUSTOMIZE_API } from './versions';

/**
 * How often source-controller refreshes the chart index. Versions are pinned, so this only matters when one
 * is bumped; the index of this repository is large, so do not fetch it every minute.
 */
export const HELM_REPOSITORY_INTERVAL = '10m';

export function namespace(name: string): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** The falcosecurity chart repository, in the Flux namespace; HelmReleases in other namespaces refer to it. */
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

/** A HelmRelease of a pinned falcosecurity chart; the Helm release is named exactly like the object. */
export function helmRelease(input: HelmReleaseInput): HelmRelease {
  return {
    apiVersion: FLUX_API.helmRelease,
    kind: 'HelmRelease',
    metadata: { name: input.name, namespace: input.namespace },
    spec: {
      interval: input.interval,
      // Explicit, so Service names derived from it (chart `fullname`) do not depend on Flux's defaulting.
      releaseName: input.name,
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
}

/**
 * One Flux Kustomization per layer, in the Flux namespace, reading the bootstrap's GitRepository.
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
      sourceRef: { kind: 'GitRepository', name: FLUX_SYNC_NAME },
      path: `./${input.path}`,
      prune: true,
      wait: true,
      deletionPolicy: 'WaitForTermination',
      ...(input.dependsOn?.length ? { dependsOn: input.dependsOn.map((name) => ({ name })) } : {}),
    },
  };
}

/** A folder's kustomization.yaml, listing its files in the given order. */
export function kustomizeFile(resources: string[]): KustomizeFile {
  return { apiVersion: KUSTOMIZE_API, kind: 'Kustomization', resources: [...resources] };
}
