/**
 * The response policy: one YAML file in the repository (`responder/policy.yaml` by default) that maps alerts, by
 * rule name, tag or minimum priority, to an action. Entries are tried in order; the first that matches decides,
 * `default` decides the rest. Validation errors name the file, the entry and what is allowed.
 *
 *   responses:
 *     - rule: Terminal shell in container   # a rule name or a list of them
 *       tags: [container]                   # any of these tags (optional)
 *       priority: Warning                   # at least this priority (optional)
 *       action: scale-to-zero               # scale-to-zero | isolate | log
 *       fallback: isolate                   # scale-to-zero only: when the Deployment is not a plain manifest under apps/ of the apps repository
 *   default: log
 */
import { parseDocument } from 'yaml';
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

/** The policy file is invalid; the message starts with the file and names the entry. */
export class PolicyError extends Error {}

const ENTRY_KEYS = ['rule', 'tags', 'priority', 'action', 'fallback'];
const TOP_KEYS = ['responses', 'default'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and validates a policy; `file` is only used in messages. */
export function parsePolicy(text: string, file: string): Policy {
  const fail = (where: string, what: string): never => {
    throw new PolicyError(`${file}: ${where}: ${what}`);
  };
  const doc = parseDocument(text);
  if (doc.errors.length > 0) fail('YAML', doc.errors[0].message);
  const top: unknown = doc.toJS() ?? {};
  if (!isObject(top)) return fail('top level', 'must be a mapping with keys responses, default');
  for (const k of Object.keys(top)) if (!TOP_KEYS.includes(k)) fail(k, `unknown key; allowed: ${TOP_KEYS.join(', ')}`);
  const oneOf = <T extends string>(where: string, v: unknown, allowed: readonly T[]): T => {
    if (typeof v !== 'string' || !allowed.includes(v as T)) fail(where, `${JSON.stringify(v)} is not allowed; allowed: ${allowed.join(', ')}`);
    return v as T;
  };
  const strings = (where: string, v: unknown): string[] => {
    const list = Array.isArray(v) ? v : [v];
    if (list.length === 0 || list.some((s) => typeof s !== 'string' || s === '')) fail(where, 'must be a non-empty string or a list of them');
    return list as string[];
  };
  const raw = top.responses ?? [];
  if (!Array.isArray(raw)) fail('responses', 'must be a list of entries');
  const responses = (raw as unknown[]).map((e, i): PolicyEntry => {
    const id = `responses[${i}]`;
    if (!isObject(e)) return fail(id, `must be a mapping with keys ${ENTRY_KEYS.join(', ')}`);
    for (const k of Object.keys(e)) if (!ENTRY_KEYS.includes(k)) fail(`${id}.${k}`, `unknown key; allowed: ${ENTRY_KEYS.join(', ')}`);
    if (e.rule === undefined && e.tags === undefined && e.priority === undefined) fail(id, 'needs at least one of rule, tags, priority');
    const entry: PolicyEntry = { id, action: oneOf(`${id}.action`, e.action, ACTIONS) };
    if (e.rule !== undefined) entry.rules = strings(`${id}.rule`, e.rule);
    if (e.tags !== undefined) entry.tags = strings(`${id}.tags`, e.tags);
    if (e.priority !== undefined) {
      const p = typeof e.priority === 'string' ? parsePriority(e.priority) : undefined;
      if (!p) fail(`${id}.priority`, `${JSON.stringify(e.priority)} is not allowed; allowed: ${PRIORITIES.join(', ')}`);
      entry.priority = p;
    }
    if (e.fallback !== undefined) {
      if (entry.action !== 'scale-to-zero') fail(`${id}.fallback`, 'only scale-to-zero has a fallback');
      entry.fallback = oneOf(`${id}.fallback`, e.fallback, FALLBACKS);
    }
    return entry;
  });
  return { file, responses, default: top.default === undefined ? 'log' : oneOf('default', top.default, ACTIONS) };
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
