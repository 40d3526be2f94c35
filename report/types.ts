/**
 * Shared shapes of the report pipeline: parse (log text -> rounds) -> metrics (rounds -> run) -> render.
 * Failures travel as values (`Result`) so that one bad input never stops the others.
 */

/** A problem with one input: printed as `file:line: message` (line only where it applies). */
export interface InputError {
  /** The file as given on the command line, or the pod a log came from. */
  file: string;
  line?: number;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: InputError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(file: string, message: string, line?: number): Result<T> => ({
  ok: false,
  error: line === undefined ? { file, message } : { file, line, message },
});

export function formatError(e: InputError): string {
  return `${e.file}${e.line === undefined ? '' : `:${e.line}`}: ${e.message}`;
}

/** One action's line in a round: the alerts the bench server counted against the events it generated. */
export interface ActionResult {
  name: string;
  actual: number;
  expected: number;
}

/** A complete round: its header, action lines and `statistics` line were all read. */
export interface Round {
  round: number;
  /** Go duration as logged (`100ms`, `781.25µs`); null when the header had none. */
  sleep: string | null;
  sleepNs: number | null;
  actions: ActionResult[];
  /** The printed throughput, events per second. */
  throughput: number;
  /** Falco's CPU in percent of one core; null without `--pid`. */
  cpu: number | null;
  resMem: number | null;
  virtMem: number | null;
}

export type LogFormat = 'text' | 'logfmt' | 'json';

/** Why the sampler scraped: the generator logged a round's start, its rest or its statistics, or a tick. */
export type SampleAt = 'start' | 'round' | 'resting' | 'statistics' | 'tick';

/**
 * One scrape of Falco's counters by the benchmark Job's sampler (gitops/benchmark.ts). Counters are cumulative
 * since Falco started; they are present only when the scrape answered 200 (`http`), and a rule's match counter
 * only after its first match.
 */
export interface Sample {
  at: SampleAt;
  /** Wall clock, seconds since the epoch, taken just before the request. */
  time: number;
  /** HTTP status of the scrape; 0 when the endpoint could not be reached. */
  http: number;
  evts: number | null;
  drops: number | null;
  dropsOpen: number | null;
  queueDrops: number | null;
  /** rule name -> matches. */
  matches: Record<string, number>;
  /** The round the sample belongs to: the open round, or for `statistics` the round just ended; null between rounds. */
  round: number | null;
  line: number;
}

/** One run of a log (a log holds one per run marker, or one without markers). */
export interface ParsedLog {
  format: LogFormat;
  /** The run's number from its marker (BENCH_RUN_MESSAGE); absent or 1 for a log without markers. */
  run?: number;
  rounds: Round[];
  /** The sampler's lines, in log order (none in logs from before the sampler). */
  samples: Sample[];
  warnings: string[];
}

export interface Knee {
  round: number;
  eps: number;
  /** 1 - loss, a fraction. */
  success: number;
  successEps: number;
  cpu: number | null;
}

/**
 * Where one round's alerts went, from Falco's counters (definitions in docs/report.md). Counts over the
 * round's window: from the previous round's rest point (round 1: the sample before the generator started) to
 * its own rest point, the last sample of its rest before the statistics; the windows of a run join.
 */
export interface Attribution {
  /** E: events the generator counted (expected). */
  expected: number;
  /** M: matches of the actions' rules. */
  matched: number;
  /** A: alerts the bench server received (actual). */
  delivered: number;
  /** K: events the kernel dropped (every kind), and of them the `open` syscalls (null without that counter). */
  kernelDrops: number;
  kernelDropsOpen: number | null;
  /** Q: alerts dropped by Falco's full output queue. */
  queueDrops: number;
  /**
   * Where the kernel part comes from: `dropsOpen`, the action's dropped open events in the window (exact: only
   * they can never match), or `estimate`, all kernel drops capped by the unmatched events (the log's samples
   * have no dropsOpen; the estimate may count a backlog that crosses the rest point as kernel loss).
   */
  kernelSource: KernelSource;
  /** E - A split; the parts add up to E - A exactly. A negative part is work of the previous round landing in this one. */
  loss: {
    /** The dropped opens capped by the unmatched events; without that counter min(K, unmatched) (kernelSource). */
    kernel: number;
    /** The rest of the unmatched events when Falco was idle at the rest point: the action failed or its rule is not loaded. */
    ruleMiss: number;
    /**
     * The rest of the unmatched events when Falco was still matching at the rest point (not lost yet, late),
     * minus the previous round's such events, which were matched in this window.
     */
    backlog: number;
    /** Q. */
    queue: number;
    /** M - Q - A: alerts lost on the HTTP path or arriving after the statistics (then counted in the next round). */
    http: number;
  };
  /** Matches from the `resting` sample to the rest point: the backlog the run left, worked off in the rest. */
  restMatches: number;
  /**
   * Backlog growth during the run: E minus the matches from the window's start to the `resting` sample, minus
   * the kernel drops and rule misses (events that never wait in a buffer).
   */
  growth: number;
  /** Falco fell behind the generator: kernel drops, or a backlog growth above the loss threshold times E. */
  backlogged: boolean;
}

export type KernelSource = 'dropsOpen' | 'estimate';

/** Falco's service rate for the benchmark's actions, measured while a kernel backlog existed. */
export interface Capacity {
  /** Median of the match rates of the saturated intervals, matches per second. */
  eps: number;
  min: number;
  max: number;
  /** Saturated sample intervals, and the rounds they come from. */
  intervals: number;
  rounds: number;
  /** The generator's highest throughput in those rounds, EPS. */
  generatorEps: number;
  /** False with fewer than MIN_CAPACITY_INTERVALS intervals, or within GENERATOR_LIMIT_MARGIN of generatorEps. */
  trustworthy: boolean;
}

export interface RoundMetrics {
  round: number;
  sleep: string | null;
  sleepNs: number | null;
  expected: number;
  actual: number;
  /** 1 - actual/expected, a fraction. */
  loss: number;
  throughput: number;
  delivered: number;
  cpu: number | null;
  resMem: number | null;
  virtMem: number | null;
  /** Null when the log has no usable samples for this round. */
  attribution: Attribution | null;
  /** Loss below the threshold and no backlog left; null without attribution. */
  sustainable: boolean | null;
}

export type RunStatus = 'finished' | 'not-finished';

export interface Run {
  /** Input file, or the saved copy of a fetched log; null for a cluster log that was not saved. */
  file: string | null;
  /** `namespace/name` of the Job pod, for logs read from the cluster. */
  pod?: string;
  variant: string;
  status: RunStatus;
  /** Complete rounds. */
  rounds: number;
  /** Loss threshold, a fraction. */
  threshold: number;
  knee: Knee | null;
  maxSustainedEps: number | null;
  /** The highest throughput of a round that is sustainable (loss and backlog); null without attribution. */
  maxSustainableEps: number | null;
  peakDeliveredEps: number | null;
  /** Null when not measured; `capacityNote` says why, or what limits it. */
  capacity: Capacity | null;
  capacityNote: string | null;
  /** Sampler lines read (0: a log from before the sampler, attribution unavailable). */
  samples: number;
  perRound: RoundMetrics[];
  /** Actions with actual=0 in every round: their Falco rule is not loaded (a configuration error). */
  rulesNotLoaded: string[];
  warnings: string[];
  /** The kernel part of the attributed rounds: `estimate` when any round had no dropsOpen; null without attribution. */
  kernelSource: KernelSource | null;
  /** The run's number in its variant's log (`benchmark.repeat`); absent for a variant's own row. */
  repeat?: number;
  /**
   * A variant with several runs: each run's own result, in log order. The variant's row then holds medians over
   * them (capacity: median of the runs' capacities, min–max over runs; see `spread`), and its `perRound` is empty.
   */
  repeats?: Run[];
  /** Median and min–max over runs of the headline figures; one run: min = max = median. */
  spread: RunSpread;
}

/** A figure over the runs of a variant that have it. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Runs that have the figure (a run without a knee, say, has none). */
  n: number;
}

export interface RunSpread {
  runs: number;
  capacity: Spread | null;
  kneeEps: Spread | null;
  maxSustainableEps: Spread | null;
}

/** Whether two variants' capacities differ by more than their run-to-run spread. */
export interface Verdict {
  a: string;
  b: string;
  /** True: the min–max ranges over runs overlap (not a real difference); false: they do not; null: a capacity is missing. */
  overlap: boolean | null;
  /** Runs behind each side. */
  runsA: number;
  runsB: number;
}

/** An input that is not a bench log (a directory, a `SOURCE.txt` caught by a glob): left out with a note, not an error. */
export interface SkippedInput {
  file: string;
  reason: string;
}

export interface Report {
  threshold: number;
  runs: Run[];
  /** Every pair of finished variants, in report order (compare.ts). */
  verdicts?: Verdict[];
  errors: InputError[];
  skipped: SkippedInput[];
}
