/**
 * From an alert and a decision to a commit on a checkout: the one mechanism the server and the one-shot CLI share.
 * `planResponse` only reads (so a dry run is the plan, logged); `commitPlan` writes the plan's files and commits
 * exactly those paths with the responder's identity.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { APPS_DIR, PROTECTED_NAMESPACES, RESPONSES_DIR } from '../contract/naming';
import { type Alert, type Workload, workloadOf } from './alert';
import type { Git } from './git';
import { type DeploymentManifest, findDeployment, indexDeployments, isolateManifest, isolatePath, scaleToZero } from './manifests';
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
 * generator's own output) is not what runs, and editing it would change nothing or the wrong thing.
 */
export async function readManifests(co: Checkout): Promise<Map<string, DeploymentManifest[]>> {
  const out = await co.git(['ls-files', '-z', '--', appsDir(co)]);
  const paths = out.split('\0').filter((p) => /\.ya?ml$/.test(p));
  function* files(): Iterable<[string, string]> {
    for (const p of paths) {
      const full = join(co.dir, p);
      if (existsSync(full)) yield [p, readFileSync(full, 'utf8')];
    }
  }
  return indexDeployments(files());
}

const wl = (w: Workload) => `${w.namespace}/${w.name}`;
const appsDir = (co: Checkout) => (co.appsDir ?? APPS_DIR).replace(/\/+$/, '');

function commitText(action: Action, w: Workload, alert: Alert, by: string, alerts: number) {
  const subject = `responder: ${action} ${wl(w)} (${alert.rule})`;
  const body = [
    `time: ${alert.time}`,
    `priority: ${alert.priorityText}`,
    `rule: ${alert.rule}`,
    `output: ${alert.output}`,
    `uuid: ${alert.uuid}`,
    `hostname: ${alert.hostname}`,
    `policy: ${by}`,
    ...(alerts > 1 ? [`alerts: ${alerts} for this workload while it was being contained`] : []),
  ].join('\n');
  return { subject, body };
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
  const read = (p: string) => readFileSync(join(co.dir, p), 'utf8');

  const isolate = (note?: string): Plan => {
    const refuse = (reason: string): Plan => ({ kind: 'none', action: 'isolate', workload: w, reason: note ? `${note}; isolate: ${reason}` : reason });
    const d = findDeployment(index, w, appsDir(co));
    if ('reason' in d) return refuse(d.reason);
    // The NetworkPolicy selects by matchLabels only: with matchExpressions too it would cut off pods that are not
    // the Deployment's. Refused rather than guessed.
    if (d.matchExpressions) return refuse(`Deployment ${wl(w)} in ${d.path} selects its pods with spec.selector.matchExpressions, which a NetworkPolicy copying matchLabels would not honour`);
    if (!d.matchLabels || Object.keys(d.matchLabels).length === 0) return refuse(`Deployment ${wl(w)} in ${d.path} has no spec.selector.matchLabels to select its pods by`);
    const path = isolatePath(w, co.responsesDir ?? RESPONSES_DIR);
    const text = isolateManifest(w, d.matchLabels);
    if (existsSync(join(co.dir, path)) && read(path) === text) return { kind: 'contained', action: 'isolate', workload: w };
    return { kind: 'change', action: 'isolate', workload: w, files: [{ path, text }], ...commitText('isolate', w, alert, decision.by, alerts), ...(note ? { note } : {}) };
  };

  if (decision.action === 'isolate') return isolate();
  const d = findDeployment(index, w, appsDir(co));
  const edit = 'reason' in d ? d : scaleToZero(read(d.path), d.document);
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

/** Writes the plan's files and commits only those paths (new files are added first). */
export async function writeAndCommit(co: Checkout, plan: Extract<Plan, { kind: 'change' }>): Promise<void> {
  const added: string[] = [];
  for (const f of plan.files) {
    const full = join(co.dir, f.path);
    if (!existsSync(full)) added.push(f.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, f.text);
  }
  if (added.length > 0) await co.git(['add', '--', ...added]);
  await co.git(['commit', '--quiet', '-m', plan.subject, '-m', plan.body, '--', ...plan.files.map((f) => f.path)]);
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
