/** `serve`: real HTTP on 127.0.0.1, a real bare remote over file://, a stand-in Flux Receiver checking the HMAC. */
import { createHmac, createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { secret } from '../responder/main';
import { type Responder, type ServeOptions, perTick, startServer } from '../responder/server';
import { alert, clone, deployment, makeRemote, readAt, sh, subjects, tempDir, writeFiles } from './helpers/git-repo';

const TOKEN = 'webhook-token-0123456789';
const RECEIVER_TOKEN = 'receiver-token-abcdef';
const POLICY = 'responder/policy.yaml';
const SHIPPED = 'responses:\n  - rule: Terminal shell in container\n    action: scale-to-zero\n    fallback: isolate\ndefault: log\n';

function files(workloads: string[]): Record<string, string> {
  return {
    [POLICY]: SHIPPED,
    'README.md': 'demo\n',
    ...Object.fromEntries(workloads.map((w) => [`apps/demo/${w}.yaml`, deployment('demo', w)])),
    'apps/falco/falco.yaml': deployment('falco', 'falco'),
  };
}

interface Reply {
  status: number;
  body: string;
  json: () => Record<string, string>;
}

function request(port: number, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (port: number, body: unknown, token: string | null = TOKEN) =>
  request(port, 'POST', '/falco', typeof body === 'string' ? body : JSON.stringify(body), token === null ? {} : { authorization: `Bearer ${token}` });

/** The stand-in Receiver: answers 200 only on Flux's path with a valid generic-hmac signature. */
async function standInReceiver() {
  const seen: { path: string; valid: boolean; body: string }[] = [];
  const path = `/hook/${createHash('sha256').update(`${RECEIVER_TOKEN}flux-systemflux-system`).digest('hex')}`;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const valid = req.headers['x-signature'] === `sha256=${createHmac('sha256', RECEIVER_TOKEN).update(body).digest('hex')}` && req.url === path;
      seen.push({ path: req.url ?? '', valid, body });
      res.writeHead(valid ? 200 : 401).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { seen, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Keeps the writer busy: the checkout's first push waits `ms` (a pre-push hook), so alerts posted meanwhile queue
 * up and form the next turn's batch. Resolves once that first push has started.
 */
function holdFirstPush(checkout: string, ms = 700): Promise<void> {
  const marker = join(tempDir(), 'holding');
  const hook = join(checkout, '.git', 'hooks', 'pre-push');
  writeFileSync(hook, `#!/bin/sh\n[ -e '${marker}' ] && exit 0\ntouch '${marker}'\nsleep ${ms / 1000}\n`);
  chmodSync(hook, 0o755);
  return (async () => {
    for (let i = 0; i < 500 && !existsSync(marker); i++) await new Promise((w) => setTimeout(w, 10));
  })();
}

const until = async (ok: () => boolean, ms = 20_000) => {
  for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await new Promise((w) => setTimeout(w, 50));
};

const running: Responder[] = [];
const closers: (() => Promise<unknown>)[] = [];
/** A policy file outside the checkout (as the mounted ConfigMap is). */
function policyFile(text = SHIPPED): string {
  const f = join(tempDir(), 'policy.yaml');
  writeFileSync(f, text);
  return f;
}
/**
 * A git hook that, the first time it runs, commits in clone `other` and pushes it to its origin: someone else's
 * push landing in the middle of the responder's. The hook's own GIT_* variables are dropped first (they name the
 * repository the hook runs for, not `other`).
 */
function someoneElsePushesOnce(other: string, file = 'README.md', text = 'change'): string {
  const marker = join(tempDir(), 'moved');
  return [
    '#!/bin/sh',
    `[ -e '${marker}' ] && exit 0`,
    `touch '${marker}'`,
    'for v in $(env | sed -n "s/^\\(GIT_[A-Z_]*\\)=.*/\\1/p"); do unset "$v"; done',
    `cd '${other}' && echo '${text}' >> '${file}' && git -c user.name=Dev -c user.email=dev@example.invalid commit -qam "someone else" && git push -q origin main`,
    '',
  ].join('\n');
}

async function serve(remote: string, over: Partial<ServeOptions> = {}) {
  const logs: Record<string, unknown>[] = [];
  const checkout = join(tempDir(), 'checkout');
  const r = await startServer({ port: 0, host: '127.0.0.1', remote: `file://${remote}`, branch: 'main', checkout, token: TOKEN, policy: policyFile(), log: (e) => logs.push(e), backoffMs: 20, ...over });
  running.push(r);
  await r.ready;
  return { r, port: r.port, logs, checkout };
}
afterEach(async () => {
  await Promise.all([...running.splice(0).map((r) => r.drain()), ...closers.splice(0).map((c) => c())]);
});

describe('responder server', () => {
  it('refuses a missing or wrong token (401), oversized bodies (413), and non-alerts (400) naming what is wrong', async () => {
    const { port, r } = await serve(makeRemote(files(['web'])));
    expect((await post(port, alert('demo', 'web'), null)).status).toBe(401);
    expect((await post(port, alert('demo', 'web'), '')).status).toBe(401);
    expect((await post(port, alert('demo', 'web'), 'wrong')).status).toBe(401);
    expect((await post(port, alert('demo', 'web'), `${TOKEN}x`)).status).toBe(401);
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    expect((await request(port, 'POST', '/falco', big, { authorization: `Bearer ${TOKEN}` })).status).toBe(413);
    // Without a Content-Length the limit applies while reading.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/falco', headers: { authorization: `Bearer ${TOKEN}`, 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write(Buffer.alloc(256 * 1024, 0x20));
      req.end();
    });
    expect(chunked).toBe(413);
    const bad = await post(port, '{"rule": "x"');
    expect(bad.status).toBe(400);
    expect(bad.json().error).toMatch(/^not JSON/);
    const noPriority = await post(port, { ...alert('demo', 'web'), priority: undefined });
    expect([noPriority.status, noPriority.json().error]).toEqual([400, 'field "priority" is missing']);
    expect((await request(port, 'GET', '/falco')).status).toBe(405);
    expect((await request(port, 'GET', '/elsewhere')).status).toBe(404);
    expect(r.metrics.commits.get()).toBe(0);
  });

  it('a client gone mid-body costs nothing: no alert journaled, its reserved bytes given back', async () => {
    // Room for one declared body at a time: a reservation not given back would refuse the alert after it.
    const { port, r, logs } = await serve(makeRemote(files(['web'])), { maxBufferedBytes: 4096 });
    const body = JSON.stringify(alert('demo', 'web'));
    const head = `POST /falco HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 3000\r\n\r\n`;
    await new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => socket.end(head + body.slice(0, 20)));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    await new Promise((res) => setTimeout(res, 50));
    expect(r.metrics.alerts.get({ rule: 'Terminal shell in container', outcome: 'committed' })).toBe(0);
    const padded = `${body.slice(0, -1)}${' '.repeat(2990 - body.length)}}`;
    expect((await post(port, padded)).status).toBe(200);
    expect(logs.filter((l) => l.msg === 'alert')).toHaveLength(1);
  });

  it('pushes scale-to-zero before answering 200, notifies the Receiver, reports it in /metrics', async () => {
    const remote = makeRemote(files(['web']));
    const receiver = await standInReceiver();
    closers.push(receiver.close);
    const { port, logs } = await serve(remote, { receiver: { url: receiver.url, name: 'flux-system', namespace: 'flux-system', token: RECEIVER_TOKEN } });
    expect((await request(port, 'GET', '/healthz')).status).toBe(200);
    expect((await request(port, 'GET', '/readyz')).status).toBe(200);
    const res = await post(port, alert('demo', 'web'));
    expect(res.status).toBe(200);
    const head = sh(remote, 'rev-parse', 'main');
    expect(res.json()).toEqual({ status: 200, outcome: 'committed', action: 'scale-to-zero', workload: 'demo/web', commit: head });
    expect(readAt(remote, 'apps/demo/web.yaml')).toBe(deployment('demo', 'web', 0).trimEnd());
    // The Receiver is told right after the push; the alert's answer does not wait for it.
    for (let i = 0; i < 500 && receiver.seen.length === 0; i++) await new Promise((w) => setTimeout(w, 20));
    expect(receiver.seen).toEqual([{ path: expect.stringMatching(/^\/hook\/[0-9a-f]{64}$/), valid: true, body: JSON.stringify({ branch: 'main', commit: head }) }]);
    // The writer does not wait for the Receiver's answer; its outcome is logged and counted when it comes.
    for (let i = 0; i < 500 && !logs.some((l) => l.msg === 'Flux Receiver notified'); i++) await new Promise((w) => setTimeout(w, 20));
    expect(logs.find((l) => l.msg === 'Flux Receiver notified')).toMatchObject({ commit: head });
    expect(logs.find((l) => l.msg === 'alert')).toMatchObject({ uuid: 'uuid-demo-web', rule: 'Terminal shell in container', outcome: 'committed', commit: head });
    const metrics = (await request(port, 'GET', '/metrics')).body;
    expect(metrics).toContain('responder_alerts_total{rule="Terminal shell in container",outcome="committed"} 1');
    expect(metrics).toContain('responder_commits_total 1');
    expect(metrics).toContain('responder_receiver_notifications_total{result="ok"} 1');
    expect(metrics).toMatch(/responder_alert_to_push_seconds_count 1\n/);
  });

  it('answers 200 with no commit for an unknown workload, a protected namespace and a Deployment not in Git', async () => {
    const remote = makeRemote(files(['web']));
    const { port, r } = await serve(remote);
    const cases: [Record<string, unknown>, string][] = [
      [alert(undefined, undefined), 'no Deployment in the alert (output_fields k8smeta.ns.name and k8smeta.deployment.name absent)'],
      [alert('falco', 'falco'), 'namespace falco is protected'],
      [alert('demo', 'from-helm'), 'scale-to-zero: Deployment demo/from-helm is not found in apps as a plain manifest; isolate: Deployment demo/from-helm is not found in apps as a plain manifest'],
    ];
    for (const [a, reason] of cases) {
      const res = await post(port, a);
      expect([res.status, res.json().outcome, res.json().reason]).toEqual([200, 'no-action', reason]);
    }
    expect(subjects(remote)).toEqual(['seed']);
    expect(r.metrics.alerts.get({ rule: 'Terminal shell in container', outcome: 'no-action' })).toBe(3);
  });

  it('makes one commit for a burst of alerts for one workload, and none for a repeat later', async () => {
    const remote = makeRemote(files(['web']));
    const { port, r } = await serve(remote);
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => post(port, alert('demo', 'web', { uuid: `u${i}` }))));
    expect(replies.map((x) => x.status)).toEqual(replies.map(() => 200));
    const outcomes = replies.map((x) => x.json().outcome);
    expect(outcomes.filter((o) => o === 'committed')).toHaveLength(1);
    expect(outcomes.every((o) => ['committed', 'coalesced', 'contained'].includes(o))).toBe(true);
    expect(subjects(remote)).toEqual(['responder: scale-to-zero demo/web (Terminal shell in container)', 'seed']);
    expect((await post(port, alert('demo', 'web'))).json().outcome).toBe('contained');
    expect(r.metrics.deduplicated.get()).toBe(40);
    expect(subjects(remote)).toHaveLength(2);
  });

  it('contains distinct workloads alerted at once, each in its own commit, none lost', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `app${i}`);
    const remote = makeRemote(files(names));
    const { port } = await serve(remote);
    const replies = await Promise.all(names.flatMap((n) => [post(port, alert('demo', n)), post(port, alert('demo', n))]));
    expect(replies.every((x) => x.status === 200)).toBe(true);
    expect(subjects(remote).slice(0, -1).sort()).toEqual(names.map((n) => `responder: scale-to-zero demo/${n} (Terminal shell in container)`).sort());
    for (const n of names) expect(parse(readAt(remote, `apps/demo/${n}.yaml`)).spec.replicas).toBe(0);
  });

  it('two Deployments in one file, alerted in one batch: each commit keeps the other one\'s edit', async () => {
    const both = `---\n${deployment('demo', 'a')}---\n${deployment('demo', 'b')}`;
    const remote = makeRemote({ ...files(['decoy']), 'apps/demo/pair.yaml': both });
    const { port, checkout } = await serve(remote);
    const held = holdFirstPush(checkout);
    const decoy = post(port, alert('demo', 'decoy'));
    await held;
    const [a, b] = await Promise.all([post(port, alert('demo', 'a')), post(port, alert('demo', 'b'))]);
    expect([(await decoy).status, a.status, b.status, a.json().outcome, b.json().outcome]).toEqual([200, 200, 200, 'committed', 'committed']);
    const pair = readAt(remote, 'apps/demo/pair.yaml');
    expect(pair.split('---\n').slice(1).map((d) => parse(d).spec.replicas)).toEqual([0, 0]);
    expect(`${pair}\n`).toBe(both.replace(/replicas: 3 #/g, 'replicas: 0 #'));
    expect(subjects(remote)).toHaveLength(4);
  });

  it('one response that cannot be made fails its own alerts with 500; the rest of the batch is pushed', async () => {
    // `responses/demo` is a file, so demo's isolate file cannot be written; shop's can.
    const remote = makeRemote({
      ...files(['a']),
      'apps/shop/b.yaml': deployment('shop', 'b'),
      'apps/shop/decoy.yaml': deployment('shop', 'decoy'),
      'responses/demo': 'not a folder\n',
    });
    const { port, checkout } = await serve(remote, { policy: policyFile('responses:\n  - {rule: Terminal shell in container, action: isolate}\n') });
    const held = holdFirstPush(checkout);
    const decoy = post(port, alert('shop', 'decoy'));
    await held;
    const [a, b] = await Promise.all([post(port, alert('demo', 'a')), post(port, alert('shop', 'b'))]);
    expect((await decoy).status).toBe(200);
    expect([a.status, a.json().outcome, a.json().workload, a.json().reason]).toEqual([500, 'failed', 'demo/a', expect.stringMatching(/ENOTDIR|EEXIST/)]);
    expect([b.status, b.json().outcome]).toEqual([200, 'committed']);
    expect(parse(readAt(remote, 'responses/shop/isolate-b.yaml')).kind).toBe('NetworkPolicy');
    expect(sh(checkout, 'status', '--porcelain')).toBe('');
  });

  it('an exception inside a turn answers only the alerts not yet answered, each alert once', async () => {
    const remote = makeRemote(files(['decoy', 'web']));
    let pushes = 0;
    const logs: Record<string, unknown>[] = [];
    const { port, checkout, r } = await serve(remote, {
      log: (e) => {
        logs.push(e);
        // A fault in the second turn, after its first alert was answered.
        if (e.msg === 'pushed' && ++pushes === 2) throw new Error('injected fault');
      },
    });
    const held = holdFirstPush(checkout);
    const decoy = post(port, alert('demo', 'decoy'));
    await held;
    const [none, web] = await Promise.all([post(port, alert(undefined, undefined, { uuid: 'no-workload' })), post(port, alert('demo', 'web'))]);
    expect((await decoy).json().outcome).toBe('committed');
    expect([none.status, none.json().outcome]).toEqual([200, 'no-action']);
    expect([web.status, web.json().outcome, web.json().reason]).toEqual([500, 'failed', 'injected fault']);
    const answers = logs.filter((l) => l.msg === 'alert').map((l) => `${l.uuid} ${l.outcome}`);
    expect(answers.sort()).toEqual(['no-workload no-action', 'uuid-demo-decoy committed', 'uuid-demo-web failed']);
    expect(r.metrics.alerts.get({ rule: 'Terminal shell in container', outcome: 'failed' })).toBe(1);
  });

  it('a push past its deadline answers 202 (journaled); the response lands on a later attempt, counted once as late', async () => {
    const remote = makeRemote(files(['web', 'api']));
    // The remote's first push hangs (a pre-receive hook that sleeps far past the deadline).
    const marker = join(tempDir(), 'hung');
    writeFiles(remote, { 'hooks/pre-receive': `#!/bin/sh\n[ -e '${marker}' ] && exit 0\ntouch '${marker}'\nsleep 60\n` });
    chmodSync(join(remote, 'hooks/pre-receive'), 0o755);
    const { port, r } = await serve(remote, { gitTimeoutMs: 1500, answerWithinMs: 500 });
    const hung = await post(port, alert('demo', 'web'));
    expect([hung.status, hung.json().outcome]).toEqual([202, 'journaled']);
    const next = await post(port, alert('demo', 'api'));
    expect([200, 202]).toContain(next.status);
    await until(() => subjects(remote).length === 3);
    expect(subjects(remote).slice(0, 2).sort()).toEqual(['responder: scale-to-zero demo/api (Terminal shell in container)', 'responder: scale-to-zero demo/web (Terminal shell in container)']);
    await until(() => r.metrics.late.get() >= 1);
    expect(r.metrics.late.get()).toBe(hung.status === 202 && next.status === 202 ? 2 : 1);
    expect((await request(port, 'GET', '/readyz')).status).toBe(200);
  });

  it('a containment undone on the remote (git revert) is seen by the next alert: it is contained again, one new commit', async () => {
    const remote = makeRemote(files(['web']));
    const { port } = await serve(remote);
    expect((await post(port, alert('demo', 'web'))).json().outcome).toBe('committed');
    const other = clone(remote);
    sh(other, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'revert', '--no-edit', 'HEAD');
    sh(other, 'push', '-q', 'origin', 'main');
    // Past the moment a fetch stays fresh (250 ms): the next turn fetches and sees replicas back at 3.
    await new Promise((r) => setTimeout(r, 300));
    const again = await post(port, alert('demo', 'web', { uuid: 'again' }));
    expect([again.status, again.json().outcome]).toEqual([200, 'committed']);
    expect(subjects(remote)).toEqual([
      'responder: scale-to-zero demo/web (Terminal shell in container)',
      'Revert "responder: scale-to-zero demo/web (Terminal shell in container)"',
      'responder: scale-to-zero demo/web (Terminal shell in container)',
      'seed',
    ]);
  });

  it('reads the webhook token file at every request: a rotated Secret works without a restart', async () => {
    const file = join(tempDir(), 'token');
    writeFileSync(file, 'first-token\n');
    const remote = makeRemote(files(['web', 'api']));
    const { port } = await serve(remote, { token: () => readFileSync(file, 'utf8') });
    expect((await post(port, alert('demo', 'web'), 'first-token')).status).toBe(200);
    writeFileSync(file, 'second-token\n');
    expect((await post(port, alert('demo', 'api'), 'first-token')).status).toBe(401);
    expect((await post(port, alert('demo', 'api'), 'second-token')).status).toBe(200);
    writeFileSync(file, '');
    expect((await post(port, alert('demo', 'api'), 'second-token')).status).toBe(503);
  });

  it('with the token file read at most once a second, a rotated token works at once and the old one stops', async () => {
    const file = join(tempDir(), 'token');
    writeFileSync(file, 'first-token\n');
    const remote = makeRemote(files(['web', 'api', 'db']));
    const { port } = await serve(remote, { token: secret(file, 'webhook token') });
    expect((await post(port, alert('demo', 'web'), 'first-token')).status).toBe(200);
    // Rotated within the second: what was read does not match the new token, so the file is looked at again.
    writeFileSync(file, 'second-token\n');
    expect((await post(port, alert('demo', 'api'), 'second-token')).status).toBe(200);
    expect((await post(port, alert('demo', 'db'), 'first-token')).status).toBe(401);
  });

  it('when the remote moves between fetch and push: fetches, re-applies on the new head, pushes without force', async () => {
    const remote = makeRemote(files(['web']));
    const { port, checkout, r } = await serve(remote);
    // The first push from the responder's checkout lets someone else's commit land first (a real race, no mock).
    const other = clone(remote);
    const hook = join(checkout, '.git', 'hooks', 'pre-push');
    writeFileSync(hook, someoneElsePushesOnce(other));
    chmodSync(hook, 0o755);
    const res = await post(port, alert('demo', 'web'));
    expect([res.status, res.json().outcome]).toEqual([200, 'committed']);
    expect(subjects(remote)).toEqual(['responder: scale-to-zero demo/web (Terminal shell in container)', 'someone else', 'seed']);
    expect(sh(remote, 'rev-parse', 'main~1')).toBe(sh(other, 'rev-parse', 'HEAD'));
    expect(readAt(remote, 'README.md')).toBe('demo\nchange');
    expect(r.metrics.pushRetries.get()).toBe(1);
  });

  it('when the remote moves during the push itself (its ref lock finds another head): the same commits on the new head at once', async () => {
    const remote = makeRemote(files(['web']));
    const other = clone(remote);
    // The remote's own hook, while receiving the responder's push, lets someone else's push land first: the ref is
    // then not where the push expected it ("cannot lock ref ... is at X but expected Y"), a real race on the remote.
    writeFiles(remote, { 'hooks/pre-receive': someoneElsePushesOnce(other) });
    chmodSync(join(remote, 'hooks/pre-receive'), 0o755);
    const { port, r, logs } = await serve(remote);
    const res = await post(port, alert('demo', 'web'));
    expect([res.status, res.json().outcome]).toEqual([200, 'committed']);
    expect(subjects(remote)).toEqual(['responder: scale-to-zero demo/web (Terminal shell in container)', 'someone else', 'seed']);
    // In the same turn: no failed turn and backoff first.
    expect(logs.map((l) => l.msg)).toContain('the branch moved; the same commits were made on its new head');
    expect(logs.map((l) => l.msg)).not.toContain('push failed; will fetch and re-apply');
    expect(r.metrics.pushRetries.get()).toBe(1);
  });

  it('after the same commits were made on a moved head, the next alert is planned on that head (the other change to its file kept)', async () => {
    const remote = makeRemote(files(['web', 'api']));
    const other = clone(remote);
    // During the first push, someone else's commit to api's manifest lands first.
    writeFiles(remote, { 'hooks/pre-receive': someoneElsePushesOnce(other, 'apps/demo/api.yaml', '# tuned by hand') });
    chmodSync(join(remote, 'hooks/pre-receive'), 0o755);
    const { port, logs } = await serve(remote);
    expect((await post(port, alert('demo', 'web'))).json().outcome).toBe('committed');
    expect(logs.map((l) => l.msg)).toContain('the branch moved; the same commits were made on its new head');
    // At once (no fetch in between): the checkout was set to the head the push landed on.
    expect((await post(port, alert('demo', 'api'))).json().outcome).toBe('committed');
    expect(subjects(remote).slice(0, 3)).toEqual(['responder: scale-to-zero demo/api (Terminal shell in container)', 'responder: scale-to-zero demo/web (Terminal shell in container)', 'someone else']);
    const api = readAt(remote, 'apps/demo/api.yaml');
    expect([/replicas: 0/.test(api), api.endsWith('# tuned by hand')]).toEqual([true, true]);
  });

  it('keeps retrying a refused push: 202, /readyz 503 naming the push, given up after the retry time and counted', async () => {
    const remote = makeRemote(files(['web']));
    writeFiles(remote, { 'hooks/pre-receive': '#!/bin/sh\necho "branch is protected" >&2\nexit 1\n' });
    chmodSync(join(remote, 'hooks/pre-receive'), 0o755);
    const { port, r, logs } = await serve(remote, { answerWithinMs: 200, retryForMs: 1500 });
    const res = await post(port, alert('demo', 'web'));
    expect(res.status).toBe(202);
    // The 202 comes after 200 ms whether or not the first push has failed yet (a slow machine); wait for that failure.
    await until(() => r.metrics.pushRetries.get() >= 1);
    const ready = await request(port, 'GET', '/readyz');
    expect([ready.status, ready.body]).toEqual([503, expect.stringMatching(/^not ready: the last push failed: git push failed: .*branch is protected/)]);
    await until(() => r.metrics.pushFailures.get() === 1);
    expect(logs.find((l) => l.msg === 'alert')).toMatchObject({ outcome: 'failed', answered: 202, reason: expect.stringMatching(/^not pushed within 2 s: .*branch is protected/) });
    expect(r.metrics.pushRetries.get()).toBeGreaterThan(1);
    expect((await request(port, 'GET', '/metrics')).body).toContain('responder_journal_depth 0');
  });

  it('is not ready (503) naming the error while the policy file is invalid; alerts wait and are decided once it is fixed', async () => {
    const remote = makeRemote(files(['web']));
    const file = policyFile('responses: [{rule: x, action: nuke}]\n');
    const { port } = await serve(remote, { policy: file, answerWithinMs: 200 });
    const ready = await request(port, 'GET', '/readyz');
    expect([ready.status, ready.body]).toEqual([503, `not ready: policy: ${file}:1: responses[0].action: "nuke" is not allowed; allowed: scale-to-zero, isolate, log\n`]);
    expect((await post(port, alert('demo', 'web'))).status).toBe(202);
    writeFileSync(file, `${SHIPPED}# fixed\n`);
    await until(() => subjects(remote).length === 2);
    expect((await request(port, 'GET', '/readyz')).status).toBe(200);
  });

  it('a policy that turns invalid ends readiness at the next probe, before any alert; the message has the line', async () => {
    const remote = makeRemote(files(['web']));
    const file = policyFile();
    const { port } = await serve(remote, { policy: file });
    let first = await request(port, 'GET', '/readyz');
    for (let i = 0; i < 500 && first.status !== 200; i++) {
      await new Promise((w) => setTimeout(w, 20));
      first = await request(port, 'GET', '/readyz');
    }
    expect(first.status).toBe(200);
    writeFileSync(file, 'responses:\n  - rule: Terminal shell in container\n    action: islate\n');
    const ready = await request(port, 'GET', '/readyz');
    expect([ready.status, ready.body]).toEqual([503, `not ready: policy: ${file}:3: responses[0].action: "islate" is not allowed; allowed: scale-to-zero, isolate, log (did you mean isolate?)\n`]);
  });

  it('is not ready (503) until the checkout is usable', async () => {
    const checkout = join(tempDir(), 'checkout');
    const r = await startServer({ port: 0, host: '127.0.0.1', remote: `file://${tempDir()}/missing.git`, branch: 'main', checkout, token: TOKEN, policy: policyFile(), log: () => undefined });
    running.push(r);
    let ready = await request(r.port, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    // The failing clone takes its time under load: poll for up to 10 s, not a fixed number of back-to-back requests.
    for (let i = 0; i < 500 && ready.body.includes('cloning'); i++) {
      await new Promise((w) => setTimeout(w, 20));
      ready = await request(r.port, 'GET', '/readyz');
    }
    expect([ready.status, ready.body]).toEqual([503, expect.stringMatching(/^not ready: git clone failed: .*missing\.git/)]);
    expect((await request(r.port, 'GET', '/healthz')).status).toBe(200);
  });

  (process.getuid?.() === 0 ? it : it.skip)('says clearly when the checkout folder belongs to another user (git would refuse it as dubious ownership)', async () => {
    const checkout = join(tempDir(), 'checkout');
    mkdirSync(checkout);
    chownSync(checkout, 1000, 1000);
    const logs: Record<string, unknown>[] = [];
    const r = await startServer({ port: 0, host: '127.0.0.1', remote: `file://${makeRemote(files(['web']))}`, branch: 'main', checkout, token: TOKEN, policy: policyFile(), log: (e) => logs.push(e) });
    running.push(r);
    for (let i = 0; i < 500 && !logs.some((l) => l.msg === 'checkout not usable, retrying'); i++) await new Promise((w) => setTimeout(w, 20));
    const expected = `the checkout folder ${checkout} is owned by uid 1000, not by the responder (uid 0); git refuses such a work tree as "dubious ownership". Give the responder a folder it creates itself (mount the volume at the parent folder)`;
    expect(logs.find((l) => l.msg === 'checkout not usable, retrying')?.error).toBe(expected);
    expect(await request(r.port, 'GET', '/readyz')).toMatchObject({ status: 503, body: `not ready: ${expected}\n` });
  });

  it('re-reads the policy file when it changes: the next decision follows it', async () => {
    const remote = makeRemote(files(['web', 'api']));
    const file = policyFile();
    const { port } = await serve(remote, { policy: file });
    writeFileSync(file, 'responses:\n  - {rule: Terminal shell in container, action: isolate}\n');
    const res = await post(port, alert('demo', 'api'));
    expect([res.status, res.json().action, res.json().outcome]).toEqual([200, 'isolate', 'committed']);
    expect(parse(readAt(remote, 'responses/demo/isolate-api.yaml')).spec.podSelector).toEqual({ matchLabels: { app: 'api' } });
  });

  it('--dry-run logs the change and pushes nothing', async () => {
    const remote = makeRemote(files(['web']));
    const { port, logs, checkout } = await serve(remote, { dryRun: true });
    const res = await post(port, alert('demo', 'web'));
    expect([res.status, res.json().outcome]).toEqual([200, 'dry-run']);
    expect(subjects(remote)).toEqual(['seed']);
    expect(sh(checkout, 'status', '--porcelain')).toBe('');
    expect(logs.find((l) => l.msg === 'alert')).toMatchObject({ subject: 'responder: scale-to-zero demo/web (Terminal shell in container)', changes: [{ path: 'apps/demo/web.yaml', change: 'spec.replicas: 3 -> 0' }] });
  });

  it('drains: what is in flight finishes and is pushed, nothing new is accepted', async () => {
    const remote = makeRemote(files(['web', 'api']));
    const { port, r } = await serve(remote);
    const inflight = post(port, alert('demo', 'web'));
    await new Promise((res) => setTimeout(res, 20));
    const drained = r.drain();
    const late = await post(port, alert('demo', 'api')).then((x) => x.status, (e: NodeJS.ErrnoException) => e.code);
    expect([503, 'ECONNREFUSED', 'ECONNRESET']).toContain(late);
    expect((await inflight).json().outcome).toBe('committed');
    await drained;
    expect(subjects(remote)).toEqual(['responder: scale-to-zero demo/web (Terminal shell in container)', 'seed']);
  });
});

describe('perTick', () => {
  it('hands items over on the next turn of the event loop, at most `max` a turn, with other work let in between', async () => {
    const order: string[] = [];
    let done = () => {};
    const finished = new Promise<void>((r) => (done = r));
    let chunks = 0;
    const add = perTick<number>((items) => {
      order.push(`chunk of ${items.length}`);
      // Work queued while a chunk runs (as an I/O callback would be) comes before the next chunk.
      if (++chunks === 1) setImmediate(() => order.push('other'));
      if (chunks === 3) done();
    }, 256);
    for (let i = 0; i < 600; i++) add(i);
    expect(order).toEqual([]);
    await finished;
    expect(order).toEqual(['chunk of 256', 'other', 'chunk of 256', 'chunk of 88']);
    // Without a bound: everything at once.
    const all: number[][] = [];
    const one = perTick<number>((items) => all.push(items));
    for (let i = 0; i < 600; i++) one(i);
    await new Promise((r) => setImmediate(r));
    expect(all.map((a) => a.length)).toEqual([600]);
  });
});
