/**
 * The Falco 0.44.1 rules schema (`rule_schema.json` in Falco's source: a draft-06 JSON schema), written out as
 * code: users' clones have no copy of the schema file, and the checks here name the YAML node at fault, so
 * errors carry its line. The tests check every fixture against the real schema too: whatever passes here
 * passes the schema, and every finding here is a schema failure there.
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { PRIORITIES } from './falco';

export interface Issue {
  message: string;
  /** The node at fault, for its line (the item when absent). */
  node?: Node | null;
}

type Check = (value: Node | null, at: string, issues: Issue[]) => void;

const scalarValue = (n: Node | null): unknown => (isScalar(n) ? n.value : n === null ? null : undefined);
const describe = (n: Node | null): string => {
  if (isMap(n)) return 'a map';
  if (isSeq(n)) return 'a list';
  const v = scalarValue(n);
  return v === null ? 'empty' : `${typeof v} ${JSON.stringify(v)}`;
};

const scalarOf =
  (what: string, ok: (v: unknown) => boolean): Check =>
  (n, at, issues) => {
    if (!isScalar(n) || !ok(n.value)) issues.push({ message: `'${at}' must be ${what}, not ${describe(n)}`, node: n });
  };

const str = scalarOf('a string', (v) => typeof v === 'string');
const bool = scalarOf('true or false', (v) => typeof v === 'boolean');
const int = scalarOf('an integer', (v) => typeof v === 'number' && Number.isInteger(v));
const strOrInt = scalarOf('a string or an integer', (v) => typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)));
const any: Check = () => undefined;

const priority: Check = (n, _at, issues) => {
  const v = scalarValue(n);
  if (typeof v !== 'string' || !(PRIORITIES as readonly string[]).includes(v)) {
    issues.push({ message: `invalid priority ${typeof v === 'string' ? `'${v}'` : describe(n)}: one of ${PRIORITIES.join(', ')}`, node: n });
  }
};

const seqOf =
  (item: Check): Check =>
  (n, at, issues) => {
    if (!isSeq(n)) {
      issues.push({ message: `'${at}' must be a list, not ${describe(n)}`, node: n });
      return;
    }
    n.items.forEach((v, i) => item(v as Node | null, `${at}[${i}]`, issues));
  };

/** A map with these keys only, `required` among them present. */
const mapOf =
  (props: Record<string, Check>, required: readonly string[] = [], minKeys = 0): Check =>
  (n, at, issues) => {
    if (!isMap(n)) {
      issues.push({ message: `'${at}' must be a map, not ${describe(n)}`, node: n });
      return;
    }
    checkPairs(n.items as Pair<Node, Node>[], props, at, issues);
    const keys = n.items.map((p) => scalarValue(p.key as Node));
    for (const r of required) if (!keys.includes(r)) issues.push({ message: `'${at}' has no '${r}'`, node: n });
    if (keys.length < minKeys) issues.push({ message: `'${at}' is empty`, node: n });
  };

function checkPairs(pairs: Pair<Node, Node>[], props: Record<string, Check>, at: string, issues: Issue[]): void {
  for (const p of pairs) {
    const key = scalarValue(p.key);
    const check = typeof key === 'string' && Object.hasOwn(props, key) ? props[key] : undefined;
    if (!check) {
      issues.push({ message: `${at ? `'${at}': ` : ''}unknown key ${JSON.stringify(key)}; allowed: ${Object.keys(props).join(', ')}`, node: p.key });
      continue;
    }
    check(p.value ?? null, at ? `${at}.${key}` : key as string, issues);
  }
}

const OVERRIDE_OPERATION = scalarOf("'append' or 'replace'", (v) => v === 'append' || v === 'replace');
const OVERRIDE_KEYS = ['items', 'desc', 'condition', 'output', 'priority', 'enabled', 'exceptions', 'capture', 'capture_duration', 'tags', 'warn_evttypes', 'skip-if-unknown-filter'];

const pluginVersion = mapOf({ name: str, version: str, alternatives: seqOf(mapOf({ name: str, version: str }, ['name', 'version'])) }, ['name', 'version']);

/** The properties of an item (`FalcoRule` in the schema); none is required by the schema itself. */
const ITEM: Record<string, Check> = {
  required_engine_version: str,
  required_plugin_versions: seqOf(pluginVersion),
  macro: str,
  condition: str,
  list: str,
  items: seqOf(strOrInt),
  rule: str,
  desc: str,
  enabled: bool,
  output: str,
  append: bool,
  priority,
  capture: bool,
  capture_duration: int,
  source: str,
  exceptions: seqOf(mapOf({ name: str, fields: any, comps: any, values: any }, ['name'])),
  override: mapOf(Object.fromEntries(OVERRIDE_KEYS.map((k) => [k, OVERRIDE_OPERATION])), [], 1),
  tags: seqOf(str),
  warn_evttypes: bool,
  'skip-if-unknown-filter': bool,
};

/** Schema problems of one item of a rules file; the message names the item when it has a name. */
export function checkShape(item: Node): Issue[] {
  if (!isMap(item)) {
    return [{ message: `an item must be a map (list, macro, rule, required_engine_version or required_plugin_versions), not ${describe(item)}`, node: item }];
  }
  const issues: Issue[] = [];
  checkPairs(item.items as Pair<Node, Node>[], ITEM, '', issues);
  const named = (['rule', 'macro', 'list'] as const).find((k) => typeof scalarValue(item.get(k, true) as Node) === 'string');
  const label = named ? `${named} '${scalarValue(item.get(named, true) as Node)}': ` : '';
  return issues.map((i) => ({ ...i, message: label + i.message }));
}
