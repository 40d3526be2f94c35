/**
 * `serve`: the HTTP server Falcosidekick posts alerts to. Alerts go through ONE writer queue: each turn takes
 * every pending alert, fetches the branch, re-reads the policy, groups identical responses (same action, same
 * Deployment) into one commit each, planned one after another on the checkout as the previous one left it and
 * committed together (one `git fast-import` for several: a process per commit made 200 responses take seconds),
 * and pushes them at once. Every git command has a deadline, and the Flux Receiver is called without holding the
 * writer. A rejected push means the remote moved: when its new commits touch none of the turn's files, the same
 * commits are made on the new head and pushed at once; otherwise fetch, re-apply on the new head, push again with
 * backoff for `retryForMs` (default 15 minutes); never force.
 * An accepted alert (authenticated, valid) is first written to the journal (fsynced), then answered 200 when its
 * response is in Git or decided within `answerWithinMs`, else 202: journaled, it will be pushed (and survives a
 * restart: the journal is replayed). Over the caps (connections, requests, buffered bytes, journal size) the
 * answer is 503 with Retry-After.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { ALERT_WORKLOAD_FIELDS, RESPONDER_ALERT_PATH, RESPONSES_DIR } from '../contract/naming';
import { type Alert, AlertError, type Workload, parseAlertJson, workloadOf } from './alert';
import { GIT_TIMEOUT_MS, type SshOptions, git, gitEnv, looseRef, shell } from './git';
import { type Entry, Journal } from './journal';
import { Metrics } from './metrics';
import { type Decision, type Policy, decide, parsePolicy } from './policy';
import type { DeploymentManifest, ManifestCache } from './manifests';
import { type Checkout, type Plan, type Written, commitWritten, describeChange, lastCommits, planResponse, readManifests, writeAndCommit, writePlanFiles } from './respond';
import { pushReplayed, refused } from './replay';

/**
 * How long a fetch stays fresh (ms): within it, a turn on a clean checkout does not fetch again. In a burst, turns
 * follow each other every few tens of milliseconds, and each git process forks the whole responder, holding its
 * event loop (and the connections waiting to be accepted) for 4-18 ms (measured in a burst).
 */
const FRESH_MS = 250;

/** Largest alert body accepted. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ReceiverOptions {
  /** Base URL of Flux's notification-controller webhook receiver Service. */
  url: string;
  /** The whole call's deadline, connection to last byte (default 10 s): a Receiver that trickles cannot hold it. */
  deadlineMs?: number;
  name: string;
  namespace: string;
  /** The Receiver token, or a function that reads it (from its mounted Secret file) at each call. */
  token: Secret;
}

/**
 * A secret value, or a function that reads it (from its mounted file), so a rotated Secret is picked up without a
 * restart; `fresh` asks it to look at the file now rather than give what it read a moment ago.
 */
export type Secret = string | ((fresh?: boolean) => string);
const reveal = (s: Secret, fresh = false) => (typeof s === 'function' ? s(fresh) : s);

export interface ServeOptions {
  port: number;
  host?: string;
  remote: string;
  branch: string;
  /** Where the branch is cloned (an empty or absent folder, or an earlier clone of the same remote). */
  checkout: string;
  /** The Bearer token Falcosidekick sends (a function is asked at every request, and asked `fresh` on a mismatch). */
  token: Secret;
  ssh?: SshOptions;
  /** The policy file: a filesystem path (absolute, or relative to the current folder), re-read when it changes. */
  policy: string;
  /** The journal file (default: `<checkout>.journal`, beside the checkout on the same volume). */
  journal?: string;
  /** How long a response whose push fails is retried before it is given up (default 15 minutes). */
  retryForMs?: number;
  /** How long a request waits for its response to be in Git before it is answered 202 (default 10 s). */
  answerWithinMs?: number;
  /** Caps: open connections (default 5120; a connection accepted over it is answered 503, over twice it reset at accept), requests being read or journaled (5120; answered requests waiting for Git are bounded by the same number), body bytes buffered (32 MiB), journal entries (50,000). */
  maxConnections?: number;
  maxRequests?: number;
  maxBufferedBytes?: number;
  maxJournal?: number;
  /** The longest SIGTERM drain (default 20 s): what is not pushed by then stays in the journal for the next start. */
  drainMs?: number;
  responsesDir?: string;
  /** The folder searched for Deployments (default APPS_DIR). */
  appsDir?: string;
  /** Deadline of each git command (default 60 s); the first clone gets five times as long. */
  gitTimeoutMs?: number;
  receiver?: ReceiverOptions;
  dryRun?: boolean;
  /** First retry delay; it doubles up to 2 s, with jitter (default 100 ms). */
  backoffMs?: number;
  /** One JSON object per line (default: stdout). */
  log?: (entry: Record<string, unknown>) => void;
}

export type Outcome = 'journaled' | 'committed' | 'coalesced' | 'contained' | 'no-action' | 'logged' | 'dry-run' | 'failed';

interface Result {
  status: number;
  outcome: Outcome;
  action?: string;
  workload?: string;
  commit?: string;
  reason?: string;
}

interface Pending {
  id: string;
  alert: Alert;
  received: number;
  /** The waiting request, if any (none after a 202 or for a replayed alert). */
  resolve?: (r: Result) => void;
  /** Set once decided: an alert is decided (counted, logged) once. */
  answered?: true;
  /** It was answered 202 before its response landed. */
  early?: true;
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
/**
 * Waits for `p`, but not past `deadline` (epoch ms). The timer is cleared once `p` settles: a pending timer would
 * keep the process alive after the drain, until the deadline.
 */
async function untilDeadline(p: Promise<unknown>, deadline: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))));
  try {
    await Promise.race([p.then(() => undefined, () => undefined), expired]);
  } finally {
    clearTimeout(timer);
  }
}
const wl = (w: Workload) => `${w.namespace}/${w.name}`;

/**
 * Collects items and hands them to `flush` together on the next turn of the event loop, at most `max` a turn (the
 * rest on the turns after, with I/O callbacks served in between).
 */
export function perTick<T>(flush: (items: T[]) => void, max = Infinity): (item: T) => void {
  const items: T[] = [];
  const run = () => {
    flush(items.splice(0, max));
    if (items.length > 0) setImmediate(run);
  };
  return (item) => {
    if (items.length === 0) setImmediate(run);
    items.push(item);
  };
}

/**
 * The default log: one JSON object per line on stdout, the lines of one turn of the event loop written together
 * (stdout is written synchronously; a burst decides 5,000 alerts at once).
 */
function stdoutLog(): (entry: Record<string, unknown>) => void {
  const write = perTick<string>((lines) => process.stdout.write(lines.join('')));
  return (e) => write(`${JSON.stringify({ time: new Date().toISOString(), ...e })}\n`);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Checks the Authorization header against the expected token in constant time (hashes make the lengths equal); the
 * expected token's hash is made again only when the token changes.
 */
function authorizer(): (header: string | undefined, token: string) => boolean {
  let expected = { token: '', hash: sha256('') };
  return (header, token) => {
    const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
    if (expected.token !== token) expected = { token, hash: sha256(token) };
    return timingSafeEqual(sha256(given), expected.hash) && given.length > 0;
  };
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
  const token = reveal(r.token, true);
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
    // An overall deadline, not only an idle one: a Receiver that trickles its answer cannot hold the call.
    const ms = r.deadlineMs ?? 10_000;
    const deadline = setTimeout(() => req.destroy(new Error(`receiver did not answer within ${ms / 1000} s`)), ms);
    req.on('timeout', () => req.destroy(new Error('receiver timed out')));
    req.on('error', reject);
    req.on('close', () => clearTimeout(deadline));
    req.end(body);
  });
}

export async function startServer(opts: ServeOptions): Promise<Responder> {
  const log = opts.log ?? stdoutLog();
  const metrics = new Metrics();
  const authorized = authorizer();
  const timeout = opts.gitTimeoutMs ?? GIT_TIMEOUT_MS;
  const env = gitEnv(opts.ssh);
  const co: Checkout = {
    dir: opts.checkout,
    git: git(opts.checkout, env, timeout),
    responsesDir: opts.responsesDir ?? RESPONSES_DIR,
    ...(opts.appsDir ? { appsDir: opts.appsDir } : {}),
  };
  /** The replay rounds after a push refused because the branch moved (replay.ts). */
  const sh = shell(opts.checkout, env, timeout);
  const remoteRef = `refs/remotes/origin/${opts.branch}` as const;
  const backoff = opts.backoffMs ?? 100;
  const retryFor = opts.retryForMs ?? 15 * 60_000;
  const answerWithin = opts.answerWithinMs ?? 10_000;
  const caps = { connections: opts.maxConnections ?? 5120, requests: opts.maxRequests ?? 5120, bytes: opts.maxBufferedBytes ?? 32 * 1024 * 1024, journal: opts.maxJournal ?? 50_000 };
  const { journal, skipped } = await Journal.open(opts.journal ?? `${opts.checkout.replace(/\/+$/, '')}.journal`);
  if (skipped > 0) log({ level: 'warn', msg: 'journal lines unreadable, skipped', lines: skipped });
  let checkoutOk = false;
  let pushOk = true;
  let policyError = '';
  let draining = false;
  let inflight = 0;
  let buffered = 0;
  /** Accepted alerts not yet decided, in arrival order (the journal holds the same, on disk). */
  const pending = new Map<string, Pending>();
  let writer: Promise<void> | undefined;
  /** Receiver calls under way: fired after a push, never awaited by the writer; drain waits for them (bounded). */
  const notifications = new Set<Promise<void>>();
  let notReady = 'cloning the repository';
  /** Ends a wait (between clone attempts or push retries) early: on drain, or when a new alert arrives. */
  let wake = () => {};
  const nap = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });
  const isReady = () => checkoutOk && pushOk && !policyError && !draining;
  const whyNot = () => (draining ? 'shutting down' : policyError ? `policy: ${policyError}` : !checkoutOk ? notReady : `the last push failed: ${notReady}`);

  /**
   * Lock files left by a git that was killed (`index.lock`, `HEAD.lock`, ref locks) make every later command fail.
   * Only this process runs git in the checkout, one command at a time, and never while healing: any lock is stale.
   */
  function removeStaleLocks(): string[] {
    const removed: string[] = [];
    const walk = (dir: string, depth: number) => {
      if (depth > 6 || !existsSync(dir)) return;
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, e.name);
        if (e.isDirectory() && e.name !== 'objects') walk(full, depth + 1);
        else if (e.isFile() && e.name.endsWith('.lock')) {
          rmSync(full, { force: true });
          removed.push(full);
        }
      }
    };
    walk(join(opts.checkout, '.git'), 0);
    if (removed.length > 0) log({ level: 'warn', msg: 'removed stale git lock files', files: removed });
    return removed;
  }

  // Fetch and push name the configured remote itself, not `origin`: a checkout whose origin was changed (by
  // hand, by a hook) can never send a response elsewhere.
  async function sync(): Promise<void> {
    // Fetched a moment ago and untouched since: the turn plans on the checkout as it is. A change is still pushed
    // only as a fast-forward of the remote's head (a push onto a moved branch is refused, then fetched and
    // replayed); what can be a moment old is only "already contained" (as it could be right after any fetch).
    // HEAD must be the commit this process left it at: anything else (a corrupted HEAD, a hand's commit) fetches,
    // and a failing fetch heals.
    if (cleanHead() !== undefined && Date.now() - fetchedAt < FRESH_MS) return;
    await fetchBranch();
    // Reset to the remote's head unless the work tree is that head already, untouched since: two git processes a
    // turn fewer.
    const head = cleanHead();
    if (head !== undefined && head === looseRef(opts.checkout, remoteRef)) return;
    cleanAt = undefined;
    await co.git(['reset', '--quiet', '--hard', remoteRef]);
    await co.git(['clean', '--quiet', '-ffd']);
    cleanAt = looseRef(opts.checkout, 'HEAD');
  }
  /**
   * Fetches the branch. Git's automatic maintenance (a process of its own after every fetch) runs at most every
   * 10 minutes: in a burst a turn comes every few tens of milliseconds.
   */
  let maintainedAt = 0;
  /**
   * When the last fetch began, or the last push that landed (ms): what the checkout knows of the remote is at least
   * that recent.
   */
  let fetchedAt = 0;
  async function fetchBranch(): Promise<void> {
    const maintain = Date.now() - maintainedAt > 10 * 60_000;
    const at = Date.now();
    await co.git(['fetch', '--quiet', ...(maintain ? [] : ['--no-auto-maintenance']), opts.remote, `+refs/heads/${opts.branch}:${remoteRef}`]);
    fetchedAt = at;
    if (maintain) maintainedAt = at;
  }
  /**
   * The commit whose files the work tree and index hold exactly, as this process left them: set after a reset and
   * after a turn whose commits were pushed as made; cleared whenever a turn writes files (a failure can leave them
   * half done). Undefined: not known (or not a loose ref), so the next turn fetches and resets.
   */
  let cleanAt: string | undefined;
  /** HEAD, when it is still `cleanAt` (read from the ref file, no git process). */
  const cleanHead = () => (cleanAt !== undefined && looseRef(opts.checkout, 'HEAD') === cleanAt ? cleanAt : undefined);
  /** Parsed manifests of the apps folder, kept between turns (a file is parsed again only when its text changed). */
  const manifestCache: ManifestCache = new Map();
  /** The last index and the HEAD it was read at: a turn on the same clean HEAD reads no file. */
  let indexed: { head: string; index: Map<string, DeploymentManifest[]> } | undefined;
  async function manifests(): Promise<Map<string, DeploymentManifest[]>> {
    // After sync the work tree is HEAD's; not known to be (packed, detached, touched): read.
    const head = cleanHead();
    if (head !== undefined && indexed?.head === head) return indexed.index;
    const index = await readManifests(co, manifestCache);
    indexed = head === undefined ? undefined : { head, index };
    return index;
  }

  /** Throws when the remote cannot be read (gone, unreachable, no such branch): then the checkout is not to blame. */
  async function remoteReadable(): Promise<void> {
    const heads = await git(process.cwd(), env, timeout)(['ls-remote', '--heads', opts.remote, `refs/heads/${opts.branch}`]);
    if (!heads.trim()) throw new Error(`the remote has no branch ${opts.branch}`);
  }

  /**
   * Makes the checkout usable: no stale locks, the right remote, the branch's head. Re-cloned when that fails and
   * the remote itself is readable (a remote that is down is waited for, the checkout kept).
   */
  async function heal(): Promise<void> {
    const foreign = notOwnFolder(opts.checkout);
    if (foreign) throw new Error(foreign);
    const dotGit = join(opts.checkout, '.git');
    cleanAt = undefined;
    if (existsSync(dotGit) && statSync(dotGit).isDirectory()) {
      removeStaleLocks();
      try {
        await co.git(['remote', 'set-url', 'origin', opts.remote]);
        await sync();
        return;
      } catch (e) {
        await remoteReadable();
        log({ level: 'warn', msg: 'checkout broken, cloning again', error: (e as Error).message });
      }
    }
    rmSync(opts.checkout, { recursive: true, force: true });
    await git(process.cwd(), env, timeout * 5)(['clone', '--quiet', '--single-branch', '--branch', opts.branch, opts.remote, opts.checkout]);
    await sync();
  }

  /** Set after a batch commit failed: the next turn commits one response at a time (see attempt). */
  let commitOneByOne = false;

  /** Until the first heal succeeds; afterwards the writer heals by itself (never two heals at once). */
  let preparing = true;
  async function prepare(): Promise<void> {
    try {
      for (let delay = 1000; !draining; delay = Math.min(delay * 2, 30_000)) {
        try {
          await heal();
          // Parsed once now, so that the first turn of a burst does not parse every manifest while alerts pour in.
          await manifests();
          checkoutOk = true;
          log({ level: 'info', msg: 'checkout ready', remote: opts.remote, branch: opts.branch, dryRun: !!opts.dryRun, journaled: pending.size });
          return;
        } catch (e) {
          notReady = (e as Error).message;
          log({ level: 'error', msg: 'checkout not usable, retrying', error: notReady, retryInMs: delay });
          await nap(delay);
        }
      }
    } finally {
      preparing = false;
      kick();
    }
  }

  /** The policy, re-read when its file changes; an unreadable or invalid one makes the server not ready. */
  let policy: Policy | undefined;
  let policyStamp = '';
  function currentPolicy(): Policy | undefined {
    let stamp: string;
    try {
      const st = statSync(opts.policy);
      stamp = `${st.mtimeMs} ${st.size} ${st.ino}`;
    } catch (e) {
      policyError = `${opts.policy}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
      return undefined;
    }
    if (stamp === policyStamp) return policy;
    policyStamp = stamp;
    try {
      policy = parsePolicy(readFileSync(opts.policy, 'utf8'), opts.policy);
      policyError = '';
    } catch (e) {
      policy = undefined;
      policyError = (e as Error).message;
      log({ level: 'error', msg: 'policy unusable; alerts wait in the journal', error: policyError });
    }
    return policy;
  }
  currentPolicy();

  /**
   * Waiting requests are answered from the next turn of the event loop, 256 a turn: the writer's next turn starts
   * first, and its steps go on between the chunks (each git process it waits for ends in an I/O callback). A big
   * turn's 4,000 answers hold the event loop for about half a second; written in one go, they held back the turn
   * deciding the burst's stragglers by as much. Their outcome (journal, metrics, log) is recorded already.
   */
  const answerSoon = perTick<[(r: Result) => void, Result]>((due) => {
    for (const [done, result] of due) done(result);
  }, 256);

  /** Decides an alert once: journal, metrics, log, and the waiting request if there still is one. */
  function answer(p: Pending, r: Result, extra: Record<string, unknown> = {}): void {
    if (p.answered) return;
    p.answered = true;
    pending.delete(p.id);
    journal.decided([p.id]);
    metrics.alerts.inc({ rule: metrics.ruleLabel(p.alert.rule), outcome: r.outcome });
    if (r.outcome === 'coalesced' || r.outcome === 'contained') metrics.deduplicated.inc();
    if (r.outcome === 'committed' || r.outcome === 'coalesced') metrics.latency.observe((Date.now() - p.received) / 1000);
    if (p.early && (r.outcome === 'committed' || r.outcome === 'coalesced')) metrics.late.inc();
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
      ...(p.early ? { answered: 202 } : {}),
      ...extra,
    });
    if (p.resolve) answerSoon([p.resolve, r]);
  }

  /**
   * One attempt over every pending alert: one commit per distinct response, one push. Returns why it must be tried
   * again (the checkout, the policy or the push failed), or undefined when every alert of the batch is decided.
   */
  async function attempt(batch: Pending[], n: number): Promise<string | undefined> {
    if (preparing) return notReady;
    try {
      if (!checkoutOk) throw new Error(notReady);
      await sync();
    } catch {
      // A fetch that fails may be the remote, or the checkout (a lock, corruption): heal, else clone again.
      try {
        await heal();
        checkoutOk = true;
      } catch (h) {
        checkoutOk = false;
        notReady = (h as Error).message;
        return notReady;
      }
    }
    const pol = currentPolicy();
    if (!pol) return `policy: ${policyError}`;
    const index = await manifests();
    const groups = new Map<string, { decision: Decision; members: Pending[] }>();
    const rest = new Set<Pending>();
    for (const p of batch) {
      const decision = decide(pol, p.alert);
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
    // No workload or only a log line: decided now (there is nothing to push for them).
    for (const p of rest) {
      const plan = planResponse(co, index, p.alert, decide(pol, p.alert));
      answer(p, { status: 200, outcome: plan.action === 'log' ? 'logged' : 'no-action', ...planFields(plan) });
    }
    // One group at a time, each planned on the checkout as the previous response left it: a plan holds whole file
    // texts, so two Deployments in one file must not be planned against the same snapshot. Its files are written
    // now and all the turn's responses committed at the end (one commit each, one process for all); after a batch
    // that failed, the next turn commits one at a time, so a response that cannot be committed fails only its own.
    const serial = commitOneByOne;
    const made: { members: Pending[]; plan: Extract<Plan, { kind: 'change' }>; written?: Written }[] = [];
    for (const { decision, members } of groups.values()) {
      try {
        const plan = planResponse(co, index, members[0].alert, decision, members.length);
        if (plan.kind !== 'change') {
          const outcome: Outcome = plan.kind === 'contained' ? 'contained' : 'no-action';
          for (const p of members) answer(p, { status: 200, outcome, ...planFields(plan) });
        } else if (opts.dryRun) {
          members.forEach((p, i) => answer(p, { status: 200, outcome: i === 0 ? 'dry-run' : 'coalesced', ...planFields(plan) }, i === 0 ? { subject: plan.subject, changes: describeChange(plan) } : {}));
        } else if (serial) {
          cleanAt = undefined;
          await writeAndCommit(co, plan);
          made.push({ members, plan });
        } else {
          cleanAt = undefined;
          made.push({ members, plan, written: writePlanFiles(co, plan) });
        }
      } catch (e) {
        // One response that cannot be made is decided as failed for its own alerts only (retrying would not help:
        // it is the same Git content); writeAndCommit and writePlanFiles have already put its files back.
        const w = workloadOf(members[0].alert);
        for (const p of members) answer(p, { status: 500, outcome: 'failed', action: decision.action, ...('reason' in w ? {} : { workload: wl(w) }), reason: (e as Error).message });
      }
    }
    if (made.length === 0) return undefined;
    let ids: string[];
    if (serial) ids = await lastCommits(co, made.length);
    else {
      try {
        ids = await commitWritten(co, made.map((m) => ({ plan: m.plan, written: m.written! })));
      } catch (e) {
        commitOneByOne = true;
        log({ level: 'warn', msg: 'committing the batch failed; the next turn commits one response at a time', responses: made.length, error: (e as Error).message });
        return (e as Error).message;
      }
    }
    commitOneByOne = false;
    const pushedAt = Date.now();
    try {
      try {
        await push();
        // The commits as made, with the index set to them: the checkout is the remote's head.
        cleanAt = looseRef(opts.checkout, 'HEAD');
      } catch (e) {
        const again = await pushAgain(made.map((m) => m.plan), e as Error);
        ids = again.ids;
        // Set to the head they landed on by the same script; if that failed, the next turn resets.
        if (again.clean) cleanAt = looseRef(opts.checkout, 'HEAD');
      }
      // A push that landed was a fast-forward of the remote's head as it was then: known at least that recently.
      fetchedAt = Math.max(fetchedAt, pushedAt);
    } catch (e) {
      pushOk = false;
      notReady = (e as Error).message;
      metrics.pushRetries.inc();
      log({ level: 'warn', msg: 'push failed; will fetch and re-apply', attempt: n, alerts: made.reduce((a, m) => a + m.members.length, 0), error: notReady });
      return notReady;
    }
    pushOk = true;
    metrics.commits.inc({}, made.length);
    log({ level: 'info', msg: 'pushed', commits: ids, alerts: made.reduce((a, m) => a + m.members.length, 0), attempt: n });
    made.forEach((c, i) => {
      const result: Result = { status: 200, outcome: 'committed', commit: ids[i], ...planFields(c.plan) };
      c.members.forEach((p, j) => answer(p, j === 0 ? result : { ...result, outcome: 'coalesced' }));
    });
    if (opts.receiver) notify(opts.receiver, ids[ids.length - 1]);
    return undefined;
  }

  const push = () => co.git(['push', '--quiet', '--porcelain', opts.remote, `HEAD:refs/heads/${opts.branch}`]);

  /**
   * After a push refused because the branch moved: the same commits on its new head, pushed at once (see
   * replay.ts), each round counted as a push retried. Returns the new ids and whether the checkout is at them;
   * throws what the turn fails with when that does not apply (not refused for a move, the branch did not move, our
   * files changed there) or did not land.
   */
  async function pushAgain(plans: Extract<Plan, { kind: 'change' }>[], first: Error): Promise<{ ids: string[]; clean: boolean }> {
    if (!refused(first.message)) throw first;
    const r = await pushReplayed(co, sh, { remote: opts.remote, branch: opts.branch, tracking: remoteRef }, plans);
    metrics.pushRetries.inc({}, r.rounds);
    if (!('ids' in r)) throw r.error ? new Error(`git push failed after ${r.rounds} rounds: ${r.error}`) : first;
    log({ level: 'info', msg: 'the branch moved; the same commits were made on its new head', commits: r.ids.length, attempt: r.rounds });
    return r;
  }

  /** The single writer: while alerts are pending, attempt; after a failure back off (jittered), give up past retryFor. */
  function kick(): void {
    writer ??= (async () => {
      // First yield, so `writer` is assigned before this function can clear it.
      await null;
      let failures = 0;
      while (pending.size > 0 && !(draining && drainExpired)) {
        const batch = [...pending.values()];
        let why: string | undefined;
        try {
          why = await attempt(batch, failures + 1);
        } catch (e) {
          // A bug or an odd alert: decide what is still undecided (answer() skips the others), never hang a request.
          for (const p of batch) answer(p, { status: 500, outcome: 'failed', reason: (e as Error).message });
        }
        if (why === undefined) {
          failures = 0;
          continue;
        }
        failures++;
        const now = Date.now();
        for (const p of batch) {
          if (!p.answered && now - p.received > retryFor) {
            metrics.pushFailures.inc();
            answer(p, { status: 503, outcome: 'failed', reason: `not pushed within ${Math.round(retryFor / 1000)} s: ${why}` });
          }
        }
        if (pending.size > 0) await nap(Math.min(backoff * 2 ** Math.min(failures - 1, 10), 2000) * (0.5 + Math.random()));
      }
      writer = undefined;
    })();
  }
  let drainExpired = false;

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

  // Alerts accepted before a crash or restart: decided again (a response already in Git is "contained": no second commit).
  for (const e of journal.live.values()) pending.set(e.id, { id: e.id, alert: e.alert, received: e.received });
  if (pending.size > 0) log({ level: 'info', msg: 'journal replayed', alerts: pending.size });
  metrics.journal = () => ({ depth: pending.size, age: journal.age(), bytes: journal.liveBytes });

  /** Requests reading a body or being journaled (memory), and requests answered but waiting for Git (a socket). */
  let reading = 0;
  let waiting = 0;
  /** Open connections (counted by the server's 'connection' events). */
  let connections = 0;
  /**
   * Connections accepted while the cap was already full: their requests are answered 503. Marked at accept, so a
   * storm is served in arrival order (the first `caps.connections` are), not refused whole once it is in.
   */
  const overCap = new WeakSet<object>();

  /** Journals an accepted alert (fsynced), then waits up to answerWithin for its response to be in Git. */
  async function accept(alert: Alert, journaled: () => void = () => {}): Promise<Result> {
    // `alert` is compact (see handle): what the journal and the pending map keep.
    const e: Entry = { id: randomUUID(), received: Date.now(), alert };
    const p: Pending = { id: e.id, alert: e.alert, received: e.received };
    const result = new Promise<Result>((r) => (p.resolve = r));
    await journal.add(e);
    journaled();
    pending.set(p.id, p);
    wake();
    kick();
    // Kept: answering now frees the connection. Many requests already waiting for Git are answered 202 at once,
    // so a storm holds no more than `caps.requests` connections open while the writer works.
    const now: Result = { status: 202, outcome: 'journaled', reason: `journaled; its response will be pushed (retried for ${Math.round(retryFor / 1000)} s)` };
    if (waiting >= caps.requests) {
      p.early = true;
      return now;
    }
    waiting++;
    try {
      return await answerOrWait(p, result, now);
    } finally {
      waiting--;
    }
  }

  async function answerOrWait(p: Pending, result: Promise<Result>, now: Result): Promise<Result> {
    let timer: NodeJS.Timeout | undefined;
    const early = new Promise<Result>((r) => {
      timer = setTimeout(() => r(now), answerWithin);
    });
    const r = await Promise.race([result, early]);
    clearTimeout(timer);
    if (r.status === 202) {
      p.early = true;
      p.resolve = undefined;
    }
    return r;
  }

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, outcome = 'answered') => {
    metrics.responses.inc({ status: String(status), outcome });
    const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; version=0.0.4; charset=utf-8' : 'application/json', ...headers });
    res.end(text);
  };
  /** Refusals are logged at most once per second per kind, with how many were not logged. */
  const quiet = new Map<string, { at: number; suppressed: number }>();
  function logRefusal(kind: string, entry: Record<string, unknown>): void {
    const q = quiet.get(kind) ?? { at: 0, suppressed: 0 };
    const now = Date.now();
    if (now - q.at < 1000) q.suppressed++;
    else {
      log({ level: 'warn', msg: `request refused: ${kind}`, ...entry, ...(q.suppressed ? { suppressed: q.suppressed } : {}) });
      q.at = now;
      q.suppressed = 0;
    }
    quiet.set(kind, q);
  }
  const busy = (res: http.ServerResponse, why: string) => {
    logRefusal('busy', { reason: why });
    send(res, 503, { error: `busy: ${why}; retry later` }, { 'retry-after': '1', connection: 'close' }, 'busy');
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, 'ok\n', {}, 'healthz');
    if (req.method === 'GET' && path === '/readyz') {
      // The probe re-reads a changed policy (a stat when unchanged): a broken one ends readiness now, not at the next alert.
      currentPolicy();
      return isReady() ? send(res, 200, 'ready\n', {}, 'readyz') : send(res, 503, `not ready: ${whyNot()}\n`, {}, 'readyz');
    }
    if (req.method === 'GET' && path === '/metrics') return send(res, 200, metrics.render(), {}, 'metrics');
    if (path !== RESPONDER_ALERT_PATH) return send(res, 404, { error: `no such path; alerts go to POST ${RESPONDER_ALERT_PATH}` }, {}, 'not-found');
    if (req.method !== 'POST') return send(res, 405, { error: 'alerts are POSTed' }, { allow: 'POST' }, 'not-allowed');
    if (draining) return send(res, 503, { error: 'shutting down' }, { connection: 'close', 'retry-after': '5' }, 'shutting-down');
    // Over the connection cap, an alert is told (503, Retry-After) rather than reset at accept; probes still answer.
    if (overCap.has(req.socket)) return busy(res, `${caps.connections} connections open`);
    if (reading >= caps.requests) return busy(res, `${caps.requests} requests being read`);
    if (pending.size >= caps.journal) return busy(res, `${caps.journal} alerts waiting in the journal`);
    reading++;
    let released = false;
    const release = () => {
      if (!released) reading--;
      released = true;
    };
    try {
      return await handleAlert(req, res, release);
    } finally {
      release();
    }
  }

  /** The POST of an alert: token, body, validation, journal; `release` once it no longer holds a body in memory. */
  async function handleAlert(req: http.IncomingMessage, res: http.ServerResponse, release: () => void): Promise<void> {
    let ok: boolean;
    try {
      const token = (fresh: boolean) => {
        const t = reveal(opts.token, fresh).trim();
        if (!t) throw new Error('it is empty');
        return t;
      };
      // The kubelet swaps a mounted Secret's file when the Secret changes: a token that does not match what was
      // read a moment ago is checked against the file as it is now, so a new token works at once.
      ok = authorized(req.headers.authorization, token(false)) || authorized(req.headers.authorization, token(true));
    } catch (e) {
      logRefusal('token', { error: `webhook token unusable: ${(e as Error).message}` });
      return send(res, 503, { error: 'the webhook token cannot be read' }, { 'retry-after': '1' }, 'token-unreadable');
    }
    if (!ok) {
      logRefusal('unauthorized', { remote: req.socket.remoteAddress });
      return send(res, 401, { error: 'missing or wrong Bearer token' }, { 'www-authenticate': 'Bearer' }, 'unauthorized');
    }
    const tooLarge = () => {
      logRefusal('too-large', { remote: req.socket.remoteAddress });
      send(res, 413, { error: `body over ${MAX_BODY_BYTES} bytes` }, { connection: 'close' }, 'too-large');
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return tooLarge();
    // Bytes held by bodies being read, all requests together: over the cap, refuse rather than grow.
    const reserve = declared > 0 ? declared : 64 * 1024;
    if (buffered + reserve > caps.bytes) return busy(res, 'too many bytes buffered');
    buffered += reserve;
    let size = 0;
    const chunks: Buffer[] = [];
    let alert: Alert;
    try {
      const whole = await readBody(req, (chunk) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          tooLarge();
          return false;
        }
        if (size > reserve) {
          if (buffered + chunk.length > caps.bytes) {
            busy(res, 'too many bytes buffered');
            return false;
          }
          buffered += chunk.length;
        }
        chunks.push(chunk);
        return true;
      });
      if (!whole) return;
      // Still under the cap while parsing: the text and the parsed alert are the peak. Only the compact alert
      // outlives this block (a request can wait for Git for --answer-within with it).
      try {
        alert = compact(parseAlertJson(Buffer.concat(chunks).toString('utf8')));
      } catch (e) {
        if (!(e instanceof AlertError)) throw e;
        logRefusal('invalid', { reason: e.message });
        return send(res, 400, { error: e.message }, {}, 'invalid');
      }
      chunks.length = 0;
    } finally {
      buffered -= Math.max(reserve, size);
    }
    const r = await accept(alert, release);
    send(res, r.status, r, {}, r.outcome);
  }

  const server = http.createServer((req, res) => {
    inflight++;
    res.on('close', () => inflight--);
    handle(req, res).catch((e) => {
      log({ level: 'error', msg: 'request failed', error: (e as Error).message });
      if (!res.headersSent) send(res, 500, { error: (e as Error).message }, {}, 'error');
      else res.destroy();
    });
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  // Connections over the cap are still accepted, to be answered 503 (see handle); only beyond twice the cap
  // are they reset at accept, which bounds what a storm can hold open.
  server.on('connection', (socket) => {
    connections++;
    if (connections > caps.connections) overCap.add(socket);
    socket.once('close', () => connections--);
  });
  server.maxConnections = caps.connections * 2;
  // Out of file descriptors, accept() fails: logged, never a crash.
  const onError = (e: Error) => logRefusal('server-error', { error: e.message });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The accept queue holds a burst's connections until they are accepted: at Node's default (511) a burst of
    // 5,000 overflows it, and each dropped handshake is retried by the client's kernel 1, 3, 7, 15 s later
    // (Falcosidekick's alert arrives seconds late). As long as the kernel allows (net.core.somaxconn, 4096 by
    // default), whatever the caps: a connection over them is still accepted, to be answered 503 or reset at once.
    server.listen({ port: opts.port, host: opts.host ?? '0.0.0.0', backlog: 65_535 }, () => {
      server.off('error', reject);
      server.on('error', onError);
      resolve();
    });
  });
  server.on('clientError', (e, socket) => socket.destroy(e));
  const port = (server.address() as { port: number }).port;
  log({ level: 'info', msg: 'listening', port, path: RESPONDER_ALERT_PATH });
  const ready = prepare();

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    wake();
    log({ level: 'info', msg: 'draining: finishing alerts in flight, accepting none' });
    const deadline = Date.now() + (opts.drainMs ?? 20_000);
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    while ((inflight > 0 || writer) && Date.now() < deadline) {
      await Promise.race([writer ?? sleep(20), sleep(100)]);
      server.closeIdleConnections();
    }
    drainExpired = true;
    wake();
    server.closeAllConnections();
    await closed;
    await untilDeadline(ready, deadline);
    await untilDeadline(Promise.all(notifications), deadline);
    await untilDeadline(writer ?? Promise.resolve(), deadline);
    await journal.close();
    log({ level: 'info', msg: 'stopped', journaled: pending.size });
  }

  return { port, metrics, ready, drain };
}

/**
 * Reads a request's body, a chunk at a time, through `take`; when it says false (it has answered already), reading
 * stops and the request is destroyed. Resolves true once the body is whole; rejects when the client goes away
 * first. Events rather than `for await`: an async iterator per request was a tenth of a burst's intake.
 */
function readBody(req: http.IncomingMessage, take: (chunk: Buffer) => boolean): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      if (take(chunk)) return;
      done();
      req.destroy();
      resolve(false);
    };
    const onEnd = () => {
      done();
      resolve(true);
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onClose = () => onError(new Error('the client closed the connection before its body was read'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * What the journal keeps of an alert: what the response needs. The output is cut to what a commit message holds
 * and only the workload fields are kept, so a pending alert costs little memory whatever was posted.
 */
function compact(a: Alert): Alert {
  const max = 16 * 1024;
  const fields = Object.fromEntries(Object.values(ALERT_WORKLOAD_FIELDS).filter((k) => typeof a.output_fields[k] === 'string').map((k) => [k, String(a.output_fields[k]).slice(0, 300)]));
  return {
    ...a,
    output: a.output.length > max ? `${a.output.slice(0, max)}... (${a.output.length - max} more characters)` : a.output,
    rule: a.rule.slice(0, 1024),
    tags: a.tags.slice(0, 64).map((t) => t.slice(0, 256)),
    output_fields: fields,
  };
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
