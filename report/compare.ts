/**
 * Repeated runs of a variant (`benchmark.repeat`) and what they allow: the variant's figures as medians with
 * their min–max over runs, and for each pair of variants whether their capacities differ by more than that
 * run-to-run spread (definitions in docs/report.md).
 */
import { Capacity, Knee, Run, RunSpread, Spread, Verdict } from './types';

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Median and min–max of the values that exist; null when none does. */
export function spreadOf(values: readonly (number | null)[]): Spread | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length === 0 ? null : { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length };
}

/** The headline figures of runs of one variant (one run: min = max = median). */
export function runSpread(runs: readonly Run[]): RunSpread {
  return {
    runs: runs.length,
    capacity: spreadOf(runs.map((r) => r.capacity?.eps ?? null)),
    kneeEps: spreadOf(runs.map((r) => r.knee?.eps ?? null)),
    maxSustainableEps: spreadOf(runs.map((r) => r.maxSustainableEps)),
  };
}

const med = (values: readonly (number | null)[]) => spreadOf(values)?.median ?? null;

/**
 * One row for a variant run several times: each figure the median over the runs that have it; the capacity's
 * min–max is over the runs' capacities (not over sampling intervals, as in a run's own); it is trustworthy only
 * when every run's is. Runs keep their own results in `repeats`.
 */
export function combineRuns(runs: readonly Run[]): Run {
  const [first] = runs;
  if (runs.length === 1) return first;
  const spread = runSpread(runs);
  const measured = runs.filter((r) => r.capacity !== null);
  const capacity: Capacity | null = spread.capacity && {
    eps: spread.capacity.median,
    min: spread.capacity.min,
    max: spread.capacity.max,
    intervals: measured.reduce((n, r) => n + r.capacity!.intervals, 0),
    rounds: measured.reduce((n, r) => n + r.capacity!.rounds, 0),
    generatorEps: Math.max(...measured.map((r) => r.capacity!.generatorEps)),
    trustworthy: measured.every((r) => r.capacity!.trustworthy),
  };
  const missing = runs.filter((r) => r.capacity === null);
  const capacityNote = capacity
    ? `median of ${measured.length} run${measured.length === 1 ? "'s capacity" : "s' capacities"} (min–max over runs)` +
      (missing.length > 0 ? `; not measured in run ${missing.map((r) => r.repeat).join(', ')}` : '') +
      (capacity.trustworthy ? '' : '; not every run measured enough saturated intervals, or some measured the generator')
    : first.capacityNote;
  const knees = runs.filter((r) => r.knee !== null).map((r) => r.knee!);
  const knee: Knee | null = knees.length === 0
    ? null
    : {
        round: median(knees.map((k) => k.round)),
        eps: median(knees.map((k) => k.eps)),
        success: median(knees.map((k) => k.success)),
        successEps: median(knees.map((k) => k.successEps)),
        cpu: med(knees.map((k) => k.cpu)),
      };
  const sources = runs.map((r) => r.kernelSource).filter((s) => s !== null);
  return {
    file: first.file,
    ...(first.pod === undefined ? {} : { pod: first.pod }),
    variant: first.variant,
    status: 'finished',
    rounds: runs.reduce((n, r) => n + r.rounds, 0),
    threshold: first.threshold,
    knee,
    maxSustainedEps: med(runs.map((r) => r.maxSustainedEps)),
    maxSustainableEps: spread.maxSustainableEps?.median ?? null,
    peakDeliveredEps: med(runs.map((r) => r.peakDeliveredEps)),
    capacity,
    capacityNote,
    samples: runs.reduce((n, r) => n + r.samples, 0),
    perRound: [],
    rulesNotLoaded: [...new Set(runs.flatMap((r) => r.rulesNotLoaded))],
    warnings: runs.flatMap((r) => r.warnings.map((w) => `run ${r.repeat}: ${w}`)),
    kernelSource: sources.length === 0 ? null : sources.includes('estimate') ? 'estimate' : 'dropsOpen',
    repeats: [...runs],
    spread,
  };
}

/**
 * For every pair of finished variants (in report order): do their capacity ranges over runs overlap? Ranges
 * that overlap are not a real difference; with one run a range is a point, so only more runs can show one.
 */
export function verdicts(runs: readonly Run[]): Verdict[] {
  const finished = runs.filter((r) => r.status === 'finished');
  const out: Verdict[] = [];
  for (let i = 0; i < finished.length; i++) {
    for (let j = i + 1; j < finished.length; j++) {
      const a = finished[i].spread, b = finished[j].spread;
      const ca = a.capacity, cb = b.capacity;
      out.push({
        a: finished[i].variant,
        b: finished[j].variant,
        overlap: ca && cb ? ca.min <= cb.max && cb.min <= ca.max : null,
        runsA: a.runs,
        runsB: b.runs,
      });
    }
  }
  return out;
}
