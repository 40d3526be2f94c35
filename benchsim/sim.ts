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
 * - Kernel: a ring buffer of `buffer` events; an event that finds it full is dropped (and counted: all kinds in
 *   `drops`, the action's opens also in `dropsOpen`). Besides the opens, `closeEvents` (one close per action)
 *   and `background` syscalls take buffer space; when the buffer cannot take a step's events, each kind loses
 *   its share.
 * - Falco: takes `capacity` open events per second from the buffer while there are any, each one a rule match,
 *   and puts the alert in its output queue (`queue` alerts; full: dropped and counted; 0: unbounded). The other
 *   events cost it nothing extra (their cost is folded into `capacity`): they leave the buffer as Falco reaches
 *   them.
 * - HTTP: the output thread delivers `httpRate` alerts per second from the queue; every `httpLossEvery`-th
 *   delivery fails. The bench server counts an alert in the round in progress when it arrives, which is the
 *   next round for an alert that arrives after the statistics (late).
 * - Sampler: the script waits until /metrics answers (`driverOpenAfter`), scrapes once (`start`), then ticks.
 *   A sample for a phase line (`round`, `resting`, `statistics`) reads the counters `phaseDelay` after the line,
 *   and the generator does not wait: as in event-generator 0.13.0, the next round's actions start right at the
 *   statistics, so the `statistics` and `round` samples hold some of the next round's matches.
 * - Runs (`repeat`): as gitops/bench.sh, each run starts with its marker line, then the script's start lines and
 *   a `start` sample; Falco (counters, buffer, queue) carries on from one run to the next, `restBetweenRuns`
 *   apart, and each run's service rate carries its own noise (`capacityNoise`, `seed`).
 */
import { BENCH_METRICS_READY_MESSAGE, BENCH_RUN_MESSAGE, BENCH_SAMPLE_MESSAGE } from '../contract/naming';
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
  /** Each action also makes a close event (the action's file is closed): kernel buffer space, never a match. */
  closeEvents: boolean;
  /** Other syscalls on the node, events per second, all the time: kernel buffer space, never a match. */
  background: number;
  /** Runs one after another on the same Falco (`benchmark.repeat`), each after its run marker line. */
  repeat: number;
  /** Seconds between runs (`benchmark.restBetweenRuns`): Falco works off what is left, nothing is sampled. */
  restBetweenRuns: number;
  /**
   * Each run's service rate is capacity × (1 + capacityNoise × u), u uniform in [−1, 1] from the `seed`'s
   * sequence: the run-to-run spread of a shared node. 0: every run at `capacity`.
   */
  capacityNoise: number;
  /** Seed of the pseudo-random sequences (scrape lags, capacity noise): the same seed, the same log. */
  seed: number;
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
  closeEvents: false,
  background: 0,
  repeat: 1,
  restBetweenRuns: 60,
  capacityNoise: 0,
  seed: 12345,
};

/** Where one round's events went (by the round that generated them), and what the bench server counted in it. */
export interface RoundTruth {
  /** The run (1 unless `repeat`) and the round in it. */
  run: number;
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
  /** The action's open events the kernel dropped (what `dropsOpen` counts). */
  kernelDropped: number;
  /** Close and background events the kernel dropped in this round's window (in `drops`, not in `dropsOpen`). */
  otherDropped: number;
  queueDropped: number;
  httpLost: number;
  /** Alerts of this round's window the bench counted in another round (late); alerts of other windows it counted in this one. */
  lateOut: number;
  lateIn: number;
  /** Events still unmatched in the kernel buffer at the statistics, and at the report's rest point (the last tick of the rest at least REST_GUARD_SECONDS before the statistics). */
  backlogAtStatistics: number;
  backlogAtRestPoint: number;
}

export interface RunTruth {
  run: number;
  /** The service rate of this run (capacity with its noise), matches per second. */
  capacity: number;
  rounds: RoundTruth[];
}

export interface SimResult {
  log: string;
  /** Every run's rounds, in order. */
  rounds: RoundTruth[];
  runs: RunTruth[];
}

/** The wall time an action's sleep takes, as Go's timer does it on the real nodes. */
export function effectiveSleep(sleep: number, p: Pick<SimParams, 'floor' | 'escapeBelow'>): number {
  if (sleep <= 0) return 0;
  return sleep < p.escapeBelow ? sleep : Math.max(sleep, p.floor);
}

/** A FIFO of events or alerts, in batches by the round that generated them (`round`: a tag, see `simulate`). */
class Fifo {
  protected batches: { round: number; n: number; open: boolean }[] = [];
  length = 0;
  push(round: number, n: number, open = true): void {
    if (n <= 0) return;
    const last = this.batches[this.batches.length - 1];
    if (last && last.round === round && last.open === open) last.n += n;
    else this.batches.push({ round, n, open });
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

/** The kernel ring buffer: the action's open events, and other events (closes, background) that only take space. */
class RingBuffer extends Fifo {
  /** Open events in the buffer: the ones still to be matched. */
  opens = 0;
  push(round: number, n: number, open = true): void {
    super.push(round, n, open);
    if (open && n > 0) this.opens += n;
  }
  /**
   * Falco takes up to n open events from the head, calling `take(round, k)` per batch; the other events before
   * and between them leave as it reaches them. Returns how many opens it took.
   */
  serve(n: number, take: (round: number, k: number) => void): number {
    let served = 0;
    while (this.batches.length > 0) {
      const head = this.batches[0];
      if (!head.open) {
        this.length -= head.n;
        this.batches.shift();
        continue;
      }
      if (served === n) break;
      const k = Math.min(n - served, head.n);
      take(head.round, k);
      head.n -= k;
      this.length -= k;
      this.opens -= k;
      served += k;
      if (head.n === 0) this.batches.shift();
    }
    return served;
  }
  clear(): void {
    this.batches = [];
    this.length = this.opens = 0;
  }
}

/** How many multiples of `every` lie in the index range (from, to]: failed actions, failed deliveries. */
const multiples = (from: number, to: number, every: number) => (every > 0 ? Math.floor(to / every) - Math.floor(from / every) : 0);

/** A linear congruential sequence in [0, 1): the same numbers for the same seed, no dependency on Math.random. */
function sequence(seed: number): () => number {
  let x = ((Math.floor(seed) % 2 ** 31) + 2 ** 31) % 2 ** 31;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

export function simulate(overrides: Partial<SimParams> = {}): SimResult {
  const p: SimParams = { ...DEFAULT_SIM, ...overrides };
  const stepsPer = (seconds: number) => Math.round(seconds / p.step);
  const R = stepsPer(p.roundDuration);
  const lines: string[] = [];
  const at = (step: number) => p.startTime + step * p.step;
  // event-generator 0.13.0's JSON lines carry no time.
  const log = (record: Record<string, unknown>) => lines.push(JSON.stringify({ level: 'info', ...record }));

  // Falco's counters and state: they carry on from one run to the next.
  let evts = 0, drops = 0, dropsOpen = 0, queueDrops = 0, matches = 0;
  const buffer = new RingBuffer();
  const queue = new Fifo();
  let serviceCredit = 0, httpCredit = 0, deliveries = 0, actions = 0, background = 0;
  const blank = (run: number, round: number): RoundTruth => ({ run, round, expected: 0, actual: 0, throughput: 0, missed: 0, kernelDropped: 0, otherDropped: 0, queueDropped: 0, httpLost: 0, lateOut: 0, lateIn: 0, backlogAtStatistics: 0, backlogAtRestPoint: 0 });
  // Batches in the buffer and the queue are tagged with their round's place in `truth` plus one: rounds of
  // different runs never mix up.
  const truth: RoundTruth[] = [];
  for (let k = 1; k <= p.repeat; k++) for (let r = 1; r <= p.rounds; r++) truth.push(blank(k, r));
  // Matches after a run's last rest point belong to no round.
  const beyond = blank(0, 0);
  const of = (tag: number) => truth[tag - 1] ?? beyond;

  const lag = sequence(p.seed);
  // Its own sequence, so that the noise of one run does not shift the lags of the next.
  const noise = sequence(p.seed ^ 0x5bd1e995);
  const sample = (step: number, why: string) => {
    const time = Number((at(step) - lag() * p.scrapeLag).toFixed(6));
    lines.push(JSON.stringify({
      level: 'info', msg: BENCH_SAMPLE_MESSAGE, at: why, time, http: 200,
      evts, drops, dropsOpen, queueDrops, matches: matches > 0 ? { [p.rule]: matches } : {},
    }));
  };

  const tickEvery = stepsPer(p.tick);
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

  let capacity = p.capacity;
  const capacities: number[] = [];
  // The round whose events are being generated (null between rounds and runs), its tag, and the window.
  let current: RoundTruth | null = null;
  let currentTag = 0;
  // The report counts a match in the window it falls in: from one rest point to the next. `window` is the tag
  // of the round whose window is open, `restPointStep` the step of the open round's rest point.
  let window = 0, restPointStep = Infinity, restarted = false;
  // What the bench server of the run in progress counts; between runs no bench listens (alerts then are late).
  let benchActual = 0, benchListening = false;
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
    if (!benchListening) {
      of(origin).lateOut += arrived;
      return;
    }
    benchActual += arrived;
    if (current && origin !== currentTag) {
      of(origin).lateOut += arrived;
      current.lateIn += arrived;
    }
  };
  /** Background syscalls due by the end of step s (they arrive evenly, all the time). */
  const backgroundDue = (s: number) => Math.floor(p.background * (s + 1) * p.step + 1e-9);
  /** Events of one step into the ring buffer: what does not fit is dropped, each kind losing its share. */
  const kernel = (opens: number, others: number) => {
    const room = p.buffer - buffer.length;
    const total = opens + others;
    const acceptedOpens = total <= room ? opens : others === 0 ? Math.max(0, room) : Math.floor((Math.max(0, room) * opens) / total);
    const acceptedOthers = total <= room ? others : Math.max(0, room) - acceptedOpens;
    evts += acceptedOpens + acceptedOthers;
    drops += total - acceptedOpens - acceptedOthers;
    dropsOpen += opens - acceptedOpens;
    if (current) current.kernelDropped += opens - acceptedOpens;
    of(window).otherDropped += others - acceptedOthers;
    buffer.push(currentTag, acceptedOpens, true);
    buffer.push(currentTag, acceptedOthers, false);
  };
  /** Falco, the output thread and the node's other syscalls, one step. */
  const work = (s: number) => {
    const bg = backgroundDue(s) - background;
    background += bg;
    if (bg > 0) kernel(0, bg);
    // Falco: its rate while there is work; idle time is not saved up.
    serviceCredit += capacity * p.step;
    const served = buffer.serve(Math.min(Math.floor(serviceCredit + 1e-9), buffer.opens), match);
    serviceCredit = buffer.opens > 0 ? serviceCredit - served : 0;
    if (served > 0) busySteps++;
    // HTTP output thread.
    httpCredit += p.httpRate * p.step;
    const sent = Math.min(Math.floor(httpCredit + 1e-9), queue.length);
    httpCredit = queue.length > sent ? httpCredit - sent : 0;
    queue.pop(sent, deliver);
  };
  /** Nothing to match or deliver from step s on: skip to `next` (background events then pass straight through). */
  const idleJump = (s: number, next: number): number => {
    if (next <= s + 1 || buffer.length > 0 || queue.length > 0) return s;
    serviceCredit = 0;
    httpCredit = 0;
    const bg = backgroundDue(next - 1) - background;
    background += bg;
    evts += bg;
    return next - 1;
  };
  const restart = (s: number) => {
    if (p.restartAt > 0 && s >= stepsPer(p.restartAt) && !restarted) {
      restarted = true;
      evts = drops = dropsOpen = queueDrops = matches = 0;
      buffer.clear();
      queue.pop(queue.length, () => undefined);
    }
  };

  /** One run of the script from step `from`: its marker and start lines, then the generator's rounds. Returns its last step. */
  const runOnce = (run: number, from: number): number => {
    const first = run === 1;
    capacity = p.capacityNoise > 0 ? p.capacity * (1 + p.capacityNoise * (2 * noise() - 1)) : p.capacity;
    capacities.push(capacity);
    log({ msg: BENCH_RUN_MESSAGE, run, of: p.repeat });
    log({ msg: 'falco-bench: measuring falco', pid: 4242 });
    // Falco's /metrics answers from the first run on: later runs get their answer at once.
    const ready = first ? stepsPer(p.driverOpenAfter) : from;
    log({ msg: BENCH_METRICS_READY_MESSAGE, http: 200, seconds: first ? p.driverOpenAfter : 0 });
    sample(ready, 'start');
    const start = Math.max(ready, first ? stepsPer(p.generatorStartsAfter) : from + stepsPer(p.generatorStartsAfter - p.driverOpenAfter));
    const end = start + p.rounds * 2 * R;
    const tickPhase = ready + stepsPer(p.tickOffset);
    const base = (run - 1) * p.rounds;
    let sleepNs = Math.round(p.initialSleep * 1e9);
    let round = 0, roundStart = 0, period = 0, generated = 0;
    window = base + 1;
    restPointStep = Infinity;
    benchActual = 0;
    benchListening = true;
    busySteps = 0;

    for (let s = from; s <= end; s++) {
      // Phase changes happen at step boundaries, before the step's work: the statistics close the round that
      // ends here, a new round starts, the sampler scrapes the state at this instant.
      if (s >= start && (s - start) % (2 * R) === 0) {
        if (current) {
          current.actual = benchActual;
          current.backlogAtStatistics = buffer.opens;
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
          current = null;
          currentTag = 0;
          benchListening = false;
          return end + delay;
        }
        round++;
        roundStart = s;
        period = effectiveSleep(sleepNs / 1e9, p) + p.actionCost;
        generated = 0;
        currentTag = base + round;
        current = truth[currentTag - 1];
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
      restart(s);
      scrapeDue(s);
      if (s >= tickPhase && (s - tickPhase) % tickEvery === 0) sample(s, 'tick');
      if (current && s >= restPointStep && window === currentTag) {
        current.backlogAtRestPoint = buffer.opens;
        // After a run's last rest point no round's window is open (0: `beyond`).
        window = round === p.rounds ? 0 : currentTag + 1;
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
        kernel(events, p.closeEvents ? events : 0);
      }
      work(s);
      // Nothing to generate, match or deliver: jump to the next step where something happens (a phase change or
      // a tick). Credit is not saved up while idle, so the jump changes nothing.
      const generating = current !== null && s + 1 < roundStart + R;
      if (!generating) {
        const nextTick = s + 1 <= tickPhase ? tickPhase : tickPhase + Math.ceil((s + 1 - tickPhase) / tickEvery) * tickEvery;
        const nextPhase = s + 1 <= start ? start : start + Math.ceil((s + 1 - start) / R) * R;
        // (the resting sample's moment is a phase step plus the delay: pending[0] covers it)
        s = idleJump(s, Math.min(nextTick, nextPhase, end, pending.length > 0 ? pending[0].step : Infinity));
      }
    }
    return end;
  };

  let s = 0;
  for (let run = 1; run <= p.repeat; run++) {
    if (run > 1) {
      // The rest between runs: Falco works off what is left; alerts that arrive now reach no bench (late).
      const until = s + stepsPer(p.restBetweenRuns);
      for (let t = s + 1; t < until; t++) {
        restart(t);
        work(t);
        t = idleJump(t, until);
      }
      s = until;
    }
    s = runOnce(run, s);
  }
  // Alerts still queued when the run ends would arrive after the last statistics: late, like any other.
  queue.pop(queue.length, (origin, k) => (of(origin).lateOut += k));
  const runs: RunTruth[] = [];
  for (let k = 1; k <= p.repeat; k++) {
    runs.push({ run: k, capacity: capacities[k - 1], rounds: truth.filter((t) => t.run === k) });
  }
  return { log: `${lines.join('\n')}\n`, rounds: truth, runs };
}
