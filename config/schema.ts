/**
 * The configuration registry: every setting of `bench.config.yaml`, declared once with its type, default,
 * allowed values or rule, environment variable and one-line doc. The types below (`BenchConfig`, ...), the
 * defaults (`DEFAULT_CONFIG`), the validation (config/load.ts) and the README's reference table
 * (`npm run docs:config`) all come from `CONFIG_REGISTRY`: adding a setting is adding one entry here.
 *
 * Defaults come from the original hand-run AKS benchmark where it had one (westeurope, Standard_D4as_v5, one
 * system node, the `playground-aks-falco` resource group and `aks-falco` cluster, six CPU/driver/buffering
 * variants with 1Gi).
 */
import { BENCHMARK_NAMESPACE, DEFAULT_POLICY_FILE, FALCO_PRIORITIES, PROTECTED_NAMESPACES, SYSTEM_POOL_NAME, SYSTEM_POOL_ROTATION_NAME } from '../contract/naming';
import { goDurationSeconds } from './duration';
import { CPU_QUANTITY, MEMORY_QUANTITY, cpuCores, memoryBytes } from './quantity';
import { CHART_DEFAULT_BUF_SIZE_PRESET, CHART_DEFAULT_CPUS_FOR_EACH_BUFFER, SYSCALL_NAME, falcoValuesProblems, knobsMissingInChart } from './falco-knobs';
import { CHARTS, FALCO_CHARTS, FALCO_CHART_VERSIONS } from '../contract/versions';
import { bool, defaultsOf, int, list, notAllowed, oneOf, optional, section, stringMap, strings, text, tree, unset, type Rule, type RuleContext, type ValueOf } from './registry';
import { allocatable, bufferPresetBytes, formatMi, kernelBuffers, parseVmSize } from './vm';

/** AKS node pool names (Linux): lowercase alphanumerics, starting with a letter, at most 12 characters. */
export const NODE_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
/** Go duration, as event-generator flags take it. */
export const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** The durations Flux's CRDs accept (their `interval` pattern): no units below a millisecond. */
export const FLUX_DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const AZURE_RG_NAME = /^[-\w._()]{1,90}$/;
const VM_SIZE = /^Standard_[A-Za-z0-9_-]+$/;
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** An IPv4 range in CIDR form (`203.0.113.7/32`). */
export const IPV4_CIDR = new RegExp(`^${OCTET}(\\.${OCTET}){3}/([0-9]|[12]\\d|3[0-2])$`);

/** Most runs per variant: each adds `maxDuration` and a rest to every benchmark Job. */
export const MAX_REPEAT = 10;

/** Falco driver. The legacy eBPF probe is gone in Falco 0.44: `modern_ebpf` replaces it. */
export const DRIVER_KINDS = ['kmod', 'modern_ebpf'] as const;
/** `existing`: adopt a repository that exists (your fork). `create`: the app creates a new repository. */
export const REPOSITORY_MODES = ['existing', 'create'] as const;
export const REPOSITORY_VISIBILITIES = ['private', 'public'] as const;
export const STATE_BACKENDS = ['local', 'azurerm'] as const;

const goDuration = (doc: string, def: string, rule?: Rule<string>) =>
  text({ doc, default: def, pattern: GO_DURATION, expect: 'a Go duration such as 5s, 100ms or 5m', rule });
const vmSize = (doc: string) => text({ doc, default: 'Standard_D4as_v5', pattern: VM_SIZE, expect: 'an Azure VM size such as Standard_D4as_v5' });

/**
 * A variant's Falco request must fit on its node next to what AKS keeps (config/vm.ts): otherwise the pod stays
 * Pending and the benchmark never runs. Nothing else of ours requests resources there (the benchmark Job has no
 * requests; the collector and the guard Falco stay off benchmark nodes).
 */
function fitsNode(what: 'CPU' | 'memory', request: string, size: string): string | undefined {
  const node = allocatable(size);
  if (!node) return undefined;
  const [asked, offered] = what === 'CPU' ? [cpuCores(request) * 1000, node.cpuMilli] : [memoryBytes(request), node.memoryBytes];
  if (offered === undefined || asked <= offered) return undefined;
  const shown = what === 'CPU' ? `${offered}m` : formatMi(offered);
  return `${JSON.stringify(request)} does not fit a ${size} node (cluster.benchmarkVmSize): at most ${shown} is allocatable there (${node.why}); Falco would stay Pending. Lower the request or choose a larger VM size`;
}

/** A Kubernetes request/limit pair of quantities; YAML numbers are taken as quantities (`1` -> `"1"`). */
function resourcePair(what: 'CPU' | 'memory', pattern: RegExp, measure: (q: string) => number, example: string) {
  const expect = `a ${what} quantity such as ${example} (greater than zero)`;
  const positive = (q: string) => (measure(q) > 0 ? undefined : notAllowed(q, `expected ${expect}`));
  return section({
    request: text({
      doc: `Falco ${what} request: what the scheduler reserves; must fit a \`cluster.benchmarkVmSize\` node (see above)`,
      pattern,
      expect,
      numbers: true,
      rule: (q, { parent, root }) =>
        positive(q) ??
        (measure(q) > measure(parent.limit) ? `${JSON.stringify(q)} is more than the limit ${JSON.stringify(parent.limit)}; the request must not exceed the limit` : undefined) ??
        fitsNode(what, q, root.cluster.benchmarkVmSize),
    }),
    limit: text({ doc: `Falco ${what} limit: above it Falco is ${what === 'CPU' ? 'throttled' : 'OOM-killed'}`, pattern, expect, numbers: true, rule: positive }),
  });
}

/** The problems of a variant knob the variant's chart does not have (`field` names the knob in the message). */
function inChart(field: string): Rule<unknown> {
  return (_value, { parent }) =>
    knobsMissingInChart(parent)
      .filter((m) => m.field === field || m.field.startsWith(`${field}.`))
      .map((m) => m.problem)
      .join('; ') || undefined;
}

/**
 * Modern eBPF's ring buffers are charged to Falco's memory cgroup (config/vm.ts): buffers as large as the
 * memory limit leave Falco nothing, it fails to start or is OOM-killed. The kmod buffers live outside it.
 */
function buffersFit(
  variant: { driver: string; bufferSizePreset?: number; cpusForEachBuffer?: number; memory: { limit: string } },
  root: RuleContext['root'],
): string | undefined {
  const vcpus = parseVmSize(root.cluster.benchmarkVmSize)?.vcpus;
  if (variant.driver !== 'modern_ebpf' || vcpus === undefined) return undefined;
  const preset = variant.bufferSizePreset ?? CHART_DEFAULT_BUF_SIZE_PRESET;
  const { buffers, bytes } = kernelBuffers('modern_ebpf', preset, variant.cpusForEachBuffer ?? CHART_DEFAULT_CPUS_FOR_EACH_BUFFER, vcpus);
  if (bytes < memoryBytes(variant.memory.limit)) return undefined;
  return `${buffers} ring buffer(s) of ${formatMi(bufferPresetBytes(preset))} on a ${vcpus}-CPU ${root.cluster.benchmarkVmSize} node take ${formatMi(bytes)}, at least Falco's memory limit ${JSON.stringify(variant.memory.limit)}: modern eBPF's buffers are charged to Falco's memory cgroup. Lower the preset, raise cpusForEachBuffer or the memory limit`;
}

const pinned = CHARTS.falco.version;
const chartList = () => FALCO_CHART_VERSIONS.map((v) => `${v} (Falco ${FALCO_CHARTS[v].falco}${v === pinned ? ', the pinned default' : ''})`).join(', ');

/**
 * One benchmark variant: one Falco configuration on one dedicated node. The first fields are required; the
 * knobs after `customRules` are optional, unset meaning the chart's default (the README's "Variant knobs").
 */
const VARIANT = section({
  name: text({
    doc: 'unique; also the AKS node pool name, node label and taint value, and part of the release names',
    pattern: NODE_POOL_NAME,
    expect: 'a variant name is its AKS node pool name: 1-12 lowercase letters and digits, starting with a letter',
    rule: (name) =>
      name === SYSTEM_POOL_NAME || name === SYSTEM_POOL_ROTATION_NAME
        ? notAllowed(name, `${SYSTEM_POOL_NAME} and ${SYSTEM_POOL_ROTATION_NAME} are the system node pool's names`)
        : undefined,
  }),
  driver: oneOf(DRIVER_KINDS, { doc: 'Falco driver: `kmod` (kernel module) or `modern_ebpf` (CO-RE eBPF)' }),
  bufferedOutputs: bool({ doc: 'Falco `buffered_outputs`: buffer alert output instead of flushing each alert' }),
  cpu: resourcePair('CPU', CPU_QUANTITY, cpuCores, '1, 1.5 or 500m'),
  memory: resourcePair('memory', MEMORY_QUANTITY, memoryBytes, '1Gi or 512Mi'),
  customRules: bool({
    doc: "also load the repository's `rules/` (off: published numbers measure the stock rules; on: the run hash covers the rules' text)",
    default: false,
  }),
  bufferSizePreset: unset(
    int({
      doc: "kernel ring buffer size of the variant's driver (chart `driver.kmod.bufSizePreset` or `driver.modernEbpf.bufSizePreset`): 1 = 1 MiB per buffer, doubling to 10 = 512 MiB; unset: 4 (8 MiB). kmod has one buffer per CPU, modern eBPF one per `cpusForEachBuffer` CPUs",
      min: 1,
      max: 10,
      rule: (preset, ctx) => inChart('bufferSizePreset')(preset, ctx) ?? buffersFit(ctx.parent, ctx.root),
    }),
  ),
  cpusForEachBuffer: unset(
    int({
      doc: 'modern eBPF only (chart `driver.modernEbpf.cpusForEachBuffer`): CPUs sharing one ring buffer, at most the node\'s; 0 = one buffer for all CPUs; unset: 2',
      min: 0,
      rule: (n, ctx) => {
        const { parent, root } = ctx;
        if (parent.driver !== 'modern_ebpf') return notAllowed(n, `cpusForEachBuffer applies to driver modern_ebpf only; the kernel module (driver ${JSON.stringify(parent.driver)}) has one buffer per CPU`);
        const vcpus = parseVmSize(root.cluster.benchmarkVmSize)?.vcpus;
        if (vcpus !== undefined && n > vcpus) return notAllowed(n, `a ${root.cluster.benchmarkVmSize} node has ${vcpus} CPUs; expected 0 (one buffer for all) to ${vcpus}`);
        return inChart('cpusForEachBuffer')(n, ctx) ?? (parent.bufferSizePreset === undefined ? buffersFit(parent, root) : undefined);
      },
    }),
  ),
  dropFailedExit: unset(
    bool({
      doc: "the driver drops failed syscalls' exit events before they reach Falco (chart `driver.<kmod|modernEbpf>.dropFailedExit`); unset: false",
      rule: inChart('dropFailedExit'),
    }),
  ),
  baseSyscalls: optional(
    section({
      customSet: strings({
        doc: 'Falco `base_syscalls.custom_set`: syscalls traced besides those of the loaded rules; `!name` leaves one out',
        default: [],
        pattern: SYSCALL_NAME,
        expect: 'a syscall name such as mprotect, or !mprotect to leave it out (lowercase letters, digits, _)',
      }),
      repair: bool({ doc: 'Falco `base_syscalls.repair`: add the fewest syscalls its state engine needs', default: false }),
    }),
    { doc: "Falco `base_syscalls` (what the driver traces beyond the rules' syscalls); unset: Falco's own state set", rule: (v, ctx) => (v === undefined ? undefined : inChart('baseSyscalls')(v, ctx)) },
  ),
  falcoChart: unset(
    text({
      doc: `Falco chart version of this variant, its Falco image pinned exactly; unset: the pinned ${pinned}`,
      expect: `one of ${FALCO_CHART_VERSIONS.join(', ')}`,
      rule: (version) => (FALCO_CHARTS[version] ? undefined : notAllowed(version, `the Falco charts this project renders and checks are ${chartList()}`)),
    }),
  ),
  falcoValues: unset(
    tree({
      doc: "more Falco chart values (a values tree, merged last) for what the knobs miss; each key must be one of the variant's chart, and none the project or a knob sets",
      rule: (values, { parent }) => {
        if (parent.falcoChart !== undefined && !FALCO_CHARTS[parent.falcoChart]) return undefined; // reported at falcoChart
        return falcoValuesProblems(values, parent.falcoChart ?? pinned).join('; ') || undefined;
      },
    }),
  ),
});

export type VariantConfig = ValueOf<typeof VARIANT>;
export type DriverKind = VariantConfig['driver'];
export type ResourcePair = VariantConfig['cpu'];

const variant = (name: string, driver: DriverKind, cpu: string, bufferedOutputs: boolean): VariantConfig => ({
  name,
  driver,
  bufferedOutputs,
  cpu: { request: cpu, limit: cpu },
  memory: { request: '1Gi', limit: '1Gi' },
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

export const CONFIG_REGISTRY = section({
  azure: section({
    subscriptionId: text({
      doc: 'subscription to deploy into',
      default: '',
      env: 'ARM_SUBSCRIPTION_ID',
      pattern: /^$|^[0-9a-fA-F-]{36}$/,
      expect: 'a subscription GUID or empty (then ARM_SUBSCRIPTION_ID)',
    }),
    location: text({ doc: 'Azure region', default: 'westeurope', pattern: /^[a-z0-9]+$/, expect: 'an Azure region name such as westeurope' }),
    resourceGroupName: text({
      doc: 'resource group for everything the app creates',
      default: 'playground-aks-falco',
      pattern: AZURE_RG_NAME,
      expect: '1-90 letters, digits, -, _, ., ( or )',
    }),
    tags: stringMap({ doc: 'extra tags on every Azure resource (besides `project`, `managed-by`, `cluster`)', default: {} }),
  }),
  cluster: section({
    name: text({
      doc: 'AKS cluster name and DNS prefix; the GitOps folder is `fluxcd/clusters/<name>/`',
      default: 'aks-falco',
      pattern: DNS_LABEL,
      expect: 'a DNS label: lowercase letters, digits and -, at most 63',
    }),
    kubernetesVersion: text({
      doc: 'pinned Kubernetes version (control plane and all pools; no automatic upgrades while benchmarking)',
      default: '1.35',
      pattern: /^\d+\.\d+(\.\d+)?$/,
      expect: 'MAJOR.MINOR or MAJOR.MINOR.PATCH',
    }),
    osSku: text({
      doc: 'pinned node OS image (`Ubuntu2404`: kernel 6.8; `Ubuntu2204`, `AzureLinux` also work)',
      default: 'Ubuntu2404',
      pattern: /^[A-Za-z0-9]+$/,
      expect: 'an AKS os_sku such as Ubuntu2404 or AzureLinux',
    }),
    systemVmSize: vmSize('VM size of the system pool (Flux, k8s-metacollector)'),
    systemNodeCount: int({ doc: 'nodes in the system pool', default: 1, min: 1 }),
    benchmarkVmSize: vmSize('VM size of every benchmark node (non-burstable, so that runs compare)'),
    apiServerAuthorizedIpRanges: unset(
      strings({
        doc: 'CIDR ranges that may reach the Kubernetes API server (your address as `x.x.x.x/32`); unset: Terraform refuses to plan the cluster until it is set; `[]` or a `/0` range such as `0.0.0.0/0`: open to the internet (warned by preflight and at every synth)',
        pattern: IPV4_CIDR,
        expect: 'an IPv4 address range in CIDR form, such as 203.0.113.7/32',
      }),
    ),
    entraIdRbac: bool({
      doc: 'Entra ID authentication with Azure RBAC, local accounts (admin certificate) disabled; the deploying identity becomes cluster admin, and the Flux stack and kubectl need `kubelogin`',
      default: false,
    }),
  }),
  github: section({
    owner: text({
      doc: 'user or organisation owning the repository',
      default: '',
      env: 'GITHUB_OWNER',
      pattern: /^$|^[A-Za-z0-9](-?[A-Za-z0-9]){0,38}$/,
      expect: 'a GitHub user or organisation name',
    }),
    repository: text({
      doc: 'repository name',
      default: 'falco-aks-gitops-bench',
      env: {
        name: 'GITHUB_REPOSITORY',
        split: (value: string): Record<string, string> | string => {
          const parts = value.split('/');
          if (parts.length > 2 || parts.some((p) => p === '')) return 'is not "owner/name" or "name"';
          return parts.length === 2 ? { owner: parts[0], repository: parts[1] } : { repository: parts[0] };
        },
      },
      pattern: /^[A-Za-z0-9_.-]{1,100}$/,
      expect: 'a GitHub repository name (letters, digits, -, _, .)',
    }),
    mode: oneOf(REPOSITORY_MODES, {
      doc: '`existing`: adopt your fork; `create`: create it (archived, not deleted, on destroy)',
      default: 'existing',
    }),
    visibility: oneOf(REPOSITORY_VISIBILITIES, { doc: 'visibility of a created repository (ignored for `existing`)', default: 'private' }),
    branch: text({
      doc: 'branch Flux follows',
      default: 'main',
      pattern: /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+$/,
      expect: 'a git branch name',
    }),
  }),
  flux: section({
    interval: text({
      doc: 'how often Flux fetches the repository and re-applies the tree',
      default: '1m',
      pattern: FLUX_DURATION,
      expect: 'a duration in ms, s, m or h, such as 1m or 30s',
    }),
  }),
  state: section({
    backend: oneOf(STATE_BACKENDS, { doc: '`local` (state files in the project folder) or `azurerm` (Azure Storage, for teams)', default: 'local' }),
    localDirectory: text({
      doc: 'folder of the local state files, relative to the project root',
      default: '.',
      expect: 'a relative path',
      rule: (dir) => (dir.startsWith('/') ? notAllowed(dir, 'expected a path relative to the project root') : undefined),
    }),
    azurerm: optional(
      section({
        resourceGroupName: text({ doc: 'resource group of the storage account', pattern: AZURE_RG_NAME, expect: 'the resource group of the storage account' }),
        storageAccountName: text({ doc: 'storage account (must exist)', pattern: /^[a-z0-9]{3,24}$/, expect: '3-24 lowercase letters and digits' }),
        containerName: text({ doc: 'blob container', default: 'tfstate', pattern: /^[a-z0-9](-?[a-z0-9]){2,62}$/, expect: 'a blob container name' }),
        keyPrefix: text({ doc: "prefix of each stack's state blob: `<keyPrefix><stack>.tfstate`", default: 'falco-bench/' }),
      }),
      {
        doc: 'the Azure Storage state backend; required when `state.backend` is `azurerm`',
        rule: (value, { root }) => (root.state.backend === 'azurerm' && value === undefined ? 'required when state.backend is "azurerm"' : undefined),
      },
    ),
  }),
  benchmark: section({
    actions: text({
      doc: 'event-generator actions to run (a regular expression); their Falco rules must be loaded',
      default: '^syscall\\.ReadSensitiveFileUntrusted$',
      expect: 'a non-empty regular expression',
      rule: (re) => {
        if (re === '') return notAllowed(re, 'expected a non-empty regular expression');
        try {
          new RegExp(re);
          return undefined;
        } catch {
          return notAllowed(re, 'expected a regular expression');
        }
      },
    }),
    roundDuration: goDuration('length of one round (then it rests as long)', '5s'),
    initialSleep: goDuration('sleep between actions in round 1; it halves after each clean round', '100ms'),
    maxDuration: goDuration('bound on one run (the last round may be cut short; 5m is about 30 rounds)', '5m', (max, { root }) =>
      goDurationSeconds(max) < 2 * goDurationSeconds(root.benchmark.roundDuration)
        ? notAllowed(max, `expected at least two rounds (2 x ${root.benchmark.roundDuration}: a round and its rest)`)
        : undefined,
    ),
    repeat: int({
      doc: "runs per variant, one after another on the variant's node, so that the report can tell a difference from run-to-run spread",
      default: 3,
      min: 1,
      max: MAX_REPEAT,
    }),
    restBetweenRuns: goDuration("pause between two runs of a variant: the kernel buffer and Falco's output queue drain, the node settles", '1m'),
    variants: list(VARIANT, {
      doc: 'the variants: one node pool, one Falco and one benchmark each',
      default: DEFAULT_VARIANTS.map((v) => structuredClone(v)),
      defaultDoc: 'six, below',
      key: 'name',
      noun: 'variant',
      minItems: 1,
    }),
  }),
  response: section({
    enabled: bool({ doc: 'deploy the response engine (guard Falco, Falcosidekick, responder, Receiver); `false`: no response object in the tree, no response credential in Terraform', default: true }),
    dryRun: bool({ doc: 'the responder logs the commit it would make and pushes nothing', default: false }),
    minimumPriority: oneOf(FALCO_PRIORITIES, { doc: "alerts below this priority never reach the responder (Falcosidekick's webhook `minimumpriority`)", default: 'notice' }),
    policyFile: text({
      doc: 'the response policy, relative to the repository root; `npm run gitops` delivers it to the responder in a ConfigMap (a policy change is a commit to this repository, which the responder cannot write)',
      default: DEFAULT_POLICY_FILE,
      expect: 'a .yaml file path relative to the repository root, inside it',
      rule: (file) =>
        file.startsWith('/') || file.split('/').includes('..') || !/\.ya?ml$/.test(file)
          ? notAllowed(file, 'expected a .yaml file path relative to the repository root, inside it')
          : undefined,
    }),
    apps: section({
      repository: text({
        doc: "the apps (tenant) repository, owned by `github.owner`: the only one the responder's write key is on; Flux applies it under a namespace-scoped identity",
        default: 'falco-aks-apps',
        pattern: /^[A-Za-z0-9_.-]{1,100}$/,
        expect: 'a GitHub repository name (letters, digits, -, _, .)',
      }),
      mode: oneOf(REPOSITORY_MODES, {
        doc: '`create`: create it and seed it once (demo, README; never overwritten); `existing`: adopt it, never written by Terraform',
        default: 'create',
      }),
      visibility: oneOf(REPOSITORY_VISIBILITIES, { doc: 'visibility of a created apps repository (ignored for `existing`)', default: 'private' }),
      branch: text({
        doc: 'branch of the apps repository that Flux follows and the responder pushes to',
        default: 'main',
        pattern: /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+$/,
        expect: 'a git branch name',
      }),
      namespaces: strings({
        doc: 'tenant namespaces: created by the platform; the only ones the apps repository may write to (the demo is in `demo`)',
        default: ['demo'],
        pattern: DNS_LABEL,
        expect: 'a DNS label: lowercase letters, digits and -, at most 63',
        rule: (namespaces) => {
          if (namespaces.length === 0) return 'expected at least one tenant namespace';
          const reserved = namespaces.find((n) => PROTECTED_NAMESPACES.includes(n) || n === BENCHMARK_NAMESPACE || n === 'default' || n.startsWith('kube-'));
          if (reserved) return notAllowed(reserved, 'a tenant namespace cannot be the cluster\'s, Flux\'s, Falco\'s, the response engine\'s, the benchmark\'s or `default`');
          return new Set(namespaces).size === namespaces.length ? undefined : 'each tenant namespace must be listed once';
        },
      }),
    }),
  }),
});

/** The whole configuration, as the CDKTF app and the GitOps generator take it. */
export type BenchConfig = ValueOf<typeof CONFIG_REGISTRY>;
export type AzureConfig = BenchConfig['azure'];
export type ClusterConfig = BenchConfig['cluster'];
export type GitHubConfig = BenchConfig['github'];
export type FluxConfig = BenchConfig['flux'];
export type StateConfig = BenchConfig['state'];
export type AzurermStateConfig = NonNullable<StateConfig['azurerm']>;
export type BenchmarkConfig = BenchConfig['benchmark'];
export type RepositoryMode = GitHubConfig['mode'];
export type RepositoryVisibility = GitHubConfig['visibility'];
export type StateBackendKind = StateConfig['backend'];
export type ResponseConfig = BenchConfig['response'];
export type AlertPriority = ResponseConfig['minimumPriority'];
export type AppsRepositoryConfig = ResponseConfig['apps'];

/** What every setting left out of the file takes (a fresh copy: `defaultsOf(CONFIG_REGISTRY)`). */
export const DEFAULT_CONFIG: BenchConfig = defaultsOf(CONFIG_REGISTRY);

/** Recursively optional: the shape of the file users write. */
export type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
