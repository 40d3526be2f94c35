/**
 * A simulated benchmark run of one variant: event-generator 0.13.0 `bench --loop` pacing a single-threaded
 * Falco, with the benchmark Job's sampler scraping Falco's counters. It writes the log a real run writes (the
 * sampler's lines and bench's JSON lines), and keeps the truth the report has to recover: the service rate and,
 * per round, where every event went.
 *
 * The model, in fixed time steps (1 ms by default; every count stays a whole number):
 * - Generator: each action sleeps, then runs for `actionCost` seconds and produces one kernel event (every
 *   `missEvery`-th action produces none: a failed action). Go's sleep: a sleep of at least `escapeBelow` takes
 *   at least `floor` (the ~1 ms plateau of the real logs), a shorter one takes what it asks, zero none. A round
 *   runs `roundDuration`, rests as long, then logs its statistics; the sleep halves unless more alerts than
 *   expected arrived ("dirty").
 * - Kernel: a ring buffer of `buffer` events; an event that finds it full is dropped (and counted).
 * - Falco: takes `capacity` events per second from the buffer while there are any, each one a rule match, and
 *   puts the alert in its output queue (`queue` alerts; full: dropped and counted; 0: unbounded).
 * - HTTP: the output thread delivers `httpRate` alerts per second from the queue; every `httpLossEvery`-th
 *   delivery fails. The bench server counts an alert in the round in progress when it arrives, which is the
 *   next round for an alert that arrives after the statistics (late).
 * - Sampler: the script waits until /metrics answers (`driverOpenAfter`), scrapes once (`start`), then ticks.
 *   A sample for a phase line (`round`, `resting`, `statistics`) reads the counters `phaseDelay` after the line,
 *   and the generator does not wait: as in event-generator 0.13.0, the next round's actions start right at the
 *   statistics, so the `statistics` and `round` samples hold some of the next round's matches.
 */
import { BENCH_METRICS_READY_MESSAGE, BENCH_SAMPLE_MESSAGE } from '../contract/naming';
import { REST_GUARD_SECONDS } from '../report/attribution';

export interface SimParams {
  /** C: events (= rule matches) Falco processes per second. */
  capacity: number;
  /** B: ring buffer size, events. */
  buffer: number;
  /** Q: output queue capacity, alerts; 0 = unbounded (Falco's default). */
  queue: number;
  /** Alerts per second the HTTP output delivers. */
  httpRate: number;
  /** Seconds an action takes besides its sleep: the generator's top rate is 1 / actionCost. */
  actionCost: number;
  /** First round's sleep, seconds (bench `--sleep`). */
  initialSleep: number;
  /** Go's sleep floor (seconds) and the sleep below which it does not apply. */
  floor: number;
  escapeBelow: number;
  roundDuration: number;
  rounds: number;
  /** Every n-th action produces no event (0: never). */
  missEvery: number;
  /** Every n-th HTTP delivery fails (0: never). */
  httpLossEvery: number;
  action: string;
  rule: string;
  /**
   * Seconds after the script's start when Falco's /metrics first answers 200 (the script waits for it, then takes
   * its `start` sample), and when the generator starts (not before the driver is open).
   */
  driverOpenAfter: number;
  generatorStartsAfter: number;
  /** Seconds after the script's start when Falco restarts: its counters start again from zero, its buffer and queue are lost (0: never). */
  restartAt: number;
  /** Seconds from a phase line (round, resting, statistics) to the moment its sample reads the counters. */
  phaseDelay: number;
  /** Sampler period, seconds, and the phase of its ticks. */
  tick: number;
  tickOffset: number;
  /**
   * Up to this many seconds between the time a sample records (taken before the request) and the moment Falco
   * snapshots its counters: varies from sample to sample (a fixed pseudo-random sequence), so match rates between
   * samples carry the timing noise real ones do. Only the recorded time moves; `phaseDelay` moves the snapshot.
   */
  scrapeLag: number;
  /** Simulation step, seconds. */
  step: number;
  /** Wall clock of the script's start, seconds since the epoch. */
  startTime: number;
}

export const DEFAULT_SIM: SimParams = {
  capacity: 5000,
  buffer: 20_000,
  queue: 50_000,
  httpRate: 100_000,
  actionCost: 50e-6,
  initialSleep: 0.1,
  floor: 1.06e-3,
  escapeBelow: 10e-6,
  roundDuration: 5,
  rounds: 30,
  missEvery: 0,
  httpLossEvery: 0,
  action: 'syscall.ReadSensitiveFileUntrusted',
  rule: 'Read sensitive file untrusted',
  driverOpenAfter: 1,
  generatorStartsAfter: 2,
  phaseDelay: 0.05,
  restartAt: 0,
  tick: 1,
  tickOffset: 0.37,
  scrapeLag: 0.02,
  step: 1e-3,
  startTime: Date.UTC(2026, 4, 1, 10) / 1000,
};

/** Where one round's events went (by the round that generated them), and what the bench server counted in it. */
export interface RoundTruth {
  round: number;
  /** Events the generator counted (E) and alerts the bench counted in this round (A). */
  expected: number;
  actual: number;
  throughput: number;
  /**
   * Of this round's events: failed actions and kernel drops; of the matches in this round's window (the report's:
   * from the previous rest point to this one), queue drops and failed deliveries.
   */
  missed: number;
  kernelDropped: number;
  queueDropped: number;
  httpLost: number;
  /** Alerts of this round's window the bench counted in another round (late); alerts of other windows it counted in this one. */
  lateOut: number;
  lateIn: number;
  /** Events still unmatched in the kernel buffer at the statistics, and at the report's rest point (the last tick of the rest at least REST_GUARD_SECONDS before the statistics). */
  backlogAtStatistics: number;
  backlogAtRestPoint: number;
}

export interface SimResult {
  log: string;
  rounds: RoundTruth[];
}

/** The wall time an action's sleep takes, as Go's timer does it on the real nodes. */
export function effectiveSleep(sleep: number, p: Pick<SimParams, 'floor' | 'escapeBelow'>): number {
  if (sleep <= 0) return 0;
  return sleep < p.escapeBelow ? sleep : Math.max(sleep, p.floor);
}

/** A FIFO of events or alerts, in batches by the round that generated them. */
class Fifo {
  private batches: { round: number; n: number }[] = [];
  length = 0;
  push(round: number, n: number): void {
    if (n <= 0) return;
    const last = this.batches[this.batches.length - 1];
    if (last && last.round === round) last.n += n;
    else this.batches.push({ round, n });
    this.length += n;
  }
  /** Takes up to n from the head, calling `take(round, k)` per batch. */
  pop(n: number, take: (round: number, k: number) => void): void {
    while (n > 0 && this.batches.length > 0) {
      const head = this.batches[0];
      const k = Math.min(n, head.n);
      take(head.round, k);
      head.n -= k;
      this.length -= k;
      n -= k;
      if (head.n === 0) this.batches.shift();
    }
  }
}

/** How many multiples of `every` lie in the index range (from, to]: failed actions, failed deliveries. */
const multiples = (from: number, to: number, every: number) => (every > 0 ? Math.floor(to / every) - Math.floor(from / every) : 0);

export function simulate(overrides: Partial<SimParams> = {}): SimResult {
  const p: SimParams = { ...DEFAULT_SIM, ...overrides };
  const stepsPer = (seconds: number) => Math.round(seconds / p.step);
  const R = stepsPer(p.roundDuration);
  const lines: string[] = [];
  const at = (step: number) => p.startTime + step * p.step;
  // event-generator 0.13.0's JSON lines carry no time.
  const log = (record: Record<string, unknown>) => lines.push(JSON.stringify({ level: 'info', ...record }));

  // Falco's counters.
  let evts = 0, drops = 0, queueDrops = 0, matches = 0;
  const buffer = new Fifo();
  const queue = new Fifo();
  let serviceCredit = 0, httpCredit = 0, deliveries = 0, actions = 0;
  const blank = (round: number): RoundTruth => ({ round, expected: 0, actual: 0, throughput: 0, missed: 0, kernelDropped: 0, queueDropped: 0, httpLost: 0, lateOut: 0, lateIn: 0, backlogAtStatistics: 0, backlogAtRestPoint: 0 });
  const truth: RoundTruth[] = Array.from({ length: p.rounds }, (_, i) => blank(i + 1));
  // Matches after the last round's rest point belong to no round.
  const beyond = blank(p.rounds + 1);
  const of = (round: number) => truth[round - 1] ?? beyond;

  // A linear congruential sequence: the same lags on every run, no dependency on Math.random.
  let seed = 12345;
  const lag = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (seed / 2 ** 31) * p.scrapeLag;
  };
  const sample = (step: number, why: string) => {
    const time = Number((at(step) - lag()).toFixed(6));
    lines.push(JSON.stringify({
      level: 'info', msg: BENCH_SAMPLE_MESSAGE, at: why, time, http: 200,
      evts, drops, dropsOpen: drops, queueDrops, matches: matches > 0 ? { [p.rule]: matches } : {},
    }));
  };

  lines.push(JSON.stringify({ level: 'info', msg: 'falco-bench: measuring falco', pid: 4242 }));
  const ready = stepsPer(p.driverOpenAfter);
  lines.push(JSON.stringify({ level: 'info', msg: BENCH_METRICS_READY_MESSAGE, http: 200, seconds: p.driverOpenAfter }));
  sample(ready, 'start');
  const start = Math.max(ready, stepsPer(p.generatorStartsAfter));
  const end = start + p.rounds * 2 * R;
  const tickEvery = stepsPer(p.tick);
  const tickPhase = ready + stepsPer(p.tickOffset);
  const delay = stepsPer(p.phaseDelay);
  const guard = stepsPer(REST_GUARD_SECONDS);
  /**
   * What the script does after a phase line, in order: it reads the counters `delay` later, prints the sample,
   * and only then reads (prints) the generator's next line.
   */
  const pending: { step: number; run: (s: number) => void }[] = [];
  const later = (step: number, run: (s: number) => void) => pending.push({ step, run });
  const scrapeDue = (s: number) => {
    while (pending.length > 0 && pending[0].step <= s) pending.shift()!.run(s);
  };

  let sleepNs = Math.round(p.initialSleep * 1e9);
  let round = 0, roundStart = 0, period = 0, generated = 0;
  let current: RoundTruth | null = null;
  // The report counts a match in the window it falls in: from one rest point to the next. `window` is the round
  // whose window is open, `restPointStep` the step of the open round's rest point.
  let window = 1, restPointStep = Infinity, restarted = false;
  let benchActual = 0;
  let busySteps = 0;

  // Hoisted out of the loop: one closure each, not one per step.
  const match = (_origin: number, k: number) => {
    matches += k;
    const room = p.queue > 0 ? Math.max(0, p.queue - queue.length) : k;
    const kept = Math.min(k, room);
    queueDrops += k - kept;
    of(window).queueDropped += k - kept;
    queue.push(window, kept);
  };
  const deliver = (origin: number, k: number) => {
    const failed = multiples(deliveries, deliveries + k, p.httpLossEvery);
    deliveries += k;
    of(origin).httpLost += failed;
    const arrived = k - failed;
    benchActual += arrived;
    if (current && origin !== current.round) {
      of(origin).lateOut += arrived;
      current.lateIn += arrived;
    }
  };

  for (let s = 0; s <= end; s++) {
    // Phase changes happen at step boundaries, before the step's work: the statistics close the round that
    // ends here, a new round starts, the sampler scrapes the state at this instant.
    if (s >= start && (s - start) % (2 * R) === 0) {
      if (current) {
        current.actual = benchActual;
        current.backlogAtStatistics = buffer.length;
        log({ msg: p.action, actual: benchActual, expected: current.expected, ratio: current.expected ? benchActual / current.expected : 0 });
        const lost = current.expected ? Math.trunc((1 - benchActual / current.expected) * 100) : 0;
        log({
          msg: 'statistics',
          throughput: `${current.throughput.toFixed(1)} EPS`,
          lost: `${lost}%`,
          cpu: `${((busySteps / (2 * R)) * 100).toFixed(1)}%`,
          res_mem: `${Math.round(120 + queue.length / 1000)} MB`,
          virt_mem: '1.3 GB',
        });
        later(s + delay, (t) => sample(t, 'statistics'));
        if (!(benchActual > current.expected) && sleepNs > 0) sleepNs = Math.floor(sleepNs / 2);
        benchActual = 0;
        busySteps = 0;
        later(s + delay, () => log({ msg: '' }));
      }
      if (s === end) {
        scrapeDue(end + delay);
        break;
      }
      round++;
      roundStart = s;
      period = effectiveSleep(sleepNs / 1e9, p) + p.actionCost;
      generated = 0;
      current = truth[round - 1];
      // The report's rest point: the last tick of the rest at least REST_GUARD_SECONDS before the statistics, or
      // else the resting sample.
      const resting = s + R + delay;
      const lastTick = tickPhase + Math.floor((s + 2 * R - guard - tickPhase) / tickEvery) * tickEvery;
      restPointStep = lastTick >= resting ? lastTick : resting;
      // The generator has started this round's actions; the script prints its line after the statistics sample.
      const header = { msg: `round #${round}`, sleep: sleepNs };
      later(s + (s === start ? 0 : delay), (t) => {
        log(header);
        later(t + delay, (u) => sample(u, 'round'));
      });
    }
    if (current && s === roundStart + R) {
      log({ msg: 'resting...' });
      later(s + delay, (t) => sample(t, 'resting'));
    }
    if (p.restartAt > 0 && s >= stepsPer(p.restartAt) && !restarted) {
      restarted = true;
      evts = drops = queueDrops = matches = 0;
      buffer.pop(buffer.length, () => undefined);
      queue.pop(queue.length, () => undefined);
    }
    scrapeDue(s);
    if (s >= tickPhase && (s - tickPhase) % tickEvery === 0) sample(s, 'tick');
    if (current && s >= restPointStep && window === current.round) {
      current.backlogAtRestPoint = buffer.length;
      window = current.round + 1;
    }

    // Generator: the actions completed by the end of this step, while the round runs.
    if (current && s < roundStart + R) {
      const due = Math.floor(((s + 1 - roundStart) * p.step) / period + 1e-9);
      const n = Math.max(0, due - generated);
      generated += n;
      current.expected += n;
      current.throughput = generated / p.roundDuration;
      const missed = multiples(actions, actions + n, p.missEvery);
      actions += n;
      current.missed += missed;
      const events = n - missed;
      const accepted = Math.min(events, p.buffer - buffer.length);
      evts += accepted;
      drops += events - accepted;
      current.kernelDropped += events - accepted;
      buffer.push(current.round, accepted);
    }
    // Falco: its rate while there is work; idle time is not saved up.
    serviceCredit += p.capacity * p.step;
    const served = Math.min(Math.floor(serviceCredit + 1e-9), buffer.length);
    serviceCredit = buffer.length > served ? serviceCredit - served : 0;
    if (served > 0) busySteps++;
    buffer.pop(served, match);
    // HTTP output thread.
    httpCredit += p.httpRate * p.step;
    const sent = Math.min(Math.floor(httpCredit + 1e-9), queue.length);
    httpCredit = queue.length > sent ? httpCredit - sent : 0;
    queue.pop(sent, deliver);
    // Nothing to generate, match or deliver: jump to the next step where something happens (a phase change or
    // a tick). Credit is not saved up while idle, so the jump changes nothing.
    const generating = current !== null && s + 1 < roundStart + R;
    if (!generating && buffer.length === 0 && queue.length === 0) {
      const nextTick = s + 1 <= tickPhase ? tickPhase : tickPhase + Math.ceil((s + 1 - tickPhase) / tickEvery) * tickEvery;
      const nextPhase = s + 1 <= start ? start : start + Math.ceil((s + 1 - start) / R) * R;
      // (the resting sample's moment is a phase step plus the delay: pending[0] covers it)
      const next = Math.min(nextTick, nextPhase, end, pending.length > 0 ? pending[0].step : Infinity);
      if (next > s + 1) {
        serviceCredit = 0;
        httpCredit = 0;
        s = next - 1;
      }
    }
  }
  // Alerts still queued when the run ends would arrive after the last statistics: late, like any other.
  queue.pop(queue.length, (origin, k) => (of(origin).lateOut += k));
  return { log: `${lines.join('\n')}\n`, rounds: truth };
}
