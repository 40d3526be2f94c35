/**
 * The Kubernetes, Flux and kustomize objects the generator produces: only the fields it sets. Field names
 * follow the Flux 2.8 CRDs; the test suite validates every object against them.
 */
import type { FLUX_API, KUSTOMIZE_API } from '../contract/versions';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: ObjectMeta;
}

export interface Toleration {
  key: string;
  operator: 'Equal' | 'Exists';
  value?: string;
  effect: string;
}

/** A reference to a Flux object, for `dependsOn` and `sourceRef`. */
export interface ObjectRef {
  name: string;
  namespace?: string;
}

export interface HelmRepository {
  apiVersion: (typeof FLUX_API)['source'];
  kind: 'HelmRepository';
  metadata: ObjectMeta;
  spec: { url: string; interval: string; timeout?: string };
}

/** One RFC 6902 operation, as kustomize applies them in a post-renderer patch. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string };

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
}

export interface KustomizePatch {
  /** A strategic merge patch or a JSON6902 operation list, as YAML text. */
  patch: string;
  target?: PatchTarget;
}

export interface HelmReleaseActionOptions {
  disableWait?: boolean;
  disableWaitForJobs?: boolean;
  remediation?: { retries?: number; strategy?: 'rollback' | 'uninstall'; remediateLastFailure?: boolean };
}

export interface HelmRelease {
  apiVersion: (typeof FLUX_API)['helmRelease'];
  kind: 'HelmRelease';
  metadata: ObjectMeta;
  spec: {
    interval: string;
    releaseName: string;
    /** Where the chart's objects go; the HelmRelease itself lives in the Flux namespace (multi-tenancy lockdown). */
    targetNamespace: string;
    /** Where Helm keeps the release history: the target namespace, as without lockdown. */
    storageNamespace: string;
    /** The ServiceAccount (in the HelmRelease's namespace) helm-controller impersonates. */
    serviceAccountName: string;
    chart: {
      spec: {
        chart: string;
        version: string;
        sourceRef: { kind: 'HelmRepository'; name: string; namespace: string };
        interval?: string;
      };
    };
    dependsOn?: ObjectRef[];
    timeout?: string;
    install?: HelmReleaseActionOptions;
    upgrade?: HelmReleaseActionOptions;
    postRenderers?: { kustomize: { patches: KustomizePatch[] } }[];
    values?: Record<string, unknown>;
  };
}

export interface FluxKustomization {
  apiVersion: (typeof FLUX_API)['kustomization'];
  kind: 'Kustomization';
  metadata: ObjectMeta;
  spec: {
    interval: string;
    retryInterval?: string;
    timeout?: string;
    sourceRef: { kind: 'GitRepository'; name: string; namespace?: string };
    path: string;
    prune: true;
    wait: boolean;
    deletionPolicy: 'WaitForTermination';
    /** The ServiceAccount (in the Kustomization's namespace) kustomize-controller impersonates. */
    serviceAccountName: string;
    dependsOn?: ObjectRef[];
    postBuild?: { substituteFrom: { kind: 'ConfigMap' | 'Secret'; name: string }[] };
  };
}

/** A Git source (the apps repository), read with an SSH deploy key. */
export interface GitRepository {
  apiVersion: (typeof FLUX_API)['source'];
  kind: 'GitRepository';
  metadata: ObjectMeta;
  spec: { url: string; ref: { branch: string }; secretRef: { name: string }; interval: string; timeout?: string };
}

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** RBAC objects and ServiceAccounts the platform creates for the tenant identity. */
export type RbacObject =
  | { apiVersion: 'v1'; kind: 'ServiceAccount'; metadata: ObjectMeta; automountServiceAccountToken?: boolean }
  | { apiVersion: 'rbac.authorization.k8s.io/v1'; kind: 'ClusterRole' | 'Role'; metadata: ObjectMeta; rules: PolicyRule[] }
  | {
      apiVersion: 'rbac.authorization.k8s.io/v1';
      kind: 'RoleBinding';
      metadata: ObjectMeta;
      roleRef: { apiGroup: 'rbac.authorization.k8s.io'; kind: 'ClusterRole' | 'Role'; name: string };
      subjects: { kind: 'ServiceAccount'; name: string; namespace: string }[];
    };

/** kustomize's ConfigMap generator entry: a ConfigMap from files of the folder, named with a content hash. */
export interface ConfigMapGenerator {
  name: string;
  namespace: string;
  files: string[];
  options?: { labels?: Record<string, string> };
}

/** A folder's `kustomization.yaml` (kustomize's format, not Flux's object). */
export interface KustomizeFile {
  apiVersion: typeof KUSTOMIZE_API;
  kind: 'Kustomization';
  resources: string[];
  configMapGenerator?: ConfigMapGenerator[];
}

/** Flux's webhook Receiver: a signed POST to its path makes the named sources fetch at once. */
export interface Receiver {
  apiVersion: (typeof FLUX_API)['receiver'];
  kind: 'Receiver';
  metadata: ObjectMeta;
  spec: {
    type: 'generic-hmac';
    secretRef: { name: string };
    resources: { apiVersion?: string; kind: 'GitRepository'; name: string; namespace?: string }[];
    interval?: string;
  };
}

/**
 * Plain Kubernetes workload and network objects (Deployment, Service, NetworkPolicy). Their schemas are the
 * API server's; tests check the fields that matter (selectors, ports, pod security) on the rendered YAML.
 */
export interface PlainObject {
  apiVersion: 'apps/v1' | 'v1' | 'networking.k8s.io/v1';
  kind: 'Deployment' | 'Service' | 'NetworkPolicy';
  metadata: ObjectMeta;
  spec: Record<string, unknown>;
}

export type GeneratedObject = Namespace | HelmRepository | HelmRelease | FluxKustomization | GitRepository | KustomizeFile | Receiver | PlainObject | RbacObject;
