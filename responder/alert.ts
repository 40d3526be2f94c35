/**
 * The alert Falcosidekick's `webhook` output posts: Falco's alert JSON. `parseAlert` checks the fields the
 * responder uses and names the first one that is wrong; `workloadOf` reads the Deployment the alert is about from
 * the k8smeta fields that the guard Falco appends to every alert.
 */

import { ALERT_WORKLOAD_FIELDS, FALCO_PRIORITIES } from '../contract/naming';

/** Falco priorities, most severe first (Falcosidekick sends them capitalised, e.g. `Critical`). */
export const PRIORITIES = FALCO_PRIORITIES;
export type Priority = (typeof PRIORITIES)[number];

/** `info` is Falco's short spelling of `informational`. */
export function parsePriority(value: string): Priority | undefined {
  const p = value.toLowerCase();
  if (p === 'info') return 'informational';
  return (PRIORITIES as readonly string[]).includes(p) ? (p as Priority) : undefined;
}

/** True when `p` is at least as severe as `minimum`. */
export function atLeast(p: Priority, minimum: Priority): boolean {
  return PRIORITIES.indexOf(p) <= PRIORITIES.indexOf(minimum);
}

export interface Alert {
  uuid: string;
  rule: string;
  priority: Priority;
  /** The priority as sent, for the audit trail. */
  priorityText: string;
  output: string;
  time: string;
  source: string;
  hostname: string;
  tags: string[];
  output_fields: Record<string, unknown>;
}

/** A Deployment, by namespace and name. */
export interface Workload {
  namespace: string;
  name: string;
}

export const NAMESPACE_FIELD = ALERT_WORKLOAD_FIELDS.namespace;
export const DEPLOYMENT_FIELD = ALERT_WORKLOAD_FIELDS.deployment;

/** The input is not an alert; the message names the field. */
export class AlertError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a decoded JSON value as an alert. */
export function parseAlert(value: unknown): Alert {
  if (!isObject(value)) throw new AlertError('the alert is not a JSON object');
  const text = (key: string, required: boolean): string => {
    const v = value[key];
    if (v === undefined || v === null) {
      if (required) throw new AlertError(`field "${key}" is missing`);
      return '';
    }
    if (typeof v !== 'string') throw new AlertError(`field "${key}" must be a string, got ${JSON.stringify(v)}`);
    if (required && v.trim() === '') throw new AlertError(`field "${key}" is empty`);
    return v;
  };
  const rule = text('rule', true);
  const priorityText = text('priority', true);
  const priority = parsePriority(priorityText);
  if (!priority) throw new AlertError(`field "priority" is ${JSON.stringify(priorityText)}; allowed: ${PRIORITIES.join(', ')}`);
  const tags = value.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) throw new AlertError('field "tags" must be a list of strings');
  const fields = value.output_fields ?? {};
  if (!isObject(fields)) throw new AlertError('field "output_fields" must be an object');
  return {
    uuid: text('uuid', false),
    rule,
    priority,
    priorityText,
    output: text('output', true),
    time: text('time', true),
    source: text('source', false),
    hostname: text('hostname', false),
    tags: tags as string[],
    output_fields: fields,
  };
}

/** Decodes and validates a request body or file. */
export function parseAlertJson(text: string): Alert {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AlertError(`not JSON: ${(e as Error).message}`);
  }
  return parseAlert(value);
}

// RFC 1123 label (namespaces) and subdomain (Deployment names): they become file paths, so nothing else passes.
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The alert's Deployment, or why there is none (fields absent, `<NA>`, or not Kubernetes names). */
export function workloadOf(alert: Alert): Workload | { reason: string } {
  const field = (key: string): string | undefined => {
    const v = alert.output_fields[key];
    return typeof v === 'string' && v !== '' && v !== '<NA>' ? v : undefined;
  };
  const namespace = field(NAMESPACE_FIELD);
  const name = field(DEPLOYMENT_FIELD);
  if (!namespace || !name) {
    const missing = [!namespace && NAMESPACE_FIELD, !name && DEPLOYMENT_FIELD].filter(Boolean).join(' and ');
    return { reason: `no Deployment in the alert (output_fields ${missing} absent)` };
  }
  if (namespace.length > 63 || !LABEL.test(namespace)) return { reason: `${NAMESPACE_FIELD} ${JSON.stringify(namespace)} is not a namespace name` };
  if (name.length > 253 || !SUBDOMAIN.test(name)) return { reason: `${DEPLOYMENT_FIELD} ${JSON.stringify(name)} is not a Deployment name` };
  return { namespace, name };
}
