/**
 * Metrics of one run (definitions in docs/report.md). Loss comes from the counts, not from the printed
 * `lost=`, which is the mean of per-action ratios truncated to a whole percent.
 */
import { Carry, attributeRound, measureCapacity } from './attribution';
import { combineRuns, runSpread } from './compare';
import { Knee, KernelSource, ParsedLog, Result, Round, RoundMetrics, Run, fail, ok } from './types';

export interface RunLabels {
  /** Input file (or saved log); null for a cluster log that was not saved. */
  file: string | null;
  pod?: string;
  variant: string;
  /** Loss threshold as a fraction (1 % = 0.01). */
  threshold: number;
}

/** Actions whose rule never fired: actual = 0 in every round where they ran. */
function unloadedActions(rounds: Round[]): string[] {
  const names = [...new Set(rounds.flatMap((r) => r.actions.map((a) => a.name)))];
  return names.filter((name) => {
    const results = rounds.flatMap((r) => r.actions.filter((a) => a.name === name));
    return results.every((a) => a.actual === 0) && results.some((a) => a.expected > 0);
  });
}

export function roundMetrics(round: Round, excluded: ReadonlySet<string>): RoundMetrics {
  const counted = round.actions.filter((a) => !excluded.has(a.name));
  const expected = counted.reduce((s, a) => s + a.expected, 0);
  const actual = counted.reduce((s, a) => s + a.actual, 0);
  // (expected - actual) / expected keeps exact fractions such as 1/100 exact.
  const loss = expected === 0 ? 0 : (expected - actual) / expected;
  return {
    round: round.round,
    sleep: round.sleep,
    sleepNs: round.sleepNs,
    expected,
    actual,
    loss,
    throughput: round.throughput,
    delivered: round.throughput * (1 - loss),
    cpu: round.cpu,
    resMem: round.resMem,
    virtMem: round.virtMem,
    attribution: null,
    sustainable: null,
  };
}

export function computeRun(log: ParsedLog, labels: RunLabels): Result<Run> {
  const label = labels.file ?? labels.pod ?? labels.variant;
  const warnings = [...log.warnings];
  const unloaded = unloadedActions(log.rounds);
  const allActions = new Set(log.rounds.flatMap((r) => r.actions.map((a) => a.name)));
  if (unloaded.length === allActions.size) {
    return fail(label, `configuration error: no action produced an alert in any round, the Falco rules of ${unloaded.join(', ')} are not loaded`);
  }
  for (const name of unloaded) {
    warnings.push(`configuration error: ${name} has actual=0 in every round, its Falco rule is not loaded; left out of expected/actual`);
  }
  const excluded = new Set(unloaded);
  for (const r of log.rounds) {
    const missing = [...allActions].filter((name) => !r.actions.some((a) => a.name === name));
    if (missing.length > 0) warnings.push(`round #${r.round} has no result for ${missing.join(', ')}`);
  }

  const perRound = log.rounds.map((r) => roundMetrics(r, excluded));
  const t = labels.threshold;
  const sampled = log.samples.length > 0;
  const saturated: Parameters<typeof measureCapacity>[0] = [];
  if (sampled) {
    let carry: Carry = { restPoint: null, pending: 0 };
    log.rounds.forEach((round, i) => {
      const m = perRound[i];
      const actions = round.actions.filter((a) => !excluded.has(a.name)).map((a) => a.name);
      const result = attributeRound(round, carry, log.samples, { actions, expected: m.expected, actual: m.actual }, t);
      carry = result.carry;
      if ('reason' in result) {
        warnings.push(result.reason);
        return;
      }
      m.attribution = result.attribution;
      m.sustainable = m.loss < t && !result.attribution.backlogged;
      if (result.attribution.backlogged) saturated.push({ window: result.window, actions, throughput: m.throughput });
    });
  }
  const answered = log.samples.some((s) => s.http === 200);
  if (sampled && !answered) warnings.push(`none of the ${log.samples.length} samples of Falco's counters answered 200: attribution unavailable`);
  for (const r of perRound) {
    // More alerts than events: late alerts of the previous round, when the samples show them.
    if (r.actual > r.expected && !(r.attribution && r.attribution.loss.http < 0)) {
      warnings.push(`round #${r.round}: actual ${r.actual} > expected ${r.expected} (alerts from another Falco or generator?)`);
    }
  }
  const attributed = perRound.filter((r) => r.attribution !== null);
  const { capacity, note } = !sampled
    ? { capacity: null, note: "unavailable: the log has no samples of Falco's counters (a run from before the sampler)" }
    : !answered
      ? { capacity: null, note: `unavailable: none of the ${log.samples.length} samples of Falco's counters answered 200` }
      : measureCapacity(saturated);
  const kneeRound = perRound.find((r) => r.loss >= t);
  const knee: Knee | null = kneeRound
    ? {
        round: kneeRound.round,
        eps: kneeRound.throughput,
        success: 1 - kneeRound.loss,
        successEps: kneeRound.delivered,
        cpu: kneeRound.cpu,
      }
    : null;
  const sustained = perRound.filter((r) => r.loss < t).map((r) => r.throughput);
  const sources = new Set(attributed.map((r) => r.attribution!.kernelSource));
  const kernelSource: KernelSource | null = sources.size === 0 ? null : sources.has('estimate') ? 'estimate' : 'dropsOpen';
  const run: Run = {
    file: labels.file,
    ...(labels.pod === undefined ? {} : { pod: labels.pod }),
    variant: labels.variant,
    status: 'finished',
    rounds: perRound.length,
    threshold: t,
    knee,
    maxSustainedEps: sustained.length > 0 ? Math.max(...sustained) : null,
    maxSustainableEps: attributed.some((r) => r.sustainable) ? Math.max(...attributed.filter((r) => r.sustainable).map((r) => r.throughput)) : null,
    peakDeliveredEps: Math.max(...perRound.map((r) => r.delivered)),
    capacity,
    capacityNote: note,
    samples: log.samples.length,
    perRound,
    rulesNotLoaded: unloaded,
    warnings,
    kernelSource,
    ...(log.run === undefined ? {} : { repeat: log.run }),
    spread: { runs: 1, capacity: null, kneeEps: null, maxSustainableEps: null },
  };
  run.spread = runSpread([run]);
  return ok(run);
}

/**
 * A variant's result from its log's runs (parseRuns): one run is that run's result; several give one row of
 * medians with min–max over runs (compare.ts) and each run's own result. A run that cannot be computed (no
 * action alerted) costs that run only, with a warning; when none can, the first run's error is the variant's.
 */
export function computeVariant(logs: readonly ParsedLog[], labels: RunLabels): Result<Run> {
  if (logs.length === 1) return computeRun(logs[0], labels);
  const results = logs.map((log) => computeRun(log, labels));
  const runs = results.flatMap((r) => (r.ok ? [r.value] : []));
  if (runs.length === 0) return results[0];
  const combined = combineRuns(runs);
  results.forEach((r, i) => {
    if (!r.ok) combined.warnings.push(`run ${logs[i].run}: left out: ${r.error.message}`);
  });
  return ok(combined);
}

/** A cluster variant whose Job pod is still Pending or Running: listed, with no measurements. */
export function notFinishedRun(variant: string, pod: string, phase: string, threshold: number): Run {
  return {
    file: null,
    pod,
    variant,
    status: 'not-finished',
    rounds: 0,
    threshold,
    knee: null,
    maxSustainedEps: null,
    maxSustainableEps: null,
    peakDeliveredEps: null,
    capacity: null,
    capacityNote: null,
    samples: 0,
    perRound: [],
    rulesNotLoaded: [],
    warnings: [`not finished: pod ${pod} is ${phase}`],
    kernelSource: null,
    spread: { runs: 0, capacity: null, kneeEps: null, maxSustainableEps: null },
  };
}
