import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCHMARK_NAMESPACE } from '../contract/naming';
import { Io, main, parseOptions } from '../report/cli';
import { BenchPod, BenchmarkCluster, kubeconfigFromCdktfOutputs } from '../report/cluster';
import { KubeAccess, kubeconfigProblem } from '../report/kube';

const FIXTURES = join(__dirname, 'fixtures/report');
const fx = (name: string) => join(FIXTURES, name);
const GOOD = ['humanized.json', 'plain.json', 'plain-logfmt.log', 'truncated-final-round.log', 'zero-actual.log'];
const BAD = ['empty.log', 'no-rounds.log', 'truncated-line.log', 'unknown-format.txt', 'missing.log'];

async function run(argv: string[], connect?: (access: KubeAccess) => Promise<BenchmarkCluster>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (l) => err.push(l), ...(connect ? { connect } : {}) };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err };
}
const tableRows = (md: string) => md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| variant') && !l.startsWith('| ---'));
const tmpDirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-test-'));
  tmpDirs.push(dir);
  return dir;
};
afterAll(() => tmpDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('report command on files', () => {
  it('reports the good files and names each bad one in one stderr line, exit 1', async () => {
    const r = await run([...GOOD, ...BAD].map(fx));
    expect(r.code).toBe(1);
    expect(tableRows(r.stdout).map((l) => l.split(' | ')[0])).toEqual([
      '| humanized',
      '| plain',
      '| plain-logfmt',
      '| truncated-final-round',
      '| zero-actual ⚠ config error',
    ]);
    // Inputs are read in natural order of their names, whatever order they were given in.
    expect(r.stderr.filter((l) => l.startsWith('report: error:'))).toEqual([
      `report: error: ${fx('empty.log')}: empty file`,
      `report: error: ${fx('missing.log')}: cannot read: no such file`,
      `report: error: ${fx('no-rounds.log')}: no complete rounds (last error logged: cannot reach Falco: connection refused)`,
      `report: error: ${fx('truncated-line.log')}:7: malformed line (cut off or damaged): "expe" has no value`,
    ]);
    // A file that is not a bench log at all is skipped with a note, not an error.
    expect(r.stderr).toContain('report: skipped 1 input that is not a bench log (--verbose names it)');
    expect(r.stderr).toContain('report: warning: zero-actual: configuration error: syscall.WriteBelowBinaryDir has actual=0 in every round, its Falco rule is not loaded; left out of expected/actual');
    expect(r.stdout).toContain('## ⚠ Configuration errors');
    expect(r.stdout).toContain('## Inputs not reported');
  });

  it('prints the markdown table and the finding', async () => {
    const r = await run([fx('humanized.json'), fx('plain.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(tableRows(r.stdout)).toEqual([
      '| humanized | unavailable | 4 | 2 | 20.0 | 99.00 % | 19.8 | 40.0 | unavailable | 60.0 | 2.6 % |',
      '| plain | unavailable | 4 | 3 | 40.0 | 95.00 % | 38.0 | 20.0 | unavailable | 40.0 | 3.4 % |',
    ]);
    expect(r.stdout).toContain('Attribution and capacity are unavailable for humanized and plain: their logs have no samples');
    expect(r.stdout).toContain('**Finding:** humanized sustains the most: 40.0 EPS with loss below 1 % (next: plain, 20.0 EPS).');
  });

  it('--format json follows the documented contract', async () => {
    const r = await run(['--format', 'json', '--threshold', '2', fx('humanized.json'), fx('empty.log')]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.errors).toEqual([{ file: fx('empty.log'), message: 'empty file' }]);
    expect(report.runs).toHaveLength(1);
    const [one] = report.runs;
    expect(Object.keys(one)).toEqual([
      'file', 'variant', 'status', 'rounds', 'threshold', 'knee', 'maxSustainedEps', 'maxSustainableEps', 'peakDeliveredEps',
      'capacity', 'capacityNote', 'samples', 'perRound', 'rulesNotLoaded', 'warnings', 'kernelSource', 'spread',
    ]);
    // One run: its spread is a point; no attribution, no kernel source; no pair to judge.
    expect(one.spread).toEqual({ runs: 1, capacity: null, kneeEps: { median: 80, min: 80, max: 80, n: 1 }, maxSustainableEps: null });
    expect(one.kernelSource).toBeNull();
    expect(report.verdicts).toEqual([]);
    expect(one).toMatchObject({
      file: fx('humanized.json'),
      variant: 'humanized',
      status: 'finished',
      rounds: 4,
      threshold: 0.02,
      knee: { round: 4, eps: 80, success: 0.75, successEps: 60, cpu: 3.2 },
      maxSustainedEps: 40,
      peakDeliveredEps: 60,
    });
    expect(one.perRound[1]).toEqual({
      round: 2, sleep: '50ms', sleepNs: 50000000, expected: 100, actual: 99, loss: 0.01,
      throughput: 20, delivered: 19.8, cpu: 2.6, resMem: 131000000, virtMem: 1300000000,
      attribution: null, sustainable: null,
    });
    // A log from before the sampler: attribution unavailable, never zero.
    expect(one).toMatchObject({ capacity: null, maxSustainableEps: null, samples: 0 });
    expect(one.capacityNote).toMatch(/^unavailable: the log has no samples/);
  });

  it('--variant names the single file', async () => {
    const r = await run(['--format', 'json', '--variant', 'kmod1cpu', fx('plain.json')]);
    expect(JSON.parse(r.stdout).runs[0].variant).toBe('kmod1cpu');
  });

  it('keeps variant names unique', async () => {
    const r = await run(['--format', 'json', fx('plain.json'), fx('plain.json')]);
    const runs = JSON.parse(r.stdout).runs;
    expect(runs.map((x: { variant: string }) => x.variant)).toEqual(['plain', 'plain-2']);
    expect(runs[1].warnings[0]).toBe('variant name plain was already taken: reported as plain-2');
  });

  it.each([
    [['--variant', 'x', 'a.log', 'b.log'], /--variant names the one log file/],
    [[], /give log files, or --from-cluster/],
    [['--format', 'html', 'a.log'], /--format must be markdown or json/],
    [['--threshold', '0', 'a.log'], /--threshold must be/],
    [['--threshold', 'lots', 'a.log'], /--threshold must be/],
    [['--context', 'c', 'a.log'], /only apply with --from-cluster/],
    [['--from-cluster', '--kubeconfig', 'k', '--cdktf-outputs', 'o'], /either --kubeconfig or --cdktf-outputs/],
    [['--bogus', 'a.log'], /Unknown option '--bogus'/],
  ])('usage error %j exits 2', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('skips directories and files that are not bench logs with a note each under --verbose; they do not fail the run', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'SOURCE.txt'), 'Copied from github.com/x/y at commit abc.\n');
    const r = await run(['--verbose', '--format', 'json', dir, join(dir, 'SOURCE.txt'), fx('plain.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([
      `report: skipped ${dir}: a directory`,
      `report: skipped ${join(dir, 'SOURCE.txt')}: not a bench log (first line is neither text, logfmt nor JSON log)`,
    ]);
    expect(JSON.parse(r.stdout).skipped).toEqual([
      { file: dir, reason: 'a directory' },
      { file: join(dir, 'SOURCE.txt'), reason: 'not a bench log (first line is neither text, logfmt nor JSON log)' },
    ]);
    const quiet = await run([dir, join(dir, 'SOURCE.txt'), fx('plain.json')]);
    expect(quiet.stderr).toEqual(['report: skipped 2 inputs that are not a bench log (--verbose names them)']);
    expect(quiet.stdout).toContain('## Inputs skipped (not bench logs)');
  });

  it('words a single run as a result, not a comparison', async () => {
    const r = await run([fx('humanized.json')]);
    expect(r.stdout).toContain('**Result:** humanized keeps the loss below 1 % up to 40.0 EPS; its peak delivered rate is 60.0 EPS.');
    expect(r.stdout).not.toContain('the most');
  });

  it('a failed rerun with --out leaves the previous report as it was', async () => {
    const out = join(tmp(), 'report');
    expect((await run(['--out', out, fx('plain.json')])).code).toBe(0);
    const before = readFileSync(join(out, 'report.md'), 'utf8');
    const failed = await run(['--out', out, fx('missing.log')]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`report: no run could be reported: ${out} left as it was`);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe(before);
    // No temporary folder is left behind, and a successful rerun replaces the report as a whole.
    expect(readdirSync(join(out, '..'))).toEqual(['report']);
    writeFileSync(join(out, 'stale.svg'), '');
    expect((await run(['--out', out, fx('humanized.json')])).code).toBe(0);
    expect(readdirSync(out)).not.toContain('stale.svg');
    expect(readdirSync(join(out, '..'))).toEqual(['report']);
  });

  describe('--out writes only what it owns', () => {
    /** Every file under a folder with its content, to prove that nothing was touched. */
    const snapshot = (dir: string): Record<string, string> =>
      Object.fromEntries(
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? Object.entries(snapshot(path)) : [[path, readFileSync(path, 'utf8')]];
        }),
      );

    it('refuses a folder holding foreign files and its own inputs (the data-loss case): exit 2, nothing touched', async () => {
      const bench = tmp();
      for (const f of ['plain.json', 'humanized.json']) writeFileSync(join(bench, f), readFileSync(fx(f)));
      writeFileSync(join(bench, 'notes.md'), 'my notes\n');
      mkdirSync(join(bench, 'sub'));
      writeFileSync(join(bench, 'sub', 'keep.txt'), 'keep\n');
      const before = snapshot(bench);
      const r = await run(['--out', bench, join(bench, 'plain.json'), join(bench, 'humanized.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr[0]).toMatch(new RegExp(`^report: ${bench}: it holds the input ${join(bench, 'plain.json')}`));
      expect(snapshot(bench)).toEqual(before);
      // The same folder without its inputs among the arguments: still someone else's files.
      const foreign = await run(['--out', bench, fx('plain.json')]);
      expect(foreign.code).toBe(2);
      expect(foreign.stderr[0]).toMatch(/holds files that are not a report of this command \(humanized\.json, notes\.md, plain\.json, and 1 more\); nothing was touched/);
      expect(snapshot(bench)).toEqual(before);
      expect(readdirSync(join(bench, '..')).filter((n) => n.startsWith(`.${bench.split('/').pop()}.tmp-`))).toEqual([]);
    });

    it('refuses an input log as the output and `.` in a folder of files', async () => {
      const dir = tmp();
      const log = join(dir, 'run.json');
      writeFileSync(log, readFileSync(fx('plain.json')));
      const r = await run(['--out', log, log]);
      expect(r.code).toBe(2);
      expect(r.stderr[0]).toContain(`${log}: it is the input ${log}`);
      expect(readFileSync(log, 'utf8')).toBe(readFileSync(fx('plain.json'), 'utf8'));
      const other = await run(['--out', log, fx('humanized.json')]);
      expect(other.code).toBe(2);
      expect(other.stderr[0]).toContain(`${log}: is a file, not a folder`);
      const cwd = process.cwd();
      try {
        process.chdir(dir);
        const dot = await run(['--out', '.', fx('plain.json')]);
        expect(dot.code).toBe(2);
        expect(dot.stderr[0]).toMatch(/^report: \.: holds files that are not a report/);
      } finally {
        process.chdir(cwd);
      }
      expect(readdirSync(dir)).toEqual(['run.json']);
    });

    it('an input in a subfolder whose name starts with two dots is still inside --out', async () => {
      const out = tmp();
      mkdirSync(join(out, '..data'));
      const log = join(out, '..data', 'run.json');
      writeFileSync(log, readFileSync(fx('plain.json')));
      const r = await run(['--out', out, log]);
      expect(r.code).toBe(2);
      expect(r.stderr[0]).toContain(`it holds the input ${log}`);
      expect(readFileSync(log, 'utf8')).toBe(readFileSync(fx('plain.json'), 'utf8'));
    });

    it('takes a new or empty folder, marks it as a report, and creates it with the umask\'s mode', async () => {
      const empty = tmp();
      expect((await run(['--out', empty, fx('plain.json')])).code).toBe(0);
      expect(readdirSync(empty)).toContain('.falco-bench-report');
      const fresh = join(tmp(), 'a', 'b');
      expect((await run(['--out', fresh, fx('plain.json')])).code).toBe(0);
      const mode = statSync(fresh).mode & 0o777;
      expect(mode).toBe(0o777 & ~process.umask());
    });

    it('a folder it cannot create is one line naming the path, exit 2, no stack trace', async () => {
      const r = await run(['--out', '/proc/nope/report', fx('plain.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr[0]).toMatch(/^report: \/proc\/nope\/report: cannot create the report folder: E[A-Z]+$/);
    });

    it('no run reported at all (every input skipped) is exit 1', async () => {
      const dir = tmp();
      writeFileSync(join(dir, 'SOURCE.txt'), 'not a log\n');
      expect((await run([join(dir, 'SOURCE.txt')])).code).toBe(1);
    });
  });

  it('accepts a threshold with a percent sign, and prints help', async () => {
    expect(parseOptions(['--threshold', '0.5%', 'a.log'])).toMatchObject({ threshold: 0.005 });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run report -- \[options\] <log files...>/);
    expect(help.stdout).toContain('exit codes: 0 ok, 1 findings');
    for (const option of ['--format', '--out', '--threshold', '--variant', '--note', '--from-cluster', '--kubeconfig', '--context', '--cdktf-outputs', '--verbose']) {
      expect(help.stdout).toContain(option);
    }
  });

  it('--out writes report.md, report.json and the charts', async () => {
    const out = join(tmp(), 'benchmarks', '2026-05-01');
    const r = await run(['--out', out, '--format', 'json', '--note', 'Logs: *fixtures*.', fx('humanized.json'), fx('zero-actual.log')]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.falco-bench-report', 'comparison.svg', 'report.json', 'report.md', 'run-humanized.svg', 'run-zero-actual.svg']);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(r.stdout);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('\nLogs: *fixtures*.\n');
    expect(md).toContain('![Capacity, max sustained and peak delivered EPS per variant](comparison.svg)');
    expect(md).toContain('![humanized: EPS and loss per round](run-humanized.svg)');
    for (const f of ['comparison.svg', 'run-humanized.svg']) expect(readFileSync(join(out, f), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
    expect(r.stderr).toContain(`report: wrote report.md, report.json and 3 charts to ${out}`);
  });
});

/** A cluster in memory: pods as listed, logs by pod name (an Error makes the read fail). */
class FakeCluster implements BenchmarkCluster {
  reads: string[] = [];
  constructor(
    private readonly pods: BenchPod[],
    private readonly logs: Record<string, string | Error>,
  ) {}
  async listBenchmarkPods() {
    return this.pods;
  }
  async readLog(pod: BenchPod) {
    this.reads.push(pod.name);
    const log = this.logs[pod.name];
    if (log instanceof Error) throw log;
    return log;
  }
}
const pod = (name: string, variant: string | undefined, phase: string, createdAt = 1000): BenchPod => ({ namespace: BENCHMARK_NAMESPACE, name, variant, phase, createdAt });
const fixtureText = (name: string) => readFileSync(fx(name), 'utf8');

describe('report --from-cluster (fake cluster)', () => {
  const cluster = () =>
    new FakeCluster(
      [
        pod('bench-kmod1cpu-old', 'kmod1cpu', 'Failed', 500),
        pod('bench-kmod1cpu-new', 'kmod1cpu', 'Succeeded', 900),
        pod('bench-ebpf1cpu-x', 'ebpf1cpu', 'Running'),
        pod('bench-ebpf2cpu-x', 'ebpf2cpu', 'Failed'),
        pod('stray', undefined, 'Succeeded'),
      ],
      { 'bench-kmod1cpu-new': fixtureText('humanized.json'), 'bench-ebpf2cpu-x': fixtureText('truncated-final-round.log'), 'bench-kmod1cpu-old': 'old' },
    );

  it('reads the newest pod per variant, shows progress, reports a running Job as not finished', async () => {
    const fake = cluster();
    const accesses: KubeAccess[] = [];
    const r = await run(['--from-cluster', '--format', 'json'], async (a) => (accesses.push(a), fake));
    expect(r.code).toBe(0);
    expect(accesses).toEqual([{ file: undefined, context: undefined }]);
    expect(fake.reads).toEqual(['bench-ebpf2cpu-x', 'bench-kmod1cpu-new']);
    expect(r.stderr.slice(0, 4)).toEqual([
      'variant ebpf1cpu (1/3): pod falco-bench/bench-ebpf1cpu-x is Running, not finished',
      'fetching logs of variant ebpf2cpu (2/3)…',
      'fetching logs of variant kmod1cpu (3/3)…',
      'report: warning: pod falco-bench/stray has no variant label: skipped',
    ]);
    const runs = JSON.parse(r.stdout).runs;
    expect(runs.map((x: { variant: string; status: string; rounds: number }) => [x.variant, x.status, x.rounds])).toEqual([
      ['ebpf1cpu', 'not-finished', 0],
      ['ebpf2cpu', 'finished', 3],
      ['kmod1cpu', 'finished', 4],
    ]);
    expect(runs[0]).toMatchObject({ file: null, pod: 'falco-bench/bench-ebpf1cpu-x', knee: null, maxSustainedEps: null, peakDeliveredEps: null, perRound: [] });
    expect(runs[1].warnings[0]).toBe('pod falco-bench/bench-ebpf2cpu-x ended in phase Failed');
    expect(runs[2]).toMatchObject({ file: null, pod: 'falco-bench/bench-kmod1cpu-new', knee: { round: 2 } });
  });

  it('shows "not finished" in the table and saves fetched logs under --out', async () => {
    const out = tmp();
    const r = await run(['--from-cluster', '--out', out], async () => cluster());
    expect(tableRows(r.stdout)[0]).toBe('| ebpf1cpu | not finished | – | – | – | – | – | – | – | – | – |');
    expect(readdirSync(join(out, 'logs')).sort()).toEqual(['ebpf2cpu.log', 'kmod1cpu.log']);
    expect(readFileSync(join(out, 'logs', 'kmod1cpu.log'), 'utf8')).toBe(fixtureText('humanized.json'));
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(json.runs[2].file).toBe(join(out, 'logs', 'kmod1cpu.log'));
    expect(existsSync(join(out, 'run-ebpf1cpu.svg'))).toBe(false);
    expect(readFileSync(join(out, 'comparison.svg'), 'utf8')).toContain('>not finished</text>');
  });

  it('a log that cannot be read or parsed fails that variant only', async () => {
    const fake = new FakeCluster([pod('a', 'a', 'Succeeded'), pod('b', 'b', 'Succeeded'), pod('c', 'c', 'Succeeded')], {
      a: new Error('connection reset'),
      b: '',
      c: fixtureText('plain.json'),
    });
    const r = await run(['--from-cluster', fx('humanized.json')], async () => fake);
    expect(r.code).toBe(1);
    expect(tableRows(r.stdout).map((l) => l.split(' | ')[0])).toEqual(['| humanized', '| c']);
    expect(r.stderr.filter((l) => l.startsWith('report: error:'))).toEqual([
      'report: error: falco-bench/a: cannot read the log: connection reset',
      'report: error: falco-bench/b: empty file',
    ]);
  });

  it('an unreachable cluster is one error; the files given are still reported', async () => {
    const r = await run(['--from-cluster', fx('plain.json')], async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
    });
    expect(r.code).toBe(1);
    expect(tableRows(r.stdout)).toHaveLength(1);
    expect(r.stderr).toEqual(['report: error: cluster: connect ECONNREFUSED 127.0.0.1:6443']);
  });

  it('no usable kubeconfig is bad input (exit 2) with the command that fixes it, before any connection', async () => {
    const r = await run(['--from-cluster', '--kubeconfig', join(tmp(), 'absent')]);
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(/^report: no usable kubeconfig: --kubeconfig .*absent is not a file\. Get the cluster's credentials with `az aks get-credentials --resource-group <resource group> --name <cluster>`/);
    const home = tmp();
    expect(kubeconfigProblem({}, {}, home)).toBe(`KUBECONFIG is not set and ${join(home, '.kube', 'config')} does not exist`);
    expect(kubeconfigProblem({}, { KUBECONFIG: join(home, 'a') }, home)).toMatch(/none of the files in KUBECONFIG/);
    expect(kubeconfigProblem({}, { KUBERNETES_SERVICE_HOST: '10.0.0.1' }, home)).toBeNull();
    expect(kubeconfigProblem({ yaml: 'x' }, {}, home)).toBeNull();
    mkdirSync(join(home, '.kube'));
    writeFileSync(join(home, '.kube', 'config'), 'apiVersion: v1\n');
    expect(kubeconfigProblem({}, {}, home)).toBeNull();
  });

  it('no benchmark pods is an error', async () => {
    const r = await run(['--from-cluster'], async () => new FakeCluster([], {}));
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual(['report: error: cluster: no benchmark pods in namespace falco-bench with label falco-bench/role=benchmark']);
  });

  it('takes the kubeconfig from the CDKTF outputs file, or --kubeconfig and --context', async () => {
    const dir = tmp();
    const outputs = join(dir, 'outputs.json');
    writeFileSync(outputs, JSON.stringify({ github: { repo_url: 'x' }, infra: { kube_config: 'apiVersion: v1\nkind: Config\n', cluster_name: 'aks' } }));
    const accesses: KubeAccess[] = [];
    const connect = async (a: KubeAccess) => (accesses.push(a), new FakeCluster([pod('p', 'v', 'Running')], {}));
    expect((await run(['--from-cluster', '--cdktf-outputs', outputs, '--context', 'aks-admin'], connect)).code).toBe(0);
    expect((await run(['--from-cluster', '--kubeconfig', '/k/config'], connect)).code).toBe(0);
    expect(accesses).toEqual([
      { file: undefined, context: 'aks-admin', yaml: 'apiVersion: v1\nkind: Config\n' },
      { file: '/k/config', context: undefined },
    ]);
    const missing = await run(['--from-cluster', '--cdktf-outputs', join(dir, 'nope.json')], connect);
    expect(missing.stderr).toEqual([`report: error: ${join(dir, 'nope.json')}: cannot read: no such file`]);
  });

  it.each([
    ['{', /^not JSON/],
    ['[]', /expected an object of stacks/],
    [JSON.stringify({ a: { x: 1 } }), /no stack has the output kube_config/],
    [JSON.stringify({ a: { kube_config: 'x' }, b: { kube_config: 'y' } }), /several stacks have the output kube_config: a, b/],
    [JSON.stringify({ a: { kube_config: '' } }), /a.kube_config is empty: deploy with --outputs-file-include-sensitive-outputs/],
  ])('CDKTF outputs %s are rejected', (text, message) => {
    const r = kubeconfigFromCdktfOutputs(text, 'o.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });
});
