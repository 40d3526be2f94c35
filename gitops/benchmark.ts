/**
 * One benchmark per variant: the official event-generator chart (0.4.0) turned into `event-generator bench` by
 * the HelmRelease's post-renderer.
 *
 * Chart facts this relies on (templates at tag event-generator-0.4.0): with `config.loop: false` it renders a Job
 * (`backoffLimit: 1`, one container whose `command` starts with `/bin/event-generator`); the Service for the
 * HTTP server only with `config.command: test`; both are named by the chart's `fullname` helper, i.e.
 * `bench-<variant>-event-generator`, and the Service selects the pod by the chart's selector labels.
 *
 * Least privilege: the chart's ServiceAccount, ClusterRole and RoleBinding are deleted by the post-renderer
 * (`unusedRbacPatches`); the Job runs as `default` without a token.
 *
 * Re-runs: a Job's pod template is immutable, so a new run needs a new Job. The post-renderer names the Job
 * `bench-<variant>-<hash>`, where the hash covers everything the run depends on (the variant, the benchmark
 * settings, the node's VM size, OS image and Kubernetes version, the pinned versions, the variant's Falco
 * values, the bench command). The hash also goes into the
 * pod annotations (chart values). When it changes, the HelmRelease spec changes (values and post-renderers,
 * both of which helm-controller compares with the last release), so helm-controller upgrades the release:
 * Helm deletes the old Job, which is no longer in the manifest, and creates the new one. A variant whose
 * inputs did not change keeps a byte-identical HelmRelease and is not upgraded, so it does not run again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { findAbove } from '../cli/files';
import { goDurationSeconds } from '../config/duration';
import type { BenchConfig, BenchmarkConfig, VariantConfig } from '../config/schema';
import {
  BENCH_METRICS_READY_MESSAGE,
  BENCH_RUN_MESSAGE,
  BENCH_SAMPLE_MESSAGE,
  BENCHMARK_HTTP_PORT,
  BENCHMARK_NAMESPACE,
  CLUSTER_NETWORK,
  FLUX_NAMESPACE,
  benchmarkPodLabels,
  benchmarkReleaseName,
  chartFullname,
  falcoReleaseName,
  variantNodeLabels,
  variantToleration,
} from '../contract/naming';
import { falcoMetricsUrl, falcoValues } from './falco';
import { falcoChartOf } from '../config/falco-knobs';
import { helmRelease } from './flux';
import type { RepoFile } from './inputs';
import type { HelmRelease, JsonPatchOperation, KustomizePatch, PatchTarget } from './types';
import { CHARTS, EVENT_GENERATOR_IMAGE_TAG, FALCO_RULES_REF, K8SMETA_PLUGIN_REF } from '../contract/versions';
import { toYaml } from './yaml';

/** Pod annotation holding the run hash (also readable by `kubectl get pods -o yaml`). */
export const RUN_ANNOTATION = 'falco-bench/run';

/** How long the bench container looks for Falco's process before giving up: tries x seconds. */
const FALCO_PID_TRIES = 60;
const FALCO_PID_INTERVAL_SECONDS = 5;
/**
 * How long the script then waits for Falco's /metrics to answer 200 (it answers 404 until the driver is open)
 * before it starts the generator anyway, so that round 1 has a sample from before it started.
 */
export const FALCO_METRICS_WAIT_SECONDS = 120;
/** Slack of the Job's hard deadline beyond the runs, their waits and rests (image pull, scheduling). */
const DEADLINE_SLACK_SECONDS = 300;

/** Seconds between the sampler's periodic scrapes (besides those at each round's start, rest and statistics). */
export const SAMPLE_INTERVAL_SECONDS = 1;

/**
 * The script run in the bench container (Debian bookworm-slim: bash, coreutils and curl, no procps), kept in
 * its own file so that shellcheck can read it. `$1` is the time bound of one run in coreutils `timeout` syntax,
 * `$2` the URL of the variant's Falco `/metrics`, `$3` how many seconds to wait for it to answer 200 before the
 * generator starts, `$4` the number of runs (`benchmark.repeat`), `$5` the rest between two runs in `sleep`
 * syntax, the other arguments the event-generator command line. With `hostPID: true` /proc lists the node's
 * processes; the only `falco` on a variant's node is that variant's Falco.
 *
 * The runs go one after another; each starts with one BENCH_RUN_MESSAGE line (`run` k of `of` n), then looks
 * for Falco's process and waits for its metrics again (Falco may have restarted during the rest).
 *
 * While the generator runs, the script scrapes Falco's counters into the Job's log, one JSON line per scrape
 * (`msg` BENCH_SAMPLE_MESSAGE, `at` why, `time` wall-clock seconds taken just before the request, `http` the status):
 * once a second (`tick`), and right after the generator logs a round's start (`round`), its rest (`resting`)
 * and its statistics (`statistics`): bench's own lines carry no usable time. Only the counters the report
 * uses are kept; a rule's match counter exists only after its first match, and /metrics answers 404 until the
 * driver is open (such a line has no counters). `dropsOpen` is the `dir="exit",drop="open"` buffer drop series
 * only (Falco 0.44.1 keeps the `enter` ones at zero). Rule names go into the JSON escaped: Falco writes Prometheus
 * label values without escaping them.
 */
export const BENCH_SCRIPT_FILE = 'gitops/bench.sh';

/**
 * The script's path: the first `gitops/bench.sh` above this module, which is the project root's both from
 * gitops/ (ts-jest) and from dist/gitops/ (tsc copies no .sh file). Not the working directory: `npm run
 * gitops` may run elsewhere.
 */
export function benchScriptPath(from: string = __dirname): string {
  const file = findAbove(from, BENCH_SCRIPT_FILE);
  if (!file) throw new Error(`${BENCH_SCRIPT_FILE} not found above ${from}`);
  return file;
}

/** A value the script takes from the generator: `@NAME@` in the file. */
const PLACEHOLDER = /@([A-Z][A-Z0-9_]*)@/g;
/** What a filled-in value may hold: safe inside the script's single-quoted assignments and its JSON strings. */
const SAFE_VALUE = /^[\w .:-]+$/;

/**
 * Replaces every `@NAME@` of `template` by `values[NAME]`. Strict both ways, so that the file and the modules
 * owning the values cannot drift apart silently: a placeholder without a value, a value without a placeholder
 * and a value that would need quoting are errors.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string | number>>): string {
  const used = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (_, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`@${name}@ has no value (known: ${Object.keys(values).join(', ')})`);
    const value = String(values[name]);
    if (!SAFE_VALUE.test(value)) throw new Error(`@${name}@: ${JSON.stringify(value)} needs quoting; expected letters, digits, space, _ . : -`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`no placeholder for ${unused.map((k) => `@${k}@`).join(', ')}`);
  return filled;
}

/** The values bench.sh takes from the generator, each from the module that owns it. */
export function benchScriptValues(): Record<string, string | number> {
  return {
    FALCO_PID_TRIES,
    FALCO_PID_INTERVAL_SECONDS,
    SAMPLE_INTERVAL_SECONDS,
    BENCH_METRICS_READY_MESSAGE,
    BENCH_SAMPLE_MESSAGE,
    BENCH_RUN_MESSAGE,
  };
}

let script: string | undefined;
/** The script as the Job runs it (read once per process). */
export function benchScript(): string {
  script ??= fillPlaceholders(readFileSync(benchScriptPath(), 'utf8'), benchScriptValues());
  return script;
}

/** The event-generator command line of a run (without `--pid`, which the script appends). */
export function benchArgs(benchmark: BenchmarkConfig): string[] {
  return [
    '/bin/event-generator',
    'bench',
    benchmark.actions,
    '--loop',
    '--round-duration',
    benchmark.roundDuration,
    '--sleep',
    benchmark.initialSleep,
    '--http-server-address',
    `0.0.0.0:${BENCHMARK_HTTP_PORT}`,
    '--logformat',
    'json',
  ];
}

/** `benchmark.maxDuration` for coreutils `timeout`, which takes seconds but not Go's `1m30s` form. */
export function timeLimit(benchmark: Pick<BenchmarkConfig, 'maxDuration'>): string {
  return `${goDurationSeconds(benchmark.maxDuration)}s`;
}

/** `benchmark.restBetweenRuns` for coreutils `sleep` (seconds, like `timeout`). */
export function restTime(benchmark: Pick<BenchmarkConfig, 'restBetweenRuns'>): string {
  return `${goDurationSeconds(benchmark.restBetweenRuns)}s`;
}

/**
 * The container command: the script, its name (`$0`), the time bound of a run, the variant's Falco metrics URL,
 * the wait for it, the number of runs, the rest between them, and the event-generator command line.
 */
export function benchCommand(benchmark: BenchmarkConfig, variant: Pick<VariantConfig, 'name'>): string[] {
  return [
    '/bin/bash',
    '-c',
    benchScript(),
    'falco-bench',
    timeLimit(benchmark),
    falcoMetricsUrl(variant),
    String(FALCO_METRICS_WAIT_SECONDS),
    String(benchmark.repeat),
    restTime(benchmark),
    ...benchArgs(benchmark),
  ];
}

/**
 * Hard stop of the Job if something hangs: every run with its waits for Falco's process and metrics (the script
 * waits again before each run), the rests between the runs, and some slack.
 */
export function activeDeadlineSeconds(benchmark: Pick<BenchmarkConfig, 'maxDuration' | 'repeat' | 'restBetweenRuns'>): number {
  const run = goDurationSeconds(benchmark.maxDuration) + FALCO_PID_TRIES * FALCO_PID_INTERVAL_SECONDS + FALCO_METRICS_WAIT_SECONDS;
  return Math.ceil(benchmark.repeat * run + (benchmark.repeat - 1) * goDurationSeconds(benchmark.restBetweenRuns)) + DEADLINE_SLACK_SECONDS;
}

/** Values for the event-generator chart, without the run annotation. */
function chartValues(variant: VariantConfig): Record<string, unknown> {
  return {
    image: { tag: EVENT_GENERATOR_IMAGE_TAG },
    config: {
      // `test` is the command for which the chart renders the Service of the HTTP server; the post-renderer
      // replaces the command line with `bench`.
      command: 'test',
      // A Job (runs once), not a Deployment.
      loop: false,
      // Not rendered: the regexp goes to the bench command as its own argument instead (the chart would
      // write it unquoted into YAML).
      actions: '',
      http: { address: `0.0.0.0:${BENCHMARK_HTTP_PORT}` },
    },
    nodeSelector: variantNodeLabels(variant),
    tolerations: [variantToleration(variant)],
  };
}

/** Key order does not matter for the hash. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a run's configuration is read from: the benchmark settings and the machine its node runs on. */
export type RunConfig = Pick<BenchConfig, 'benchmark' | 'cluster'>;

/**
 * Everything a variant's run depends on; a change to any of it makes a new run. With `customRules` the Falco
 * values hold the repository's rules files, so a change to their text reruns exactly the variants loading them.
 */
export function runInputs(config: RunConfig, variant: VariantConfig, rules: readonly RepoFile[] = []) {
  const { actions, roundDuration, initialSleep, maxDuration, repeat, restBetweenRuns } = config.benchmark;
  // A new VM size, OS image, Kubernetes version or network data plane (Cilium's eBPF programs run on the node)
  // replaces or changes the node: its results are new results.
  const { benchmarkVmSize, osSku, kubernetesVersion } = config.cluster;
  return {
    // `customRules: false` is left out (stableJson drops undefined): the hashes of variants that existed
    // before the setting did not change with it, so they do not rerun.
    // The knobs are left out when unset (the same), and `falcoChart` when it names the pinned chart: a variant
    // that only spells out a default renders the same Falco and keeps its results.
    variant: { ...variant, customRules: variant.customRules || undefined, falcoChart: variant.falcoChart === CHARTS.falco.version ? undefined : variant.falcoChart },
    node: { benchmarkVmSize, osSku, kubernetesVersion, network: CLUSTER_NETWORK },
    benchmark: { actions, roundDuration, initialSleep, maxDuration, repeat, restBetweenRuns },
    // Only the charts a run installs: a Falcosidekick bump must not rerun the benchmarks. The variant's own
    // Falco chart, without its Falco version (the same pin, implied by the chart's).
    versions: { charts: { falco: { chart: falcoChartOf(variant).chart, version: falcoChartOf(variant).version }, metacollector: CHARTS.metacollector, eventGenerator: CHARTS.eventGenerator }, eventGenerator: EVENT_GENERATOR_IMAGE_TAG, k8smeta: K8SMETA_PLUGIN_REF, rules: FALCO_RULES_REF },
    falcoValues: falcoValues(variant, rules),
    benchmarkValues: chartValues(variant),
    command: benchCommand(config.benchmark, variant),
    deadline: activeDeadlineSeconds(config.benchmark),
  };
}

/** 8 hex digits of SHA-256 over the run inputs. */
export function runHash(config: RunConfig, variant: VariantConfig, rules: readonly RepoFile[] = []): string {
  return createHash('sha256').update(stableJson(runInputs(config, variant, rules))).digest('hex').slice(0, 8);
}

/** Name of the Job as the chart renders it (before the post-renderer renames it), and of its Service. */
export function chartJobName(variant: Pick<VariantConfig, 'name'>): string {
  return chartFullname(benchmarkReleaseName(variant), CHARTS.eventGenerator.chart);
}

/** The run's Job: `bench-<variant>-<hash>` (at most 6 + 12 + 1 + 8 characters). */
export function benchmarkJobName(variant: Pick<VariantConfig, 'name'>, hash: string): string {
  return `${benchmarkReleaseName(variant)}-${hash}`;
}

/** JSON pointer segment of a map key (`/` and `~` escaped). */
const pointerKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON6902 operations that turn the chart's `test` Job into this variant's bench run. */
export function benchmarkJobPatch(config: RunConfig, variant: VariantConfig, rules: readonly RepoFile[] = []): JsonPatchOperation[] {
  const hash = runHash(config, variant, rules);
  const labels = benchmarkPodLabels(variant);
  const addLabels = (at: string): JsonPatchOperation[] =>
    Object.entries(labels).map(([k, v]) => ({ op: 'add', path: `${at}/${pointerKey(k)}`, value: v }));
  return [
    { op: 'replace', path: '/metadata/name', value: benchmarkJobName(variant, hash) },
    ...addLabels('/metadata/labels'),
    { op: 'add', path: '/spec/activeDeadlineSeconds', value: activeDeadlineSeconds(config.benchmark) },
    // The report finds the run's pod by these labels.
    ...addLabels('/spec/template/metadata/labels'),
    // To see Falco's process for --pid (cpu and memory of Falco in each round's statistics).
    { op: 'add', path: '/spec/template/spec/hostPID', value: true },
    // The run needs no Kubernetes API access; this does not depend on the chart creating a ServiceAccount.
    { op: 'replace', path: '/spec/template/spec/serviceAccountName', value: 'default' },
    { op: 'add', path: '/spec/template/spec/automountServiceAccountToken', value: false },
    { op: 'replace', path: '/spec/template/spec/containers/0/command', value: benchCommand(config.benchmark, variant) },
  ];
}

export function benchmarkJobTarget(variant: Pick<VariantConfig, 'name'>): PatchTarget {
  return { group: 'batch', version: 'v1', kind: 'Job', name: chartJobName(variant) };
}

/**
 * What the chart renders unconditionally for its Kubernetes actions and the bench run never uses: a
 * ServiceAccount, and a ClusterRole (create/delete pods, deployments, roles, role bindings; read everything)
 * bound to it by a RoleBinding, all named by the chart's fullname.
 */
export function unusedRbacTargets(variant: Pick<VariantConfig, 'name'>): PatchTarget[] {
  const name = chartJobName(variant);
  const rbac = { group: 'rbac.authorization.k8s.io', version: 'v1' };
  return [
    { version: 'v1', kind: 'ServiceAccount', name },
    { ...rbac, kind: 'ClusterRole', name },
    { ...rbac, kind: 'RoleBinding', name },
  ];
}

/**
 * Strategic-merge `$patch: delete` patches that drop those objects, so no benchmark release can create pods or
 * roles. The Job runs as the namespace's `default` ServiceAccount with no token (benchmarkJobPatch). Not part of
 * the run hash: the run does not depend on them, so removing them reruns nothing.
 */
export function unusedRbacPatches(variant: Pick<VariantConfig, 'name'>): KustomizePatch[] {
  return unusedRbacTargets(variant).map((target) => ({
    target,
    patch: toYaml({
      $patch: 'delete',
      apiVersion: target.group ? `${target.group}/${target.version}` : target.version,
      kind: target.kind,
      metadata: { name: target.name },
    }),
  }));
}

/** Chart values of a variant's benchmark, with the run hash as a pod annotation. */
export function benchmarkValues(config: RunConfig, variant: VariantConfig, rules: readonly RepoFile[] = []): Record<string, unknown> {
  return { ...chartValues(variant), podAnnotations: { [RUN_ANNOTATION]: runHash(config, variant, rules) } };
}

export function benchmarkRelease(config: Pick<BenchConfig, 'benchmark' | 'cluster' | 'flux'>, variant: VariantConfig, rules: readonly RepoFile[] = []): HelmRelease {
  return helmRelease({
    name: benchmarkReleaseName(variant),
    namespace: BENCHMARK_NAMESPACE,
    chart: CHARTS.eventGenerator,
    interval: config.flux.interval,
    // Starts only once this variant's Falco release is Ready (besides the layer's dependsOn).
    dependsOn: [{ name: falcoReleaseName(variant), namespace: FLUX_NAMESPACE }],
    // Ready as soon as the Job and Service exist: waiting for the run (maxDuration) would outlast Helm's
    // timeout. A failed upgrade is uninstalled, not rolled back: a rollback would bring back the previous Job.
    install: { disableWait: true, disableWaitForJobs: true, remediation: { retries: 3 } },
    upgrade: { disableWait: true, disableWaitForJobs: true, remediation: { retries: 3, strategy: 'uninstall' } },
    postRenderers: [
      {
        kustomize: {
          patches: [{ target: benchmarkJobTarget(variant), patch: toYaml(benchmarkJobPatch(config, variant, rules)) }, ...unusedRbacPatches(variant)],
        },
      },
    ],
    values: benchmarkValues(config, variant, rules),
  });
}

