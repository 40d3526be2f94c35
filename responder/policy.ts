/**
 * The response policy: one YAML file in the repository (`responder/policy.yaml` by default) that maps alerts, by
 * rule name, tag or minimum priority, to an action. Entries are tried in order; the first that matches decides,
 * `default` decides the rest.
 *
 *   responses:
 *     - rule: Terminal shell in container   # a rule name or a list of them
 *       tags: [container]                   # any of these tags (optional)
 *       priority: Warning                   # at least this priority (optional)
 *       action: scale-to-zero               # scale-to-zero | isolate | log
 *       fallback: isolate                   # scale-to-zero only: when the Deployment is not a plain manifest under apps/ of the apps repository
 *   default: log
 *
 * This module owns the policy's contract: `checkPolicy` is the one validator, run by `npm run gitops` (with the
 * rules the guard Falco loads, so that rule names and tags are checked too) and by the responder (without: it
 * cannot see the rules) before it becomes ready. Every finding carries the file and line.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { closest } from '../rulecheck/near';
import { type Alert, type Priority, PRIORITIES, atLeast, parsePriority } from './alert';

export const ACTIONS = ['scale-to-zero', 'isolate', 'log'] as const;
export type Action = (typeof ACTIONS)[number];
/** What scale-to-zero does instead when it cannot edit the Deployment in Git. */
export const FALLBACKS = ['isolate', 'log'] as const;
export type Fallback = (typeof FALLBACKS)[number];

export interface PolicyEntry {
  /** `responses[i]`, for logs and errors. */
  id: string;
  rules?: string[];
  tags?: string[];
  priority?: Priority;
  action: Action;
  fallback?: Fallback;
}

export interface Policy {
  file: string;
  responses: PolicyEntry[];
  default: Action;
}

export interface Decision {
  action: Action;
  fallback?: Fallback;
  /** The entry that matched, or `default`. */
  by: string;
}

/** A finding, located like the rules checker's (`file:line: message`). */
export interface PolicyFinding {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/** The rules an alert can come from (the guard Falco's: the stock rules and `rules/`), by name. */
export interface RuleCatalog {
  rules: ReadonlyMap<string, { tags: readonly string[]; enabled: boolean; changedAt?: string }>;
  /** What was loaded, for messages (e.g. "the stock rules 5.1.0 and rules/10-platform.yaml"). */
  source: string;
}

export interface PolicyCheck {
  /** Present when there is no error. */
  policy?: Policy;
  findings: PolicyFinding[];
}

/** The policy file is invalid; the message is the first error as `file:line: message`. */
export class PolicyError extends Error {}

const ENTRY_KEYS = ['rule', 'tags', 'priority', 'action', 'fallback'] as const;
const TOP_KEYS = ['responses', 'default'] as const;

export function formatPolicyFinding(f: PolicyFinding): string {
  return `${f.file}:${f.line}: ${f.severity === 'warning' ? 'warning: ' : ''}${f.message}`;
}

/** Parses and validates a policy; throws PolicyError naming the first error (and how many more there are). */
export function parsePolicy(text: string, file: string): Policy {
  const { policy, findings } = checkPolicy(text, file);
  if (policy) return policy;
  const errors = findings.filter((f) => f.severity === 'error');
  throw new PolicyError(`${formatPolicyFinding(errors[0])}${errors.length > 1 ? ` (and ${errors.length - 1} more error(s))` : ''}`);
}

/**
 * Every finding of a policy file, and the policy when none is an error. With `catalog`, rule names must be
 * loaded rules (a near miss gets a "did you mean"), and an entry that depends on a disabled rule, or on a tag no
 * enabled rule has, is a warning: it would never decide an alert.
 */
export function checkPolicy(text: string, file: string, catalog?: RuleCatalog): PolicyCheck {
  const findings: PolicyFinding[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const report = (severity: PolicyFinding['severity'], node: Node | null | undefined, message: string) =>
    findings.push({ file, line: lineOf(node), severity, message });
  const error = (node: Node | null | undefined, message: string) => report('error', node, message);

  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      findings.push({ file, line: e.linePos?.[0].line ?? 1, severity: 'error', message: `YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` });
    }
    return { findings };
  }
  const deref = (n: unknown): Node | undefined => (isAlias(n) ? (n.resolve(doc as Document) as Node | undefined) : (n as Node | null) ?? undefined);
  const shown = (n: Node | undefined) => (n === undefined ? 'missing' : JSON.stringify(n.toJSON()));
  const isEmpty = (n: Node | undefined) => n === undefined || (isScalar(n) && n.value === null);

  /** The value if it is one of `allowed`, else an error naming them (and the near miss). */
  const oneOf = <T extends string>(where: string, at: Node | undefined, atLine: Node, allowed: readonly T[]): T | undefined => {
    const v = isScalar(at) ? at.value : undefined;
    if (typeof v === 'string' && allowed.includes(v as T)) return v as T;
    const near = typeof v === 'string' ? closest(v, allowed) : undefined;
    error(at ?? atLine, `${where}: ${at === undefined ? 'missing' : `${shown(at)} is not allowed`}; allowed: ${allowed.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`);
    return undefined;
  };
  /** A non-empty string or a non-empty list of them, with each string's node (for its line). */
  const strings = (where: string, pair: { key: Node; value: Node | undefined }): { value: string; node: Node }[] | undefined => {
    const at = pair.value;
    const items = isSeq(at) ? at.items.map(deref) : [at];
    const ok = items.length > 0 && items.every((s) => isScalar(s) && typeof s.value === 'string' && s.value !== '');
    if (!ok) {
      error(at ?? pair.key, `${where}: must be a non-empty string or a list of them`);
      return undefined;
    }
    return items.map((s) => ({ value: (s as { value: string }).value, node: s as Node }));
  };
  /** The map's pairs by key; unknown (or non-scalar) keys are errors, with the near miss. */
  const pairsOf = (where: (k: string) => string, map: Node & { items: unknown[] }, allowed: readonly string[]) => {
    const out = new Map<string, { key: Node; value: Node | undefined }>();
    for (const p of map.items as { key: unknown; value: unknown }[]) {
      const key = deref(p.key);
      const name = isScalar(key) ? String(key.value) : JSON.stringify(key?.toJSON());
      if (!isScalar(key) || !allowed.includes(name)) {
        const near = closest(name, allowed);
        error(key ?? map, `${where(name)}: unknown key; allowed: ${allowed.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`);
        continue;
      }
      out.set(name, { key, value: deref(p.value) });
    }
    return out;
  };

  const root = deref(doc.contents);
  if (isEmpty(root)) return { policy: { file, responses: [], default: 'log' }, findings };
  if (!isMap(root)) {
    error(root, `top level: must be a mapping with keys ${TOP_KEYS.join(', ')}`);
    return { findings };
  }
  const top = pairsOf((k) => k, root, TOP_KEYS);
  const errorsBefore = () => findings.filter((f) => f.severity === 'error').length;

  const responses: PolicyEntry[] = [];
  const entryNodes: Node[] = [];
  const list = top.get('responses')?.value;
  if (!isEmpty(list) && !isSeq(list)) error(list, 'responses: must be a list of entries');
  else if (isSeq(list)) {
    list.items.forEach((item, i) => {
      const entry = checkEntry(deref(item) ?? list, `responses[${i}]`);
      if (entry) {
        responses.push(entry);
        entryNodes.push(deref(item) ?? list);
      }
    });
  }
  const defaultPair = top.get('default');
  const fallbackAction = defaultPair ? oneOf('default', defaultPair.value, defaultPair.key, ACTIONS) : 'log';

  function checkEntry(node: Node, id: string): PolicyEntry | undefined {
    if (!isMap(node)) {
      error(node, `${id}: must be a mapping with keys ${ENTRY_KEYS.join(', ')}`);
      return undefined;
    }
    const before = errorsBefore();
    const e = pairsOf((k) => `${id}.${k}`, node, ENTRY_KEYS);
    if (!e.has('rule') && !e.has('tags') && !e.has('priority')) error(node, `${id}: needs at least one of rule, tags, priority`);
    const action = oneOf(`${id}.action`, e.get('action')?.value, node, ACTIONS);
    const rulePair = e.get('rule');
    const tagsPair = e.get('tags');
    const rules = rulePair ? strings(`${id}.rule`, rulePair) : undefined;
    const tags = tagsPair ? strings(`${id}.tags`, tagsPair) : undefined;
    let priority: Priority | undefined;
    const p = e.get('priority');
    if (p) {
      const v = isScalar(p.value) ? p.value.value : undefined;
      priority = typeof v === 'string' ? parsePriority(v) : undefined;
      if (!priority) error(p.value ?? p.key, `${id}.priority: ${shown(p.value)} is not allowed; allowed: ${PRIORITIES.join(', ')}`);
    }
    let fallback: Fallback | undefined;
    const f = e.get('fallback');
    if (f) {
      if (action && action !== 'scale-to-zero') error(f.key, `${id}.fallback: only scale-to-zero has a fallback (this entry's action is ${action})`);
      else fallback = oneOf(`${id}.fallback`, f.value, f.key, FALLBACKS);
    }
    if (catalog) checkAgainstRules(id, rules, tags);
    if (errorsBefore() > before || !action) return undefined;
    return {
      id,
      action,
      ...(rules ? { rules: rules.map((r) => r.value) } : {}),
      ...(tags ? { tags: tags.map((t) => t.value) } : {}),
      ...(priority ? { priority } : {}),
      ...(fallback ? { fallback } : {}),
    };
  }

  /** An entry that names what no alert can carry never decides: an unknown rule is an error, the rest warnings. */
  function checkAgainstRules(id: string, rules: { value: string; node: Node }[] | undefined, tags: { value: string; node: Node }[] | undefined): void {
    const known = catalog!.rules;
    for (const r of rules ?? []) {
      const rule = known.get(r.value);
      if (!rule) {
        const near = closest(r.value, known.keys());
        error(r.node, `${id}.rule: no rule '${r.value}' is loaded (${catalog!.source})${near ? `; did you mean '${near}'?` : ''}`);
      } else if (!rule.enabled) {
        report('warning', r.node, `${id}.rule: '${r.value}' is disabled${rule.changedAt ? ` at ${rule.changedAt}` : ''}: this entry never decides its alerts`);
      } else if (tags && !tags.some((t) => rule.tags.includes(t.value))) {
        report('warning', r.node, `${id}.rule: '${r.value}' has none of the tags ${tags.map((t) => t.value).join(', ')}: this entry never decides its alerts`);
      }
    }
    for (const t of tags ?? []) {
      const carriers = [...known.entries()].filter(([, rule]) => rule.tags.includes(t.value));
      if (carriers.some(([, rule]) => rule.enabled)) continue;
      if (carriers.length > 0) {
        const where = carriers.map(([name, rule]) => `'${name}'${rule.changedAt ? ` (${rule.changedAt})` : ''}`).join(', ');
        report('warning', t.node, `${id}.tags: only disabled rules have the tag '${t.value}': ${where}`);
        continue;
      }
      const near = closest(t.value, new Set([...known.values()].flatMap((rule) => rule.tags)));
      report('warning', t.node, `${id}.tags: no loaded rule has the tag '${t.value}' (${catalog!.source})${near ? `; did you mean '${near}'?` : ''}`);
    }
  }

  // An entry that every alert it matches has already been decided by an earlier one is dead: the order is wrong.
  responses.forEach((later, j) => {
    const earlier = responses.slice(0, j).find((e) => covers(e, later));
    if (earlier) report('warning', entryNodes[j], `${later.id}: never decides: ${earlier.id} (line ${lineOf(entryNodes[responses.indexOf(earlier)])}) matches every alert it matches`);
  });

  // By line, as the rules checker reports (sort is stable: findings of one line keep their order).
  findings.sort((a, b) => a.line - b.line);
  if (findings.some((f) => f.severity === 'error') || !fallbackAction) return { findings };
  return { policy: { file, responses, default: fallbackAction }, findings };
}

/** True when `a` matches every alert that `b` matches (rule: any of; tags: any of; priority: at least). */
function covers(a: PolicyEntry, b: PolicyEntry): boolean {
  const subset = (outer?: string[], inner?: string[]) => !outer || (!!inner && inner.every((x) => outer.includes(x)));
  return subset(a.rules, b.rules) && subset(a.tags, b.tags) && (!a.priority || (!!b.priority && atLeast(b.priority, a.priority)));
}

/** The first entry whose conditions all hold (rule: any of; tags: any of; priority: at least). */
export function decide(policy: Policy, alert: Alert): Decision {
  for (const e of policy.responses) {
    if (e.rules && !e.rules.includes(alert.rule)) continue;
    if (e.tags && !e.tags.some((t) => alert.tags.includes(t))) continue;
    if (e.priority && !atLeast(alert.priority, e.priority)) continue;
    return { action: e.action, ...(e.fallback ? { fallback: e.fallback } : {}), by: e.id };
  }
  return { action: policy.default, by: 'default' };
}
