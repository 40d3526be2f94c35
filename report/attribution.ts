/**
 * Where each round's alerts went and how fast Falco matches, from the counters the benchmark Job's sampler
 * scraped (definitions in docs/report.md). Pure functions of the parsed log: no sample, no attribution.
 *
 * Timing this has to live with (event-generator 0.13.0): after `statistics` the generator starts the next
 * round's actions before it logs `round #N+1`, and the sampler scrapes a moment after the line it reacts to. So
 * the `statistics` and `round` samples already hold some of the next round's matches. Rounds are therefore cut
 * at a sample taken inside the rest, before the statistics (the rest point): one round's window ends where the
 * next one's begins, and while Falco keeps up, everything matched in a window belongs to its round.
 */
import { median as medianOf } from './compare';
import { Attribution, Capacity, KernelSource, Round, Sample } from './types';

/** Fewer saturated intervals than this and the capacity is shown with a caveat. */
export const MIN_CAPACITY_INTERVALS = 5;
/** Shorter intervals (e.g. a round's start sample and the next tick) carry more timing noise than signal. */
export const MIN_INTERVAL_SECONDS = 0.5;
/**
 * The rest point is a sample at least this long before the statistics sample: the statistics sample comes a
 * scrape latency after the line (10–100 ms seen), and the next round starts at the line.
 */
export const REST_GUARD_SECONDS = 0.5;
/** A capacity within this fraction of the generator's own throughput measured the generator, not Falco. */
export const GENERATOR_LIMIT_MARGIN = 0.05;

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

/** The samples that bound one round's phases. */
export interface RoundWindow {
  /** The previous round's rest point (round 1: the sample before the generator started, else its `round` sample). */
  start: Sample;
  resting: Sample;
  /** The last sample of the rest taken at least REST_GUARD_SECONDS before the statistics sample. */
  restPoint: Sample;
  /** The usable samples of the run phase, from the `round` sample to the `resting` sample. */
  run: Sample[];
}

/** What one round hands to the next: where its window ended and the events it left unmatched but pending. */
export interface Carry {
  restPoint: Sample | null;
  pending: number;
}

const COUNTERS = { drops: 'falcosecurity_scap_n_drops_total', queueDrops: 'falcosecurity_falco_outputs_queue_num_drops_total' } as const;

/** The first counter that went down between two consecutive samples, or null: Falco restarted in between. */
function decrease(a: Sample, b: Sample): string | null {
  for (const key of ['evts', 'drops', 'dropsOpen', 'queueDrops'] as const) {
    const x = a[key], y = b[key];
    if (x !== null && y !== null && y < x) return `${key} ${x} → ${y}`;
  }
  for (const [rule, x] of Object.entries(a.matches)) {
    const y = b.matches[rule] ?? 0;
    if (y < x) return `matches of "${rule}" ${x} → ${y}`;
  }
  return null;
}

/** The round's window, or why it has none. */
function windowOf(round: Round, carry: Carry, samples: readonly Sample[]): RoundWindow | string {
  const own = samples.filter((s) => s.round === round.round && usable(s));
  const first = (at: Sample['at']) => own.find((s) => s.at === at);
  const roundSample = first('round');
  const resting = first('resting');
  const statistics = first('statistics');
  // Without the previous rest point: round 1 starts at the sample taken before the generator started; any other
  // round at its own `round` sample, read a moment after the round began (a few events early on are missed).
  const beforeGenerator = round.round === 1 ? samples.find((s) => s.at === 'start' && usable(s)) : undefined;
  const start = carry.restPoint ?? beforeGenerator ?? roundSample;
  const why = (what: string) => `round #${round.round}: no usable ${what} sample, no attribution`;
  if (!start) return why('start');
  if (!resting) return why('resting');
  if (!statistics) return why('statistics');
  const rest = own.filter((s) => s.line >= resting.line && s.at !== 'statistics' && s.time <= statistics.time - REST_GUARD_SECONDS);
  const restPoint = rest.pop() ?? resting;
  const run = own.filter((s) => s.line <= resting.line && s.at !== 'statistics' && (!roundSample || s.line >= roundSample.line));
  return { start, resting, restPoint, run };
}

/**
 * Attribution of one round, or why there is none. `carry` is what the previous round handed over (for round 1:
 * no rest point, nothing pending).
 */
export function attributeRound(
  round: Round,
  carry: Carry,
  samples: readonly Sample[],
  counted: { actions: readonly string[]; expected: number; actual: number },
  threshold: number,
): { attribution: Attribution; window: RoundWindow; carry: Carry } | { reason: string; carry: Carry } {
  const w = windowOf(round, carry, samples);
  // Without a window the next round starts from its own samples, and nothing pending is known.
  if (typeof w === 'string') return { reason: w, carry: { restPoint: null, pending: 0 } };
  const { start, resting, restPoint } = w;
  const next: Carry = { restPoint, pending: 0 };
  // Every usable sample from the window's start to its end, in log order: a counter that goes down means Falco
  // restarted, and then no difference in this window means anything.
  const inWindow = samples.filter((s) => usable(s) && s.line >= start.line && s.line <= restPoint.line);
  for (let i = 1; i < inWindow.length; i++) {
    const down = decrease(inWindow[i - 1], inWindow[i]);
    if (down) return { reason: `round #${round.round}: Falco's counters went down (${down}, lines ${inWindow[i - 1].line}–${inWindow[i].line}): Falco restarted, no attribution`, carry: { restPoint, pending: 0 } };
  }
  for (const [key, name] of Object.entries(COUNTERS) as [keyof typeof COUNTERS, string][]) {
    const missing = [start, restPoint].find((s) => s[key] === null);
    if (missing) return { reason: `round #${round.round}: the ${missing.at} sample (line ${missing.line}) has no ${name}, no attribution`, carry: next };
  }
  const { actions, expected: E, actual: A } = counted;
  const M = matchesOf(restPoint, actions) - matchesOf(start, actions);
  const K = restPoint.drops! - start.drops!;
  const Q = restPoint.queueDrops! - start.queueDrops!;
  const open = start.dropsOpen !== null && restPoint.dropsOpen !== null ? restPoint.dropsOpen - start.dropsOpen : null;
  // Still matching at the rest point: what is unmatched now may yet be matched (late, not lost).
  const beforeEnd = samples.filter((s) => s.round === round.round && usable(s) && s.at !== 'statistics' && s.line < restPoint.line).pop();
  const draining = beforeEnd !== undefined && matchesOf(restPoint, actions) > matchesOf(beforeEnd, actions);
  // This round's unmatched events: the previous round's pending ones were matched in this window too.
  const unmatched = E - M + carry.pending;
  // The dropped opens are exactly the action's events that can never match; without that counter all drops
  // (closes, background syscalls) capped by the unmatched events stand in, and then take a crossing backlog too.
  const kernelSource: KernelSource = open === null ? 'estimate' : 'dropsOpen';
  const kernel = Math.max(0, Math.min(open ?? K, unmatched));
  const rest = unmatched - kernel;
  next.pending = draining ? rest : 0;
  // Backlog growth during the run: events that entered the buffer and were not matched by the time the
  // generator stopped (events dropped by the kernel or never produced do not wait in any buffer).
  const runMatches = matchesOf(resting, actions) - matchesOf(start, actions);
  const growth = E - runMatches - kernel - (draining ? 0 : rest);
  return {
    window: w,
    carry: next,
    attribution: {
      expected: E,
      matched: M,
      delivered: A,
      kernelDrops: K,
      kernelDropsOpen: open,
      queueDrops: Q,
      kernelSource,
      loss: {
        kernel,
        ruleMiss: draining ? 0 : rest,
        backlog: next.pending - carry.pending,
        queue: Q,
        http: M - Q - A,
      },
      restMatches: matchesOf(restPoint, actions) - matchesOf(resting, actions),
      growth,
      backlogged: K > 0 || growth > threshold * E,
    },
  };
}

/**
 * Falco's service rate: while a kernel backlog exists, Falco matches as fast as it can, so the match rate over
 * a sampling interval inside the run phase of a backlogged round is its capacity for these actions. Every
 * whole interval between two usable samples from the round's `round` sample to its `resting` sample counts; the
 * median is the estimate, min and max its spread. A median within GENERATOR_LIMIT_MARGIN of the generator's
 * throughput in those rounds measured the generator, not Falco.
 */
export function measureCapacity(
  saturated: { window: RoundWindow; actions: readonly string[]; throughput: number }[],
): { capacity: Capacity | null; note: string } {
  const rates: number[] = [];
  const sources: number[] = [];
  for (const { window: w, actions, throughput } of saturated) {
    const before = rates.length;
    for (let i = 1; i < w.run.length; i++) {
      const dt = w.run[i].time - w.run[i - 1].time;
      if (dt < MIN_INTERVAL_SECONDS) continue;
      rates.push((matchesOf(w.run[i], actions) - matchesOf(w.run[i - 1], actions)) / dt);
    }
    if (rates.length > before) sources.push(throughput);
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
  const median = medianOf(rates);
  const rounds = sources.length;
  const generatorEps = Math.max(...sources);
  const generatorBound = median >= (1 - GENERATOR_LIMIT_MARGIN) * generatorEps;
  const trustworthy = rates.length >= MIN_CAPACITY_INTERVALS && !generatorBound;
  const of = `${rates.length} saturated interval${rates.length === 1 ? '' : 's'} in ${rounds} backlogged round${rounds === 1 ? '' : 's'}`;
  return {
    capacity: { eps: median, min: rates[0], max: rates[rates.length - 1], intervals: rates.length, rounds, generatorEps, trustworthy },
    note: generatorBound
      ? `not trustworthy: the median match rate over ${of} is within ${GENERATOR_LIMIT_MARGIN * 100} % of the generator's own ${generatorEps.toFixed(1)} EPS in those rounds, so the generator, not Falco, was the limit`
      : rates.length < MIN_CAPACITY_INTERVALS
        ? `only ${of} (fewer than ${MIN_CAPACITY_INTERVALS}): a rough figure`
        : `median match rate over ${of}`,
  };
}
