/**
 * The benchmark: the post-renderer patch applied to what chart event-generator 0.4.0 renders (a hand-written
 * fixture), the bench script's behaviour, and which changes rerun which variants.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { applyPatch, deepClone, Operation } from 'fast-json-patch';
import { parse, parseAllDocuments, stringify } from 'yaml';
import {
  BENCH_METRICS_READY_MESSAGE,
  BENCH_RUN_MESSAGE,
  BENCH_SAMPLE_MESSAGE,
  BENCHMARK_HTTP_PORT,
  BENCHMARK_NAMESPACE,
  FALCO_METRICS_PORT,
  FALCO_NAMESPACE,
  benchmarkPodLabels,
  falcoMetricsServiceName,
  benchmarkReleaseName,
  falcoReleaseName,
  variantNodeLabels,
  variantToleration,
} from '../contract/naming';
import { goDurationSeconds } from '../config/duration';
import type { BenchConfig } from '../config/schema';
import { BENCH_SCRIPT_FILE, activeDeadlineSeconds, benchScript, benchScriptPath, benchScriptValues, fillPlaceholders, FALCO_METRICS_WAIT_SECONDS, benchmarkJobName, runHash, runInputs } from '../gitops/benchmark';
import { falcoValues } from '../gitops/falco';
import { renderTree } from '../gitops/tree';
import { FLUX_API } from '../contract/versions';
import { Obj, changed, chartFullnameAsTheChartDoes, defaultConfig, hasKubectl, ofKind, parseRendered, repoInputs } from './helpers/gitops-tree';

const config = defaultConfig();
const FIXTURE = join(__dirname, 'fixtures/gitops/event-generator-0.4.0-bench-kmod1cpu.yaml');
const fixtureText = readFileSync(FIXTURE, 'utf8');
const fixture = parseAllDocuments(fixtureText).map((d) => d.toJS() as Obj);
const variant = config.benchmark.variants.find((v) => v.name === 'kmod1cpu')!;

function releaseOf(c: BenchConfig, name: string): Obj {
  return ofKind(parseRendered(renderTree(c, repoInputs)), FLUX_API.helmRelease, 'HelmRelease').find((r) => r.metadata.name === name)!;
}
const release = releaseOf(config, benchmarkReleaseName(variant));
const [patchSpec] = release.spec.postRenderers[0].kustomize.patches;
const operations = parse(patchSpec.patch) as Operation[];

/** Selects like a kustomize patch target: group/version/kind/name. */
function matches(target: Obj, o: Obj): boolean {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  return (
    (target.group === undefined || target.group === group) &&
    (target.version === undefined || target.version === version) &&
    (target.kind === undefined || target.kind === o.kind) &&
    (target.name === undefined || target.name === o.metadata.name)
  );
}

/** The fixture after the post-renderer, with fast-json-patch (validating every operation). */
function postRendered(): Obj[] {
  return fixture.map((o) => (matches(patchSpec.target, o) ? applyPatch(deepClone(o), operations, true).newDocument : o));
}

describe('fixture: what chart event-generator 0.4.0 renders for these values', () => {
  const job = fixture.find((o) => o.kind === 'Job')!;
  const service = fixture.find((o) => o.kind === 'Service')!;
  const values = release.spec.values;

  it('agrees with the HelmRelease values (regenerate the fixture by hand when they change)', () => {
    const name = chartFullnameAsTheChartDoes(release.spec.releaseName, release.spec.chart.spec.chart);
    expect(job.metadata.name).toBe(name);
    expect(service.metadata.name).toBe(name);
    expect(job.metadata.labels['helm.sh/chart']).toBe(`event-generator-${release.spec.chart.spec.version}`);
    const pod = job.spec.template;
    expect(pod.spec.nodeSelector).toEqual(values.nodeSelector);
    expect(pod.spec.tolerations).toEqual(values.tolerations);
    expect(Object.keys(pod.metadata.annotations)).toEqual(Object.keys(values.podAnnotations));
    expect(pod.spec.containers[0].image).toBe(`falcosecurity/event-generator:${values.image.tag}`);
    expect(pod.spec.containers[0].command.slice(0, 2)).toEqual(['/bin/event-generator', values.config.command]);
    expect(pod.spec.containers[0].command).toContain(`--http-server-address=${values.config.http.address}`);
    expect(job.spec.backoffLimit).toBe(1);
    expect(pod.spec.restartPolicy).toBe('Never');
  });

  it('the patch targets exactly the Job', () => {
    expect(fixture.filter((o) => matches(patchSpec.target, o)).map((o) => o.kind)).toEqual(['Job']);
  });
});

describe('post-renderer', () => {
  const rendered = postRendered();
  const job = rendered.find((o) => o.kind === 'Job')!;
  const service = rendered.find((o) => o.kind === 'Service')!;
  const pod = job.spec.template;
  const command = pod.spec.containers[0].command as string[];

  it('names the Job after the variant and the run hash', () => {
    expect(job.metadata.name).toBe(`bench-${variant.name}-${runHash(config, variant)}`);
    expect(job.metadata.name).toMatch(/^bench-kmod1cpu-[0-9a-f]{8}$/);
    expect(job.metadata.name).toBe(benchmarkJobName(variant, release.spec.values.podAnnotations['falco-bench/run']));
  });

  it('runs `event-generator bench` with the configured flags, bounded by `timeout`', () => {
    expect(command.slice(0, 2)).toEqual(['/bin/bash', '-c']);
    expect(command[2]).toBe(benchScript());
    expect(command.slice(3)).toEqual([
      'falco-bench',
      '300s',
      `http://${falcoMetricsServiceName(variant)}.${FALCO_NAMESPACE}.svc.cluster.local:${FALCO_METRICS_PORT}/metrics`,
      String(FALCO_METRICS_WAIT_SECONDS),
      String(config.benchmark.repeat),
      '60s',
      '/bin/event-generator',
      'bench',
      '^syscall\\.ReadSensitiveFileUntrusted$',
      '--loop',
      '--round-duration',
      '5s',
      '--sleep',
      '100ms',
      '--http-server-address',
      `0.0.0.0:${BENCHMARK_HTTP_PORT}`,
      '--logformat',
      'json',
    ]);
    expect(command[2]).toMatch(/timeout "\$limit" "\$@" --pid "\$pid"/);
    // The time bound is maxDuration; at rounds that rest as long as they run that is about 30 rounds.
    const bound = goDurationSeconds(command[4]);
    expect(bound).toBe(goDurationSeconds(config.benchmark.maxDuration));
    expect(Math.floor(bound / (2 * goDurationSeconds(config.benchmark.roundDuration)))).toBe(30);
  });

  it("sees the node's processes, stays on the variant's node, carries the report's labels", () => {
    expect(pod.spec.hostPID).toBe(true);
    expect(pod.spec.nodeSelector).toEqual(variantNodeLabels(variant));
    expect(pod.spec.tolerations).toEqual([variantToleration(variant)]);
    expect(pod.metadata.labels).toMatchObject(benchmarkPodLabels(variant));
    expect(job.metadata.labels).toMatchObject(benchmarkPodLabels(variant));
    expect(pod.spec.serviceAccountName).toBe('default');
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(300);
    expect(job.spec.backoffLimit).toBe(1);
  });

  it('the deadline covers every run with its waits, the rests between runs, and slack; one run is the old bound', () => {
    const { maxDuration, repeat, restBetweenRuns } = config.benchmark;
    expect(repeat).toBe(3);
    expect(job.spec.activeDeadlineSeconds).toBe(activeDeadlineSeconds(config.benchmark));
    const one = activeDeadlineSeconds({ maxDuration, restBetweenRuns, repeat: 1 });
    // One run: maxDuration, 5 minutes for Falco's process, 2 for its metrics, 5 of slack.
    expect(one).toBe(300 + 300 + 120 + 300);
    const perRun = goDurationSeconds(maxDuration) + 300 + 120;
    expect(job.spec.activeDeadlineSeconds).toBe(one + 2 * perRun + 2 * goDurationSeconds(restBetweenRuns));
    expect(activeDeadlineSeconds({ maxDuration: '1m30s', restBetweenRuns: '0.5s', repeat: 2 })).toBe(Math.ceil(2 * (90 + 420) + 0.5) + 300);
  });

  it("keeps the Service that Falco posts to selecting the run's pod", () => {
    expect(service).toEqual(fixture.find((o) => o.kind === 'Service'));
    for (const [k, v] of Object.entries(service.spec.selector)) expect(pod.metadata.labels[k]).toBe(v);
    const falco = releaseOf(config, falcoReleaseName(variant));
    const url = new URL(falco.spec.values.falco.http_output.url);
    expect(url.hostname).toBe(`${service.metadata.name}.${BENCHMARK_NAMESPACE}.svc.cluster.local`);
    expect(Number(url.port)).toBe(service.spec.ports[0].port);
    expect(service.spec.ports[0].targetPort).toBe(pod.spec.containers[0].ports[0].containerPort);
  });

  (hasKubectl ? it : it.skip)('kustomize applies the same patch with the same result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gitops-postrender-'));
    try {
      writeFileSync(join(dir, 'manifests.yaml'), fixtureText);
      writeFileSync(join(dir, 'kustomization.yaml'), stringify({ resources: ['manifests.yaml'], patches: [patchSpec] }));
      const { stdout } = await promisify(execFile)('kubectl', ['kustomize', dir]);
      const byKind = Object.fromEntries(parseAllDocuments(stdout).map((d) => [d.toJS().kind, d.toJS()]));
      expect(byKind.Job).toEqual(job);
      expect(byKind.Service).toEqual(service);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench.sh and its placeholders', () => {
  const root = join(__dirname, '..');
  const file = join(root, BENCH_SCRIPT_FILE);

  it('is found from the sources (ts-jest) and from the compiled module folder alike, not from the working directory', () => {
    expect(benchScriptPath(join(root, 'gitops'))).toBe(file);
    expect(benchScriptPath(join(root, 'dist', 'gitops'))).toBe(file);
    expect(() => benchScriptPath(tmpdir())).toThrow(`${BENCH_SCRIPT_FILE} not found above`);
  });

  it('the Job runs the file with every placeholder filled from the owning modules', () => {
    const text = readFileSync(file, 'utf8');
    const names = [...text.matchAll(/@([A-Z][A-Z0-9_]*)@/g)].map((m) => m[1]);
    expect([...new Set(names)].sort()).toEqual(Object.keys(benchScriptValues()).sort());
    expect(benchScript()).not.toMatch(/@[A-Z][A-Z0-9_]*@/);
    expect(benchScript()).toContain(`sample_msg='${BENCH_SAMPLE_MESSAGE}'`);
    expect(benchScript()).toContain(`ready_msg='${BENCH_METRICS_READY_MESSAGE}'`);
  });

  it('refuses a placeholder without a value, a value without a placeholder and a value that needs quoting', () => {
    expect(fillPlaceholders("a=@A@ b='@B@'", { A: 1, B: 'x: y' })).toBe("a=1 b='x: y'");
    expect(() => fillPlaceholders('a=@A@ @C@', { A: 1 })).toThrow('@C@ has no value');
    expect(() => fillPlaceholders('a=@A@', { A: 1, B: 2 })).toThrow('no placeholder for @B@');
    for (const bad of ["it's", 'say "hi"', 'a\\b', '$(reboot)', '`id`', 'two\nlines', '']) {
      expect(() => fillPlaceholders("m='@M@'", { M: bad })).toThrow('needs quoting');
    }
  });

  const shellcheck = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).stdout.trim();
  if (!shellcheck) console.warn('shellcheck not installed: the shellcheck test of gitops/bench.sh is skipped (.ci/run installs it)');
  (shellcheck ? it : it.skip)('passes shellcheck, which does flag a broken copy', () => {
    const r = spawnSync(shellcheck, ['--format=gcc', file], { encoding: 'utf8' });
    expect([r.status, r.stdout]).toEqual([0, '']);
    const broken = spawnSync(shellcheck, ['--format=gcc', '-'], { input: 'for f in $(ls *.txt); do echo $f; done\n', encoding: 'utf8' });
    expect(broken.status).toBe(1);
  });
});

const hasShell = ['bash', 'timeout', 'sleep', 'curl', 'date'].every((c) => !spawnSync('sh', ['-c', `command -v ${c}`]).status);

/** Rule names that Falco would print verbatim inside `rule_name="..."`. */
const HOSTILE_RULES = ['A "quoted" rule', 'back\\slash \\" end\\', 'fake",source="k8s_audit', 'tab\there} 7', '{"json":1}', 'ünïcode'];

/**
 * A stand-in for Falco's /metrics on 127.0.0.1: 404 for the first `closedFor` requests (driver not open yet),
 * then counters that grow with each request; the rule's match counter appears only from the `firstMatch`-th.
 */
async function fakeMetrics(closedFor: number, firstMatch: number): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = createServer((req, res) => {
    n++;
    if (req.url !== '/metrics' || n <= closedFor) {
      res.writeHead(404).end('not found\n');
      return;
    }
    const k = n - closedFor;
    const lines = [
      '# HELP falcosecurity_scap_n_evts_total https://falco.org/docs/metrics/',
      '# TYPE falcosecurity_scap_n_evts_total counter',
      `falcosecurity_scap_n_evts_total ${1000 * k}`,
      `falcosecurity_scap_n_drops_total ${7 * k}`,
      `falcosecurity_scap_n_drops_buffer_total{dir="exit",drop="clone_fork"} ${k}`,
      `falcosecurity_scap_n_drops_buffer_total{dir="enter",drop="open"} ${2 * k}`,
      `falcosecurity_scap_n_drops_buffer_total{dir="exit",drop="open"} ${3 * k}`,
      `falcosecurity_scap_n_drops_buffer_total{dir="exit",drop="open_by_handle_at"} 99`,
      'falcosecurity_falco_outputs_queue_num_drops_total 0',
      ...(n >= firstMatch
        ? [
            `falcosecurity_falco_rules_matches_total{priority="4",rule_name="Read sensitive file untrusted",source="syscall",tag_T1555="true"} ${100 * k}`,
            // Falco writes label values unescaped (no Prometheus escaping): hostile names as they come.
            ...HOSTILE_RULES.map((r, i) => `falcosecurity_falco_rules_matches_total{priority="5",rule_name="${r}",source="syscall",tag_x="true"} ${i + 1}`),
            'falcosecurity_falco_rules_matches_total{priority="5",rule_name="no source label"} 5',
            'falcosecurity_falco_rules_matches_total{priority="5",rule_name="not a number",source="syscall"} NaN',
          ]
        : []),
      'falcosecurity_falco_cpu_usage_ratio 0.5',
    ];
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    requests: () => n,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Prints bench-like JSON lines to stderr, as event-generator 0.13.0 does with --logformat json. */
const FAKE_BENCH = [
  `log() { printf '%s\\n' "$1" >&2; }`,
  `log '{"level":"info","msg":"round #1","sleep":100000000,"time":"2026-05-01T10:00:00Z"}'`,
  'sleep 1.2',
  `log '{"level":"info","msg":"resting...","time":"2026-05-01T10:00:01Z"}'`,
  'sleep 1.2',
  `log '{"level":"info","msg":"syscall.ReadSensitiveFileUntrusted","actual":12,"expected":12,"ratio":1}'`,
  `log '{"level":"info","msg":"statistics","lost":0,"throughput":10}'`,
  `log '{"level":"info","msg":"","time":"2026-05-01T10:00:02Z"}'`,
  `log '{"level": "info", "msg": "round #2", "sleep": 50000000}'`,
  'sleep 0.3',
].join('\n');

(hasShell ? describe : describe.skip)('bench script', () => {
  /**
   * Runs the script with a fake `falco` process (a copy of sleep), a stand-in for event-generator and the URL
   * of a metrics server; returns its combined output (what the Job's log holds).
   */
  async function runScript(
    limit: string,
    fakeGenerator: string,
    metricsUrl = 'http://127.0.0.1:9/metrics',
    waitMetrics = 0,
    runs: number | string = 1,
    rest = '0s',
  ): Promise<{ code: number | null; log: string; falcoPid: number }> {
    const dir = mkdtempSync(join(tmpdir(), 'gitops-script-'));
    const sleepPath = spawnSync('sh', ['-c', 'command -v sleep'], { encoding: 'utf8' }).stdout.trim();
    copyFileSync(sleepPath, join(dir, 'falco'));
    const falco = spawn(join(dir, 'falco'), ['30'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 50));
      const script = spawn('bash', ['-c', benchScript(), 'falco-bench', limit, metricsUrl, String(waitMetrics), String(runs), rest, 'bash', '-c', fakeGenerator, 'event-generator'], { cwd: dir });
      let log = '';
      script.stdout.on('data', (d) => (log += d));
      script.stderr.on('data', (d) => (log += d));
      const code = await new Promise<number | null>((r) => script.on('close', r));
      return { code, log, falcoPid: falco.pid! };
    } finally {
      falco.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("finds Falco's PID in /proc and passes it as --pid", async () => {
    // The generator stand-in names the process behind the PID it got. Other test runs on the same machine may
    // have a fake falco of their own: any process named falco is the right answer, ours is the likely one.
    const { code, log, falcoPid } = await runScript('10s', 'echo "$1 $2 $(cat /proc/$2/comm)" >&2');
    expect(code).toBe(0);
    const pid = /--pid (\d+) falco$/m.exec(log)?.[1];
    expect(pid).toBeDefined();
    expect(log).toContain(`"msg":"falco-bench: measuring falco","pid":${pid}`);
    if (Number(pid) !== falcoPid) console.warn(`bench script test: found another fake falco (${pid}), not ours (${falcoPid})`);
  });

  it('reaching the time bound (exit 124 of timeout) is success; other failures stay failures', async () => {
    expect((await runScript('0.3s', 'exec sleep 5')).code).toBe(0);
    expect((await runScript('10s', 'exit 3')).code).toBe(3);
  });

  it("samples Falco's counters at each round's start, rest and statistics, and once a second, into the log", async () => {
    const metrics = await fakeMetrics(0, 3);
    try {
      const before = Date.now() / 1000;
      const { code, log } = await runScript('20s', FAKE_BENCH, metrics.url);
      const after = Date.now() / 1000;
      expect(code).toBe(0);
      const lines = log.trim().split('\n');
      const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const samples = records.filter((r) => r.msg === BENCH_SAMPLE_MESSAGE);
      // Event-driven samples follow their line directly (the ticker may only slip in between).
      const nextSample = (msg: string) => records.slice(records.findIndex((r) => r.msg === msg) + 1).find((r) => r.msg === BENCH_SAMPLE_MESSAGE && r.at !== 'tick');
      expect(nextSample('round #1')?.at).toBe('round');
      expect(nextSample('resting...')?.at).toBe('resting');
      expect(nextSample('statistics')?.at).toBe('statistics');
      expect(nextSample('round #2')?.at).toBe('round');
      expect(samples[0].at).toBe('start');
      expect(samples.filter((s) => s.at === 'tick').length).toBeGreaterThanOrEqual(2);
      expect(samples.length + 1).toBe(metrics.requests());
      // Every bench line is passed through unchanged.
      for (const line of FAKE_BENCH.split('\n').filter((l) => l.startsWith("log '"))) expect(lines).toContain(line.slice(5, -1));
      // The first request probed; then the counters, with the match counters once they exist (the rule names
      // exactly as Falco printed them), and the open drops of the exit series only.
      expect(samples[0]).toMatchObject({ at: 'start', http: 200, evts: 2000, drops: 14, dropsOpen: 6, queueDrops: 0, matches: {} });
      expect(samples[1]).toMatchObject({ http: 200, evts: 3000, dropsOpen: 9 });
      expect(samples[1].matches).toEqual({ 'Read sensitive file untrusted': 300, ...Object.fromEntries(HOSTILE_RULES.map((r, i) => [r, i + 1])) });
      const times = samples.map((s) => s.time as number);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBeGreaterThanOrEqual(before - 1);
      expect(times[times.length - 1]).toBeLessThanOrEqual(after + 1);
    } finally {
      await metrics.close();
    }
  });

  it('waits for /metrics to answer 200 before the generator starts, and says so', async () => {
    const metrics = await fakeMetrics(2, 1);
    try {
      const { code, log } = await runScript('10s', 'echo "generator started" >&2', metrics.url, 10);
      expect(code).toBe(0);
      const records = log.trim().split('\n').map((l) => (l.startsWith('{') ? JSON.parse(l) : { msg: l }));
      const ready = records.findIndex((r) => r.msg === BENCH_METRICS_READY_MESSAGE);
      expect(records[ready]).toMatchObject({ level: 'info', http: 200, seconds: 2 });
      const start = records.findIndex((r) => r.msg === BENCH_SAMPLE_MESSAGE);
      expect(records[start]).toMatchObject({ at: 'start', http: 200 });
      expect(ready).toBeLessThan(start);
      expect(start).toBeLessThan(records.findIndex((r) => r.msg === 'generator started'));
    } finally {
      await metrics.close();
    }
  });

  it('an unreachable metrics endpoint: a bounded wait, a warning, samples with http 000, and the run goes on', async () => {
    const { code, log } = await runScript('10s', FAKE_BENCH.split('\n').slice(0, 3).join('\n'), 'http://127.0.0.1:9/metrics', 1);
    expect(code).toBe(0);
    expect(JSON.parse(log.split('\n')[2])).toMatchObject({ level: 'warning', msg: BENCH_METRICS_READY_MESSAGE, http: 0, seconds: 1, note: expect.stringMatching(/running anyway/) });
    const samples = log.trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.msg === BENCH_SAMPLE_MESSAGE);
    expect(samples.length).toBeGreaterThanOrEqual(2);
    // Without an answer: the status only, no counters.
    for (const s of samples) expect(Object.keys(s)).toEqual(['level', 'msg', 'at', 'time', 'http']);
    for (const s of samples) expect(s.http).toBe(0);
  });

  /** The records of a log (a line that is not JSON becomes `{ msg: line }`). */
  const recordsOf = (log: string) => log.trim().split('\n').map((l) => (l.startsWith('{') ? JSON.parse(l) : { msg: l }));
  const marker = (run: number, of: number) => JSON.stringify({ level: 'info', msg: BENCH_RUN_MESSAGE, run, of });
  const markersOf = (log: string) => log.split('\n').filter((l) => l.includes(BENCH_RUN_MESSAGE));

  it('runs the generator `repeat` times with a rest between, each run after exactly one marker line, and samples each from its start', async () => {
    const metrics = await fakeMetrics(0, 1);
    try {
      // Each invocation says which it is (a counter file in the working directory) and when it ran.
      const gen = 'n=$(( $(cat count 2>/dev/null || echo 0) + 1 )); echo $n > count; echo "generator $n $(date +%s.%N)" >&2';
      const { code, log } = await runScript('10s', gen, metrics.url, 1, 3, '0.6s');
      expect(code).toBe(0);
      const lines = log.trim().split('\n');
      const records = recordsOf(log);
      const markers = lines.flatMap((l, i) => (l.includes(BENCH_RUN_MESSAGE) ? [i] : []));
      expect(markers.map((i) => lines[i])).toEqual([marker(1, 3), marker(2, 3), marker(3, 3)]);
      expect(markers[0]).toBe(0);
      type Rec = { msg: string; at?: string; time?: number };
      const runs: Rec[][] = markers.map((m, k) => records.slice(m + 1, markers[k + 1] ?? records.length));
      const generatorLines = runs.map((r) => r.filter((x) => x.msg.startsWith('generator ')).map((x) => x.msg.split(' ')[1]));
      expect(generatorLines).toEqual([['1'], ['2'], ['3']]);
      // Each run looks for Falco, waits for its metrics and has its own start sample before the generator.
      for (const run of runs) expect(run.slice(0, 3).map((r) => r.at ?? r.msg)).toEqual(['falco-bench: measuring falco', BENCH_METRICS_READY_MESSAGE, 'start']);
      // The rest lies between a run's end and the next marker: the next start sample is at least 0.6 s later.
      const startTimes = runs.map((r) => r[2].time!);
      const generatorTimes = runs.map((r) => Number(r.find((x) => x.msg.startsWith('generator '))!.msg.split(' ')[2]));
      expect(startTimes[1] - generatorTimes[0]).toBeGreaterThanOrEqual(0.6);
      expect(startTimes[2] - generatorTimes[1]).toBeGreaterThanOrEqual(0.6);
    } finally {
      await metrics.close();
    }
  });

  it('repeat 1 is one run with one marker', async () => {
    const { code, log } = await runScript('10s', 'echo "generator" >&2');
    expect(code).toBe(0);
    expect(markersOf(log)).toEqual([marker(1, 1)]);
    expect(log.split('\n').filter((l) => l === 'generator')).toHaveLength(1);
  });

  it('a failed run ends the script with its status (no further run); a run ended by its time bound is success and the next one starts', async () => {
    const failSecond = 'n=$(( $(cat count 2>/dev/null || echo 0) + 1 )); echo $n > count; [ $n -lt 2 ] || exit 7';
    const failed = await runScript('10s', failSecond, undefined, 0, 3);
    expect(failed.code).toBe(7);
    expect(markersOf(failed.log)).toEqual([marker(1, 3), marker(2, 3)]);
    const bounded = await runScript('0.3s', 'exec sleep 5', undefined, 0, 2);
    expect(bounded.code).toBe(0);
    expect(markersOf(bounded.log)).toEqual([marker(1, 2), marker(2, 2)]);
  });

  it('refuses a number of runs that is not a whole number >= 1', async () => {
    for (const runs of ['0', 'x', '-1', '']) {
      const { code, log } = await runScript('10s', 'echo "generator" >&2', undefined, 0, runs);
      expect([runs, code]).toEqual([runs, 2]);
      expect(log).toContain('the number of runs must be a whole number >= 1');
      expect(log).not.toContain('generator');
    }
  });
});

describe('reruns', () => {
  const base = renderTree(config, repoInputs);
  const jobNames = (c: BenchConfig) => Object.fromEntries(c.benchmark.variants.map((v) => [v.name, benchmarkJobName(v, runHash(c, v))]));
  const differingFiles = (c: BenchConfig) => {
    const next = renderTree(c, repoInputs);
    return [...new Set([...base.keys(), ...next.keys()])].filter((p) => base.get(p) !== next.get(p)).sort();
  };

  it("changing one variant's CPU reruns exactly that variant; every other file is byte-identical", () => {
    const c = changed(config, (x) => {
      x.benchmark.variants.find((v) => v.name === 'kmod1cpu')!.cpu = { request: '1500m', limit: '1500m' };
    });
    expect(differingFiles(c)).toEqual(['fluxcd/benchmark/bench-kmod1cpu.yaml', 'fluxcd/infrastructure/falco/falco-kmod1cpu.yaml']);
    const before = jobNames(config);
    const after = jobNames(c);
    for (const v of config.benchmark.variants) {
      if (v.name === 'kmod1cpu') expect(after[v.name]).not.toBe(before[v.name]);
      else expect(after[v.name]).toBe(before[v.name]);
    }
  });

  it('changing a benchmark-wide setting reruns every variant but leaves Falco alone', () => {
    for (const change of [
      (x: BenchConfig) => (x.benchmark.roundDuration = '10s'),
      (x: BenchConfig) => (x.benchmark.maxDuration = '10m'),
      (x: BenchConfig) => (x.benchmark.actions = '^syscall\\.'),
      (x: BenchConfig) => (x.benchmark.initialSleep = '50ms'),
      (x: BenchConfig) => (x.benchmark.repeat = 1),
      (x: BenchConfig) => (x.benchmark.restBetweenRuns = '2m'),
    ]) {
      const c = changed(config, change);
      const before = jobNames(config);
      const after = jobNames(c);
      for (const v of config.benchmark.variants) expect(after[v.name]).not.toBe(before[v.name]);
      expect(differingFiles(c)).toEqual(config.benchmark.variants.map((v) => `fluxcd/benchmark/${benchmarkReleaseName(v)}.yaml`).sort());
    }
  });

  it("changing the benchmark nodes' VM size, OS image or Kubernetes version reruns every variant", () => {
    for (const change of [
      (x: BenchConfig) => (x.cluster.benchmarkVmSize = 'Standard_D8as_v5'),
      (x: BenchConfig) => (x.cluster.osSku = 'AzureLinux'),
      (x: BenchConfig) => (x.cluster.kubernetesVersion = '1.34'),
    ]) {
      const before = jobNames(config);
      const after = jobNames(changed(config, change));
      for (const v of config.benchmark.variants) expect(after[v.name]).not.toBe(before[v.name]);
    }
  });

  it("the run hash covers the variant's Falco values, output settings included", () => {
    const inputs = runInputs(config, variant);
    expect(inputs.falcoValues).toEqual(falcoValues(variant));
    expect(inputs.falcoValues.falco).toMatchObject({ stdout_output: { enabled: false }, syslog_output: { enabled: false }, outputs_queue: { capacity: expect.any(Number) } });
    const c = changed(config, (x) => {
      x.benchmark.variants.find((v) => v.name === variant.name)!.bufferedOutputs = !variant.bufferedOutputs;
    });
    expect(runHash(c, c.benchmark.variants.find((v) => v.name === variant.name)!)).not.toBe(runHash(config, variant));
  });

  it('what a run does not depend on does not rerun it', () => {
    const c = changed(config, (x) => {
      x.flux.interval = '5m';
      x.azure.location = 'northeurope';
      x.cluster.systemVmSize = 'Standard_D8as_v5';
      // The response engine runs on the other nodes: turning it off or retuning it reruns nothing.
      x.response.enabled = false;
      x.response.minimumPriority = 'error';
    });
    expect(jobNames(c)).toEqual(jobNames(config));
  });

  it('adding a variant adds its two files and the kustomize listings, and reruns nobody else', () => {
    const c = changed(config, (x) => {
      x.benchmark.variants.push({ ...structuredClone(x.benchmark.variants[0]), name: 'kmod4cpu', cpu: { request: '4', limit: '4' } });
    });
    expect(differingFiles(c)).toEqual([
      'fluxcd/benchmark/bench-kmod4cpu.yaml',
      'fluxcd/benchmark/kustomization.yaml',
      'fluxcd/infrastructure/falco/falco-kmod4cpu.yaml',
      'fluxcd/infrastructure/falco/kustomization.yaml',
    ]);
  });
});
