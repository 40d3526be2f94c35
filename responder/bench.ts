/**
 * `npm run bench:responder`: named scenarios, each against the committed bundle run as a server (its own process,
 * so its RSS is the responder's) on 127.0.0.1 with a real local bare remote (real hooks, a real second clone).
 * Each scenario prints its figures and checks them against its targets; the exit code is 1 when any target is
 * missed (every missed target is named), 0 when all are met, 2 on bad options.
 *
 * Latencies are the client's, from the moment a request was sent (wholly handed to the kernel): "answer" until its
 * answer; "in Git" until the time stamped on the server's log line deciding the alert (for a response, written after
 * the push landed; both clocks are this machine's).
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, constants as fsConstants, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type CommandSpec, EXIT, type Io, UsageError, runCommand, runMain } from '../cli/command';
import { findAbove } from '../cli/files';
import { ALERT_WORKLOAD_FIELDS, APPS_DIR, DEFAULT_POLICY_FILE, RESPONDER_ALERT_PATH, RESPONDER_BUNDLE, RESPONDER_MEMORY_LIMIT_MIB, RESPONDER_NODE_FLAGS } from '../contract/naming';

/** The repository root: above this file, from dist/responder/ or (under ts-jest) responder/. */
function repositoryRoot(): string {
  const pkg = findAbove(__dirname, 'package.json');
  return pkg ? dirname(pkg) : resolve(__dirname, '..', '..');
}
const ROOT = repositoryRoot();
const TOKEN = 'bench-token';

/** What a scenario must achieve. An absent target is not checked. */
export interface Targets {
  /** p95 from sending an alert to its response being in Git (ms). */
  inGitP95Ms?: number;
  /** Peak resident memory of the responder process (MiB). */
  peakRssMiB?: number;
  /** No accepted alert answered 503 because its push was given up (a concurrent writer must not cause that). */
  noGiveUp?: boolean;
  /** Every alert accepted: none answered 503 for being over a cap (Falcosidekick does not retry: that alert is gone). */
  allAccepted?: boolean;
  /** Every workload of the scenario contained (not only those of accepted alerts). */
  allWorkloads?: boolean;
  /** Outage: every response in Git within this long after the remote came back (ms). */
  afterReturnMs?: number;
}

export interface Scenario {
  name: string;
  doc: string;
  alerts: number;
  workloads: number;
  /** A pre-receive hook on the remote sleeping this long (ms): a slow remote round trip. */
  slowPushMs?: number;
  /** Another clone pushes an unrelated commit to the branch this often (ms). */
  writerEveryMs?: number;
  /** The remote is moved away this long after the first alert is sent, for `outageS` seconds. */
  outageS?: number;
  targets: Targets;
}

/**
 * The targets of a burst that the responder must take whole (every check of every scenario besides: nothing
 * accepted is lost, one commit per workload). Busy 503s count against it: an alert refused is an alert lost.
 */
const COMMON = { inGitP95Ms: 2000, peakRssMiB: 150, allAccepted: true, allWorkloads: true } as const;

/** The scenarios, by name; `outage` is the default length of the outage scenario (`--outage` changes it). */
export function scenarios(outageS = 60): Scenario[] {
  return [
    { name: 'burst', doc: '5,000 alerts over 200 workloads, all at once', alerts: 5000, workloads: 200, targets: COMMON },
    { name: 'slow-remote', doc: 'the burst against a remote whose pre-receive hook sleeps 300 ms', alerts: 5000, workloads: 200, slowPushMs: 300, targets: COMMON },
    {
      name: 'concurrent-writer',
      doc: 'the burst while another clone pushes an unrelated commit to the branch every 200 ms',
      alerts: 5000,
      workloads: 200,
      writerEveryMs: 200,
      targets: { ...COMMON, noGiveUp: true },
    },
    {
      name: 'outage',
      doc: `the burst with the remote gone for ${outageS} s from 300 ms after it starts`,
      alerts: 5000,
      workloads: 200,
      outageS,
      targets: { peakRssMiB: COMMON.peakRssMiB, allAccepted: true, allWorkloads: true, afterReturnMs: 10_000 },
    },
    { name: 'storm', doc: '20,000 alerts over 200 workloads, all at once (over the caps: 503 with Retry-After)', alerts: 20_000, workloads: 200, targets: { peakRssMiB: RESPONDER_MEMORY_LIMIT_MIB } },
  ];
}

/** What one scenario measured. Latencies in ms; NaN where nothing was measured. */
export interface Figures {
  scenario: string;
  posted: number;
  workloads: number;
  /** Answered 200 or 202: journaled, so they must all end in Git. */
  accepted: number;
  status: { 200: number; 202: number; 503: number; other: number };
  /** 503 answers without Retry-After. */
  busyWithoutRetryAfter: number;
  /** 503 answers to accepted alerts whose push was given up (the rest of the 503s are over a cap, "busy"). */
  gaveUp: number;
  /** Requests with no answer: the connection was refused or reset (never accepted), or the client ran out of sockets. */
  unanswered: number;
  /** The responder's commits on the branch (the concurrent writer's are counted apart). */
  commits: number;
  /** The concurrent writer's pushes that landed, and how many of them are no longer on the branch. */
  writerCommits: number;
  writerLost: number;
  /** Workloads whose Deployment has replicas 0 on the remote, and commits per workload (min, max). */
  contained: number;
  commitsPerWorkload: { min: number; max: number };
  /** Workloads named in an accepted alert whose response is not exactly one commit on the remote. */
  wrongCommitCount: number;
  /** Accepted alerts not decided as in Git (failed, never decided, or their workload not contained). */
  lost: number;
  answerMs: Percentiles;
  inGitMs: Percentiles;
  /** Outage: from the remote's return to the last accepted alert decided (0 when all were decided before). */
  afterReturnMs?: number;
  /** From the first request sent (handed to the kernel) to the last: how "at once" the client managed. */
  sentWithinMs: number;
  peakRssMiB: number;
  journalDepthMax: number;
  wallMs: number;
  /** The responder process was still serving (/healthz 200) after the scenario. */
  stayedUp: boolean;
  /** Pushes the responder retried (the branch moved, or the push failed), from its /metrics. */
  pushRetries: number;
  /** Where the cores went over the wall time (NaN where the kernel does not tell: not Linux). */
  cpu: CpuShare;
}

/**
 * CPU over a scenario: the responder's (all its threads, not its git processes), the bench's own (load generator
 * and concurrent writer, not the writer's git), and the machine's, busy and taken by the host (steal). They say
 * whether a missed latency was the responder or a machine it did not have to itself.
 */
export interface CpuShare {
  responderS: number;
  benchS: number;
  machineBusyPct: number;
  stolenPct: number;
}
export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

const gitRun = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'user.name=Bench', '-c', 'user.email=bench@example.invalid', ...args], { cwd, encoding: 'utf8' }).trim();
/** Asynchronous, for the concurrent writer: a synchronous git would stall the bench's own event loop. */
const gitAsync = (cwd: string, ...args: string[]) =>
  new Promise<void>((ok, fail) =>
    execFile('git', ['-c', 'commit.gpgsign=false', '-c', 'user.name=Writer', '-c', 'user.email=writer@example.invalid', ...args], { cwd }, (e) => (e ? fail(e) : ok())),
  );

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

export function percentiles(values: number[]): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => (s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]);
  return { p50: at(50), p95: at(95), max: s.length === 0 ? NaN : s[s.length - 1] };
}

/** The kernel's clock tick for process and machine CPU times (USER_HZ: 100 on every Linux Node runs on). */
const USER_HZ = 100;

/** A process's CPU time so far (user + system, all threads), in seconds; NaN when unreadable. */
function processCpuS(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / USER_HZ;
  } catch {
    return NaN;
  }
}

/** The machine's CPU times so far, in ticks: all, idle (with iowait), stolen by the host; undefined off Linux. */
function machineCpu(): { total: number; idle: number; steal: number } | undefined {
  try {
    const t = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1, 9).map(Number);
    return { total: t.reduce((a, b) => a + b, 0), idle: t[3] + t[4], steal: t[7] };
  } catch {
    return undefined;
  }
}

/** A CPU clock started now: `stop` gives the shares since. */
function cpuClock(responderPid: number): { stop: () => CpuShare } {
  const at = { responder: processCpuS(responderPid), bench: process.cpuUsage(), machine: machineCpu() };
  return {
    stop: () => {
      const bench = process.cpuUsage(at.bench);
      const now = machineCpu();
      const was = at.machine;
      // Shares of the machine's ticks since the start; NaN off Linux.
      const share = (ticks: (m: NonNullable<typeof now>) => number) => (now && was && now.total > was.total ? (100 * (ticks(now) - ticks(was))) / (now.total - was.total) : NaN);
      return {
        responderS: processCpuS(responderPid) - at.responder,
        benchS: (bench.user + bench.system) / 1e6,
        machineBusyPct: share((m) => m.total - m.idle),
        stolenPct: share((m) => m.steal),
      };
    },
  };
}

/** A sample's value in the responder's /metrics text (NaN when absent). */
const metricValue = (text: string | undefined, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text ?? '')?.[1]);

/** Peak resident set size of a process, from the kernel (Linux). */
function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One GET; undefined when it gets no answer. With `agent` (keep-alive, one socket) it reuses a connection opened
 * before the burst, so the sampler still gets through when the responder's connection cap is full.
 */
function get(port: number, path: string, agent: http.Agent | false = false): Promise<{ status: number; body: string } | undefined> {
  return new Promise((done) => {
    // A long idle timeout: in a storm this process itself is slow to read the answer, and a timed-out socket
    // would be replaced by a new connection the full responder refuses.
    const req = http.get({ host: '127.0.0.1', port, path, agent, timeout: 30_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      res.on('error', () => done(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(undefined));
  });
}

/** The seeded bare remote (pushes that are not fast-forwards refused), and the optional slow hook. */
function makeRemote(dir: string, names: string[], slowPushMs?: number): string {
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
  gitRun(remote, 'config', 'receive.denyNonFastForwards', 'true');
  if (slowPushMs) {
    const hook = join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, `#!/bin/sh\ncat >/dev/null\nsleep ${slowPushMs / 1000}\n`);
    chmodSync(hook, 0o755);
  }
  return remote;
}

/** Another person or CI: commits an unrelated file and pushes every `everyMs`, rebasing when the branch moved. */
function startWriter(dir: string, remote: string, everyMs: number): { stop: () => Promise<number> } {
  const clone = join(dir, 'writer');
  gitRun(dir, 'clone', '-q', remote, clone);
  let stopped = false;
  let pushed = 0;
  const loop = (async () => {
    for (let n = 0; !stopped; n++) {
      const next = sleep(everyMs);
      try {
        writeFileSync(join(clone, 'NOTES.md'), `note ${n}\n`);
        await gitAsync(clone, 'add', 'NOTES.md');
        await gitAsync(clone, 'commit', '-q', '-m', `writer: note ${n}`);
        try {
          await gitAsync(clone, 'push', '-q', 'origin', 'main');
        } catch {
          // The responder pushed meanwhile: rebase the note on it and push again.
          await gitAsync(clone, 'pull', '-q', '--rebase', 'origin', 'main');
          await gitAsync(clone, 'push', '-q', 'origin', 'main');
        }
        pushed++;
      } catch {
        // Lost the race twice: the note is pushed with the next one.
      }
      await next;
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return pushed;
    },
  };
}

interface Server {
  proc: ChildProcess;
  port: number;
  /** Epoch ms of the log line deciding each alert (the responder's own clock), by uuid, and its outcome. */
  decided: Map<string, { at: number; outcome: string }>;
  exited: Promise<number | null>;
  /** Stops following the log (after reading what is left of it). */
  stopTail: () => Promise<void>;
}

/**
 * Follows the responder's log file, a line at a time, every 50 ms. The log goes to a file, as a container
 * runtime's does, not to a pipe this process reads: Node writes to a pipe synchronously, and a pipe left full by a
 * bench busy with 5,000 sockets would stall the responder itself.
 */
function tailLines(file: string, onLine: (line: string) => void): { stop: () => Promise<void> } {
  let offset = 0;
  let rest = '';
  let running = true;
  const buf = Buffer.alloc(1 << 20);
  // Opened once: in the storm this process holds 20,000 sockets, up to its descriptor limit.
  const handle = open(file, 'r');
  const readNew = async () => {
    const fh = await handle;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      const lines = (rest + buf.subarray(0, bytesRead).toString('utf8')).split('\n');
      rest = lines.pop()!;
      for (const l of lines) onLine(l);
    }
  };
  const loop = (async () => {
    try {
      while (running) {
        await readNew();
        await sleep(50);
      }
      await readNew();
    } finally {
      await (await handle).close();
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function startResponder(dir: string, remote: string): Promise<Server> {
  writeFileSync(join(dir, 'token'), TOKEN);
  const logFile = join(dir, 'responder.log');
  const out = openSync(logFile, 'w');
  const proc = spawn(
    process.execPath,
    [...RESPONDER_NODE_FLAGS, join(ROOT, RESPONDER_BUNDLE), 'serve', '--port', '0', '--host', '127.0.0.1', '--remote', `file://${remote}`, '--checkout', join(dir, 'checkout'), '--token-file', join(dir, 'token')],
    { stdio: ['ignore', out, 'ignore'] },
  );
  closeSync(out);
  const exited = new Promise<number | null>((r) => proc.on('exit', r));
  const decided = new Map<string, { at: number; outcome: string }>();
  let port = 0;
  let isReady = false;
  let onReady = () => {};
  const ready = new Promise<void>((ok, fail) => {
    onReady = ok;
    void exited.then(() => isReady || fail(new Error('the responder exited before it was ready')));
  });
  const tail = tailLines(logFile, (l) => {
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(l);
    } catch {
      return;
    }
    if (e.msg === 'listening') port = e.port as number;
    if (e.msg === 'checkout ready') {
      isReady = true;
      onReady();
    }
    // The responder's own timestamp: it writes the line once the push has landed.
    if (e.msg === 'alert' && typeof e.uuid === 'string') decided.set(e.uuid, { at: Date.parse(String(e.time)), outcome: String(e.outcome) });
  });
  try {
    await ready;
  } catch (e) {
    await tail.stop();
    throw e;
  }
  return { proc, port, decided, exited, stopTail: tail.stop };
}

/** One alert's POST, whole, as bytes: built once, written to a socket as is. */
function alertRequest(body: string): Buffer {
  const head = [`POST ${RESPONDER_ALERT_PATH} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${TOKEN}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}`);
}

interface Answer {
  /** When the request was wholly handed to the kernel (NaN: never). */
  sentAt: number;
  answeredAt: number;
  /** Undefined: no answer (refused, reset, or no status line). */
  status?: number;
  retryAfter: boolean;
  text: string;
}

/**
 * Posts one request on its own connection and reads the answer to the end (the request says `Connection: close`,
 * as Falcosidekick's Go client, which keeps two idle connections a host, effectively does after a burst). A raw
 * socket, not an http.Agent: the load generator must take as little as it can of the two cores it shares with
 * the responder (in a cluster, Falcosidekick runs in its own pod).
 */
function post(port: number, request: Buffer): Promise<Answer> {
  return new Promise((done) => {
    const a: Answer = { sentAt: NaN, answeredAt: NaN, retryAfter: false, text: '' };
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    socket.write(request, () => (a.sentAt = Date.now()));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      a.answeredAt = Date.now();
      const raw = Buffer.concat(chunks).toString('utf8');
      const end = raw.indexOf('\r\n\r\n');
      const code = /^HTTP\/1\.[01] (\d{3}) /.exec(raw)?.[1];
      if (code && end >= 0) {
        a.status = Number(code);
        a.retryAfter = /\r\nretry-after:/i.test(raw.slice(0, end + 2));
        a.text = raw.slice(end + 4);
      }
      done(a);
    });
  });
}

/** Runs one scenario from scratch (its own remote, checkout and server) and returns what it measured. */
export async function runScenario(s: Scenario, io: Pick<Io, 'stderr'> = { stderr: () => {} }, logDir?: string): Promise<Figures> {
  const names = Array.from({ length: s.workloads }, (_, i) => `app-${String(i).padStart(3, '0')}`);
  const dir = mkdtempSync(join(tmpdir(), `responder-bench-${s.name}-`));
  const remote = makeRemote(dir, names, s.slowPushMs);
  const server = await startResponder(dir, remote);
  const writer = s.writerEveryMs ? startWriter(dir, remote, s.writerEveryMs) : undefined;
  try {
    // The journal's depth, sampled from /metrics while the scenario runs.
    let journalDepthMax = 0;
    let sampling = true;
    const samplerAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await get(server.port, '/healthz', samplerAgent);
    const sampler = (async () => {
      while (sampling) {
        const m = await get(server.port, '/metrics', samplerAgent);
        const depth = metricValue(m?.body, 'responder_journal_depth');
        if (depth > journalDepthMax) journalDepthMax = depth;
        await sleep(100);
      }
    })();

    let returnedAt: number | undefined;
    const outage = s.outageS
      ? (async () => {
          await sleep(300);
          renameSync(remote, `${remote}.away`);
          io.stderr(`${s.name}: remote gone for ${s.outageS} s`);
          await sleep(s.outageS! * 1000);
          renameSync(`${remote}.away`, remote);
          returnedAt = Date.now();
          io.stderr(`${s.name}: remote back`);
        })()
      : undefined;

    // The first W alerts name each workload once, in order; the rest repeat them, spread over the burst. Requests
    // are built before the clock starts.
    const requests = Array.from({ length: s.alerts }, (_, i) => {
      const name = names[i < s.workloads ? i : (i * 7919) % s.workloads];
      return { uuid: `bench-${i}`, name, bytes: alertRequest(alertFor(name, i)) };
    });
    const sent = new Map<string, number>();
    const status = { 200: 0, 202: 0, 503: 0, other: 0 };
    const accepted = new Map<string, string>();
    const answerMs: number[] = [];
    let unanswered = 0;
    let busyWithoutRetryAfter = 0;
    let gaveUp = 0;
    let firstSent = Infinity;
    let lastSent = 0;
    const started = Date.now();
    const cpuUse = cpuClock(server.proc.pid!);
    await Promise.all(
      requests.map(async ({ uuid, name, bytes }) => {
        const a = await post(server.port, bytes);
        if (!Number.isNaN(a.sentAt)) {
          sent.set(uuid, a.sentAt);
          firstSent = Math.min(firstSent, a.sentAt);
          lastSent = Math.max(lastSent, a.sentAt);
        }
        if (a.status === undefined) {
          unanswered++;
          return;
        }
        const code = a.status;
        if (code === 200 || code === 202 || code === 503) status[code]++;
        else status.other++;
        if (code === 503 && !a.retryAfter) busyWithoutRetryAfter++;
        // A 503 is "busy" (over a cap, before anything was accepted) or an accepted alert given up.
        if (code === 503 && a.text.includes('"outcome":"failed"')) gaveUp++;
        if (code === 200 || code === 202) {
          accepted.set(uuid, name);
          if (!Number.isNaN(a.sentAt)) answerMs.push(a.answeredAt - a.sentAt);
        }
      }),
    );

    // Then until every accepted alert is decided (bounded: a stuck responder fails its targets, not the bench).
    const settleBy = Date.now() + 120_000 + (s.outageS ?? 0) * 1000;
    await outage;
    while ([...accepted.keys()].some((u) => !server.decided.has(u)) && Date.now() < settleBy) await sleep(100);
    const wallMs = Date.now() - started;
    const cpu = cpuUse.stop();
    sampling = false;
    await sampler;
    samplerAgent.destroy();
    const writerCommits = (await writer?.stop()) ?? 0;
    const stayedUp = (await get(server.port, '/healthz'))?.status === 200;
    const pushRetries = metricValue((await get(server.port, '/metrics'))?.body, 'responder_push_retries_total');
    const peak = peakRssMiB(server.proc.pid!);

    const log = gitRun(remote, 'log', '--format=%s', 'main').split('\n');
    const subject = (n: string) => `responder: scale-to-zero bench/${n} (Terminal shell in container)`;
    const perWorkload = new Map(names.map((n) => [n, 0]));
    for (const line of log) {
      const n = /^responder: scale-to-zero bench\/(\S+) /.exec(line)?.[1];
      if (n && perWorkload.has(n) && line === subject(n)) perWorkload.set(n, perWorkload.get(n)! + 1);
    }
    const containedSet = new Set(
      names.filter((n) => parseAllDocuments(gitRun(remote, 'show', `main:${APPS_DIR}/${n}.yaml`))[0].getIn(['spec', 'replicas']) === 0),
    );
    const acceptedWorkloads = new Set(accepted.values());
    const inGitMs: number[] = [];
    let lost = 0;
    let lastDecided = 0;
    for (const [uuid, name] of accepted) {
      const d = server.decided.get(uuid);
      if (!d || d.outcome === 'failed' || !containedSet.has(name)) {
        lost++;
        continue;
      }
      inGitMs.push(d.at - (sent.get(uuid) ?? started));
      lastDecided = Math.max(lastDecided, d.at);
    }
    const counts = [...perWorkload.values()];
    const writerInGit = log.filter((l) => l.startsWith('writer: note ')).length;
    return {
      scenario: s.name,
      posted: s.alerts,
      workloads: s.workloads,
      accepted: accepted.size,
      status,
      busyWithoutRetryAfter,
      gaveUp,
      unanswered,
      commits: counts.reduce((a, b) => a + b, 0),
      writerCommits,
      writerLost: Math.max(0, writerCommits - writerInGit),
      contained: containedSet.size,
      commitsPerWorkload: { min: Math.min(...counts), max: Math.max(...counts) },
      wrongCommitCount: [...acceptedWorkloads].filter((n) => perWorkload.get(n) !== 1).length,
      lost,
      answerMs: percentiles(answerMs),
      inGitMs: percentiles(inGitMs),
      ...(returnedAt !== undefined ? { afterReturnMs: Math.max(0, lastDecided - returnedAt) } : {}),
      sentWithinMs: lastSent - firstSent,
      peakRssMiB: peak,
      journalDepthMax,
      wallMs,
      stayedUp,
      pushRetries,
      cpu,
    };
  } finally {
    await writer?.stop();
    server.proc.kill('SIGTERM');
    await server.exited;
    await server.stopTail();
    if (existsSync(`${remote}.away`)) renameSync(`${remote}.away`, remote);
    if (logDir) {
      mkdirSync(logDir, { recursive: true });
      // Never over a file already there (checked before the run too): it is not this run's.
      copyFileSync(join(dir, 'responder.log'), join(logDir, `${s.name}.log`), fsConstants.COPYFILE_EXCL);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The targets `f` misses, one sentence each; empty when all are met. */
export function missedTargets(f: Figures, t: Targets): string[] {
  const missed: string[] = [];
  if (f.lost > 0) missed.push(`${f.lost} accepted alerts not in Git (target 0)`);
  if (f.wrongCommitCount > 0) missed.push(`${f.wrongCommitCount} workloads not committed exactly once (commits per workload ${f.commitsPerWorkload.min}-${f.commitsPerWorkload.max})`);
  if (f.writerLost > 0) missed.push(`${f.writerLost} of the concurrent writer's pushed commits are not on the branch`);
  if (!f.stayedUp) missed.push('the responder was not serving after the scenario');
  if (f.busyWithoutRetryAfter > 0) missed.push(`${f.busyWithoutRetryAfter} answers 503 without Retry-After`);
  if (t.allAccepted && f.accepted < f.posted) missed.push(`${f.posted - f.accepted} of ${f.posted} alerts not accepted (503 over a cap, or no answer; target all)`);
  if (t.allWorkloads && f.contained < f.workloads) missed.push(`${f.contained} of ${f.workloads} workloads contained (target all)`);
  if (t.noGiveUp && f.gaveUp > 0) missed.push(`${f.gaveUp} accepted alerts answered 503, their push given up (target 0)`);
  if (t.inGitP95Ms !== undefined && !(f.inGitMs.p95 <= t.inGitP95Ms)) missed.push(`p95 alert to in Git ${Math.round(f.inGitMs.p95)} ms (target <= ${t.inGitP95Ms} ms)`);
  if (t.peakRssMiB !== undefined && !(f.peakRssMiB <= t.peakRssMiB)) missed.push(`peak RSS ${f.peakRssMiB.toFixed(1)} MiB (target <= ${t.peakRssMiB} MiB)`);
  if (t.afterReturnMs !== undefined && !(f.afterReturnMs !== undefined && f.afterReturnMs <= t.afterReturnMs))
    missed.push(`last response in Git ${f.afterReturnMs === undefined ? '(never)' : `${(f.afterReturnMs / 1000).toFixed(1)} s`} after the remote came back (target <= ${t.afterReturnMs / 1000} s)`);
  return missed;
}

const ms = (v: number) => (Number.isNaN(v) ? '-' : `${Math.round(v)}`);
const pct = (v: number) => (Number.isNaN(v) ? '-' : `${Math.round(v)}%`);
const secs = (v: number) => (Number.isNaN(v) ? '-' : `${v.toFixed(1)} s`);

/** The figures of one scenario as a two-column table, then its verdict. */
export function formatFigures(s: Scenario, f: Figures, missed: string[]): string {
  const rows: [string, string][] = [
    ['alerts posted', `${f.posted} over ${f.workloads} workloads, all at once (sent within ${Math.round(f.sentWithinMs)} ms)`],
    ['answered 200 / 202 / 503 / other', `${f.status[200]} / ${f.status[202]} / ${f.status[503]} (${f.gaveUp} given up, the rest busy) / ${f.status.other}`],
    ['accepted (200 or 202)', `${f.accepted}`],
    ['no answer (connection refused or reset)', `${f.unanswered}`],
    ['responder commits', `${f.commits} (per workload ${f.commitsPerWorkload.min}-${f.commitsPerWorkload.max})${s.writerEveryMs ? `; writer pushed ${f.writerCommits}, ${f.writerLost} of them lost` : ''}`],
    ['workloads contained', `${f.contained} of ${f.workloads}`],
    ['accepted alerts lost', `${f.lost}`],
    ['answer latency p50 / p95 / max', `${ms(f.answerMs.p50)} / ${ms(f.answerMs.p95)} / ${ms(f.answerMs.max)} ms`],
    ['alert to in Git p50 / p95 / max', `${ms(f.inGitMs.p50)} / ${ms(f.inGitMs.p95)} / ${ms(f.inGitMs.max)} ms`],
    ...(f.afterReturnMs !== undefined ? ([['all in Git after the remote returned', `${(f.afterReturnMs / 1000).toFixed(1)} s`]] as [string, string][]) : []),
    ['responder peak RSS', `${f.peakRssMiB.toFixed(1)} MiB`],
    ['journal depth max', `${f.journalDepthMax}`],
    ['wall time', `${(f.wallMs / 1000).toFixed(1)} s`],
    ['pushes retried', `${ms(f.pushRetries)}${s.writerEveryMs ? ' (each a round lost to the writer, or a failed push)' : ''}`],
    ['CPU over the wall time', `responder ${secs(f.cpu.responderS)}, bench ${secs(f.cpu.benchS)}; machine ${pct(f.cpu.machineBusyPct)} busy, ${pct(f.cpu.stolenPct)} taken by the host`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    `scenario ${s.name}: ${s.doc}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    missed.length === 0 ? '  targets: all met' : `  targets MISSED: ${missed.join('; ')}`,
    '',
  ].join('\n');
}

const SPEC: CommandSpec = {
  invocation: 'npm run bench:responder --',
  summary:
    'Benchmarks the bundled responder (its own process) on 127.0.0.1 against a local bare remote, scenario by scenario; prints each one\'s figures and exits 1 naming every missed target. Scenarios: burst, slow-remote, concurrent-writer, outage, storm (default: all).',
  options: {
    scenario: { type: 'string', value: 'NAME', multiple: true, doc: 'scenarios to run (repeatable, or a comma list; default all)' },
    outage: { type: 'string', value: 'SECONDS', doc: 'how long the outage scenario keeps the remote away (default 60)' },
    alerts: { type: 'string', value: 'N', doc: "alerts to post in each scenario run (default: the scenario's own)" },
    workloads: { type: 'string', value: 'W', doc: "distinct Deployments among them (default: the scenario's own)" },
    'target-p95': { type: 'string', value: 'MS', doc: "the p95 alert-to-Git target in ms, for every scenario (default: the scenario's own)" },
    'target-rss': { type: 'string', value: 'MIB', doc: "the peak RSS target in MiB, for every scenario (default: the scenario's own)" },
    json: { type: 'boolean', doc: 'print the figures and missed targets as JSON instead of tables' },
    'log-dir': { type: 'string', value: 'DIR', doc: "keep each scenario's responder log (JSON lines) as DIR/<scenario>.log" },
  },
};

export function benchMain(argv: string[], io: Io) {
  return runCommand('bench:responder', SPEC, argv, io, async ({ values }) => {
    const count = (k: string) => {
      const v = values[k] as string | undefined;
      if (v !== undefined && !/^[1-9]\d*$/.test(v)) throw new UsageError(`--${k}: ${JSON.stringify(v)} is not a positive whole number`);
      return v === undefined ? undefined : Number(v);
    };
    const all = scenarios(count('outage'));
    const asked = ((values.scenario as string[] | undefined) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    for (const a of asked) if (!all.some((s) => s.name === a)) throw new UsageError(`--scenario: no scenario ${JSON.stringify(a)}; there are ${all.map((s) => s.name).join(', ')}`);
    const alerts = count('alerts');
    const workloads = count('workloads');
    const p95 = count('target-p95');
    const rss = count('target-rss');
    const chosen = all
      .filter((s) => asked.length === 0 || asked.includes(s.name))
      .map((s) => ({
        ...s,
        ...(alerts !== undefined ? { alerts } : {}),
        ...(workloads !== undefined ? { workloads } : {}),
        targets: { ...s.targets, ...(p95 !== undefined ? { inGitP95Ms: p95 } : {}), ...(rss !== undefined ? { peakRssMiB: rss } : {}) },
      }));
    for (const s of chosen) if (s.workloads > s.alerts) throw new UsageError(`${s.name}: --workloads (${s.workloads}) cannot exceed the alerts (${s.alerts})`);
    const logDir = values['log-dir'] as string | undefined;
    const inTheWay = logDir ? chosen.map((s) => join(logDir, `${s.name}.log`)).filter((f) => existsSync(f)) : [];
    if (inTheWay.length > 0) throw new UsageError(`--log-dir: ${inTheWay.join(', ')} already there; the bench writes only new files (choose an empty or new folder)`);

    const results: { scenario: Scenario; figures: Figures; missed: string[] }[] = [];
    for (const s of chosen) {
      io.stderr(`bench:responder: running ${s.name} (${s.alerts} alerts, ${s.workloads} workloads)`);
      const figures = await runScenario(s, io, logDir);
      const missed = missedTargets(figures, s.targets);
      results.push({ scenario: s, figures, missed });
      if (!values.json) io.stdout(formatFigures(s, figures, missed));
    }
    const missed = results.flatMap((r) => r.missed.map((m) => `${r.scenario.name}: ${m}`));
    if (values.json) io.stdout(`${JSON.stringify({ node: process.version, results: results.map((r) => ({ figures: r.figures, targets: r.scenario.targets, missed: r.missed })) }, null, 2)}\n`);
    else io.stdout(`node ${process.version}; ${missed.length === 0 ? 'every target met' : `${missed.length} targets missed`}\n`);
    for (const m of missed) io.stderr(`bench:responder: missed: ${m}`);
    return missed.length === 0 ? EXIT.ok : EXIT.findings;
  });
}

if (require.main === module) runMain('bench:responder', benchMain);
