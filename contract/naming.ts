/**
 * The naming contract: names, labels, ports and paths shared by the CDKTF app, the GitOps generator, the report
 * and the responder. The node pool label and taint that the app puts on a variant's node are the ones its Falco
 * and benchmark select and tolerate; the responder's port is the one Falcosidekick posts to. Every side imports
 * them from here, so they cannot drift apart.
 */

/** What names a variant's objects: its name (the contract depends on nothing of the configuration's types). */
type Named = { readonly name: string };

/** Label and taint key on each benchmark node; the value is the variant name. */
export const VARIANT_KEY = 'falco-bench/variant';
const VARIANT_TAINT_EFFECT = 'NoSchedule';

/** The system node pool, and its temporary name while a VM size change rotates it: no variant may take them. */
export const SYSTEM_POOL_NAME = 'system';
export const SYSTEM_POOL_ROTATION_NAME = 'systemtmp';

/** Namespace of Falco and the k8s-metacollector. */
export const FALCO_NAMESPACE = 'falco';
/** Namespace of the event-generator benchmark jobs. */
export const BENCHMARK_NAMESPACE = 'falco-bench';
/** Namespace of the Flux controllers and the bootstrap's GitRepository and Kustomization. */
export const FLUX_NAMESPACE = 'flux-system';

/** The node label that pins a variant's pods to its own node pool. */
export function variantNodeLabels(variant: Named): Record<string, string> {
  return { [VARIANT_KEY]: variant.name };
}

/** The taint that keeps every other pod off a variant's node, in Kubernetes form. */
function variantTaint(variant: Named) {
  return { key: VARIANT_KEY, value: variant.name, effect: VARIANT_TAINT_EFFECT } as const;
}

/** The same taint in the `key=value:Effect` form AKS takes. */
export function variantAksTaint(variant: Named): string {
  const t = variantTaint(variant);
  return `${t.key}=${t.value}:${t.effect}`;
}

/** The toleration that lets a pod onto exactly that variant's node. */
export function variantToleration(variant: Named) {
  const t = variantTaint(variant);
  return { key: t.key, operator: 'Equal', value: t.value, effect: t.effect } as const;
}

/** Helm release (and HelmRelease object) names. */
export const falcoReleaseName = (variant: Named) => `falco-${variant.name}`;
export const benchmarkReleaseName = (variant: Named) => `bench-${variant.name}`;

/** The folder the bootstrap's root Kustomization syncs, relative to the repository root. */
export function clusterPath(config: { readonly cluster: Named }): string {
  return `fluxcd/clusters/${config.cluster.name}`;
}

/**
 * Name of the bootstrap's flux2-sync release, and so of the GitRepository and root Kustomization it creates in
 * `flux-system`: the generated Kustomizations take their source from this GitRepository.
 */
export const FLUX_SYNC_NAME = 'flux-system';

/**
 * Labels on every benchmark Job pod (besides the chart's own): the report's `--from-cluster` finds the pods
 * by `BENCHMARK_ROLE_LABEL` and reads the variant from `VARIANT_KEY`.
 */
export const BENCHMARK_ROLE_LABEL = { key: 'falco-bench/role', value: 'benchmark' } as const;
export function benchmarkPodLabels(variant: Named): Record<string, string> {
  return { [BENCHMARK_ROLE_LABEL.key]: BENCHMARK_ROLE_LABEL.value, [VARIANT_KEY]: variant.name };
}

/**
 * Name of the infrastructure stack's sensitive output holding the cluster's kubeconfig (YAML); the report reads
 * it from `cdktf deploy --outputs-file F --outputs-file-include-sensitive-outputs`.
 */
export const KUBECONFIG_OUTPUT = 'kube_config';

/**
 * The `<chart>.fullname` helper that the falcosecurity charts (falco, k8s-metacollector, event-generator) share,
 * without name overrides: the release name alone when it already contains the chart name, otherwise
 * `<release>-<chart>`; cut to 63 characters, then one trailing `-` dropped. Services and workloads are named by it.
 */
export function chartFullname(releaseName: string, chartName: string): string {
  const full = (releaseName.includes(chartName) ? releaseName : `${releaseName}-${chartName}`).slice(0, 63);
  return full.endsWith('-') ? full.slice(0, -1) : full;
}

/** Helm release (and HelmRelease) of the one k8s-metacollector, in `FALCO_NAMESPACE`. */
export const METACOLLECTOR_RELEASE_NAME = 'k8s-metacollector';
/** Its Service, which the k8smeta plugin of every Falco connects to (gRPC broker port 45000). */
export const metacollectorServiceName = () => chartFullname(METACOLLECTOR_RELEASE_NAME, 'k8s-metacollector');

/** Port of Falco's webserver, where `metrics.enabled` exposes Prometheus `/metrics` (drop counters). */
export const FALCO_METRICS_PORT = 8765;
/** Service in `FALCO_NAMESPACE` in front of a variant's Falco metrics endpoint. */
export const falcoMetricsServiceName = (variant: Named) => `${chartFullname(falcoReleaseName(variant), 'falco')}-metrics`;

/**
 * `msg` of the lines the benchmark Job's sampler writes into its log (one scrape of Falco's counters each): the
 * bench script writes them, the report and the simulator read and write them.
 */
export const BENCH_SAMPLE_MESSAGE = 'falco-bench: sample';
/** `msg` of the bench script's line when Falco's /metrics first answered 200, before the generator starts. */
export const BENCH_METRICS_READY_MESSAGE = 'falco-bench: metrics answer';
/**
 * `msg` of the bench script's line before each run of a variant (`benchmark.repeat`):
 * `{"level":"info","msg":"falco-bench: run","run":<k>,"of":<n>}`, k from 1, exactly one per run. A line belongs
 * to the run of the last marker before it; lines before the first marker, and logs without one (older runs),
 * belong to run 1.
 */
export const BENCH_RUN_MESSAGE = 'falco-bench: run';

/** Port of the event-generator's HTTP server that Falco posts its alerts to (and of its Service). */
export const BENCHMARK_HTTP_PORT = 8080;
/** Service in `BENCHMARK_NAMESPACE` that the event-generator chart creates for a variant's benchmark server. */
export const benchmarkServiceName = (variant: Named) => chartFullname(benchmarkReleaseName(variant), 'event-generator');

/** Namespace of Falcosidekick and the responder (the response engine). */
export const RESPONSE_NAMESPACE = 'falco-response';

/**
 * Namespaces the responder never acts on, whatever its policy says: the cluster's own, Flux's, Falco's and the
 * response engine's. Acting there could take down the very components that detect and respond.
 */
export const PROTECTED_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  FLUX_NAMESPACE,
  FALCO_NAMESPACE,
  RESPONSE_NAMESPACE,
];

/** The responder's Deployment, Service and container name in `RESPONSE_NAMESPACE`. */
export const RESPONDER_NAME = 'responder';
/** Port of the responder's HTTP server (container and Service). */
export const RESPONDER_PORT = 8080;
/** The responder container's memory limit (MiB): an overload (the bench's storm) must stay under it. */
export const RESPONDER_MEMORY_LIMIT_MIB = 256;
/**
 * Node's flags for the responder, in the Deployment and in `npm run bench:responder` alike. A 2 MiB young
 * generation (default 16) keeps a burst of 5,000 held connections near 150 MiB instead of 178. The old generation
 * is bounded at three quarters of the container's limit: left to itself, Node sizes the heap from the machine (a
 * 4 GiB limit on a 24 GiB machine; 259 MiB inside a 256 MiB cgroup, above the container's own limit), so V8
 * never felt the budget and a burst ended with tens of MiB of garbage never collected. Measured with the bench
 * (ten burst and concurrent-writer runs each, interleaved): peak RSS 115-142 MiB against 134-152 MiB, for about a
 * tenth more CPU.
 */
export const RESPONDER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', `--max-old-space-size=${(RESPONDER_MEMORY_LIMIT_MIB * 3) / 4}`];
/** Path Falcosidekick's webhook output POSTs alerts to; `/healthz`, `/readyz` and `/metrics` sit beside it. */
export const RESPONDER_ALERT_PATH = '/falco';

/**
 * The apps (tenant) repository: the only repository the responder can write to, applied by Flux under a
 * namespace-scoped identity (`APPS_TENANT_SERVICE_ACCOUNT`). Paths relative to its root. `apps` holds the
 * workloads (seeded with the demo), `responses` the responder's NetworkPolicies, one file per response, applied
 * by a Flux Kustomization with prune, so deleting a file (or `git revert`) undoes its response.
 */
export const APPS_DIR = 'apps';
export const RESPONSES_DIR = 'responses';
/** The apps repository's README (seeded once, like the demo). */
export const APPS_README = 'README.md';

/**
 * Flux objects (in `FLUX_NAMESPACE`) of the apps repository: its GitRepository (and so the Receiver's target),
 * the two Kustomizations `apps` and `responses`, and the ServiceAccount they run as. That ServiceAccount has no
 * right in `FLUX_NAMESPACE`: RoleBindings give it workload rights in the tenant namespaces only.
 */
export const APPS_SOURCE_NAME = 'apps';
export const APPS_TENANT_SERVICE_ACCOUNT = 'apps-reconciler';
/** The ClusterRole (rules only) that RoleBindings in each tenant namespace grant to the tenant ServiceAccount. */
export const APPS_TENANT_ROLE = 'flux-tenant-apps';
/** Flux's SSH Secret for the apps repository (read-only deploy key), in `FLUX_NAMESPACE`; created by Terraform. */
export const APPS_GIT_SECRET = 'apps-repository';
/**
 * ConfigMap in `FLUX_NAMESPACE` (Terraform) holding `APPS_REPOSITORY_VAR` = `owner/name` of the apps repository;
 * the tenants layer substitutes it into the apps GitRepository (`postBuild.substituteFrom`), so the tree is the
 * same for every fork.
 */
export const APPS_REPOSITORY_CONFIGMAP = 'apps-repository';
export const APPS_REPOSITORY_VAR = 'APPS_REPOSITORY';

/**
 * The privileged ServiceAccounts (in `FLUX_NAMESPACE`) that platform objects name under Flux's multi-tenancy
 * lockdown: the flux2 chart binds them to cluster-admin (`multitenancy.privileged: true`). Anything that names
 * no ServiceAccount runs as `<its namespace>/default`, which has no rights.
 */
export const FLUX_KUSTOMIZE_SERVICE_ACCOUNT = 'kustomize-controller';
export const FLUX_HELM_SERVICE_ACCOUNT = 'helm-controller';

/** The shipped response policy, relative to the platform repository root (delivered to the responder in a ConfigMap). */
export const DEFAULT_POLICY_FILE = 'responder/policy.yaml';

/** The repository's own Falco rules, loaded after the stock rules in file-name order. */
export const RULES_DIR = 'rules';

/** The generated response layer: guard Falco, Falcosidekick, the responder and its code. */
export const RESPONSE_LAYER_DIR = 'fluxcd/infrastructure/response';
/**
 * The responder's committed build output: one bundled file, committed once, where kustomize's configMapGenerator
 * reads it (only files inside the kustomization's folder can be read). `npm run build:responder` writes it; the
 * generator refers to it and never writes or removes it.
 */
export const RESPONDER_BUNDLE = `${RESPONSE_LAYER_DIR}/responder.cjs`;

/**
 * The cluster's network, shared by the AKS construct (which sets it) and the generated NetworkPolicies (which
 * exclude its ranges from "the internet"). Azure CNI overlay powered by Cilium: Cilium enforces NetworkPolicy
 * (without a policy engine AKS accepts NetworkPolicies and ignores them). The ranges are AKS's defaults, set
 * explicitly so that they cannot change under the policies.
 */
export const CLUSTER_NETWORK = {
  plugin: 'azure',
  pluginMode: 'overlay',
  dataPlane: 'cilium',
  policy: 'cilium',
  podCidr: '10.244.0.0/16',
  serviceCidr: '10.0.0.0/16',
  dnsServiceIp: '10.0.0.10',
  /** The node subnet of the VNet AKS creates for the cluster (its default address space). */
  nodeCidr: '10.224.0.0/12',
} as const;

/** Ranges never reachable as "the internet" from a workload: the cluster's own, and link-local (instance metadata). */
export const CLUSTER_PRIVATE_RANGES: readonly string[] = [CLUSTER_NETWORK.podCidr, CLUSTER_NETWORK.serviceCidr, CLUSTER_NETWORK.nodeCidr, '169.254.0.0/16'];

/** The guard Falco: one more Falco release, in `FALCO_NAMESPACE`, on every node that is not a benchmark node. */
export const GUARD_FALCO_RELEASE_NAME = 'guard-falco';

/** Falcosidekick's release in `RESPONSE_NAMESPACE`; its Service (chart `fullname`) is named the same. */
export const FALCOSIDEKICK_RELEASE_NAME = 'falcosidekick';
/** Falcosidekick's HTTP port (chart 0.14.0: container port `http` and Service port). */
export const FALCOSIDEKICK_PORT = 2801;

/**
 * Kubernetes Secrets that `npm run deploy` creates (Terraform) and the generated tree refers to; never in Git.
 * Keys: `identity`, `known_hosts` and `remote` (the repository's SSH URL) in the git Secret; `token` in the
 * webhook and receiver token Secrets; `WEBHOOK_CUSTOMHEADERS` (`Authorization:Bearer <token>`) in
 * Falcosidekick's environment Secret.
 */
export const RESPONDER_GIT_SECRET = 'responder-git';
export const RESPONDER_WEBHOOK_SECRET = 'responder-webhook-token';
export const FALCOSIDEKICK_ENV_SECRET = 'falcosidekick-webhook';
/** The Flux Receiver's token: one Secret in `FLUX_NAMESPACE` (the Receiver's) and a copy in `RESPONSE_NAMESPACE`. */
export const RECEIVER_TOKEN_SECRET = 'flux-receiver-token';
/** The Receiver the responder calls after each push; it makes the apps GitRepository fetch at once. */
export const RECEIVER_NAME = APPS_SOURCE_NAME;

/**
 * Falco's alert priorities, most severe first, as Falcosidekick's `minimumpriority` and the responder's policy
 * spell them (Falco itself writes them capitalised in alerts, upper-case in rules files, `INFO` for short).
 */
export const FALCO_PRIORITIES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'] as const;

/**
 * The k8smeta fields the guard Falco appends to every alert (`append_output`) and the responder reads the
 * workload from: one contract between the two, so neither can rename a field alone.
 */
export const ALERT_WORKLOAD_FIELDS = {
  namespace: 'k8smeta.ns.name',
  deployment: 'k8smeta.deployment.name',
  pod: 'k8smeta.pod.name',
} as const;
