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

export interface ParsedLog {
  format: LogFormat;
  rounds: Round[];
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
  peakDeliveredEps: number | null;
  perRound: RoundMetrics[];
  /** Actions with actual=0 in every round: their Falco rule is not loaded (a configuration error). */
  rulesNotLoaded: string[];
  warnings: string[];
}

export interface Report {
  threshold: number;
  runs: Run[];
  errors: InputError[];
}
