/**
 * The report against the simulator: for each parameter set, the simulated log goes through the same parser and
 * metrics as a real one, and the report must recover Falco's service rate (within 5 %) and, per round, the
 * loss split the simulator knows (within one event).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../benchsim/cli';
import { SCENARIOS } from '../benchsim/scenarios';
import { main as reportCli } from '../report/cli';
import { DEFAULT_SIM, effectiveSleep, simulate } from '../benchsim/sim';
import { computeRun } from '../report/metrics';
import { parseLog } from '../report/parse';
import { Run } from '../report/types';

function report(log: string, threshold = 0.01): Run {
  const parsed = parseLog(log, 'sim.log');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const run = computeRun(parsed.value, { file: 'sim.log', variant: 'sim', threshold });
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  return run.value;
}

describe.each(SCENARIOS)('simulated $name ($about)', ({ params }) => {
  const sim = simulate(params);
  const run = report(sim.log);
  const C = params.capacity!;

  it('the parameters keep every backlog within the rest (so each round owns its matches)', () => {
    expect(sim.rounds.map((r) => r.backlogAtStatistics)).toEqual(sim.rounds.map(() => 0));
  });

  it('recovers the service rate C within 5 %, from enough saturated intervals', () => {
    expect(run.capacity).not.toBeNull();
    expect(Math.abs(run.capacity!.eps - C) / C).toBeLessThan(0.05);
    expect(run.capacity!.trustworthy).toBe(true);
    expect(run.capacity!.min).toBeLessThanOrEqual(run.capacity!.eps);
    expect(run.capacity!.max).toBeGreaterThanOrEqual(run.capacity!.eps);
  });

  it('recovers the loss split of every round within one event', () => {
    expect(run.perRound).toHaveLength(sim.rounds.length);
    for (const [i, truth] of sim.rounds.entries()) {
      const r = run.perRound[i];
      const a = r.attribution!;
      expect({ round: r.round, E: a.expected, A: a.delivered }).toEqual({ round: truth.round, E: truth.expected, A: truth.actual });
      const kernel = a.kernelDrops > 0;
      const expected = {
        kernel: kernel ? truth.kernelDropped + truth.missed : 0,
        ruleMiss: kernel ? 0 : truth.missed,
        backlog: 0,
        queue: truth.queueDropped,
        http: truth.httpLost + truth.lateOut - truth.lateIn,
      };
      expect(kernel).toBe(truth.kernelDropped > 0);
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        expect({ round: r.round, key, off: Math.abs(a.loss[key] - expected[key]) <= 1 }).toEqual({ round: r.round, key, off: true });
      }
      // The parts add up to the loss the bench saw.
      expect(Object.values(a.loss).reduce((x, y) => x + y, 0)).toBe(a.expected - a.delivered);
    }
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
    expect(r.sustainable).toBe(false);
    expect(run.maxSustainedEps).toBe(r.throughput);
    expect(run.maxSustainableEps).toBeNull();
  });

  it('before the driver is open the sampler gets 404, and the report still attributes every round', () => {
    const sim = simulate({ initialSleep: 0.001, rounds: 2, driverOpenAfter: 1.5, generatorStartsAfter: 2 });
    const samples = sim.log.split('\n').filter((l) => l.includes('"falco-bench: sample"')).map((l) => JSON.parse(l));
    expect(samples[0]).toMatchObject({ at: 'start', http: 404 });
    expect(Object.keys(samples[0])).not.toContain('matches');
    expect(report(sim.log).perRound.every((r) => r.attribution !== null)).toBe(true);
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
    const sim = await run(['--scenario', 'kernel-bound', '--capacity', '4000', '--rounds', '10', '--out', log]);
    expect(sim).toMatchObject({ code: 0, stderr: [`simulate: wrote ${log}`] });
    const out = join(dir, 'report');
    const errs: string[] = [];
    const md: string[] = [];
    expect(await reportCli(['--out', out, log], { stdout: (t) => md.push(t), stderr: (l) => errs.push(l) })).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['attribution-kmod1cpu.svg', 'comparison.svg', 'report.json', 'report.md', 'run-kmod1cpu.svg']);
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
    for (const argv of [['--capacity', '0'], ['--rounds', '2.5'], ['--sleep', 'soon'], ['--scenario', 'nope'], ['--round-duration', '10ms'], ['--bogus']]) {
      const r = await run(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stderr[r.stderr.length - 1]).toBe('simulate: see --help');
    }
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run simulate -- \[options\]/);
  });

  it("the README's simulator table is what --table prints", async () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const table = await run(['--table']);
    expect(table.code).toBe(0);
    expect(readme).toContain(table.stdout.trim());
    expect(table.stdout.trim().split('\n')).toHaveLength(2 + SCENARIOS.length);
  });
});
