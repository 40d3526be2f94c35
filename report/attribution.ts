/**
 * Where each round's alerts went and how fast Falco matches, from the counters the benchmark Job's sampler
 * scraped (definitions in docs/report.md). Pure functions of the parsed log: no sample, no attribution.
 */
import { Attribution, Capacity, Round, Sample } from './types';

/** Fewer saturated intervals than this and the capacity is shown with a caveat. */
export const MIN_CAPACITY_INTERVALS = 5;
/** Shorter intervals (e.g. a round's start sample and the next tick) carry more timing noise than signal. */
export const MIN_INTERVAL_SECONDS = 0.5;

/** event-generator's own rule matching: the action's last dotted part equals the rule name without non-alphanumerics, case-insensitively. */
export function actionMatchesRule(action: string, rule: string): boolean {
  const last = action.split('.').pop()!;
  return last.toLowerCase() === rule.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

const usable = (s: Sample) => s.http === 200;

/** Matches of the rules of these actions in one sample (a rule without a counter has not matched yet: 0). */
function matchesOf(sample: Sample, actions: readonly string[]): number {
  return Object.entries(sample.matches)
    .filter(([rule]) => actions.some((a) => actionMatchesRule(a, rule)))
    .reduce((sum, [, n]) => sum + n, 0);
}

/** The samples that bound one round's phases; null where the log lacks them. */
interface RoundWindow {
  start: Sample | null;
  resting: Sample | null;
  statistics: Sample | null;
  /** Usable samples of the round, in order (start, ticks, resting, statistics). */
  inside: Sample[];
}

function windowOf(round: Round, previous: Round | undefined, samples: readonly Sample[]): RoundWindow {
  const own = samples.filter((s) => s.round === round.round && usable(s));
  const first = (at: Sample['at']) => own.find((s) => s.at === at) ?? null;
  const statistics = first('statistics');
  // Without its own start sample, the previous round's statistics sample marks the same moment.
  const start = first('round') ?? (previous ? (samples.find((s) => s.round === previous.round && s.at === 'statistics' && usable(s)) ?? null) : null);
  return { start, resting: first('resting'), statistics, inside: own };
}

/** Attribution of one round, or why there is none. */
export function attributeRound(
  round: Round,
  previous: Round | undefined,
  samples: readonly Sample[],
  counted: { actions: readonly string[]; expected: number; actual: number },
  threshold: number,
): { attribution: Attribution; window: RoundWindow } | string {
  const w = windowOf(round, previous, samples);
  if (!w.start || !w.statistics) return `round #${round.round}: no usable ${w.start ? 'statistics' : 'start'} sample, no attribution`;
  const { start, statistics } = w;
  const delta = (pick: (s: Sample) => number | null) => {
    const a = pick(start), b = pick(statistics);
    return a === null || b === null ? null : b - a;
  };
  const matched = matchesOf(statistics, counted.actions) - matchesOf(start, counted.actions);
  const kernelDrops = delta((s) => s.drops) ?? 0;
  const queueDrops = delta((s) => s.queueDrops) ?? 0;
  const restMatches = w.resting ? matchesOf(statistics, counted.actions) - matchesOf(w.resting, counted.actions) : null;
  // Still matching just before the statistics: what is unmatched now may yet be matched (late, not lost).
  const beforeEnd = w.inside.filter((s) => s.time < statistics.time && s !== start).pop();
  const draining = beforeEnd !== undefined && matchesOf(statistics, counted.actions) > matchesOf(beforeEnd, counted.actions);
  const unmatched = counted.expected - matched;
  const backlogged = kernelDrops > 0 || (restMatches !== null && restMatches > threshold * counted.expected);
  return {
    window: w,
    attribution: {
      expected: counted.expected,
      matched,
      delivered: counted.actual,
      kernelDrops,
      kernelDropsOpen: delta((s) => s.dropsOpen),
      queueDrops,
      loss: {
        kernel: kernelDrops > 0 ? unmatched : 0,
        ruleMiss: kernelDrops > 0 || draining ? 0 : unmatched,
        backlog: kernelDrops === 0 && draining ? unmatched : 0,
        queue: queueDrops,
        http: matched - queueDrops - counted.actual,
      },
      restMatches,
      backlogged,
    },
  };
}

/**
 * Falco's service rate: while a kernel backlog exists, Falco matches as fast as it can, so the match rate over
 * a sampling interval inside the run phase of a backlogged round is its capacity for these actions. Every
 * whole interval between two usable samples from the round's start to its rest counts; the median is the
 * estimate, min and max its spread.
 */
export function measureCapacity(
  saturated: { window: RoundWindow; actions: readonly string[] }[],
): { capacity: Capacity | null; note: string } {
  const rates: number[] = [];
  let rounds = 0;
  for (const { window: w, actions } of saturated) {
    if (!w.start || !w.resting) continue;
    const run = w.inside.filter((s) => s.time >= w.start!.time && s.time <= w.resting!.time);
    if (!run.includes(w.start)) run.unshift(w.start);
    const before = rates.length;
    for (let i = 1; i < run.length; i++) {
      const dt = run[i].time - run[i - 1].time;
      if (dt < MIN_INTERVAL_SECONDS) continue;
      rates.push((matchesOf(run[i], actions) - matchesOf(run[i - 1], actions)) / dt);
    }
    if (rates.length > before) rounds++;
  }
  if (rates.length === 0) {
    return {
      capacity: null,
      note: saturated.length === 0
        ? 'not measured: no round left a kernel backlog (the generator never outran Falco)'
        : 'not measured: the backlogged rounds have no whole sampling interval in their run phase',
    };
  }
  rates.sort((a, b) => a - b);
  const mid = Math.floor(rates.length / 2);
  const median = rates.length % 2 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
  const trustworthy = rates.length >= MIN_CAPACITY_INTERVALS;
  return {
    capacity: { eps: median, min: rates[0], max: rates[rates.length - 1], intervals: rates.length, rounds, trustworthy },
    note: trustworthy
      ? `median match rate over ${rates.length} saturated one-second intervals in ${rounds} backlogged round${rounds === 1 ? '' : 's'}`
      : `only ${rates.length} saturated interval${rates.length === 1 ? '' : 's'} (fewer than ${MIN_CAPACITY_INTERVALS}): a rough figure`,
  };
}
