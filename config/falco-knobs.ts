/**
 * The variant knobs that govern Falco's drops, and the narrow `falcoValues` escape hatch: which chart value each
 * knob sets, which chart values the project owns, and the checks of both against the chosen chart's value keys
 * (config/chart-keys.ts). Pure and free of the configuration's runtime, so that config/schema.ts validates with
 * it and gitops/falco.ts renders with it: the check and the rendering cannot disagree on a path.
 */
import { closest } from '../rulecheck/near';
import type { DriverKind, VariantConfig } from './schema';
import { chartKeys, type ChartKeyIndex } from './chart-keys';
import { CHARTS, FALCO_CHARTS, FALCO_CHART_VERSIONS, type FalcoChartPin } from '../contract/versions';

/** The knobs of a variant, as this module reads them. */
export type VariantKnobs = Pick<VariantConfig, 'driver' | 'bufferSizePreset' | 'cpusForEachBuffer' | 'dropFailedExit' | 'baseSyscalls' | 'falcoChart'>;

/** The chart's defaults (both charts): buffer preset 4 (8 MiB per buffer), 2 CPUs per modern eBPF buffer. */
export const CHART_DEFAULT_BUF_SIZE_PRESET = 4;
export const CHART_DEFAULT_CPUS_FOR_EACH_BUFFER = 2;

/** A syscall or event name, optionally negated (`!mprotect` leaves it out), as `base_syscalls.custom_set` takes them. */
export const SYSCALL_NAME = /^!?[a-z_][a-z0-9_]*$/;

/** The chart's section of a driver's settings (`driver.kmod`, `driver.modernEbpf`). */
export const driverSection = (driver: DriverKind) => (driver === 'kmod' ? 'kmod' : 'modernEbpf');

/** The chart of a variant: its `falcoChart`, or the pinned one. */
export function falcoChartOf(variant: Pick<VariantConfig, 'falcoChart'>): FalcoChartPin {
  const pin = FALCO_CHARTS[variant.falcoChart ?? CHARTS.falco.version];
  // The configuration refuses any other version; this guards callers that bypass it.
  if (!pin) throw new Error(`no Falco chart ${variant.falcoChart}; available: ${FALCO_CHART_VERSIONS.join(', ')}`);
  return pin;
}

/** Each knob the variant sets, with the chart value path it writes and the chart value itself. */
export function knobSettings(v: VariantKnobs): { field: string; path: string; value: unknown }[] {
  const at = `driver.${driverSection(v.driver)}`;
  const out: { field: string; path: string; value: unknown }[] = [];
  if (v.bufferSizePreset !== undefined) out.push({ field: 'bufferSizePreset', path: `${at}.bufSizePreset`, value: v.bufferSizePreset });
  if (v.cpusForEachBuffer !== undefined) out.push({ field: 'cpusForEachBuffer', path: `${at}.cpusForEachBuffer`, value: v.cpusForEachBuffer });
  if (v.dropFailedExit !== undefined) out.push({ field: 'dropFailedExit', path: `${at}.dropFailedExit`, value: v.dropFailedExit });
  if (v.baseSyscalls !== undefined) {
    out.push({ field: 'baseSyscalls.customSet', path: 'falco.base_syscalls.custom_set', value: v.baseSyscalls.customSet });
    out.push({ field: 'baseSyscalls.repair', path: 'falco.base_syscalls.repair', value: v.baseSyscalls.repair });
  }
  return out;
}

/**
 * The chart values the knobs set, as a values tree, plus the image pin of a chart other than the pinned one
 * (the chart defaults both image tags to its appVersion; written out, so the variant names exactly what runs).
 * Empty for a variant without knobs: the six default variants' values (and run hashes) are what they were.
 */
export function knobValues(v: VariantKnobs): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const { path, value } of knobSettings(v)) out = mergeValues(out, atPath(path, value));
  const chart = falcoChartOf(v);
  if (chart.version !== CHARTS.falco.version) {
    out = mergeValues(out, atPath('image.tag', chart.falco));
    out = mergeValues(out, atPath('driver.loader.initContainer.image.tag', chart.falco));
  }
  return out;
}

/** `{a: {b: value}}` for `a.b`. */
function atPath(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Helm's merge of values: maps merge key by key, anything else (lists too) replaces. Fresh objects. */
export function mergeValues(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isMap(v) && isMap(out[k]) ? mergeValues(out[k] as Record<string, unknown>, v) : structuredClone(v);
  return out;
}

/**
 * The chart values the project sets or depends on, with who owns each: `falcoValues` may not touch them (at,
 * below or above the path), so that the escape hatch cannot undo a knob, move Falco off its node, or break what
 * the benchmark reads. test/variant-knobs.test.ts proves every value falcoValues() writes is listed here.
 */
export const OWNED_VALUES: readonly (readonly [path: string, owner: string])[] = [
  ['driver.kind', 'the variant\'s `driver`'],
  ['driver.kmod.bufSizePreset', '`bufferSizePreset`'],
  ['driver.modernEbpf.bufSizePreset', '`bufferSizePreset`'],
  ['driver.modernEbpf.cpusForEachBuffer', '`cpusForEachBuffer`'],
  ['driver.kmod.dropFailedExit', '`dropFailedExit`'],
  ['driver.modernEbpf.dropFailedExit', '`dropFailedExit`'],
  ['driver.loader.initContainer.image', '`falcoChart` (the image of the chart)'],
  ['image', '`falcoChart` (the image of the chart)'],
  ['falco.base_syscalls', '`baseSyscalls`'],
  ['falco.buffered_outputs', '`bufferedOutputs`'],
  ['resources', '`cpu` and `memory`'],
  ['nodeSelector', 'the project (the variant\'s node)'],
  ['tolerations', 'the project (the variant\'s node)'],
  ['affinity', 'the project (the variant\'s node)'],
  ['podLabels', 'the project (the variant\'s label)'],
  ['controller.kind', 'the project (one Falco per node, a DaemonSet)'],
  ['controller.daemonset.updateStrategy', 'the project'],
  ['collectors', 'the project (the shared k8s-metacollector)'],
  ['metrics', 'the project (the counters the sampler reads)'],
  ['falco.webserver', 'the project (the endpoint the sampler reads)'],
  ['falcoctl', 'the project (the pinned rules and k8smeta plugin)'],
  ['customRules', '`customRules`'],
  ['falco.rules_files', '`customRules`'],
  ['falco.json_output', 'the project (the benchmark server reads JSON)'],
  ['falco.http_output', 'the project (alerts go to the benchmark server)'],
  ['falco.stdout_output', 'the project (no output besides HTTP)'],
  ['falco.syslog_output', 'the project (no output besides HTTP)'],
  ['falco.outputs_queue', 'the project (a bounded, counted queue)'],
  ['falco.load_plugins', 'the project (the k8smeta plugin)'],
  ['falco.plugins', 'the project (the k8smeta plugin)'],
  ['nameOverride', 'the project (the names the sampler and contract/naming.ts derive)'],
  ['fullnameOverride', 'the project (the names the sampler and contract/naming.ts derive)'],
  ['namespaceOverride', 'the project (the names the sampler and contract/naming.ts derive)'],
  ['falcosidekick', 'the response engine (one Falcosidekick, for the guard Falco)'],
  ['responseActions', 'the response engine'],
];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/**
 * The owner of a path at or below an owned one. Above one (`falco`) is a map the walk descends into; a value
 * replacing that whole map is refused as a value where the chart has a map.
 */
function ownerOf(path: string): { path: string; owner: string } | undefined {
  const hit = OWNED_VALUES.find(([owned]) => under(path, owned));
  return hit && { path: hit[0], owner: hit[1] };
}

const available = () => `available: ${FALCO_CHART_VERSIONS.join(', ')}`;

/** The knobs the chart does not have (an older or newer chart may name them differently), each with its problem. */
export function knobsMissingInChart(v: VariantKnobs, indexes?: Readonly<Record<string, ChartKeyIndex>>): { field: string; problem: string }[] {
  const version = falcoChartOf(v).version;
  const keys = chartKeys(version, indexes);
  if (!keys) return [{ field: 'falcoChart', problem: `chart falco ${version} has no key index; ${available()}` }];
  return knobSettings(v)
    .filter((s) => !keys.has(s.path))
    .map((s) => ({ field: s.field, problem: `\`${s.field}\` is not available with chart falco ${version}: its values have no \`${s.path}\`` }));
}

/**
 * The problems of a `falcoValues` tree for chart `version`: keys the chart does not have (with the nearest key
 * when one is a likely typo), keys the project owns (naming the owner), a map where the chart has a value and a
 * value where the chart has a map. Below an empty map of the chart (`podAnnotations`) the keys are the user's.
 */
export function falcoValuesProblems(values: Record<string, unknown>, version: string, indexes?: Readonly<Record<string, ChartKeyIndex>>): string[] {
  const keys = chartKeys(version, indexes);
  if (!keys) return [`chart falco ${version} has no key index; ${available()}`];
  const problems: string[] = [];
  const walk = (map: Record<string, unknown>, at: string) => {
    for (const [key, value] of Object.entries(map)) {
      const path = `${at}${key}`;
      if (!keys.has(path)) {
        const near = closest(path, keys.keys);
        problems.push(`\`${path}\` is not a value of chart falco ${version}${near ? ` (did you mean \`${near}\`?)` : ''}`);
        continue;
      }
      const owned = ownerOf(path);
      if (owned) {
        problems.push(`\`${path}\` is set by ${owned.owner}${owned.path === path ? '' : ` (\`${owned.path}\`)`}, not by falcoValues`);
        continue;
      }
      if (keys.isOpen(path)) continue;
      if (keys.isMap(path)) {
        if (isMap(value)) walk(value, `${path}.`);
        else problems.push(`\`${path}\` is a map in chart falco ${version}: set its keys, not ${JSON.stringify(value)}`);
      } else if (isMap(value)) problems.push(`\`${path}\` is not a map in chart falco ${version}: give it a value`);
    }
  };
  walk(values, '');
  return problems;
}
