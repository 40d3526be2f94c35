/**
 * The Deployments kept in Git as plain manifests, and the two edits the responder makes: `spec.replicas: 0` in
 * place (every other byte of the file stays as it was) and a deny-all NetworkPolicy file for the Deployment's pods.
 */
import { createHash } from 'node:crypto';
import { type Document, isMap, isPair, isScalar, isSeq, parseAllDocuments, stringify } from 'yaml';
import { APPS_DIR, RESPONSES_DIR } from '../contract/naming';
import type { Workload } from './alert';

/** One Deployment document in a git-tracked YAML file. */
export interface DeploymentManifest {
  path: string;
  namespace: string;
  name: string;
  /** Index of the document in its file (`---` separated). */
  document: number;
  /**
   * The file's text it was found in, and what `scaleToZero` makes of it: made while the file is parsed anyway, so
   * a response on an unchanged file parses nothing (200 parses held a burst's event loop for 150 ms).
   */
  text: string;
  edit: ReplicasSplice;
  /** `spec.selector.matchLabels`, when it is a plain map of strings. */
  matchLabels?: Record<string, string>;
  /** The selector also has `matchExpressions`: matchLabels alone would select more pods than the Deployment's. */
  matchExpressions?: true;
}

const key = (w: Workload) => `${w.namespace}/${w.name}`;

/**
 * What each file held the last time it was indexed: its text and the Deployments parsed from it. Parsing is most
 * of what indexing costs (200 manifests, a quarter of a second of a busy burst), and between two turns of the
 * responder almost no file changes.
 */
export type ManifestCache = Map<string, { text: string; found: DeploymentManifest[] }>;

/**
 * Deployments found in `files` (path → text), by `namespace/name`; a name found twice maps to every place. With
 * `cache`, a file whose text is unchanged is not parsed again; the cache then holds exactly these files.
 */
export function indexDeployments(files: Iterable<[string, string]>, cache?: ManifestCache): Map<string, DeploymentManifest[]> {
  const index = new Map<string, DeploymentManifest[]>();
  const seen = new Set<string>();
  for (const [path, text] of files) {
    seen.add(path);
    const hit = cache?.get(path);
    const found = !hit ? deploymentsIn(path, text) : hit.text === text ? hit.found : (afterOwnEdit(hit, text) ?? deploymentsIn(path, text));
    cache?.set(path, { text, found });
    for (const d of found) {
      const k = key(d);
      index.set(k, [...(index.get(k) ?? []), d]);
    }
  }
  for (const path of cache?.keys() ?? []) if (!seen.has(path)) cache!.delete(path);
  return index;
}

/**
 * The Deployments of a file whose new text is exactly one of its cached Deployments scaled to zero (the responder's
 * own edit, committed by the turn before): that one is now contained and the splices after it move by the edit's
 * length, which is what parsing the new text would find, without parsing it (a burst's big turn edits 200 files).
 * Undefined when the text changed in any other way.
 */
function afterOwnEdit(hit: { text: string; found: DeploymentManifest[] }, text: string): DeploymentManifest[] | undefined {
  for (const d of hit.found) {
    const s = d.edit;
    if (!('insert' in s)) continue;
    const delta = s.insert.length - (s.end - s.start);
    if (text.length !== hit.text.length + delta || applySplice(hit.text, s).text !== text) continue;
    return hit.found.map((o) => {
      const e = o.edit;
      const edit: ReplicasSplice = o.document === d.document ? { contained: true } : 'insert' in e && e.start >= s.end ? { ...e, start: e.start + delta, end: e.end + delta } : e;
      return { ...o, text, edit };
    });
  }
  return undefined;
}

/** The Deployments of one YAML file's documents. */
function deploymentsIn(path: string, text: string): DeploymentManifest[] {
  // Templates (Helm charts in the repository) are not plain manifests.
  if (!text.includes('Deployment') || text.includes('{{')) return [];
  const found: DeploymentManifest[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    if (doc.errors.length > 0 || !isMap(doc.contents)) return;
    if (doc.get('kind') !== 'Deployment' || !String(doc.get('apiVersion') ?? '').startsWith('apps/')) return;
    const name = doc.getIn(['metadata', 'name']);
    const namespace = doc.getIn(['metadata', 'namespace']);
    if (typeof name !== 'string' || typeof namespace !== 'string') return;
    const labels = doc.getIn(['spec', 'selector', 'matchLabels']);
    const matchLabels = isMap(labels) ? (labels.toJSON() as Record<string, unknown>) : undefined;
    const plain = matchLabels && Object.values(matchLabels).every((v) => typeof v === 'string') ? (matchLabels as Record<string, string>) : undefined;
    const expressions = doc.getIn(['spec', 'selector', 'matchExpressions']);
    const hasExpressions = expressions !== undefined && expressions !== null && !(isSeq(expressions) && expressions.items.length === 0);
    found.push({ path, document: i, namespace, name, text, edit: replicasSplice(text, doc as Document, i), ...(plain ? { matchLabels: plain } : {}), ...(hasExpressions ? { matchExpressions: true as const } : {}) });
  });
  return found;
}

/** The one manifest of a Deployment, or why it cannot be used; `where` is the folder the index was read from. */
export function findDeployment(index: Map<string, DeploymentManifest[]>, w: Workload, where = APPS_DIR): DeploymentManifest | { reason: string } {
  const found = index.get(key(w)) ?? [];
  if (found.length === 0) return { reason: `Deployment ${key(w)} is not found in ${where} as a plain manifest` };
  if (found.length > 1) return { reason: `Deployment ${key(w)} is in Git more than once (${found.map((f) => f.path).join(', ')})` };
  return found[0];
}

export type ReplicasEdit = { text: string; before: string } | { contained: true } | { reason: string };

/** Where `spec.replicas: 0` goes in a file's text: characters `start` to `end` are replaced by `insert`. */
export type ReplicasSplice = { start: number; end: number; insert: string; before: string } | { contained: true } | { reason: string };

/**
 * Sets `spec.replicas` to 0 in document `document` of `text` by replacing only the value's characters (or, when
 * the key is absent, inserting one line as the first key of `spec`, with its indentation).
 */
export function scaleToZero(text: string, document: number): ReplicasEdit {
  return applySplice(text, replicasSplice(text, parseAllDocuments(text)[document] as Document | undefined, document));
}

/** The edit a splice found in `text` makes of it. */
export function applySplice(text: string, s: Extract<ReplicasSplice, { insert: string }>): { text: string; before: string };
export function applySplice(text: string, s: ReplicasSplice): ReplicasEdit;
export function applySplice(text: string, s: ReplicasSplice): ReplicasEdit {
  return 'insert' in s ? { text: text.slice(0, s.start) + s.insert + text.slice(s.end), before: s.before } : s;
}

/** Where the edit goes in a document already parsed from `text` (kept small: an index holds one per Deployment). */
function replicasSplice(text: string, doc: Document | undefined, document: number): ReplicasSplice {
  if (!doc || doc.errors.length > 0 || !isMap(doc.contents)) return { reason: `document ${document} is not a YAML mapping` };
  const specPair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'spec');
  const spec = specPair?.value;
  if (!specPair || !isMap(spec) || spec.flow || !isScalar(specPair.key) || !specPair.key.range) return { reason: 'spec is not a block mapping' };
  const replicas = spec.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'replicas');
  if (replicas) {
    const v = replicas.value;
    if (!isScalar(v) || !v.range || typeof v.value !== 'number' || v.tag) return { reason: 'spec.replicas is not a plain number' };
    if (v.value === 0) return { contained: true };
    const [start, end] = v.range;
    return { start, end, insert: '0', before: text.slice(start, end) };
  }
  const first = spec.items[0];
  if (!first || !isScalar(first.key) || !first.key.range) return { reason: 'spec has no keys to align with' };
  const keyStart = first.key.range[0];
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const indent = text.slice(lineStart, keyStart);
  if (!/^ +$/.test(indent)) return { reason: 'spec is not indented with spaces' };
  // After the line that holds `spec:` (and any comment on it).
  const nl = text.indexOf('\n', specPair.key.range[1]);
  if (nl < 0 || nl >= keyStart) return { reason: 'spec is not a block mapping' };
  const eol = text[nl - 1] === '\r' ? '\r\n' : '\n';
  const at = nl + 1;
  return { start: at, end: at, insert: `${indent}replicas: 0${eol}`, before: '(no spec.replicas)' };
}

/**
 * `prefix + name`, at most `max` characters: a longer one keeps its start and a hash of the whole, so distinct
 * names stay distinct and the same name always gives the same result.
 */
function shortened(prefix: string, name: string, max: number): string {
  const full = `${prefix}${name}`;
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, max - 9).replace(/[-.]+$/, '')}-${hash}`;
}

/** Kubernetes object names are at most 63 characters here. */
const objectName = (prefix: string, name: string) => shortened(prefix, name, 63);

/** A file name is at most 255 bytes (NAME_MAX); Deployment names (up to 253) are ASCII. */
const NAME_MAX = 255;

/**
 * Where the isolate response for a Deployment lives: one file per response. Names that fit keep their plain file
 * name (so the paths of responses already in Git do not change); longer ones are shortened with a hash.
 */
export function isolatePath(w: Workload, responsesDir = RESPONSES_DIR): string {
  return `${responsesDir}/${w.namespace}/${shortened('isolate-', w.name, NAME_MAX - '.yaml'.length)}.yaml`;
}

/**
 * The NetworkPolicy that cuts a Deployment's pods off: it selects them by the Deployment's own selector and
 * allows nothing (both policy types, no rules). Its text depends only on the Deployment, so the same response
 * twice is the same file. Written for YAML 1.1 readers too: a label value like `on`, `no` or `1e3` is quoted.
 */
export function isolateManifest(w: Workload, matchLabels: Record<string, string>): string {
  const policy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: objectName('responder-isolate-', w.name),
      namespace: w.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'responder' },
    },
    spec: {
      podSelector: { matchLabels: Object.fromEntries(Object.entries(matchLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) },
      policyTypes: ['Ingress', 'Egress'],
    },
  };
  return `# Isolates Deployment ${key(w)}: no traffic in or out of its pods. Written by the responder;\n# the commit that added this file holds the alert. Delete this file to undo.\n${stringify(policy, { version: '1.1' })}`;
}
