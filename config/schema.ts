/**
 * The typed configuration of the whole product. One file (`bench.config.yaml`) is read into these types; the
 * CDKTF app and the GitOps generator both take a `BenchConfig`, so a variant exists in exactly one place.
 *
 * Every field is optional in the file; `DEFAULT_CONFIG` supplies what is left out. Defaults come from the
 * original hand-run AKS benchmark where it had one (westeurope, Standard_D4as_v5, one system node, the
 * `playground-aks-falco` resource group and `aks-falco` cluster, six CPU/driver/buffering variants with 1Gi).
 */
import { DEFAULT_POLICY_FILE } from '../contract/naming';

/** Falco driver. The legacy eBPF probe is gone in Falco 0.44: `modern_ebpf` replaces it. */
export const DRIVER_KINDS = ['kmod', 'modern_ebpf'] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];

export const REPOSITORY_MODES = ['existing', 'create'] as const;
/** `existing`: adopt a repository that exists (your fork). `create`: the app creates a new repository. */
export type RepositoryMode = (typeof REPOSITORY_MODES)[number];

export const REPOSITORY_VISIBILITIES = ['private', 'public'] as const;
export type RepositoryVisibility = (typeof REPOSITORY_VISIBILITIES)[number];

export const STATE_BACKENDS = ['local', 'azurerm'] as const;

/** Falco priorities, most severe first (Falcosidekick's `minimumpriority` takes the same names). */
export const ALERT_PRIORITIES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'] as const;
export type AlertPriority = (typeof ALERT_PRIORITIES)[number];
export type StateBackendKind = (typeof STATE_BACKENDS)[number];

/** A Kubernetes request/limit pair, as quantities (`"500m"`, `"2"`, `"1Gi"`). */
export interface ResourcePair {
  /** What the scheduler reserves. */
  request: string;
  /** The hard cap; Falco is throttled (CPU) or OOM-killed (memory) above it. */
  limit: string;
}

/** One benchmark variant: one Falco configuration on one dedicated node. */
export interface VariantConfig {
  /**
   * Unique name; also the AKS node pool name, so: 1-12 characters, lowercase letters and digits, starting with
   * a letter. It labels and taints the variant's node and names its Falco and benchmark releases.
   */
  name: string;
  /** Falco container CPU request and limit. */
  cpu: ResourcePair;
  /** Falco container memory request and limit. */
  memory: ResourcePair;
  /** Falco driver: `kmod` (kernel module) or `modern_ebpf` (CO-RE eBPF). */
  driver: DriverKind;
  /** Falco `buffered_outputs`: buffer alert output instead of flushing each alert. */
  bufferedOutputs: boolean;
  /**
   * Load the repository's own rules (`rules/`) after the stock rules. Default off, so that published numbers
   * measure the stock rules; when on, the run hash covers the rules' content (a rules change reruns it).
   */
  customRules: boolean;
}

export interface AzureConfig {
  /** Subscription to deploy into. Empty: taken from `ARM_SUBSCRIPTION_ID` (the environment always wins). */
  subscriptionId: string;
  /** Azure region. */
  location: string;
  /** Resource group holding everything the app creates. */
  resourceGroupName: string;
  /** Tags put on every Azure resource (merged over the app's own `project` and `managed-by` tags). */
  tags: Record<string, string>;
}

export interface ClusterConfig {
  /** AKS cluster name; also the GitOps folder `fluxcd/clusters/<name>/`. */
  name: string;
  /** Kubernetes version, pinned (no automatic upgrades while benchmarking). */
  kubernetesVersion: string;
  /** Node OS image, pinned for every node pool (e.g. `Ubuntu2204`, `Ubuntu2404`, `AzureLinux`). */
  osSku: string;
  /** VM size of the system node pool (Flux, k8s-metacollector). */
  systemVmSize: string;
  /** Node count of the system node pool. */
  systemNodeCount: number;
  /** VM size of every benchmark node pool: use a non-burstable size so that runs compare. */
  benchmarkVmSize: string;
  /**
   * CIDRs allowed to reach the Kubernetes API server (your address as `x.x.x.x/32`). Unset (the default): synth
   * works, but Terraform refuses to plan the cluster until it is set. `[]` is the explicit opt-out: the API
   * server is open to the internet (warned about at every synth).
   */
  apiServerAuthorizedIpRanges?: string[];
  /**
   * Entra ID authentication with Azure RBAC, local accounts (the admin client certificate) disabled. The
   * deploying identity is made cluster admin through Azure RBAC; the Flux stack's helm provider and kubectl then
   * need `kubelogin`.
   */
  entraIdRbac: boolean;
}

export interface GitHubConfig {
  /** Owner (user or organisation). Empty: `GITHUB_OWNER` (the environment always wins). */
  owner: string;
  /** Repository name (`GITHUB_REPOSITORY`, as `owner/name` or `name`, overrides it). */
  repository: string;
  /** `existing` to adopt your fork, `create` to have the app create the repository. */
  mode: RepositoryMode;
  /** Visibility of a repository the app creates (ignored for `existing`). */
  visibility: RepositoryVisibility;
  /** Branch that Flux follows. */
  branch: string;
}

export interface FluxConfig {
  /** How often Flux polls the repository and re-applies the tree (Go duration). */
  interval: string;
}

export interface AzurermStateConfig {
  resourceGroupName: string;
  storageAccountName: string;
  containerName: string;
  /** Prefix of each stack's state blob: `<keyPrefix><stack>.tfstate`. */
  keyPrefix: string;
}

export interface StateConfig {
  /** `local` (state files in the project folder, the default) or `azurerm` (Azure Storage, for teams). */
  backend: StateBackendKind;
  /** Folder of the local state files, relative to the project root. */
  localDirectory: string;
  /** Required when `backend` is `azurerm`. */
  azurerm?: AzurermStateConfig;
}

export interface BenchmarkConfig {
  /** event-generator actions to run (a regular expression). Their Falco rules must be loaded. */
  actions: string;
  /** Length of one round (Go duration); each round rests as long again. */
  roundDuration: string;
  /** Sleep between actions in the first round; it halves after each clean round. */
  initialSleep: string;
  /** Bound on a whole run (Go duration); the last round may be cut short. */
  maxDuration: string;
  /** The variants: one node pool, one Falco and one benchmark each. */
  variants: VariantConfig[];
}

/** The response engine on the cluster: guard Falco -> Falcosidekick -> responder -> Git -> Flux. */
export interface ResponseConfig {
  /** Deploy it. `false`: no response object in the GitOps tree and no response credential in Terraform. */
  enabled: boolean;
  /** The responder logs the commit it would make and pushes nothing. */
  dryRun: boolean;
  /** Alerts below this priority never reach the responder (Falcosidekick's webhook `minimumpriority`). */
  minimumPriority: AlertPriority;
  /** The response policy, relative to the repository root (the responder reads it from its checkout). */
  policyFile: string;
}

export interface BenchConfig {
  azure: AzureConfig;
  cluster: ClusterConfig;
  github: GitHubConfig;
  flux: FluxConfig;
  state: StateConfig;
  benchmark: BenchmarkConfig;
  response: ResponseConfig;
}

/** Recursively optional: the shape of the file users write. */
export type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

const variant = (name: string, driver: DriverKind, cpu: string, bufferedOutputs: boolean): VariantConfig => ({
  name,
  cpu: { request: cpu, limit: cpu },
  memory: { request: '1Gi', limit: '1Gi' },
  driver,
  bufferedOutputs,
  customRules: false,
});

/** The original benchmark's six configurations, on today's Falco (legacy eBPF becomes `modern_ebpf`). */
export const DEFAULT_VARIANTS: readonly VariantConfig[] = [
  variant('kmod1cpu', 'kmod', '1', false),
  variant('kmod2cpu', 'kmod', '2', false),
  variant('ebpf1cpu', 'modern_ebpf', '1', false),
  variant('ebpf2cpu', 'modern_ebpf', '2', false),
  variant('ebpfbuf1cpu', 'modern_ebpf', '1', true),
  variant('ebpfbuf2cpu', 'modern_ebpf', '2', true),
];

export const DEFAULT_CONFIG: BenchConfig = {
  azure: {
    subscriptionId: '',
    location: 'westeurope',
    resourceGroupName: 'playground-aks-falco',
    tags: {},
  },
  cluster: {
    name: 'aks-falco',
    kubernetesVersion: '1.35',
    osSku: 'Ubuntu2404',
    systemVmSize: 'Standard_D4as_v5',
    systemNodeCount: 1,
    benchmarkVmSize: 'Standard_D4as_v5',
    entraIdRbac: false,
  },
  github: {
    owner: '',
    repository: 'falco-aks-gitops-bench',
    mode: 'existing',
    visibility: 'private',
    branch: 'main',
  },
  flux: { interval: '1m' },
  // `notice`: the stock rule `Terminal shell in container` (the default policy's scale-to-zero) is NOTICE.
  response: { enabled: true, dryRun: false, minimumPriority: 'notice', policyFile: DEFAULT_POLICY_FILE },
  state: { backend: 'local', localDirectory: '.' },
  benchmark: {
    actions: '^syscall\\.ReadSensitiveFileUntrusted$',
    roundDuration: '5s',
    initialSleep: '100ms',
    maxDuration: '5m',
    variants: DEFAULT_VARIANTS.map((v) => structuredClone(v)),
  },
};
