/**
 * `npm run bench:responder`: the committed bundle as a server (its own process, so its RSS is the responder's)
 * against a local bare remote; 1,000 alerts for 20 Deployments (the rest repeats) posted at once. Prints commits
 * made, workloads contained (and how many times), alerts lost, alert-to-2xx latency and the server's peak RSS.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseAllDocuments } from 'yaml';
import { type CommandSpec, EXIT, type Io, UsageError, runCommand, runMain } from '../cli/command';
import { ALERT_WORKLOAD_FIELDS, APPS_DIR, DEFAULT_POLICY_FILE, RESPONDER_ALERT_PATH, RESPONDER_BUNDLE } from '../contract/naming';

const ROOT = resolve(__dirname, '..', '..');
const TOKEN = 'bench-token';

const SPEC: CommandSpec = {
  invocation: 'npm run bench:responder --',
  summary: 'Benchmarks the bundled responder: N alerts for W Deployments posted concurrently to a local server with a local bare remote.',
  options: {
    alerts: { type: 'string', value: 'N', doc: 'alerts to post (default 1000)' },
    workloads: { type: 'string', value: 'W', doc: 'distinct Deployments among them (default 20)' },
  },
};

const gitRun = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'user.name=Bench', '-c', 'user.email=bench@example.invalid', ...args], { cwd, encoding: 'utf8' }).trim();

const manifest = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: bench\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers: [{name: app, image: "nginx:1.27.3"}]\n`;

function alertFor(name: string, i: number): string {
  return JSON.stringify({
    uuid: `bench-${i}`,
    output: `Notice A shell was spawned in a container with an attached terminal (alert ${i})`,
    priority: 'Notice',
    rule: 'Terminal shell in container',
    time: new Date().toISOString(),
    output_fields: { [ALERT_WORKLOAD_FIELDS.namespace]: 'bench', [ALERT_WORKLOAD_FIELDS.deployment]: name, [ALERT_WORKLOAD_FIELDS.pod]: `${name}-0` },
    source: 'syscall',
    tags: ['container', 'shell'],
    hostname: 'bench-node',
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Peak resident set size of a process, from the kernel (Linux). */
function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export function benchMain(argv: string[], io: Io) {
  return runCommand('bench:responder', SPEC, argv, io, async ({ values }) => {
    const count = (k: string, d: number) => {
      const v = values[k] as string | undefined;
      if (v !== undefined && !/^[1-9]\d*$/.test(v)) throw new UsageError(`--${k}: ${JSON.stringify(v)} is not a positive whole number`);
      return v === undefined ? d : Number(v);
    };
    const total = count('alerts', 1000);
    const workloads = count('workloads', 20);
    if (workloads > total) throw new UsageError('--workloads cannot exceed --alerts');
    const names = Array.from({ length: workloads }, (_, i) => `app-${String(i).padStart(2, '0')}`);

    const dir = mkdtempSync(join(tmpdir(), 'responder-bench-'));
    const seed = join(dir, 'seed');
    const remote = join(dir, 'remote.git');
    mkdirSync(seed);
    gitRun(seed, 'init', '-q', '-b', 'main');
    mkdirSync(join(seed, APPS_DIR), { recursive: true });
    for (const n of names) writeFileSync(join(seed, APPS_DIR, `${n}.yaml`), manifest(n));
    mkdirSync(dirname(join(seed, DEFAULT_POLICY_FILE)), { recursive: true });
    writeFileSync(join(seed, DEFAULT_POLICY_FILE), readFileSync(join(ROOT, DEFAULT_POLICY_FILE)));
    gitRun(seed, 'add', '-A');
    gitRun(seed, 'commit', '-q', '-m', 'seed');
    gitRun(dir, 'clone', '-q', '--bare', seed, remote);
    writeFileSync(join(dir, 'token'), TOKEN);

    const server = spawn(
      process.execPath,
      [join(ROOT, RESPONDER_BUNDLE), 'serve', '--port', '0', '--host', '127.0.0.1', '--remote', `file://${remote}`, '--checkout', join(dir, 'checkout'), '--token-file', join(dir, 'token')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((r) => server.on('exit', r));
    const outcomes = new Map<string, number>();
    // The server's own view: from reading the alert to answering it.
    const serverMs: number[] = [];
    let port = 0;
    await new Promise<void>((ready, fail) => {
      server.on('exit', () => fail(new Error('the responder exited before it was ready')));
      createInterface({ input: server.stdout! }).on('line', (l) => {
        const e = JSON.parse(l);
        if (e.msg === 'listening') port = e.port;
        if (e.msg === 'checkout ready') ready();
        if (e.msg === 'alert') {
          outcomes.set(e.outcome, (outcomes.get(e.outcome) ?? 0) + 1);
          serverMs.push(e.ms);
        }
      });
    });

    // The first W alerts name each Deployment once, in order; the rest repeat them, spread over the burst.
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    const latencies: number[] = [];
    let lost = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: total }, (_, i) => {
        const body = alertFor(names[i < workloads ? i : (i * 7919) % workloads], i);
        const t0 = process.hrtime.bigint();
        return new Promise<void>((done) => {
          const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: RESPONDER_ALERT_PATH, agent, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } }, (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode && res.statusCode < 300) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
              else lost++;
              done();
            });
          });
          req.on('error', () => {
            lost++;
            done();
          });
          req.end(body);
        });
      }),
    );
    const wall = Date.now() - started;
    agent.destroy();
    const rss = peakRssMiB(server.pid!);
    server.kill('SIGTERM');
    await exited;

    const log = gitRun(remote, 'log', '--format=%s', 'main').split('\n');
    const commits = log.length - 1;
    const perWorkload = names.map((n) => log.filter((s) => s === `responder: scale-to-zero bench/${n} (Terminal shell in container)`).length);
    const contained = names.filter((n) => {
      const doc = parseAllDocuments(gitRun(remote, 'show', `main:${APPS_DIR}/${n}.yaml`))[0];
      return doc.getIn(['spec', 'replicas']) === 0;
    }).length;
    latencies.sort((a, b) => a - b);
    serverMs.sort((a, b) => a - b);
    const ms = (v: number) => `${Math.round(v)} ms`;
    io.stdout(
      [
        `alerts posted:        ${total} (${workloads} workloads, ${total - workloads} repeats), all at once`,
        `commits made:         ${commits}`,
        `workloads contained:  ${contained} of ${workloads} (commits per workload: min ${Math.min(...perWorkload)}, max ${Math.max(...perWorkload)})`,
        `alerts lost:          ${lost} (answered 2xx: ${latencies.length})`,
        `outcomes:             ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`,
        `alert-to-2xx latency: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(latencies[latencies.length - 1])}`,
        `  in the server:      p50 ${ms(percentile(serverMs, 50))}, p95 ${ms(percentile(serverMs, 95))}, max ${ms(serverMs[serverMs.length - 1])} (body read to answer)`,
        `wall time:            ${ms(wall)}`,
        `server peak RSS:      ${rss.toFixed(1)} MiB`,
        `node:                 ${process.version}`,
        '',
      ].join('\n'),
    );
    rmSync(dir, { recursive: true, force: true });
    const met = contained === workloads && perWorkload.every((c) => c === 1) && lost === 0;
    return met ? EXIT.ok : EXIT.findings;
  });
}

if (require.main === module) runMain('bench:responder', benchMain);
