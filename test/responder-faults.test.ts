/**
 * The responder under faults, with real parts: the compiled program as a child process (so it can be SIGKILLed
 * mid-commit, or started with few file descriptors), a real bare remote over file:// with real hooks, real HTTP
 * on 127.0.0.1. What counts is the remote's history, the journal, /readyz and /metrics: no accepted alert lost,
 * one commit per workload, the process still up. No timed assertions.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { type Responder, type ServeOptions, startServer } from '../responder/server';
import { alert, deployment, makeRemote, sh, subjects, tempDir } from './helpers/git-repo';

jest.setTimeout(120_000);

const root = join(__dirname, '..');
const TOKEN = 'webhook-token-0123456789';
const SHIPPED = 'responses:\n  - rule: Terminal shell in container\n    action: scale-to-zero\n    fallback: isolate\ndefault: log\n';

const files = (workloads: string[]) => ({ 'README.md': 'demo\n', ...Object.fromEntries(workloads.map((w) => [`apps/demo/${w}.yaml`, deployment('demo', w)])) });
const names = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}
/** One request on its own connection; a connection the server refuses or resets is `status: 0`. */
function request(port: number, method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent: false, headers: method === 'POST' ? { authorization: `Bearer ${TOKEN}` } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      res.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    });
    req.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    req.end(body);
  });
}
const post = (port: number, body: unknown) => request(port, 'POST', '/falco', JSON.stringify(body));
const metric = async (port: number, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec((await request(port, 'GET', '/metrics')).body)?.[1] ?? NaN);

const until = async (ok: () => boolean | Promise<boolean>, ms = 60_000) => {
  for (const end = Date.now() + ms; !(await ok()) && Date.now() < end; ) await new Promise((w) => setTimeout(w, 50));
};
/** The scale-to-zero commits on the remote, by workload. */
const contained = (remote: string) => subjects(remote).filter((s) => s.startsWith('responder: scale-to-zero demo/'));

function policyFile(): string {
  const f = join(tempDir(), 'policy.yaml');
  writeFileSync(f, SHIPPED);
  return f;
}

// ---------------------------------------------------------------------------------------------------------------
// The compiled program as a child process.

interface Child {
  proc: ChildProcess;
  port: number;
  logs: Record<string, unknown>[];
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string>;
}
const children: Child[] = [];

/** `serve` from dist/, optionally under `ulimit -n`, in its own process group (so a kill takes its git too). */
async function serveChild(remote: string, checkout: string, extra: string[] = [], ulimit?: number): Promise<Child> {
  const tokenFile = join(tempDir(), 'token');
  writeFileSync(tokenFile, TOKEN);
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--remote', `file://${remote}`, '--checkout', checkout, '--token-file', tokenFile, '--policy', policyFile(), ...extra];
  const cmd = `${ulimit ? `ulimit -n ${ulimit} && ` : ''}exec "$0" "$@"`;
  const proc = spawn('sh', ['-c', cmd, process.execPath, join(root, 'dist/responder/cli.js'), ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  let rest = '';
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const l of lines) if (l.trim()) logs.push(JSON.parse(l));
  });
  proc.stderr!.resume();
  const exited = new Promise<number | string>((r) => proc.on('exit', (code, signal) => r(code ?? signal ?? 'unknown')));
  await until(() => logs.some((l) => l.msg === 'checkout ready'));
  const listening = logs.find((l) => l.msg === 'listening');
  if (!listening) throw new Error(`the responder did not start: ${JSON.stringify(logs)}`);
  const child = { proc, port: listening.port as number, logs, exited };
  children.push(child);
  return child;
}

/** VmHWM (peak resident memory) of a process, in MiB. */
const peakMiB = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

// In-process servers, for the faults that need no process boundary.
const running: Responder[] = [];
async function serve(remote: string, over: Partial<ServeOptions> = {}) {
  const logs: Record<string, unknown>[] = [];
  const checkout = over.checkout ?? join(tempDir(), 'checkout');
  const r = await startServer({ port: 0, host: '127.0.0.1', remote: `file://${remote}`, branch: 'main', checkout, token: TOKEN, policy: policyFile(), log: (e) => logs.push(e), backoffMs: 20, ...over });
  running.push(r);
  await r.ready;
  return { r, port: r.port, logs, checkout };
}

afterEach(async () => {
  for (const c of children.splice(0)) {
    try {
      process.kill(-c.proc.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await Promise.all(running.splice(0).map((r) => r.drain()));
});

describe('responder under faults', () => {
  it('a stale index.lock (a killed git) is removed: the alert is committed, and a restart on the same volume becomes ready', async () => {
    const remote = makeRemote(files(['web', 'api']));
    const first = await serve(remote);
    writeFileSync(join(first.checkout, '.git', 'index.lock'), '');
    const res = await post(first.port, alert('demo', 'web'));
    expect([res.status, JSON.parse(res.body).outcome]).toEqual([200, 'committed']);
    expect(first.logs).toContainEqual(expect.objectContaining({ msg: 'removed stale git lock files', files: [join(first.checkout, '.git', 'index.lock')] }));
    await first.r.drain();

    // Killed with a lock held, restarted on the same checkout: ready again, and it works.
    writeFileSync(join(first.checkout, '.git', 'index.lock'), '');
    writeFileSync(join(first.checkout, '.git', 'HEAD.lock'), '');
    const second = await serve(remote, { checkout: first.checkout });
    expect((await request(second.port, 'GET', '/readyz')).status).toBe(200);
    expect((await post(second.port, alert('demo', 'api'))).status).toBe(200);
    expect(contained(remote)).toEqual(['responder: scale-to-zero demo/api (Terminal shell in container)', 'responder: scale-to-zero demo/web (Terminal shell in container)']);
  });

  it('SIGKILL in the middle of a commit, then a restart on the same volume: the journaled alert is replayed and pushed once', async () => {
    const remote = makeRemote(files(['web']));
    const checkout = join(tempDir(), 'checkout');
    const child = await serveChild(remote, checkout, ['--answer-within', '1']);
    // The next commit hangs in its hook, holding the index lock, until the process group is killed.
    const marker = join(tempDir(), 'committing');
    writeFileSync(join(checkout, '.git/hooks/pre-commit'), `#!/bin/sh\ntouch '${marker}'\nsleep 60\n`);
    chmodSync(join(checkout, '.git/hooks/pre-commit'), 0o755);
    const res = await post(child.port, alert('demo', 'web'));
    expect([res.status, JSON.parse(res.body).outcome]).toEqual([202, 'journaled']);
    await until(() => existsSync(marker));
    process.kill(-child.proc.pid!, 'SIGKILL');
    expect(await child.exited).toBe('SIGKILL');
    expect(contained(remote)).toEqual([]);
    expect(readFileSync(`${checkout}.journal`, 'utf8')).toContain('"uuid-demo-web"');

    rmSync(join(checkout, '.git/hooks/pre-commit'));
    const again = await serveChild(remote, checkout, ['--answer-within', '1']);
    expect(again.logs).toContainEqual(expect.objectContaining({ msg: 'journal replayed', alerts: 1 }));
    await until(() => contained(remote).length > 0);
    expect(contained(remote)).toEqual(['responder: scale-to-zero demo/web (Terminal shell in container)']);
    await until(async () => (await metric(again.port, 'responder_journal_depth')) === 0);
    expect(await metric(again.port, 'responder_journal_depth')).toBe(0);
    // The same alert again (Falcosidekick has no retry, but a replay or a duplicate must not commit twice).
    const dup = await post(again.port, alert('demo', 'web'));
    expect([dup.status, JSON.parse(dup.body).outcome]).toEqual([200, 'contained']);
    expect(contained(remote)).toHaveLength(1);
  });

  it('with only 48 file descriptors, a burst of 300 alerts for 30 workloads: it stays up, every accepted alert is in Git, the rest were told', async () => {
    const remote = makeRemote(files(names(30)));
    const child = await serveChild(remote, join(tempDir(), 'checkout'), ['--answer-within', '2'], 48);
    const replies = await Promise.all(names(300).map((_, i) => post(child.port, alert('demo', `w${i % 30}`, { uuid: `u${i}` }))));
    const byStatus = new Map<number, number>();
    for (const r of replies) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    // Accepted (200/202), refused with a reason the sender sees (503 + Retry-After), or never accepted (reset).
    expect([...byStatus.keys()].every((s) => [0, 200, 202, 503].includes(s))).toBe(true);
    for (const r of replies.filter((x) => x.status === 503)) expect(r.headers['retry-after']).toBeDefined();
    const accepted = new Set(replies.flatMap((r, i) => (r.status === 200 || r.status === 202 ? [`w${i % 30}`] : [])));
    // How many of the burst get in depends on timing (with 48 descriptors, sockets and git's pipes compete); what
    // must hold is that, descriptors free again, it serves: an alert after the burst is accepted and pushed.
    let after = 0;
    await until(async () => [200, 202].includes((after = (await post(child.port, alert('demo', 'w0', { uuid: 'after-the-burst' }))).status)));
    expect([200, 202]).toContain(after);
    accepted.add('w0');
    await until(async () => (await metric(child.port, 'responder_journal_depth')) === 0);
    const inGit = new Set(contained(remote).map((s) => /demo\/(\w+)/.exec(s)![1]));
    for (const w of accepted) expect([w, inGit.has(w)]).toEqual([w, true]);
    // One commit per workload, and still serving.
    expect(contained(remote).length).toBe(inGit.size);
    expect((await request(child.port, 'GET', '/healthz')).status).toBe(200);
    expect(child.proc.exitCode).toBeNull();
  });

  it('200 concurrent bodies of almost 1 MiB each: bounded buffering (503 + Retry-After beyond it), peak memory under the pod limit (256 MiB)', async () => {
    const remote = makeRemote(files(['web']));
    const child = await serveChild(remote, join(tempDir(), 'checkout'));
    const big = JSON.stringify(alert('demo', 'web', { output: 'x'.repeat(1024 * 1024 - 4096) }));
    expect(Buffer.byteLength(big)).toBeLessThan(1024 * 1024);
    const replies = await Promise.all(Array.from({ length: 200 }, () => request(child.port, 'POST', '/falco', big)));
    const statuses = new Set(replies.map((r) => r.status));
    expect([...statuses].every((s) => [0, 200, 202, 503].includes(s))).toBe(true);
    expect(replies.some((r) => r.status === 200)).toBe(true);
    expect(peakMiB(child.proc.pid!)).toBeLessThan(256);
    await until(async () => (await metric(child.port, 'responder_journal_depth')) === 0);
    expect(contained(remote)).toHaveLength(1);
    expect((await request(child.port, 'GET', '/healthz')).status).toBe(200);
  });

  it('a storm over every cap (2,000 alerts at once, 50 connections, 20 requests): nothing accepted is lost, nothing answered twice', async () => {
    const remote = makeRemote(files(names(40)));
    const { port, r } = await serve(remote, { maxConnections: 50, maxRequests: 20, answerWithinMs: 1000 });
    const replies = await Promise.all(Array.from({ length: 2000 }, (_, i) => post(port, alert('demo', `w${i % 40}`, { uuid: `s${i}` }))));
    const accepted = new Set(replies.flatMap((x, i) => (x.status === 200 || x.status === 202 ? [`w${i % 40}`] : [])));
    expect(replies.filter((x) => x.status === 503).every((x) => x.headers['retry-after'] !== undefined)).toBe(true);
    expect(replies.every((x) => [0, 200, 202, 503].includes(x.status))).toBe(true);
    await until(async () => (await metric(port, 'responder_journal_depth')) === 0);
    const inGit = contained(remote).map((s) => /demo\/(\w+)/.exec(s)![1]);
    expect(new Set(inGit).size).toBe(inGit.length);
    for (const w of accepted) expect([w, inGit.includes(w)]).toEqual([w, true]);
    // Every answer the server sent is counted once, by status (the clients saw the same).
    const body = (await request(port, 'GET', '/metrics')).body;
    // (A 503 sent while the client was still writing its body can reach it as a reset: counted, not seen.)
    const resets = replies.filter((x) => x.status === 0).length;
    for (const status of [200, 202, 503]) {
      const seen = replies.filter((x) => x.status === status).length;
      const counted = [...body.matchAll(new RegExp(`^responder_http_responses_total\\{([^}]*)\\} (\\d+)$`, 'gm'))]
        .filter((m) => m[1].includes(`status="${status}"`) && !/outcome="(metrics|healthz|readyz)"/.test(m[1]))
        .reduce((a, m) => a + Number(m[2]), 0);
      expect([status, counted >= seen && counted <= seen + resets]).toEqual([status, true]);
    }
    expect(r.metrics.pushFailures.get()).toBe(0);
  });

  it('the remote gone for a while: alerts are journaled (202), /readyz says why, and they are pushed once it is back', async () => {
    const remote = makeRemote(files(['web', 'api']));
    const { port } = await serve(remote, { answerWithinMs: 300 });
    renameSync(remote, `${remote}.away`);
    const replies = await Promise.all([post(port, alert('demo', 'web')), post(port, alert('demo', 'api'))]);
    expect(replies.map((x) => x.status)).toEqual([202, 202]);
    await until(async () => (await request(port, 'GET', '/readyz')).status === 503);
    expect((await request(port, 'GET', '/readyz')).body).toMatch(/^not ready: /);
    renameSync(`${remote}.away`, remote);
    await until(() => contained(remote).length === 2);
    expect(contained(remote).sort()).toEqual(['responder: scale-to-zero demo/api (Terminal shell in container)', 'responder: scale-to-zero demo/web (Terminal shell in container)']);
    await until(async () => (await request(port, 'GET', '/readyz')).status === 200);
    expect((await request(port, 'GET', '/readyz')).status).toBe(200);
  });

  it('a checkout pointed at the wrong remote, or with a corrupted HEAD, is repaired without an operator', async () => {
    const remote = makeRemote(files(['web', 'api']));
    const other = makeRemote(files(['web']));
    const { port, checkout, logs } = await serve(remote);
    sh(checkout, 'remote', 'set-url', 'origin', `file://${other}`);
    expect((await post(port, alert('demo', 'web'))).status).toBe(200);
    expect(contained(remote)).toHaveLength(1);
    expect(contained(other)).toHaveLength(0);
    writeFileSync(join(checkout, '.git', 'HEAD'), 'garbage\n');
    const res = await post(port, alert('demo', 'api'));
    expect([res.status, JSON.parse(res.body).outcome]).toEqual([200, 'committed']);
    expect(contained(remote)).toHaveLength(2);
    expect(logs.some((l) => l.msg === 'checkout broken, cloning again' || l.msg === 'removed stale git lock files' || /heal|clon/.test(String(l.msg)))).toBe(true);
  });

  // The jest timeout (30 s) is the bound here: a drain that waited for the Receiver would take 10 minutes.
  it('a Receiver that trickles its answer is cut at its deadline, and the drain still ends', async () => {
    const remote = makeRemote(files(['web']));
    const sockets = new Set<import('node:net').Socket>();
    const trickle = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-length': '1000000' });
      const t = setInterval(() => res.write('x'), 100);
      res.on('close', () => clearInterval(t));
    });
    trickle.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => trickle.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(trickle.address() as { port: number }).port}`;
      const receiver = { url, name: 'apps', namespace: 'flux-system', token: 'receiver-token' };
      const { port, logs } = await serve(remote, { receiver: { ...receiver, deadlineMs: 800 } });
      expect((await post(port, alert('demo', 'web'))).status).toBe(200);
      await until(() => logs.some((l) => String(l.msg).startsWith('Flux Receiver not notified')));
      expect(logs.find((l) => String(l.msg).startsWith('Flux Receiver not notified'))).toMatchObject({ error: 'receiver did not answer within 0.8 s' });

      // With a call still trickling (a long deadline), the drain ends at its own bound, not the Receiver's.
      const slow = await serve(makeRemote(files(['web'])), { receiver: { ...receiver, deadlineMs: 600_000 }, drainMs: 1000 });
      expect((await post(slow.port, alert('demo', 'web'))).status).toBe(200);
      await slow.r.drain();
      running.splice(running.indexOf(slow.r), 1);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => trickle.close(r));
    }
  }, 30_000);
});
