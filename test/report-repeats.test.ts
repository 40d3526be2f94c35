/**
 * Repeated runs in the report: a variant's log split into runs at the run marker, medians with min–max over
 * runs, overlap verdicts in Markdown and JSON, the runs' whiskers in the comparison chart; and the small items
 * that go with many variants: natural order and comparison labels that do not overlap.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportOf } from '../benchsim/cli';
import { simulate } from '../benchsim/sim';
import { BENCH_RUN_MESSAGE } from '../contract/naming';
import { main } from '../report/cli';
import { median, spreadOf, verdicts } from '../report/compare';
import { renderJson } from '../report/json';
import { kernelLine, renderMarkdown } from '../report/markdown';
import { parseLog, parseRuns } from '../report/parse';
import { LABEL_LINE_CHARS, comparisonChart, wrapLabel } from '../report/svg';
import { ParsedLog, Report } from '../report/types';
import { naturalCompare } from '../report/variant';

const A = 'syscall.ReadSensitiveFileUntrusted';
const marker = (run: number, of: number) => JSON.stringify({ level: 'info', msg: BENCH_RUN_MESSAGE, run, of });
const round = (n: number, actual = 10) => [
  JSON.stringify({ msg: `round #${n}`, sleep: 1000000 }),
  JSON.stringify({ msg: A, actual, expected: 10 }),
  JSON.stringify({ msg: 'statistics', throughput: 100 * n }),
];
const runsOf = (text: string): ParsedLog[] => {
  const r = parseRuns(text, 'x.log');
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('parseRuns: a log split at the run marker', () => {
  it('lines before the first marker belong to run 1; each marker starts its run, whose rounds count from 1', () => {
    const text = [JSON.stringify({ msg: 'falco-bench: measuring falco' }), marker(1, 3), ...round(1), ...round(2), marker(2, 3), ...round(1), marker(3, 3), ...round(1), ...round(2), ...round(3)].join('\n');
    const runs = runsOf(text);
    expect(runs.map((r) => [r.run, r.rounds.map((x) => x.round)])).toEqual([[1, [1, 2]], [2, [1]], [3, [1, 2, 3]]]);
  });

  it('a log without markers is run 1, as before', () => {
    const runs = runsOf([...round(1), ...round(2)].join('\n'));
    expect(runs).toHaveLength(1);
    expect(runs[0].run).toBe(1);
    expect(parseLog([...round(1), ...round(2)].join('\n'), 'x').ok).toBe(true);
  });

  it('a run cut before its statistics keeps its complete rounds and warns; a run without any is left out, named', () => {
    const text = [marker(1, 3), ...round(1), ...round(2).slice(0, 2), marker(2, 3), JSON.stringify({ msg: 'round #1' }), marker(3, 3), ...round(1)].join('\n');
    const runs = runsOf(text);
    expect(runs.map((r) => r.run)).toEqual([1, 3]);
    expect(runs[0].warnings).toEqual([
      'run 2 of this log has no complete round: left out',
      'final round #2 (line 5) is incomplete, it has no statistics line (run cut by a timeout?): ignored',
    ]);
  });

  it('markers out of order, or without a run number, are errors naming the line', () => {
    expect(parseRuns([marker(2, 2), ...round(1), marker(1, 2), ...round(1)].join('\n'), 'x')).toEqual({
      ok: false,
      error: { file: 'x', line: 5, message: 'run marker 1 after run 2: runs must come in increasing order' },
    });
    const bad = parseRuns([JSON.stringify({ msg: BENCH_RUN_MESSAGE, run: 'one' }), ...round(1)].join('\n'), 'x');
    expect(bad.ok ? null : bad.error).toEqual({ file: 'x', line: 1, message: 'run marker without a whole run number >= 1 (run="one")' });
    // parseLog reads one run only, and says why not.
    const two = parseLog([marker(1, 2), ...round(1), marker(2, 2), ...round(1)].join('\n'), 'x');
    expect(two.ok ? null : two.error.message).toMatch(/^holds 2 runs/);
  });
});

describe('spread and verdicts', () => {
  it('median and min–max over the runs that have a figure', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(spreadOf([5, null, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(spreadOf([null])).toBeNull();
  });
});

describe('natural order and comparison labels', () => {
  it('sorts digit runs as numbers', () => {
    const names = ['v10', 'v2', 'v1', 'v11', 'v1b', 'kmod-12cpu', 'kmod-2cpu', 'v01', 'a'];
    expect([...names].sort(naturalCompare)).toEqual(['a', 'kmod-2cpu', 'kmod-12cpu', 'v1', 'v01', 'v1b', 'v2', 'v10', 'v11']);
    expect(naturalCompare('plain', 'plain-logfmt')).toBeLessThan(0);
  });

  it('the report lists files in natural order, however the shell sorted them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'natural-'));
    try {
      const log = simulate({ initialSleep: 0.001, rounds: 2, step: 0.002 }).log;
      for (const n of [1, 2, 10, 11]) writeFileSync(join(dir, `v${n}.log`), log);
      const out: string[] = [];
      const files = readdirSync(dir).sort().map((f) => join(dir, f)); // v1, v10, v11, v2
      expect(await main(['--format', 'json', ...files], { stdout: (t) => out.push(t), stderr: () => undefined })).toBe(0);
      expect(JSON.parse(out.join('')).runs.map((r: { variant: string }) => r.variant)).toEqual(['v1', 'v2', 'v10', 'v11']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('long variant names wrap (at separators where they can) so that neighbours never overlap', () => {
    expect(wrapLabel('kmod-nobuffer-1cpu')).toEqual(['kmod-nobuffer-1cpu']);
    const long = 'modern-ebpf-bufsize-8-cpus-per-buffer-2-base-syscalls-repair';
    const lines = wrapLabel(long);
    expect(lines.every((l) => l.length <= LABEL_LINE_CHARS)).toBe(true);
    expect(lines.join('')).toBe(long);
    expect(lines[0]).toBe('modern-ebpf-bufsize-8-cpus-');
    const huge = wrapLabel('x'.repeat(200));
    expect(huge).toHaveLength(3);
    expect(huge[2].endsWith('…')).toBe(true);
    // In the chart: each line is within its variant's 200 px slot (about 6.6 px a character).
    const run = reportOf(simulate({ initialSleep: 0.001, rounds: 2, step: 0.002 }).log, 0.01, long);
    const svg = comparisonChart([run, { ...run, variant: `${long}-2` }], 0.01);
    const tspans = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    expect(tspans.length).toBeGreaterThanOrEqual(4);
    for (const t of tspans) expect(t.length * 6.6).toBeLessThan(200);
    expect(svg).toContain(`<title>${long}</title>`);
  });
});

describe('a report of repeated runs (simulated, seeded)', () => {
  const QUICK = { initialSleep: 0.001, rounds: 10, step: 0.002, buffer: 20_000, repeat: 3, capacityNoise: 0.02 };
  const base = reportOf(simulate({ ...QUICK, capacity: 5000, seed: 1 }).log, 0.01, 'base');
  const faster = reportOf(simulate({ ...QUICK, capacity: 6000, seed: 2 }).log, 0.01, 'faster');
  const same = reportOf(simulate({ ...QUICK, capacity: 5000, seed: 3 }).log, 0.01, 'same');
  const report: Report = { threshold: 0.01, runs: [base, faster, same], verdicts: verdicts([base, faster, same]), errors: [], skipped: [] };

  it('the row gives medians with min–max over runs; capacity stays the headline', () => {
    const md = renderMarkdown(report);
    const c = base.spread.capacity!;
    expect(md).toContain(`| base | ${c.median.toFixed(1)} (${c.min.toFixed(1)}–${c.max.toFixed(1)}) | 30 in 3 runs |`);
    expect(md).toMatch(/\*\*Finding:\*\* faster has the highest capacity/);
    expect(md).toContain('#### Run 3');
    expect(md).toContain("Kernel part: the action's dropped opens (`dropsOpen`) in each round's window (exact).");
  });

  it('verdicts in Markdown and JSON: 20 % apart is real, equal is not', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('## Is the difference real?');
    expect(md).toMatch(/- base vs faster: the capacity ranges do not overlap \(.*\): a real difference\./);
    expect(md).toMatch(/- base vs same: the capacity ranges overlap \(.*\): not a real difference\./);
    const json = JSON.parse(renderJson(report));
    expect(json.verdicts).toEqual([
      { a: 'base', b: 'faster', overlap: false, runsA: 3, runsB: 3 },
      { a: 'base', b: 'same', overlap: true, runsA: 3, runsB: 3 },
      { a: 'faster', b: 'same', overlap: false, runsA: 3, runsB: 3 },
    ]);
    expect(json.runs[0].repeats.map((r: { repeat: number }) => r.repeat)).toEqual([1, 2, 3]);
    expect(json.runs[0].spread.runs).toBe(3);
    expect(json.runs[0].kernelSource).toBe('dropsOpen');
    expect(json.runs[0].repeats[0].perRound[9].attribution.kernelSource).toBe('dropsOpen');
  });

  it("the comparison chart shows the runs' spread as whiskers, only with more than one run", () => {
    const svg = comparisonChart(report.runs, 0.01);
    // Capacity, max sustained and peak delivered of each of the three variants.
    expect(svg.match(/<g class="spread runs">/g)).toHaveLength(9);
    const single = comparisonChart([base.repeats![0]], 0.01);
    expect(single).not.toContain('spread runs');
  });

  it('without dropsOpen the kernel part is the estimate, and the report says so', () => {
    const log = simulate({ ...QUICK, repeat: 1, capacity: 5000 }).log.replace(/,"dropsOpen":\d+/g, '');
    const run = reportOf(log);
    expect(run.kernelSource).toBe('estimate');
    expect(kernelLine(run)).toMatch(/^Kernel part: estimated: the samples have no `dropsOpen`/);
    expect(run.perRound.every((r) => r.attribution!.kernelSource === 'estimate')).toBe(true);
  });

  it('--out writes charts per run and the verdicts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'repeats-'));
    try {
      writeFileSync(join(dir, 'a.log'), simulate({ ...QUICK, capacity: 5000, seed: 1 }).log);
      writeFileSync(join(dir, 'b.log'), simulate({ ...QUICK, capacity: 6000, seed: 2 }).log);
      const out = join(dir, 'report');
      expect(await main(['--out', out, join(dir, 'a.log'), join(dir, 'b.log')], { stdout: () => undefined, stderr: () => undefined })).toBe(0);
      const files = readdirSync(out).filter((f) => f.endsWith('.svg')).sort();
      expect(files).toEqual([
        'attribution-a-run1.svg', 'attribution-a-run2.svg', 'attribution-a-run3.svg',
        'attribution-b-run1.svg', 'attribution-b-run2.svg', 'attribution-b-run3.svg',
        'comparison.svg',
        'run-a-run1.svg', 'run-a-run2.svg', 'run-a-run3.svg',
        'run-b-run1.svg', 'run-b-run2.svg', 'run-b-run3.svg',
      ]);
      const md = readFileSync(join(out, 'report.md'), 'utf8');
      expect(md).toContain('![a (run 2): EPS and loss per round](run-a-run2.svg)');
      expect(md).toMatch(/- a vs b: the capacity ranges do not overlap/);
      expect(readFileSync(join(out, 'run-a-run2.svg'), 'utf8')).toContain('<title>a (run 2): EPS and loss per round</title>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--out never lets one chart overwrite another: a one-run variant named like a run of another, names alike once file-safe', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'repeats-'));
    try {
      writeFileSync(join(dir, 'x.log'), simulate({ ...QUICK, seed: 1 }).log);
      writeFileSync(join(dir, 'x-run2.log'), simulate({ ...QUICK, repeat: 1, seed: 2 }).log);
      writeFileSync(join(dir, 'a b.log'), simulate({ ...QUICK, repeat: 1, seed: 3 }).log);
      writeFileSync(join(dir, 'a_b.log'), simulate({ ...QUICK, repeat: 1, seed: 4 }).log);
      const out = join(dir, 'report');
      const inputs = ['x.log', 'x-run2.log', 'a b.log', 'a_b.log'].map((f) => join(dir, f));
      expect(await main(['--out', out, ...inputs], { stdout: () => undefined, stderr: () => undefined })).toBe(0);
      const md = readFileSync(join(out, 'report.md'), 'utf8');
      const linked = [...md.matchAll(/\]\((run-[^)]+\.svg)\)/g)].map((m) => m[1]);
      // One run chart per run (x: 3, the others 1 each), each in its own file, each file there.
      expect(linked).toHaveLength(6);
      expect(new Set(linked).size).toBe(6);
      for (const f of linked) expect(readdirSync(out)).toContain(f);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
