/**
 * From an alert and a decision to a commit on a checkout: the one mechanism the server and the one-shot CLI share.
 * `planResponse` only reads (so a dry run is the plan, logged); `commitPlan` writes the plan's files and commits
 * exactly those paths with the responder's identity.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { APPS_DIR, PROTECTED_NAMESPACES, RESPONSES_DIR } from '../contract/naming';
import { type Alert, type Workload, workloadOf } from './alert';
import { type Git, RESPONDER_IDENTITY, currentBranch } from './git';
import { type DeploymentManifest, type ManifestCache, applySplice, findDeployment, indexDeployments, isolateManifest, isolatePath, scaleToZero } from './manifests';
import type { Action, Decision } from './policy';

export interface Checkout {
  /** The working tree's root. */
  dir: string;
  git: Git;
  /** Where isolate responses go, relative to the root. */
  responsesDir?: string;
  /** The only folder searched for Deployments, relative to the root (default: the `apps` layer Flux applies). */
  appsDir?: string;
}

export interface FileChange {
  path: string;
  text: string;
  /** What the edit replaced (the old `replicas` value), or absent for a new file. */
  before?: string;
}

export type Plan =
  | { kind: 'change'; action: Action; workload: Workload; files: FileChange[]; subject: string; body: string; note?: string }
  | { kind: 'contained'; action: Action; workload: Workload }
  | { kind: 'none'; action?: Action; workload?: Workload; reason: string };

/**
 * The Deployments of the git-tracked `*.yaml`/`*.yml` files under the apps folder, read now. Only that folder:
 * it is what Flux applies as the users' workloads; a manifest elsewhere (an example, a chart's test, the
 * generator's own output) is not what runs, and editing it would change nothing or the wrong thing. With `cache`
 * (kept between calls), files whose text did not change are not parsed again.
 */
export async function readManifests(co: Checkout, cache?: ManifestCache): Promise<Map<string, DeploymentManifest[]>> {
  const out = await co.git(['ls-files', '-z', '--', appsDir(co)]);
  const paths = out.split('\0').filter((p) => /\.ya?ml$/.test(p));
  function* files(): Iterable<[string, string]> {
    for (const p of paths) {
      // A symlinked manifest (or folder) is never read: it could point anywhere outside the checkout.
      if (symlinkOn(co.dir, p)) continue;
      const full = join(co.dir, p);
      if (existsSync(full)) yield [p, readFileSync(full, 'utf8')];
    }
  }
  return indexDeployments(files(), cache);
}

const wl = (w: Workload) => `${w.namespace}/${w.name}`;
const appsDir = (co: Checkout) => (co.appsDir ?? APPS_DIR).replace(/\/+$/, '');

/** Longest alert output kept in a commit message; the rest is cut (the full alert is in the responder's log). */
const MAX_OUTPUT_CHARS = 16 * 1024;

/**
 * One line of alert text, safe in a commit message: a backslash and every control or line-breaking character
 * (NUL, CR, LF, tabs, U+0085, U+2028/9) are written as escapes, so an alert field can never start a line of its
 * own (no forged subject, body line or trailer) and git never sees a NUL.
 */
export function escapeLine(text: string, max = 512): string {
  const cut = text.length > max ? `${text.slice(0, max)}... (${text.length - max} more characters)` : text;
  return cut.replace(/[\\\x00-\x1f\x7f\x85\u2028\u2029]/g, (c) => (c === '\\' ? '\\\\' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * The commit message: the subject, then the alert's fields indented (an indented line is never a trailer or a
 * subject), then a fixed last paragraph, so git's trailer parser only ever sees text the responder wrote.
 */
function commitText(action: Action, w: Workload, alert: Alert, by: string, alerts: number) {
  const subject = `responder: ${action} ${wl(w)} (${escapeLine(alert.rule, 200)})`;
  const fields: [string, string, number?][] = [
    ['time', alert.time],
    ['priority', alert.priorityText],
    ['rule', alert.rule],
    ['output', alert.output, MAX_OUTPUT_CHARS],
    ['uuid', alert.uuid],
    ['hostname', alert.hostname],
    ['policy', by],
  ];
  const body = [
    'Falco alert (values escaped):',
    ...fields.map(([k, v, max]) => `    ${k}: ${escapeLine(v, max)}`),
    ...(alerts > 1 ? [`    alerts: ${alerts} for this workload while it was being contained`] : []),
    '',
    'Committed by the Falco responder.',
  ].join('\n');
  return { subject, body };
}

/**
 * The first symlink on the way from the checkout's root to `path` (the path itself included), if any: the
 * responder never writes or reads through one, so a committed symlink cannot make it touch a file outside the
 * checkout (or another file inside it).
 */
export function symlinkOn(root: string, path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const p = parts.slice(0, i).join('/');
    try {
      if (lstatSync(join(root, p)).isSymbolicLink()) return p;
    } catch {
      return undefined; // absent from here on: nothing to follow
    }
  }
  return undefined;
}

function refuseSymlink(root: string, path: string): void {
  const link = symlinkOn(root, path);
  if (link) throw new Error(`refused: ${link} is a symlink in the checkout; the responder never writes through one`);
}

/** The files a response for `w` reads or writes: its Deployment's manifest (when found) and its isolation policy. */
export function touchedPaths(co: Checkout, index: Map<string, DeploymentManifest[]>, w: Workload): string[] {
  const d = findDeployment(index, w, appsDir(co));
  return [...('reason' in d ? [] : [d.path]), isolatePath(w, co.responsesDir ?? RESPONSES_DIR)];
}

/**
 * What to do for `alert` under `decision` on the checkout as it is now. `alerts` is how many identical pending
 * alerts this response stands for (noted in the commit body).
 */
export function planResponse(co: Checkout, index: Map<string, DeploymentManifest[]>, alert: Alert, decision: Decision, alerts = 1): Plan {
  const w = workloadOf(alert);
  if ('reason' in w) return { kind: 'none', reason: w.reason };
  if (PROTECTED_NAMESPACES.includes(w.namespace)) return { kind: 'none', workload: w, reason: `namespace ${w.namespace} is protected` };
  if (decision.action === 'log') return { kind: 'none', action: 'log', workload: w, reason: `policy ${decision.by}: log` };
  const read = (p: string) => {
    refuseSymlink(co.dir, p);
    return readFileSync(join(co.dir, p), 'utf8');
  };

  const isolate = (note?: string): Plan => {
    const refuse = (reason: string): Plan => ({ kind: 'none', action: 'isolate', workload: w, reason: note ? `${note}; isolate: ${reason}` : reason });
    const d = findDeployment(index, w, appsDir(co));
    if ('reason' in d) return refuse(d.reason);
    // The NetworkPolicy selects by matchLabels only: with matchExpressions too it would cut off pods that are not
    // the Deployment's. Refused rather than guessed.
    if (d.matchExpressions) return refuse(`Deployment ${wl(w)} in ${d.path} selects its pods with spec.selector.matchExpressions, which a NetworkPolicy copying matchLabels would not honour`);
    if (!d.matchLabels || Object.keys(d.matchLabels).length === 0) return refuse(`Deployment ${wl(w)} in ${d.path} has no spec.selector.matchLabels to select its pods by`);
    const path = isolatePath(w, co.responsesDir ?? RESPONSES_DIR);
    const link = symlinkOn(co.dir, path);
    if (link) return refuse(`${link} is a symlink in the checkout; the responder never writes through one`);
    const text = isolateManifest(w, d.matchLabels);
    if (existsSync(join(co.dir, path)) && read(path) === text) return { kind: 'contained', action: 'isolate', workload: w };
    return { kind: 'change', action: 'isolate', workload: w, files: [{ path, text }], ...commitText('isolate', w, alert, decision.by, alerts), ...(note ? { note } : {}) };
  };

  if (decision.action === 'isolate') return isolate();
  const d = findDeployment(index, w, appsDir(co));
  // A file unchanged since it was indexed is not parsed again: its edit was made then.
  const current = 'reason' in d ? '' : read(d.path);
  const edit = 'reason' in d ? d : current === d.text ? applySplice(current, d.edit) : scaleToZero(current, d.document);
  if ('contained' in edit) return { kind: 'contained', action: 'scale-to-zero', workload: w };
  if ('text' in edit && !('reason' in d)) {
    return {
      kind: 'change',
      action: 'scale-to-zero',
      workload: w,
      files: [{ path: d.path, text: edit.text, before: edit.before }],
      ...commitText('scale-to-zero', w, alert, decision.by, alerts),
    };
  }
  const reason = `scale-to-zero: ${'reason' in edit ? edit.reason : 'cannot edit'}`;
  if (decision.fallback === 'isolate') return isolate(reason);
  return { kind: 'none', action: 'scale-to-zero', workload: w, reason: decision.fallback === 'log' ? `${reason}; fallback: log` : reason };
}

/** What `writePlanFiles` changed, so that a failure can put it back. */
export interface Written {
  /** Each path's text before (undefined: the file did not exist). */
  before: Map<string, string | undefined>;
  /** Folders it created, outermost first. */
  made: string[];
}

/** Writes the plan's files into the work tree, never through a symlink; on a failure puts back what it wrote. */
export function writePlanFiles(co: Checkout, plan: Extract<Plan, { kind: 'change' }>): Written {
  const w: Written = { before: new Map(), made: [] };
  try {
    for (const f of plan.files) {
      refuseSymlink(co.dir, f.path);
      const full = join(co.dir, f.path);
      w.before.set(f.path, existsSync(full) ? readFileSync(full, 'utf8') : undefined);
      const dir = mkdirSync(dirname(full), { recursive: true });
      if (dir) w.made.push(dir);
      writeFileSync(full, f.text);
    }
  } catch (e) {
    restoreFiles(co, w);
    throw e;
  }
  return w;
}

/** Puts the work tree's files back as they were before `writePlanFiles` (the index is the caller's). */
function restoreFiles(co: Checkout, w: Written): void {
  for (const [p, text] of w.before) {
    if (text === undefined) rmSync(join(co.dir, p), { force: true });
    else writeFileSync(join(co.dir, p), text);
  }
  for (const d of [...w.made].reverse()) rmSync(d, { recursive: true, force: true });
}

/** The files `writePlanFiles` created (git must add them before a commit of exactly the plan's paths). */
const addedPaths = (w: Written) => [...w.before].filter(([, t]) => t === undefined).map(([p]) => p);

const message = (plan: Extract<Plan, { kind: 'change' }>) => `${plan.subject}\n\n${plan.body}\n`;

/**
 * Writes the plan's files and commits only those paths (new files are added first); the message goes through
 * stdin (`-F -`: no argument-size limit). On any failure the files, the index entries and the folders it made are
 * put back exactly as they were, so a failed response leaves nothing behind.
 */
export async function writeAndCommit(co: Checkout, plan: Extract<Plan, { kind: 'change' }>): Promise<void> {
  const w = writePlanFiles(co, plan);
  try {
    await commitOne(co, plan, w);
  } catch (e) {
    restoreFiles(co, w);
    const added = addedPaths(w);
    if (added.length > 0) await co.git(['reset', '--quiet', '--', ...added]).catch(() => undefined);
    throw e;
  }
}

/** `git commit` of one plan whose files are written: exactly its paths, the message verbatim through stdin. */
async function commitOne(co: Checkout, plan: Extract<Plan, { kind: 'change' }>, w: Written): Promise<void> {
  const added = addedPaths(w);
  if (added.length > 0) await co.git(['add', '--', ...added]);
  await co.git(['commit', '--quiet', '--cleanup=verbatim', '-F', '-', '--', ...plan.files.map((f) => f.path)], message(plan));
}

/** A path as fast-import reads it: C-style quoted, so no byte of it can end the command line. */
const fastImportPath = (p: string) => `"${p.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;

/**
 * Commits plans whose files `writePlanFiles` has already written, in order, one commit each (its own files, its
 * own message verbatim, the responder's identity). One plan is a plain `git commit`; several go through ONE
 * `git fast-import`: a `git commit` per response is a process each, and 200 distinct responses took seconds.
 * Plan k's texts were made on the files as plans 1..k-1 left them, so each commit is exactly its own change. The
 * branch is moved only when the whole stream was read (`done`); then the index is set to the new head (the work
 * tree already holds it). Returns the ids, oldest first.
 * Fast-import runs no hooks; nothing in the responder's own checkout relies on them. On a failure the work tree
 * and index are the caller's to reset (the server's next turn resets the checkout to the remote anyway).
 */
export async function commitWritten(co: Checkout, made: { plan: Extract<Plan, { kind: 'change' }>; written: Written }[]): Promise<string[]> {
  if (made.length === 0) return [];
  if (made.length === 1) {
    await commitOne(co, made[0].plan, made[0].written);
    return lastCommits(co, 1);
  }
  return fastImport(co, made.map((m) => m.plan));
}

/**
 * The `git fast-import` stream of one commit per plan, in order, on `from` (a ref or commit; default the
 * checkout's branch as it is when the stream is read), each with its own files and message verbatim and the
 * responder's identity; the checkout's branch is then the last. Marks `:1`..`:n` name the commits (`readMarks`).
 */
export function fastImportStream(co: Checkout, plans: Extract<Plan, { kind: 'change' }>[], from?: string): string {
  const ref = currentBranch(co.dir);
  if (!ref) throw new Error('the checkout is not on a branch');
  // The plans' files are in the work tree: an executable manifest stays executable (writing keeps the mode).
  const mode = (path: string) => (existsSync(join(co.dir, path)) && lstatSync(join(co.dir, path)).mode & 0o111 ? '100755' : '100644');
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const who = `${RESPONDER_IDENTITY.name} <${RESPONDER_IDENTITY.email}> ${Math.floor(Date.now() / 1000)} +0000`;
  const stream = ['feature done\n'];
  plans.forEach((plan, i) => {
    stream.push(`commit ${ref}\nmark :${i + 1}\nauthor ${who}\ncommitter ${who}\n${data(message(plan))}`);
    // `^0`: the ref's commit as it is now (how fast-import continues from a branch it did not create).
    if (i === 0) stream.push(`from ${from ?? ref}^0\n`);
    for (const f of plan.files) stream.push(`M ${mode(f.path)} inline ${fastImportPath(f.path)}\n${data(f.text)}`);
    stream.push('\n');
  });
  stream.push('done\n');
  return stream.join('');
}

/** Where fast-import writes its marks for the responder (`--export-marks`): in `.git`, outside the work tree. */
export const marksFile = (co: Checkout) => join(co.dir, '.git', 'responder-marks');

/** The ids fast-import wrote for marks `:1`..`:n` (`--export-marks`), oldest first. */
export function readMarks(file: string, n: number): string[] {
  const ids = new Map<number, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^:(\d+) ([0-9a-f]{40,64})$/.exec(line);
    if (m) ids.set(Number(m[1]), m[2]);
  }
  return Array.from({ length: n }, (_, i) => {
    const id = ids.get(i + 1);
    if (!id) throw new Error(`git fast-import reported no commit for response ${i + 1} of ${n}`);
    return id;
  });
}

/** One commit per plan on the checkout's branch, through one `git fast-import`; the index is then set to it. */
async function fastImport(co: Checkout, plans: Extract<Plan, { kind: 'change' }>[]): Promise<string[]> {
  // The new ids come back as marks: no `git log` afterwards.
  const marks = marksFile(co);
  try {
    await co.git(['fast-import', '--quiet', '--done', `--export-marks=${marks}`], fastImportStream(co, plans));
    const ids = readMarks(marks, plans.length);
    await co.git(['reset', '--quiet']);
    return ids;
  } finally {
    rmSync(marks, { force: true });
  }
}

/** Commits one plan; returns the new commit id. */
export async function commitPlan(co: Checkout, plan: Extract<Plan, { kind: 'change' }>): Promise<string> {
  return (await commitPlans(co, [plan]))[0];
}

/**
 * Commits plans in order, one commit each; returns their ids. Each plan must have been made on the checkout as
 * the previous commit left it (a plan holds whole file texts).
 */
export async function commitPlans(co: Checkout, plans: Extract<Plan, { kind: 'change' }>[]): Promise<string[]> {
  for (const plan of plans) await writeAndCommit(co, plan);
  return lastCommits(co, plans.length);
}

/** The ids of the last `n` commits on HEAD, oldest first (one `git log` for all of them). */
export async function lastCommits(co: Checkout, n: number): Promise<string[]> {
  if (n === 0) return [];
  return (await co.git(['log', '--format=%H', '-n', String(n), 'HEAD'])).trim().split('\n').reverse();
}

/** The change a dry run reports: for each file, the old value and the new text's changed line (or the whole new file). */
export function describeChange(plan: Extract<Plan, { kind: 'change' }>): { path: string; change: string }[] {
  return plan.files.map((f) => ({
    path: f.path,
    change: f.before !== undefined ? `spec.replicas: ${f.before} -> 0` : `new file:\n${f.text}`,
  }));
}
