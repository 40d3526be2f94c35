/**
 * From an alert and a decision to a commit on a checkout: the one mechanism the server and the one-shot CLI share.
 * `planResponse` only reads (so a dry run is the plan, logged); `commitPlan` writes the plan's files and commits
 * exactly those paths with the responder's identity.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROTECTED_NAMESPACES, RESPONSES_DIR } from '../contract/naming';
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

/** Every git-tracked `*.yaml`/`*.yml` file of the checkout, read now. */
export async function readManifests(co: Checkout): Promise<Map<string, DeploymentManifest[]>> {
  const out = await co.git(['ls-files', '-z', '--', '*.yaml', '*.yml']);
  const paths = out.split('\0').filter(Boolean);
  function* files(): Iterable<[string, string]> {
    for (const p of paths) {
      const full = join(co.dir, p);
      if (existsSync(full)) yield [p, readFileSync(full, 'utf8')];
    }
  }
  return indexDeployments(files());
}

const wl = (w: Workload) => `${w.namespace}/${w.name}`;

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
    const d = findDeployment(index, w);
    if ('reason' in d) return { kind: 'none', action: 'isolate', workload: w, reason: note ? `${note}; isolate: ${d.reason}` : d.reason };
    if (!d.matchLabels || Object.keys(d.matchLabels).length === 0) {
      const reason = `Deployment ${wl(w)} in ${d.path} has no spec.selector.matchLabels to select its pods by`;
      return { kind: 'none', action: 'isolate', workload: w, reason: note ? `${note}; isolate: ${reason}` : reason };
    }
    const path = isolatePath(w, co.responsesDir ?? RESPONSES_DIR);
    const text = isolateManifest(w, d.matchLabels);
    if (existsSync(join(co.dir, path)) && read(path) === text) return { kind: 'contained', action: 'isolate', workload: w };
    return { kind: 'change', action: 'isolate', workload: w, files: [{ path, text }], ...commitText('isolate', w, alert, decision.by, alerts), ...(note ? { note } : {}) };
  };

  if (decision.action === 'isolate') return isolate();
  const d = findDeployment(index, w);
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
async function writeAndCommit(co: Checkout, plan: Extract<Plan, { kind: 'change' }>): Promise<void> {
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

/** Commits plans in order, one commit each; returns their ids (one `git log` for all of them). */
export async function commitPlans(co: Checkout, plans: Extract<Plan, { kind: 'change' }>[]): Promise<string[]> {
  if (plans.length === 0) return [];
  for (const plan of plans) await writeAndCommit(co, plan);
  return (await co.git(['log', '--format=%H', '-n', String(plans.length), 'HEAD'])).trim().split('\n').reverse();
}

/** The change a dry run reports: for each file, the old value and the new text's changed line (or the whole new file). */
export function describeChange(plan: Extract<Plan, { kind: 'change' }>): { path: string; change: string }[] {
  return plan.files.map((f) => ({
    path: f.path,
    change: f.before !== undefined ? `spec.replicas: ${f.before} -> 0` : `new file:\n${f.text}`,
  }));
}
