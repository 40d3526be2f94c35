/**
 * The report against the simulator: for each parameter set, the simulated log goes through the same parser and
 * metrics as a real one, and the report must recover Falco's service rate (within 5 %) and, per round, the
 * loss split the simulator knows (within one event), although every phase sample reads the counters a moment
 * after its line while the generator goes on.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, reportOf } from '../benchsim/cli';
import { BENCH_RUN_MESSAGE } from '../contract/naming';
import { verdicts } from '../report/compare';
import { SCENARIOS } from '../benchsim/scenarios';
import { main as reportCli } from '../report/cli';
import { DEFAULT_SIM, effectiveSleep, simulate } from '../benchsim/sim';
import { computeRun } from '../report/metrics';
import { parseLog } from '../report/parse';
import { Run } from '../report/types';
import { SimResult } from '../benchsim/sim';

function report(log: string, threshold = 0.01): Run {
  const parsed = parseLog(log, 'sim.log');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const run = computeRun(parsed.value, { file: 'sim.log', variant: 'sim', threshold });
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  return run.value;
}

/** Checks every round's split against the simulator's truth, within one event. */
function expectExactSplit(sim: SimResult, run: Run): void {
  expect(run.perRound).toHaveLength(sim.rounds.length);
  for (const [i, truth] of sim.rounds.entries()) {
    const r = run.perRound[i];
    const a = r.attribution!;
    expect({ round: r.round, E: a.expected, A: a.delivered }).toEqual({ round: truth.round, E: truth.expected, A: truth.actual });
    // What the previous round left in the buffer at its rest point was matched in this round's window.
    const carried = i > 0 ? sim.rounds[i - 1].backlogAtRestPoint : 0;
    const expected = {
      kernel: truth.kernelDropped,
      unmatched: truth.missed + truth.backlogAtRestPoint - carried,
      queue: truth.queueDropped,
      http: truth.httpLost + truth.lateOut - truth.lateIn,
    };
    const got = { kernel: a.loss.kernel, unmatched: a.loss.ruleMiss + a.loss.backlog, queue: a.loss.queue, http: a.loss.http };
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
      expect({ round: r.round, key, off: Math.abs(got[key] - expected[key]) <= 1 }).toEqual({ round: r.round, key, off: true });
    }
    // Nothing left in the buffer on either side and no failed action: no backlog part.
    if (truth.backlogAtRestPoint === 0 && carried === 0 && truth.missed === 0) expect(Math.abs(a.loss.backlog)).toBeLessThanOrEqual(1);
    // The parts add up to the loss the bench saw.
    expect(Object.values(a.loss).reduce((x, y) => x + y, 0)).toBe(a.expected - a.delivered);
  }
}

describe.each(SCENARIOS)('simulated $name ($about)', ({ name, params }) => {
  const sim = simulate(params);
  const run = report(sim.log);
  const C = params.capacity!;

  it('recovers the service rate C within 5 %, from enough saturated intervals', () => {
    expect(run.capacity).not.toBeNull();
    expect(Math.abs(run.capacity!.eps - C) / C).toBeLessThan(0.05);
    expect(run.capacity!.trustworthy).toBe(true);
    expect(run.capacity!.min).toBeLessThanOrEqual(run.capacity!.eps);
    expect(run.capacity!.max).toBeGreaterThanOrEqual(run.capacity!.eps);
  });

  it('recovers the loss split of every round within one event', () => {
    expect(run.warnings.filter((w) => /no attribution/.test(w))).toEqual([]);
    expectExactSplit(sim, run);
  });

  it('a backlog that outlasts the rest is backlog, not kernel loss; only a deep buffer makes one', () => {
    const outlasting = sim.rounds.filter((t) => t.backlogAtRestPoint > 0);
    if (name === 'deep-buffer' || name === 'overflow-with-closes') {
      expect(outlasting.length).toBeGreaterThan(0);
      // The first such round: part of what is unmatched is still in the buffer, the rest the kernel dropped.
      const a = run.perRound[outlasting[0].round - 1].attribution!;
      expect(a.loss.backlog).toBe(outlasting[0].backlogAtRestPoint);
      // The kernel part is the dropped opens: with closes and background in the buffer, fewer than all drops.
      expect(a.kernelSource).toBe('dropsOpen');
      expect(a.loss.kernel).toBe(a.kernelDropsOpen);
      if (name === 'overflow-with-closes') expect(a.kernelDropsOpen).toBeLessThan(a.kernelDrops);
      else expect(a.kernelDropsOpen).toBe(a.kernelDrops);
      expect(a.loss.kernel).toBeLessThan(a.expected - a.matched);
    } else expect(outlasting).toEqual([]);
  });

  it('a round that left a kernel backlog is not sustainable, even when its loss stayed below the threshold', () => {
    for (const r of run.perRound) {
      if (r.attribution!.backlogged) expect(r.sustainable).toBe(false);
      else expect(r.sustainable).toBe(r.loss < run.threshold);
    }
    // Sustainable is the stricter judgement, and no sustainable round outruns Falco.
    if (run.maxSustainableEps !== null) {
      expect(run.maxSustainableEps).toBeLessThanOrEqual(run.maxSustainedEps!);
      expect(run.maxSustainableEps).toBeLessThanOrEqual(C);
    }
  });
});

describe('a ring buffer that overflows while a backlog crosses the rest, closes and background dropped with the opens', () => {
  const params = SCENARIOS.find((x) => x.name === 'overflow-with-closes')!.params;
  const sim = simulate(params);
  const run = report(sim.log);
  // The same log as a sampler without the dropped opens (before Falco 0.44.1's counter) writes it.
  const withoutOpens = report(sim.log.replace(/,"dropsOpen":\d+/g, ''));

  it('is the case: rounds with both kernel drops and a backlog at the rest point, other events dropped too', () => {
    const both = sim.rounds.filter((t) => t.kernelDropped > 0 && t.backlogAtRestPoint > 0);
    expect(both.length).toBeGreaterThan(0);
    expect(sim.rounds.some((t) => t.otherDropped > 0)).toBe(true);
  });

  it('the dropped opens give the exact split, also with phase delays', () => {
    expect(run.kernelSource).toBe('dropsOpen');
    expectExactSplit(sim, run);
    const late = simulate({ ...params, phaseDelay: 0.2, scrapeLag: 0.05 });
    expectExactSplit(late, report(late.log));
  });

  it('without them the estimate counts the crossing backlog as kernel loss, and says so', () => {
    expect(withoutOpens.kernelSource).toBe('estimate');
    const first = sim.rounds.find((t) => t.kernelDropped > 0 && t.backlogAtRestPoint > 0)!;
    const a = withoutOpens.perRound[first.round - 1].attribution!;
    expect(a.kernelSource).toBe('estimate');
    // All drops exceed the unmatched events: the estimate takes every one of them, backlog included.
    expect(a.loss.kernel).toBe(first.kernelDropped + first.backlogAtRestPoint + first.missed);
    expect(a.loss.backlog).toBe(0);
  });
});

describe('repeated runs (--repeat), with seeded capacity noise', () => {
  const QUICK = { initialSleep: 0.001, rounds: 12, step: 0.002, buffer: 20_000, repeat: 5, capacityNoise: 0.03 };
  const variant = (name: string, capacity: number, seed: number) => {
    const sim = simulate({ ...QUICK, capacity, seed });
    return { sim, run: reportOf(sim.log, 0.01, name) };
  };
  const a = variant('a', 5000, 11);
  const b = variant('b', 6000, 12); // 20 % above a
  const c = variant('c', 5000, 13); // the same as a
  const trueRange = (v: typeof a) => [Math.min(...v.sim.runs.map((r) => r.capacity)), Math.max(...v.sim.runs.map((r) => r.capacity))];

  it('every run is split into its own rounds, each exact, and its capacity recovered within 2 %', () => {
    for (const v of [a, b, c]) {
      expect(v.run.repeats).toHaveLength(5);
      expect(v.run.repeats!.map((r) => r.repeat)).toEqual([1, 2, 3, 4, 5]);
      for (const [i, one] of v.run.repeats!.entries()) {
        const truth = v.sim.runs[i];
        expectExactSplit({ log: '', rounds: truth.rounds, runs: [truth] }, one);
        expect(Math.abs(one.capacity!.eps / truth.capacity - 1)).toBeLessThan(0.02);
      }
    }
  });

  it("the variant's capacity is the median over runs, with the runs' min–max", () => {
    for (const v of [a, b, c]) {
      const caps = v.run.repeats!.map((r) => r.capacity!.eps).sort((x, y) => x - y);
      expect(v.run.spread.capacity).toEqual({ median: caps[2], min: caps[0], max: caps[4], n: 5 });
      expect(v.run.capacity).toMatchObject({ eps: caps[2], min: caps[0], max: caps[4] });
      const [lo, hi] = trueRange(v);
      expect(v.run.spread.capacity!.min).toBeGreaterThan(lo * 0.98);
      expect(v.run.spread.capacity!.max).toBeLessThan(hi * 1.02);
    }
  });

  it('20 % apart: no overlap, a real difference; equal: overlap, not a real one (as the true capacities say)', () => {
    const list = verdicts([a.run, b.run, c.run]);
    const overlap = (x: string, y: string) => list.find((v) => v.a === x && v.b === y)!.overlap;
    const truly = (x: typeof a, y: typeof a) => trueRange(x)[0] <= trueRange(y)[1] && trueRange(y)[0] <= trueRange(x)[1];
    expect([overlap('a', 'b'), overlap('b', 'c'), overlap('a', 'c')]).toEqual([truly(a, b), truly(b, c), truly(a, c)]);
    expect([overlap('a', 'b'), overlap('b', 'c'), overlap('a', 'c')]).toEqual([false, false, true]);
  });

  it('the same seed gives the same log; another seed another one', () => {
    expect(simulate({ ...QUICK, rounds: 3, capacity: 5000, seed: 11 }).log).toBe(simulate({ ...QUICK, rounds: 3, capacity: 5000, seed: 11 }).log);
    expect(simulate({ ...QUICK, rounds: 3, capacity: 5000, seed: 11 }).log).not.toBe(simulate({ ...QUICK, rounds: 3, capacity: 5000, seed: 12 }).log);
  });

  it('--repeat 1 writes one run marker, and the report is that of the one run', () => {
    const sim = simulate({ ...SCENARIOS[0].params, rounds: 10 });
    expect(sim.log.split('\n').filter((l) => l.includes(`"msg":"${BENCH_RUN_MESSAGE}"`))).toEqual([JSON.stringify({ level: 'info', msg: BENCH_RUN_MESSAGE, run: 1, of: 1 })]);
    const one = reportOf(sim.log);
    expect(one.repeats).toBeUndefined();
    expect(one.spread).toMatchObject({ runs: 1, capacity: { median: one.capacity!.eps, min: one.capacity!.eps, max: one.capacity!.eps, n: 1 } });
    expectExactSplit(sim, one);
    // The same as a log from before the markers, but for the line numbers in warnings.
    const unmarked = reportOf(sim.log.split('\n').filter((l) => !l.includes(BENCH_RUN_MESSAGE)).join('\n'));
    expect({ ...one, repeat: undefined }).toEqual({ ...unmarked, repeat: undefined });
  });
});

describe('phase samples read the counters late, while the next round already runs', () => {
  it.each([0, 0.01, 0.1, 0.3])('the split stays exact and C within 5 %% with %f s between a line and its sample', (phaseDelay) => {
    const params = { ...SCENARIOS[0].params, phaseDelay, scrapeLag: 0.05 };
    const sim = simulate(params);
    const run = report(sim.log);
    expectExactSplit(sim, run);
    expect(Math.abs(run.capacity!.eps / params.capacity! - 1)).toBeLessThan(0.05);
  });

  it('a Falco faster than the ~1 ms plateau is never called saturated, whatever the delay', () => {
    for (const phaseDelay of [0.01, 0.1]) {
      const run = report(simulate({ initialSleep: 0.001, rounds: 6, capacity: 2000, buffer: 50_000, step: 0.002, phaseDelay }).log);
      expect(run.perRound.map((r) => r.attribution!.backlogged)).toEqual(run.perRound.map(() => false));
      expect(run.capacity).toBeNull();
      expect(run.maxSustainableEps).toBe(run.maxSustainedEps);
    }
  });

  it("one round's window ends where the next begins: every event Falco matched is some round's", () => {
    const sim = simulate({ ...SCENARIOS[0].params, phaseDelay: 0.1 });
    const run = report(sim.log);
    const matched = sim.rounds.reduce((n, t) => n + t.expected - t.missed - t.kernelDropped, 0);
    expect(run.perRound.reduce((n, r) => n + r.attribution!.matched, 0)).toBe(matched);
  });
});

describe('simulator', () => {
  it('paces like bench: halving, the ~1 ms plateau, its escape at very short sleeps', () => {
    expect(effectiveSleep(0, DEFAULT_SIM)).toBe(0);
    expect(effectiveSleep(5e-6, DEFAULT_SIM)).toBe(5e-6);
    expect(effectiveSleep(200e-6, DEFAULT_SIM)).toBe(DEFAULT_SIM.floor);
    expect(effectiveSleep(0.05, DEFAULT_SIM)).toBe(0.05);
    const { rounds } = simulate({ initialSleep: 0.001, rounds: 10, capacity: 100_000, buffer: 1e6, step: 0.002 });
    const eps = rounds.map((r) => r.throughput);
    // 1 ms, 500 µs, ... 15.6 µs: on the plateau; 7.8 µs and below escape it.
    expect(new Set(eps.slice(0, 7)).size).toBe(1);
    expect(eps[7]).toBeGreaterThan(10 * eps[6]);
    expect(eps[9]).toBeGreaterThan(eps[8]);
  });

  it("a capacity within a few percent of the generator's own throughput is not trustworthy: the generator was the limit", () => {
    // Falco just below the ~900/s plateau: saturated, but its rate cannot be told from the generator's.
    const run = report(simulate({ initialSleep: 0.001, rounds: 6, capacity: 880, buffer: 100_000, step: 0.002 }).log);
    expect(run.capacity).not.toBeNull();
    expect(run.capacity!.eps).toBeGreaterThan(0.95 * run.capacity!.generatorEps);
    expect(run.capacity!.trustworthy).toBe(false);
    expect(run.capacityNote).toMatch(/the generator, not Falco, was the limit/);
  });

  it('a Falco restart mid-run (counters go down) costs that round its attribution, with a warning, and nothing else', () => {
    // Round 3 runs from 22 s to 27 s after the script's start (generator at 2 s, 5 s run + 5 s rest per round).
    const run = report(simulate({ ...SCENARIOS[0].params, rounds: 10, restartAt: 24.5 }).log);
    expect(run.perRound.map((r) => r.attribution === null)).toEqual([false, false, true, false, false, false, false, false, false, false]);
    expect(run.warnings).toContainEqual(expect.stringMatching(/^round #3: Falco's counters went down \(.*\): Falco restarted, no attribution$/));
    expect(run.capacity!.trustworthy).toBe(true);
    expect(Math.abs(run.capacity!.eps / 5000 - 1)).toBeLessThan(0.05);
  });

  it('a counter missing from an answer makes the round unavailable, never zero', () => {
    const sim = simulate({ ...SCENARIOS[0].params, rounds: 5 });
    let round = 0;
    const log = sim.log
      .split('\n')
      .map((line) => {
        const m = /"msg":"round #(\d+)"/.exec(line);
        if (m) round = Number(m[1]);
        return round === 3 && line.includes('"falco-bench: sample"') ? line.replace(/,"queueDrops":\d+/, '') : line;
      })
      .join('\n');
    const run = report(log);
    expect(run.perRound.map((r) => r.attribution === null)).toEqual([false, false, true, true, false]);
    expect(run.warnings).toContainEqual(expect.stringMatching(/^round #3: the \w+ sample \(line \d+\) has no falcosecurity_falco_outputs_queue_num_drops_total, no attribution$/));
  });

  it('a Falco faster than the generator gives no capacity, and says why', () => {

    const run = report(simulate({ initialSleep: 0.001, rounds: 10, capacity: 100_000, buffer: 1e6, step: 0.002 }).log);
    expect(run.capacity).toBeNull();
    expect(run.capacityNote).toMatch(/no round left a kernel backlog/);
    expect(run.perRound.every((r) => r.sustainable)).toBe(true);
  });

  it("a short round above capacity that the buffer hides is lossless but not sustainable", () => {
    // 1 ms sleep: about 900 actions/s for 5 s against 800/s, and a buffer that holds the whole deficit.
    const run = report(simulate({ initialSleep: 0.001, rounds: 1, capacity: 800, buffer: 100_000 }).log);
    const [r] = run.perRound;
    expect(r.loss).toBe(0);
    expect(r.attribution!.restMatches).toBeGreaterThan(0);
    expect(r.attribution!.growth).toBeGreaterThan(0.01 * r.expected);
    expect(r.sustainable).toBe(false);
    expect(run.maxSustainedEps).toBe(r.throughput);
    expect(run.maxSustainableEps).toBeNull();
  });

  it('the script waits for /metrics before the generator starts: round 1 is attributed from a sample before it', () => {
    const sim = simulate({ initialSleep: 0.001, rounds: 2, driverOpenAfter: 1.5, generatorStartsAfter: 1 });
    const records = sim.log.trim().split('\n').map((l) => JSON.parse(l));
    const first = records.findIndex((r) => r.msg === 'falco-bench: sample');
    expect(records[first]).toMatchObject({ at: 'start', http: 200 });
    expect(first).toBeLessThan(records.findIndex((r) => r.msg === 'round #1'));
    expect(report(sim.log).perRound.every((r) => r.attribution !== null)).toBe(true);
  });

  it("writes bench's lines as event-generator 0.13.0 does: JSON without a time field", () => {
    const records = simulate({ initialSleep: 0.001, rounds: 2 }).log.trim().split('\n').map((l) => JSON.parse(l));
    for (const r of records.filter((x) => !String(x.msg).startsWith('falco-bench:'))) expect(Object.keys(r)).not.toContain('time');
  });
});

describe('npm run simulate', () => {
  const tmpDirs: string[] = [];
  afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  async function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { stdout: (t) => out.push(t), stderr: (l) => err.push(l) });
    return { code, stdout: out.join(''), stderr: err };
  }

  it('writes a log that `npm run report` reads, with the attribution chart and table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
    tmpDirs.push(dir);
    const log = join(dir, 'kmod1cpu.log');
    const sim = await run(['--scenario', 'kernel-bound', '--capacity', '4000', '--rounds', '10', '--phase-delay', '100ms', '--out', log]);
    expect(sim).toMatchObject({ code: 0, stderr: [`simulate: wrote ${log}`] });
    const out = join(dir, 'report');
    const errs: string[] = [];
    const md: string[] = [];
    expect(await reportCli(['--out', out, log], { stdout: (t) => md.push(t), stderr: (l) => errs.push(l) })).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.falco-bench-report', 'attribution-kmod1cpu.svg', 'comparison.svg', 'report.json', 'report.md', 'run-kmod1cpu.svg']);
    const text = md.join('');
    expect(text).toMatch(/\| kmod1cpu \| 4\d\d\d\.\d \(\d+\.\d–\d+\.\d\) \| 10 \|/);
    expect(text).toContain('### kmod1cpu');
    expect(text).toContain('| round | EPS | E | M | A | K | Q |');
    expect(text).toMatch(/\*\*Result:\*\* Falco's capacity for these actions: 4\d\d\d\.\d matches\/s/);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(json.runs[0].capacity.eps).toBeCloseTo(4000, -2);
    expect(json.runs[0].perRound[9].attribution.loss.kernel).toBeGreaterThan(0);
  });

  it('rejects bad values with exit 2, and prints help', async () => {
    for (const argv of [['--capacity', '0'], ['--rounds', '2.5'], ['--sleep', 'soon'], ['--scenario', 'nope'], ['--round-duration', '10ms'], ['--phase-delay', 'soon'], ['--bogus']]) {
      const r = await run(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stderr[r.stderr.length - 1]).toBe('simulate: see --help');
    }
    // The new options: one line naming the option and what it allows.
    for (const [argv, message] of [
      [['--repeat', '0'], '--repeat must be a whole number from 1 to 100, not 0'],
      [['--repeat', '2.5'], '--repeat must be a whole number from 1 to 100, not 2.5'],
      [['--repeat', '101'], '--repeat must be a whole number from 1 to 100, not 101'],
      [['--seed', 'x'], '--seed must be a whole number of at least 0, not x'],
      [['--seed', '1.5'], '--seed must be a whole number of at least 0, not 1.5'],
      [['--capacity-noise', '1'], '--capacity-noise must be a fraction from 0 to below 1 (0.05 = ±5 %), not 1'],
      [['--capacity-noise', '5%'], '--capacity-noise must be a fraction from 0 to below 1 (0.05 = ±5 %), not 5%'],
      [['--background', 'lots'], '--background must be a number of events per second of at least 0, not lots'],
      [['--rest-between-runs', 'soon'], '--rest-between-runs must be a Go duration, not soon'],
    ] as const) {
      const r = await run([...argv]);
      expect({ argv, code: r.code, stderr: r.stderr }).toEqual({ argv, code: 2, stderr: [`simulate: ${message}`, 'simulate: see --help'] });
    }
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run simulate -- \[options\]/);
    for (const option of ['--close-events', '--background EPS', '--repeat N', '--rest-between-runs DURATION', '--capacity-noise FRACTION', '--seed N']) {
      expect(help.stdout).toContain(option);
    }
  });

  it("the README's simulator table is what --table prints", async () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const table = await run(['--table']);
    expect(table.code).toBe(0);
    expect(readme).toContain(table.stdout.trim());
    expect(table.stdout.trim().split('\n')).toHaveLength(2 + SCENARIOS.length);
  });
});
