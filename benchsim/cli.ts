/**
 * `npm run simulate -- [options]`: the log of a simulated benchmark run (benchsim/sim.ts) on stdout or in a
 * file, ready for `npm run report`; `--table` instead runs the report on every built-in scenario and prints how
 * well it recovers the simulated capacity (the README's table).
 */
import { writeFileSync } from 'node:fs';
import { parseGoDuration } from '../config/duration';
import { CommandSpec, EXIT, ExitCode, Io, Parsed, UsageError, processIo, runCommand, runMain } from '../cli/command';
import { computeVariant } from '../report/metrics';
import { parseRuns } from '../report/parse';
import { Run } from '../report/types';
import { SCENARIOS } from './scenarios';
import { DEFAULT_SIM, SimParams, simulate } from './sim';

/** More runs than this is a typo, not a benchmark (the real `benchmark.repeat` allows 1-10). */
export const MAX_REPEAT = 100;

export const SPEC: CommandSpec = {
  invocation: 'npm run simulate --',
  summary:
    'Simulates one variant under event-generator bench (pacing, kernel ring buffer, single-threaded Falco, bounded\n' +
    'output queue, HTTP delivery) and writes the log a real run writes, Falco counter samples included.',
  options: {
    scenario: { type: 'string', value: 'NAME', doc: `start from a built-in parameter set: ${SCENARIOS.map((s) => s.name).join(', ')}` },
    capacity: { type: 'string', value: 'N', doc: `events (rule matches) Falco processes per second (default ${DEFAULT_SIM.capacity})` },
    buffer: { type: 'string', value: 'N', doc: `kernel ring buffer, events (default ${DEFAULT_SIM.buffer})` },
    queue: { type: 'string', value: 'N', doc: `output queue capacity, alerts; 0 unbounded (default ${DEFAULT_SIM.queue})` },
    'http-rate': { type: 'string', value: 'N', doc: `alerts per second the HTTP output delivers (default ${DEFAULT_SIM.httpRate})` },
    'action-cost': { type: 'string', value: 'DURATION', doc: 'time one action takes besides its sleep (default 50µs)' },
    sleep: { type: 'string', value: 'DURATION', doc: "first round's sleep, bench --sleep (default 100ms)" },
    'round-duration': { type: 'string', value: 'DURATION', doc: 'bench --round-duration (default 5s)' },
    'phase-delay': { type: 'string', value: 'DURATION', doc: 'from a phase line to the moment its sample reads the counters, the generator going on (default 50ms)' },
    rounds: { type: 'string', value: 'N', doc: `rounds to run (default ${DEFAULT_SIM.rounds})` },
    'miss-every': { type: 'string', value: 'N', doc: 'every N-th action fails to produce its event (default never)' },
    'http-loss-every': { type: 'string', value: 'N', doc: 'every N-th HTTP delivery fails (default never)' },
    'close-events': { type: 'boolean', doc: 'each action also makes a close event: buffer space, dropped with the opens, never a match' },
    background: { type: 'string', value: 'EPS', doc: 'other syscalls on the node, events per second, in the same buffer (default 0)' },
    repeat: { type: 'string', value: 'N', doc: `runs one after another on the same Falco, each after its run marker, 1-${MAX_REPEAT} (default 1)` },
    'rest-between-runs': { type: 'string', value: 'DURATION', doc: `rest between runs (default ${DEFAULT_SIM.restBetweenRuns}s)` },
    'capacity-noise': { type: 'string', value: 'FRACTION', doc: "each run's capacity off by up to this fraction (uniform), 0 to below 1 (default 0)" },
    seed: { type: 'string', value: 'N', doc: `seed of the scrape lags and the capacity noise, a whole number (default ${DEFAULT_SIM.seed}): the same seed, the same log` },
    out: { type: 'string', value: 'FILE', doc: 'write the log to FILE instead of stdout' },
    table: { type: 'boolean', doc: 'report on every built-in scenario: true C, reported capacity, the knee, their errors (Markdown)' },
  },
};

const COUNTS = { capacity: 'capacity', buffer: 'buffer', queue: 'queue', 'http-rate': 'httpRate', rounds: 'rounds', 'miss-every': 'missEvery', 'http-loss-every': 'httpLossEvery' } as const;
const DURATIONS = { 'action-cost': 'actionCost', sleep: 'initialSleep', 'round-duration': 'roundDuration', 'phase-delay': 'phaseDelay', 'rest-between-runs': 'restBetweenRuns' } as const;
const DECIMAL = /^\d+(\.\d+)?$/;

/** The simulation parameters of a command line; throws `UsageError` for a bad value. */
export function paramsOf(parsed: Parsed): Partial<SimParams> {
  const v = parsed.values as Record<string, string | boolean | undefined>;
  let params: Partial<SimParams> = {};
  if (typeof v.scenario === 'string') {
    const scenario = SCENARIOS.find((s) => s.name === v.scenario);
    if (!scenario) throw new UsageError(`--scenario must be one of ${SCENARIOS.map((s) => s.name).join(', ')}, not ${v.scenario}`);
    params = { ...scenario.params };
  }
  for (const [flag, key] of Object.entries(COUNTS)) {
    const raw = v[flag];
    if (typeof raw !== 'string') continue;
    const n = Number(raw);
    const min = key === 'queue' || key === 'missEvery' || key === 'httpLossEvery' ? 0 : 1;
    if (!/^\d+(\.\d+)?$/.test(raw) || n < min || ((key === 'rounds' || key === 'buffer' || key === 'queue') && !Number.isInteger(n))) {
      throw new UsageError(`--${flag} must be a number of at least ${min}${key === 'rounds' || key === 'buffer' || key === 'queue' ? ' (whole)' : ''}, not ${raw}`);
    }
    params[key] = n;
  }
  for (const [flag, key] of Object.entries(DURATIONS)) {
    const raw = v[flag];
    if (typeof raw !== 'string') continue;
    const ns = parseGoDuration(raw);
    if (ns === null || (key === 'roundDuration' && ns < 1e9)) throw new UsageError(`--${flag} must be a Go duration${key === 'roundDuration' ? ' of at least 1s' : ''}, not ${raw}`);
    params[key] = ns / 1e9;
  }
  const raw = (flag: string) => (typeof v[flag] === 'string' ? (v[flag] as string) : undefined);
  const background = raw('background');
  if (background !== undefined) {
    if (!DECIMAL.test(background)) throw new UsageError(`--background must be a number of events per second of at least 0, not ${background}`);
    params.background = Number(background);
  }
  const repeat = raw('repeat');
  if (repeat !== undefined) {
    if (!/^\d+$/.test(repeat) || Number(repeat) < 1 || Number(repeat) > MAX_REPEAT) throw new UsageError(`--repeat must be a whole number from 1 to ${MAX_REPEAT}, not ${repeat}`);
    params.repeat = Number(repeat);
  }
  const noise = raw('capacity-noise');
  if (noise !== undefined) {
    if (!DECIMAL.test(noise) || Number(noise) >= 1) throw new UsageError(`--capacity-noise must be a fraction from 0 to below 1 (0.05 = ±5 %), not ${noise}`);
    params.capacityNoise = Number(noise);
  }
  const seed = raw('seed');
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed) || !Number.isSafeInteger(Number(seed))) throw new UsageError(`--seed must be a whole number of at least 0, not ${seed}`);
    params.seed = Number(seed);
  }
  if (v['close-events'] === true) params.closeEvents = true;
  return params;
}

/** The report of a simulated variant (all its runs). */
export function reportOf(log: string, threshold = 0.01, variant = 'simulated'): Run {
  const parsed = parseRuns(log, 'simulated');
  if (!parsed.ok) throw new Error(parsed.error.message);
  const run = computeVariant(parsed.value, { file: null, variant, threshold });
  if (!run.ok) throw new Error(run.error.message);
  return run.value;
}

const pct = (x: number) => {
  const shown = Math.abs(x * 100).toFixed(1);
  // A rounded zero has no sign.
  return `${Number(shown) === 0 ? '±' : x > 0 ? '+' : '−'}${shown} %`;
};

/** The README's table: per scenario, true C, the reported capacity and its error, the loss-based knee and its error. */
export function scenarioTable(): string {
  const rows = SCENARIOS.map(({ name, params }) => {
    const C = params.capacity!;
    const run = reportOf(simulate(params).log);
    const cap = run.capacity;
    const knee = run.knee;
    return `| ${name} | ${C} | ${cap ? cap.eps.toFixed(1) : '–'} | ${cap ? pct(cap.eps / C - 1) : '–'} | ${knee ? knee.eps.toFixed(1) : 'none'} | ${knee ? pct(knee.eps / C - 1) : '–'} | ${run.maxSustainedEps?.toFixed(1) ?? '–'} | ${run.maxSustainableEps?.toFixed(1) ?? '–'} |`;
  });
  return [
    '| scenario | true C (matches/s) | reported capacity | error | loss-based knee EPS | knee error | max sustained EPS | max sustainable EPS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
}

export function main(argv: string[], io: Io = processIo): Promise<ExitCode> {
  return runCommand('simulate', SPEC, argv, io, (parsed) => {
    if (parsed.values.table) {
      io.stdout(scenarioTable());
      return EXIT.ok;
    }
    const { log } = simulate(paramsOf(parsed));
    const out = parsed.values.out;
    if (typeof out === 'string') {
      try {
        writeFileSync(out, log);
      } catch (e) {
        throw new UsageError(`${out}: cannot write the log: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      io.stderr(`simulate: wrote ${out}`);
    } else io.stdout(log);
    return EXIT.ok;
  });
}

if (require.main === module) runMain('simulate', main);
