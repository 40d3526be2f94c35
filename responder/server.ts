/**
 * `serve`: the HTTP server Falcosidekick posts alerts to. Alerts go through ONE writer queue: each turn takes
 * every pending alert, fetches the branch, re-reads the policy, groups identical responses (same action, same
 * Deployment) into one commit each, made one after another on the checkout as the previous one left it, and
 * pushes them at once. Every git command has a deadline, and the Flux Receiver is called without holding the
 * writer. A rejected push means the remote moved: fetch,
 * re-apply on the new head, push again with bounded backoff; never force. An alert is answered 2xx only when its
 * response is pushed or decided, so a 2xx means the response is in Git.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { isAbsolute, join } from 'node:path';
import { RESPONDER_ALERT_PATH, RESPONSES_DIR } from '../contract/naming';
import { type Alert, AlertError, type Workload, parseAlertJson, workloadOf } from './alert';
import { GIT_TIMEOUT_MS, type SshOptions, git, gitEnv } from './git';
import { Metrics } from './metrics';
import { type Decision, type Policy, decide, parsePolicy } from './policy';
import { type Checkout, type Plan, describeChange, lastCommits, planResponse, readManifests, writeAndCommit } from './respond';

/** Largest alert body accepted. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ReceiverOptions {
  /** Base URL of Flux's notification-controller webhook receiver Service. */
  url: string;
  name: string;
  namespace: string;
  /** The Receiver token, or a function that reads it (from its mounted Secret file) at each call. */
  token: Secret;
}

/** A secret value, or a function that reads it at each use, so a rotated Secret file is picked up at once. */
export type Secret = string | (() => string);
const reveal = (s: Secret) => (typeof s === 'function' ? s() : s);

export interface ServeOptions {
  port: number;
  host?: string;
  remote: string;
  branch: string;
  /** Where the branch is cloned (an empty or absent folder, or an earlier clone of the same remote). */
  checkout: string;
  /** The Bearer token Falcosidekick sends (a function is called at every request). */
  token: Secret;
  ssh?: SshOptions;
  /** The policy file: an absolute path (the mounted ConfigMap), or a path inside the checkout. */
  policy: string;
  responsesDir?: string;
  /** The folder searched for Deployments (default APPS_DIR). */
  appsDir?: string;
  /** Deadline of each git command (default 60 s); the first clone gets five times as long. */
  gitTimeoutMs?: number;
  receiver?: ReceiverOptions;
  dryRun?: boolean;
  /** Push attempts per turn before the turn's responses fail (default 6). */
  pushAttempts?: number;
  /** First retry delay; it doubles up to 2 s (default 100 ms). */
  backoffMs?: number;
  /** One JSON object per line (default: stdout). */
  log?: (entry: Record<string, unknown>) => void;
}

export type Outcome = 'committed' | 'coalesced' | 'contained' | 'no-action' | 'logged' | 'dry-run' | 'failed';

interface Result {
  status: number;
  outcome: Outcome;
  action?: string;
  workload?: string;
  commit?: string;
  reason?: string;
}

interface Pending {
  alert: Alert;
  received: number;
  resolve: (r: Result) => void;
  /** Set by the first answer: an alert is answered (counted, logged) once. */
  answered?: true;
}

export interface Responder {
  /** The bound port (useful with port 0). */
  port: number;
  metrics: Metrics;
  /** Resolves once the checkout is cloned and usable. */
  ready: Promise<void>;
  /** Stops accepting alerts, finishes those in flight, closes the server. */
  drain(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wl = (w: Workload) => `${w.namespace}/${w.name}`;

/** Constant-time comparison of the Authorization header with the expected token (hashes make lengths equal). */
function authorized(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

/** The Receiver's path: `/hook/` + sha256 hex of token + name + namespace (as Flux computes it). */
export function receiverPath(r: Pick<ReceiverOptions, 'token' | 'name' | 'namespace'>): string {
  return `/hook/${createHash('sha256').update(r.token + r.name + r.namespace).digest('hex')}`;
}

/** The generic-hmac signature header value of a body. */
export function receiverSignature(body: string, token: string): string {
  return `sha256=${createHmac('sha256', token).update(body).digest('hex')}`;
}

function notifyReceiver(r: ReceiverOptions, body: string): Promise<void> {
  const token = reveal(r.token);
  const url = new URL(receiverPath({ ...r, token }), r.url);
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        timeout: 5000,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-signature': receiverSignature(body, token) },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve() : reject(new Error(`receiver answered ${res.statusCode}`))));
      },
    );
    req.on('timeout', () => req.destroy(new Error('receiver timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export async function startServer(opts: ServeOptions): Promise<Responder> {
  const log = opts.log ?? ((e) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...e })}\n`));
  const metrics = new Metrics();
  const timeout = opts.gitTimeoutMs ?? GIT_TIMEOUT_MS;
  const co: Checkout = {
    dir: opts.checkout,
    git: git(opts.checkout, gitEnv(opts.ssh), timeout),
    responsesDir: opts.responsesDir ?? RESPONSES_DIR,
    ...(opts.appsDir ? { appsDir: opts.appsDir } : {}),
  };
  const remoteRef = `refs/remotes/origin/${opts.branch}`;
  const attempts = opts.pushAttempts ?? 6;
  const backoff = opts.backoffMs ?? 100;
  let isReady = false;
  let draining = false;
  let inflight = 0;
  let queue: Pending[] = [];
  let writer: Promise<void> | undefined;
  /** Receiver calls under way: fired after a push, never awaited by the writer; drain waits for them. */
  const notifications = new Set<Promise<void>>();
  let notReady = 'cloning the repository';
  /** Ends the wait between clone attempts early (on drain). */
  let wake = () => {};

  async function sync(): Promise<void> {
    await co.git(['fetch', '--quiet', 'origin', `+refs/heads/${opts.branch}:${remoteRef}`]);
    await co.git(['reset', '--quiet', '--hard', remoteRef]);
    await co.git(['clean', '--quiet', '-fd']);
  }

  async function prepare(): Promise<void> {
    for (let delay = 1000; !draining; delay = Math.min(delay * 2, 30_000)) {
      try {
        const foreign = notOwnFolder(opts.checkout);
        if (foreign) throw new Error(foreign);
        if (existsSync(join(opts.checkout, '.git'))) {
          await co.git(['remote', 'set-url', 'origin', opts.remote]);
        } else {
          await git(process.cwd(), gitEnv(opts.ssh), timeout * 5)(['clone', '--quiet', '--single-branch', '--branch', opts.branch, opts.remote, opts.checkout]);
        }
        await sync();
        isReady = true;
        log({ level: 'info', msg: 'checkout ready', remote: opts.remote, branch: opts.branch, dryRun: !!opts.dryRun });
        return;
      } catch (e) {
        notReady = (e as Error).message;
        log({ level: 'error', msg: 'checkout not usable, retrying', error: notReady, retryInMs: delay });
        await new Promise<void>((r) => {
          const t = setTimeout(r, delay);
          wake = () => {
            clearTimeout(t);
            r();
          };
        });
      }
    }
  }
  const ready = prepare();

  function loadPolicy(): Policy {
    const file = isAbsolute(opts.policy) ? opts.policy : join(opts.checkout, opts.policy);
    return parsePolicy(readFileSync(file, 'utf8'), opts.policy);
  }

  function answer(p: Pending, r: Result, extra: Record<string, unknown> = {}): void {
    if (p.answered) return;
    p.answered = true;
    metrics.alerts.inc({ rule: p.alert.rule, outcome: r.outcome });
    if (r.outcome === 'coalesced' || r.outcome === 'contained') metrics.deduplicated.inc();
    if (r.outcome === 'committed' || r.outcome === 'coalesced') metrics.latency.observe((Date.now() - p.received) / 1000);
    log({
      level: r.status >= 500 ? 'error' : 'info',
      msg: 'alert',
      uuid: p.alert.uuid,
      rule: p.alert.rule,
      priority: p.alert.priorityText,
      ...(r.workload ? { workload: r.workload } : {}),
      ...(r.action ? { action: r.action } : {}),
      outcome: r.outcome,
      ...(r.commit ? { commit: r.commit } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      ms: Date.now() - p.received,
      ...extra,
    });
    p.resolve(r);
  }

  /** One turn of the writer: every pending alert, one commit per distinct response, one push. */
  async function turn(batch: Pending[]): Promise<void> {
    let lastError = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await sync();
      } catch (e) {
        lastError = (e as Error).message;
        await sleep(Math.min(backoff * 2 ** (attempt - 1), 2000));
        continue;
      }
      let policy: Policy;
      try {
        policy = loadPolicy();
      } catch (e) {
        // Nothing can be decided until the policy in Git is fixed: fail loudly rather than guess.
        for (const p of batch) answer(p, { status: 500, outcome: 'failed', reason: `policy: ${(e as Error).message}` });
        return;
      }
      const index = await readManifests(co);
      const groups = new Map<string, { decision: Decision; members: Pending[] }>();
      const rest = new Set<Pending>();
      for (const p of batch) {
        const decision = decide(policy, p.alert);
        const w = workloadOf(p.alert);
        if ('reason' in w || decision.action === 'log') {
          rest.add(p);
          continue;
        }
        const k = `${decision.action} ${wl(w)}`;
        const g = groups.get(k) ?? { decision, members: [] };
        g.members.push(p);
        groups.set(k, g);
      }
      // No workload or only a log line: answered now (there is nothing to push for them).
      for (const p of rest) {
        const plan = planResponse(co, index, p.alert, decide(policy, p.alert));
        answer(p, { status: 200, outcome: plan.action === 'log' ? 'logged' : 'no-action', ...planFields(plan) });
      }
      batch = batch.filter((p) => !rest.has(p));
      // One group at a time, each planned on the checkout as the previous commit left it: a plan holds whole file
      // texts, so two Deployments in one file must not be planned against the same snapshot.
      const made: { members: Pending[]; plan: Extract<Plan, { kind: 'change' }> }[] = [];
      for (const { decision, members } of groups.values()) {
        try {
          const plan = planResponse(co, index, members[0].alert, decision, members.length);
          if (plan.kind !== 'change') {
            const outcome: Outcome = plan.kind === 'contained' ? 'contained' : 'no-action';
            for (const p of members) answer(p, { status: 200, outcome, ...planFields(plan) });
          } else if (opts.dryRun) {
            members.forEach((p, i) => answer(p, { status: 200, outcome: i === 0 ? 'dry-run' : 'coalesced', ...planFields(plan) }, i === 0 ? { subject: plan.subject, changes: describeChange(plan) } : {}));
          } else {
            await writeAndCommit(co, plan);
            made.push({ members, plan });
          }
        } catch (e) {
          // One response that cannot be made fails its own alerts, not the batch; the checkout goes back to the
          // last commit of this turn.
          await co.git(['reset', '--quiet', '--hard', 'HEAD']);
          await co.git(['clean', '--quiet', '-fd']);
          const w = workloadOf(members[0].alert);
          for (const p of members) answer(p, { status: 500, outcome: 'failed', action: decision.action, ...('reason' in w ? {} : { workload: wl(w) }), reason: (e as Error).message });
        }
      }
      const ids = await lastCommits(co, made.length);
      const committed = made.map((c, i) => ({ members: c.members, result: { status: 200, outcome: 'committed', commit: ids[i], ...planFields(c.plan) } as Result }));
      batch = committed.flatMap((c) => c.members);
      if (committed.length === 0) return;
      try {
        await co.git(['push', '--quiet', '--porcelain', 'origin', `HEAD:refs/heads/${opts.branch}`]);
      } catch (e) {
        lastError = (e as Error).message;
        metrics.pushRetries.inc();
        log({ level: 'warn', msg: 'push failed; fetching and re-applying', attempt, error: lastError });
        await sleep(Math.min(backoff * 2 ** (attempt - 1), 2000));
        continue;
      }
      metrics.commits.inc({}, committed.length);
      log({ level: 'info', msg: 'pushed', commits: committed.map((c) => c.result.commit), alerts: batch.length, attempt });
      for (const c of committed) c.members.forEach((p, i) => answer(p, i === 0 ? c.result : { ...c.result, outcome: 'coalesced' }));
      if (opts.receiver) notify(opts.receiver, committed[committed.length - 1].result.commit!);
      return;
    }
    metrics.pushFailures.inc();
    for (const p of batch) answer(p, { status: 503, outcome: 'failed', reason: `not pushed after ${attempts} attempts: ${lastError}` });
  }

  /** Tells Flux's Receiver about a push without holding up the writer; the outcome is counted and logged. */
  function notify(receiver: ReceiverOptions, commit: string): void {
    const call = notifyReceiver(receiver, JSON.stringify({ branch: opts.branch, commit })).then(
      () => {
        metrics.receiver.inc({ result: 'ok' });
        log({ level: 'info', msg: 'Flux Receiver notified', commit });
      },
      (e) => {
        metrics.receiver.inc({ result: 'failed' });
        log({ level: 'warn', msg: 'Flux Receiver not notified; Flux will find the commit at its next poll', commit, error: (e as Error).message });
      },
    );
    notifications.add(call);
    void call.finally(() => notifications.delete(call));
  }

  function enqueue(alert: Alert): Promise<Result> {
    return new Promise((resolve) => {
      queue.push({ alert, received: Date.now(), resolve });
      writer ??= (async () => {
        while (queue.length > 0) {
          const batch = queue;
          queue = [];
          try {
            await turn(batch);
          } catch (e) {
            // A bug or a broken checkout: answer what is still unanswered (answer() skips the others), never
            // leave a request hanging.
            for (const p of batch) answer(p, { status: 500, outcome: 'failed', reason: (e as Error).message });
          }
        }
        writer = undefined;
      })();
    });
  }

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; version=0.0.4; charset=utf-8' : 'application/json', ...headers });
    res.end(text);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, 'ok\n');
    if (req.method === 'GET' && path === '/readyz') return isReady && !draining ? send(res, 200, 'ready\n') : send(res, 503, `not ready: ${draining ? 'shutting down' : notReady}\n`);
    if (req.method === 'GET' && path === '/metrics') return send(res, 200, metrics.render());
    if (path !== RESPONDER_ALERT_PATH) return send(res, 404, { error: `no such path; alerts go to POST ${RESPONDER_ALERT_PATH}` });
    if (req.method !== 'POST') return send(res, 405, { error: 'alerts are POSTed' }, { allow: 'POST' });
    if (draining) return send(res, 503, { error: 'shutting down' }, { connection: 'close' });
    let token: string;
    try {
      // Read at every request: the kubelet updates a mounted Secret's file in place when the Secret changes.
      token = reveal(opts.token).trim();
      if (!token) throw new Error('it is empty');
    } catch (e) {
      log({ level: 'error', msg: 'webhook token unusable', error: (e as Error).message });
      return send(res, 503, { error: 'the webhook token cannot be read' });
    }
    if (!authorized(req.headers.authorization, token)) return send(res, 401, { error: 'missing or wrong Bearer token' }, { 'www-authenticate': 'Bearer' });
    const tooLarge = () => send(res, 413, { error: `body over ${MAX_BODY_BYTES} bytes` }, { connection: 'close' });
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return tooLarge();
      chunks.push(chunk);
    }
    let alert: Alert;
    try {
      alert = parseAlertJson(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      if (!(e instanceof AlertError)) throw e;
      log({ level: 'warn', msg: 'alert rejected', reason: e.message });
      return send(res, 400, { error: e.message });
    }
    if (!isReady) return send(res, 503, { error: `not ready: ${notReady}` });
    const r = await enqueue(alert);
    send(res, r.status, r);
  }

  const server = http.createServer((req, res) => {
    inflight++;
    res.on('close', () => inflight--);
    handle(req, res).catch((e) => {
      log({ level: 'error', msg: 'request failed', error: (e as Error).message });
      if (!res.headersSent) send(res, 500, { error: (e as Error).message });
      else res.destroy();
    });
  });
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', resolve);
  });
  const port = (server.address() as { port: number }).port;
  log({ level: 'info', msg: 'listening', port, path: RESPONDER_ALERT_PATH });

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    wake();
    log({ level: 'info', msg: 'draining: finishing alerts in flight, accepting none' });
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    while (inflight > 0 || writer) {
      await (writer ?? sleep(20));
      server.closeIdleConnections();
    }
    server.closeAllConnections();
    await closed;
    await ready;
    await Promise.all(notifications);
    log({ level: 'info', msg: 'stopped' });
  }

  return { port, metrics, ready, drain };
}

/**
 * Why `dir` cannot be the checkout, when it exists but belongs to another user: git (2.35.2 and later) refuses a
 * work tree that the running user does not own ("dubious ownership"), so every fetch would fail.
 */
export function notOwnFolder(dir: string): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined || !existsSync(dir)) return undefined;
  const owner = statSync(dir).uid;
  if (owner === uid) return undefined;
  return (
    `the checkout folder ${dir} is owned by uid ${owner}, not by the responder (uid ${uid}); git refuses such a work ` +
    'tree as "dubious ownership". Give the responder a folder it creates itself (mount the volume at the parent folder)'
  );
}

function planFields(plan: Plan): Pick<Result, 'action' | 'workload' | 'reason'> {
  return {
    ...(plan.action ? { action: plan.action } : {}),
    ...(plan.workload ? { workload: wl(plan.workload) } : {}),
    ...(plan.kind === 'none' ? { reason: plan.reason } : plan.kind === 'contained' ? { reason: `already contained by ${plan.action}` } : plan.note ? { reason: plan.note } : {}),
  };
}
