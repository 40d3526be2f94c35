/**
 * One Falco per variant (chart falco 9.1.0, or the variant's `falcoChart`): its own release, DaemonSet pinned to the variant's node pool,
 * alerts posted to that variant's benchmark server, Kubernetes metadata from the shared k8s-metacollector.
 */
import type { BenchConfig, DriverKind, VariantConfig } from '../config/schema';
import {
  BENCHMARK_HTTP_PORT,
  BENCHMARK_NAMESPACE,
  FALCO_METRICS_PORT,
  FALCO_NAMESPACE,
  FLUX_NAMESPACE,
  METACOLLECTOR_RELEASE_NAME,
  VARIANT_KEY,
  benchmarkServiceName,
  falcoMetricsServiceName,
  falcoReleaseName,
  variantNodeLabels,
  variantToleration,
} from '../contract/naming';
import { helmRelease } from './flux';
import type { RepoFile } from './inputs';
import { metacollectorEndpoint } from './metacollector';
import { falcoChartOf, knobValues, mergeValues } from '../config/falco-knobs';
import { customRulesValues } from './rules';
import type { HelmRelease, Toleration } from './types';
import { FALCO_RULES_REF, K8SMETA_PLUGIN_REF } from '../contract/versions';

/**
 * Time for a Falco release to become ready. The kmod driver loader may have to download or build the module
 * for the node's kernel before Falco starts.
 */
export const FALCO_RELEASE_TIMEOUT = '10m';

/**
 * Bound of Falco's output queue (alerts between the rule engine and the output thread). Falco's default, 0, is
 * unbounded: a slow HTTP path then shows up as memory growth and late alerts, never as a count. Bounded, the
 * overflow is counted by `falcosecurity_falco_outputs_queue_num_drops_total`, which the report attributes per
 * round. 50,000 alerts of about 1 kB hold several seconds of a saturated Falco's matches within its memory limit.
 */
export const FALCO_OUTPUTS_QUEUE_CAPACITY = 50_000;

/** Where a variant's Falco posts its alerts: the HTTP server of that variant's `event-generator bench`. */
export function benchmarkServerUrl(variant: Pick<VariantConfig, 'name'>): string {
  return `http://${benchmarkServiceName(variant)}.${BENCHMARK_NAMESPACE}.svc.cluster.local:${BENCHMARK_HTTP_PORT}/`;
}

/** A variant's Falco Prometheus endpoint, through the Service the chart creates with `metrics.enabled`. */
export function falcoMetricsUrl(variant: Pick<VariantConfig, 'name'>): string {
  return `http://${falcoMetricsServiceName(variant)}.${FALCO_NAMESPACE}.svc.cluster.local:${FALCO_METRICS_PORT}/metrics`;
}

/**
 * The k8smeta plugin, configured by hand because the chart only does it for its bundled (older) collector.
 * `${FALCO_K8S_NODE_NAME}` must reach falco.yaml literally: Falco expands it from the environment variable the
 * chart sets from `spec.nodeName`, so each Falco asks the collector for its own node's metadata only. Nothing
 * on the way substitutes it: Flux Kustomizations have no `postBuild`, and the chart writes `falco` values as
 * YAML (it puts the same literal there itself when it configures the plugin).
 */
export function k8smetaPlugin() {
  const { host, port } = metacollectorEndpoint();
  return {
    name: 'k8smeta',
    library_path: 'libk8smeta.so',
    init_config: {
      collectorHostname: host,
      collectorPort: port,
      nodeName: '${FALCO_K8S_NODE_NAME}',
      verbosity: 'info',
    },
  };
}

/** What differs between the Falcos of the tree; `falcoChartValues` adds what they all share. */
export interface FalcoInstance {
  driver: DriverKind;
  nodeSelector?: Record<string, string>;
  /** Replaces the chart's default list (lists replace in Helm). */
  tolerations: Toleration[];
  affinity?: Record<string, unknown>;
  resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
  podLabels?: Record<string, string>;
  /** Where Falco posts every alert (`http_output`, JSON). */
  alertUrl: string;
  /** More falco.yaml settings, between `json_output` and `http_output`. */
  falco?: Record<string, unknown>;
  /** Chart `customRules`: file name -> rules text, loaded after the stock rules. */
  customRules?: Record<string, string>;
  /** The DaemonSet's `updateStrategy` (chart `controller.daemonset.updateStrategy`); default the chart's. */
  updateStrategy?: Record<string, unknown>;
}

/**
 * The chart values of a Falco of this tree: the stock rules and the k8smeta plugin fed by the shared collector,
 * fixed for the release (no falcoctl follower), JSON alerts posted over HTTP with keep-alive, metrics on.
 */
export function falcoChartValues(instance: FalcoInstance): Record<string, unknown> {
  return {
    driver: { kind: instance.driver },
    ...(instance.nodeSelector ? { nodeSelector: instance.nodeSelector } : {}),
    tolerations: instance.tolerations,
    ...(instance.affinity ? { affinity: instance.affinity } : {}),
    resources: instance.resources,
    ...(instance.podLabels ? { podLabels: instance.podLabels } : {}),
    ...(instance.updateStrategy ? { controller: { daemonset: { updateStrategy: instance.updateStrategy } } } : {}),
    collectors: {
      // Not the bundled 0.1.x collector: the standalone one (metacollector.ts) serves every Falco.
      kubernetes: { enabled: false },
    },
    // Prometheus /metrics on port 8765 (and Service `<release>-metrics`): the drop counters.
    metrics: { enabled: true },
    falcoctl: {
      // No periodic rule updates: a new rules release must not land in the middle of a run.
      artifact: { follow: { enabled: false } },
      config: {
        artifact: {
          allowedTypes: ['rulesfile', 'plugin'],
          install: { refs: [FALCO_RULES_REF, K8SMETA_PLUGIN_REF] },
        },
      },
    },
    ...(instance.customRules && Object.keys(instance.customRules).length > 0 ? { customRules: instance.customRules } : {}),
    falco: {
      json_output: true,
      ...instance.falco,
      http_output: { enabled: true, url: instance.alertUrl, keep_alive: true },
      load_plugins: ['k8smeta'],
      plugins: [k8smetaPlugin()],
    },
  };
}

/**
 * The chart values of one variant's Falco. Everything a benchmark result depends on is here, the text of the
 * repository's rules too when the variant loads them (`customRules`). The variant's knobs (config/falco-knobs.ts)
 * go over the shared values, its `falcoValues` last; the configuration refused any of those that would touch a
 * value set here.
 */
export function falcoValues(variant: VariantConfig, rules: readonly RepoFile[] = []): Record<string, unknown> {
  return mergeValues(mergeValues(sharedVariantValues(variant, rules), knobValues(variant)), variant.falcoValues ?? {});
}

function sharedVariantValues(variant: VariantConfig, rules: readonly RepoFile[]): Record<string, unknown> {
  return falcoChartValues({
    driver: variant.driver,
    // Exactly the variant's node: its label selects it, its taint keeps every other Falco (and pod) away.
    // The chart's default tolerations (control-plane taints) are replaced, not merged: lists replace in Helm.
    nodeSelector: variantNodeLabels(variant),
    tolerations: [variantToleration(variant)],
    resources: {
      requests: { cpu: variant.cpu.request, memory: variant.memory.request },
      limits: { cpu: variant.cpu.limit, memory: variant.memory.limit },
    },
    podLabels: { [VARIANT_KEY]: variant.name },
    alertUrl: benchmarkServerUrl(variant),
    falco: {
      buffered_outputs: variant.bufferedOutputs,
      // The one output thread serves every enabled output: printing each alert to stdout and syslog would cost
      // Falco CPU and log volume inside the measurement. The benchmark counts only what arrives over HTTP.
      stdout_output: { enabled: false },
      syslog_output: { enabled: false },
      outputs_queue: { capacity: FALCO_OUTPUTS_QUEUE_CAPACITY },
    },
    customRules: variant.customRules ? customRulesValues(rules) : undefined,
  });
}

export function falcoRelease(config: Pick<BenchConfig, 'flux'>, variant: VariantConfig, rules: readonly RepoFile[] = []): HelmRelease {
  return helmRelease({
    name: falcoReleaseName(variant),
    namespace: FALCO_NAMESPACE,
    chart: falcoChartOf(variant),
    interval: config.flux.interval,
    timeout: FALCO_RELEASE_TIMEOUT,
    // Its plugin needs the collector; installing it first avoids a start with connection errors.
    dependsOn: [{ name: METACOLLECTOR_RELEASE_NAME, namespace: FLUX_NAMESPACE }],
    values: falcoValues(variant, rules),
  });
}
