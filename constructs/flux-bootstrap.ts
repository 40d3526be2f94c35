import { Construct } from 'constructs';
import { Fn, ITerraformDependable, dependable } from 'cdktf';
import { Release } from '@cdktf/provider-helm/lib/release';
import { FLUX_KUSTOMIZE_SERVICE_ACCOUNT, FLUX_NAMESPACE, FLUX_SYNC_NAME } from '../contract/naming';

/** Chart versions of the bootstrap; Flux 2.8.5 is what `flux2` 2.18.3 installs. */
export const FLUX_CHARTS = {
  repository: 'https://fluxcd-community.github.io/helm-charts',
  // renovate: datasource=helm depName=flux2 registryUrl=https://fluxcd-community.github.io/helm-charts
  flux2: '2.18.3',
  // renovate: datasource=helm depName=flux2-sync registryUrl=https://fluxcd-community.github.io/helm-charts
  flux2Sync: '1.14.5',
} as const;

/**
 * The flux2 chart's values. Multi-tenancy lockdown: the controllers get `--no-cross-namespace-refs=true` and
 * `--default-service-account=default`, so a Kustomization or HelmRelease that names no ServiceAccount runs as its
 * namespace's `default` (no rights) and may use sources of its own namespace only. The kustomize-controller and
 * helm-controller ServiceAccounts stay cluster-admin (`privileged`): the platform's objects name them.
 */
export function flux2Values(): Record<string, unknown> {
  return {
    multitenancy: { enabled: true, defaultServiceAccount: 'default', privileged: true },
    // Image automation is not used: the tree changes only by a push.
    imageAutomationController: { create: false },
    imageReflectionController: { create: false },
  };
}

/** The flux2-sync chart's root Kustomization runs as the privileged kustomize-controller ServiceAccount. */
export const ROOT_KUSTOMIZATION_SERVICE_ACCOUNT = FLUX_KUSTOMIZE_SERVICE_ACCOUNT;

/**
 * The flux2-sync chart's values, all but the private key (set apart, as a sensitive value): the GitRepository of
 * the platform repository and the root Kustomization, which runs as the privileged kustomize-controller.
 */
export function flux2SyncValues(props: Omit<FluxBootstrapProps, 'identity' | 'timeoutSeconds'>): Record<string, unknown> {
  return {
    gitRepository: {
      spec: { url: props.url, ref: { branch: props.branch }, interval: props.interval },
    },
    kustomization: {
      spec: {
        path: props.path,
        prune: true,
        interval: props.interval,
        // Under the lockdown a Kustomization without a ServiceAccount has no rights.
        serviceAccountName: ROOT_KUSTOMIZATION_SERVICE_ACCOUNT,
        deletionPolicy: 'WaitForTermination',
        // Also bounds the wait of deletionPolicy; the default (the interval) would give up after a minute.
        timeout: props.garbageCollectionTimeout ?? '20m',
      },
    },
    // The chart names the secret after the release and points the GitRepository's secretRef at it.
    secret: { create: true, data: { 'identity.pub': props.identityPub, known_hosts: props.knownHosts } },
  };
}

export interface FluxBootstrapProps {
  /** `ssh://git@github.com/<owner>/<repo>`. */
  readonly url: string;
  readonly branch: string;
  /** Folder the root Kustomization applies, e.g. `./fluxcd/clusters/aks-falco`. */
  readonly path: string;
  /** Poll and reconcile interval (Go duration). */
  readonly interval: string;
  /** SSH private key (OpenSSH form) of the read-only deploy key. */
  readonly identity: string;
  readonly identityPub: string;
  readonly knownHosts: string;
  /**
   * How long, on destroy, the root Kustomization waits for Flux to uninstall what it applied (Go duration).
   * It must outlast the slowest generated layer (the Falco layer: 15m), or Flux gives up, drops its finalizer
   * and the controllers go while HelmReleases still wait for them. Default 20m.
   */
  readonly garbageCollectionTimeout?: string;
  /** Seconds Helm waits for each release; on destroy it must outlast the garbage collection. Default 1800. */
  readonly timeoutSeconds?: number;
}

/**
 * Installs Flux and points it at the repository: `flux2` (controllers and CRDs), then `flux2-sync` (the SSH
 * secret, a GitRepository and the root Kustomization, all named `flux-system`).
 *
 * Destroy order matters, because `flux2` renders the CRDs as templates: uninstalling it deletes every Flux
 * object at once. So `flux2-sync` depends on `flux2` and Terraform removes it first; its root Kustomization
 * has `deletionPolicy: WaitForTermination` (and so do the generated ones), and the release waits, so Helm
 * returns only when Flux has uninstalled everything it applied (Falco, benchmarks). Only then do the
 * controllers and CRDs go, and after them the cluster (the infrastructure stack).
 */
export class FluxBootstrap extends Construct {
  readonly flux: Release;
  readonly sync: Release;

  constructor(scope: Construct, id: string, props: FluxBootstrapProps) {
    super(scope, id);
    const timeout = props.timeoutSeconds ?? 1800;

    this.flux = new Release(this, 'flux2', {
      name: 'flux2',
      namespace: FLUX_NAMESPACE,
      createNamespace: true,
      repository: FLUX_CHARTS.repository,
      chart: 'flux2',
      version: FLUX_CHARTS.flux2,
      wait: true,
      timeout,
      values: [Fn.yamlencode(flux2Values())],
    });

    this.sync = new Release(this, 'flux2-sync', {
      name: FLUX_SYNC_NAME,
      namespace: FLUX_NAMESPACE,
      repository: FLUX_CHARTS.repository,
      chart: 'flux2-sync',
      version: FLUX_CHARTS.flux2Sync,
      wait: true,
      timeout,
      dependsOn: [this.flux],
      values: [Fn.yamlencode(flux2SyncValues(props))],
      // The private key only as a sensitive value: `values` are shown in plans, and the key arrives through
      // terraform_remote_state, which does not keep the sensitive mark of the output it reads.
      setSensitive: [{ name: 'secret.data.identity', value: props.identity, type: 'string' }],
    });
  }

  /**
   * Makes the sync wait for these (Secrets the tree's workloads need, which may need the controllers' namespace
   * first): Flux's first reconcile finds them, and on destroy Flux uninstalls its workloads before they go.
   */
  syncAfter(...dependables: ITerraformDependable[]): void {
    this.sync.dependsOn = [...(this.sync.dependsOn ?? []), ...dependables.map((d) => dependable(d))];
  }
}
