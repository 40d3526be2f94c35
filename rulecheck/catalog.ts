/**
 * The rules a Falco ends up with after loading the stock rules and the repository's files: each rule's tags and
 * whether it is enabled, and which item of which file last changed that. The response policy is checked against
 * it (a policy entry naming a rule nobody loads, or one that `rules/` disables, never matches an alert).
 *
 * Lenient by design: the rules checker reports what is wrong with the files; here an item that does not make
 * sense is skipped, so that the policy check still has the rest.
 */
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import { STOCK_INDEX, STOCK_RULES_VERSION, type StockIndex } from './stock';

/** A rules file: its path relative to the repository root and its text. */
export interface RulesFile {
  path: string;
  text: string;
}

export interface LoadedRule {
  name: string;
  tags: string[];
  enabled: boolean;
  /** `file:line` of the repository item that defined the rule, or that last set `enabled`; absent for stock. */
  changedAt?: string;
}

export interface LoadedRuleSet {
  rules: Map<string, LoadedRule>;
  /** What was loaded, for messages. */
  source: string;
}

const DEFINING_KEYS = ['condition', 'output', 'desc', 'priority'];

/** Falco's view after the stock rules and `files` (in load order). */
export function loadedRules(files: readonly RulesFile[], stock: StockIndex = STOCK_INDEX): LoadedRuleSet {
  const rules = new Map<string, LoadedRule>();
  for (const e of stock.entries) if (e[0] === 'rule' && !rules.has(e[1])) rules.set(e[1], { name: e[1], tags: e.length === 3 ? [...e[2]] : [], enabled: true });
  for (const f of files) {
    const lines = new LineCounter();
    for (const doc of parseAllDocuments(f.text, { lineCounter: lines })) {
      if (doc.errors.length > 0 || !isSeq(doc.contents)) continue;
      for (const node of doc.contents.items) {
        if (!isMap(node)) continue;
        const name = scalar(node, 'rule');
        if (typeof name !== 'string' || name === '') continue;
        apply(rules, node, name, `${f.path}:${node.range ? lines.linePos(node.range[0]).line : 1}`);
      }
    }
  }
  const names = files.map((f) => f.path);
  return { rules, source: `the stock rules ${STOCK_RULES_VERSION}${names.length ? ` and ${names.join(', ')}` : ''}` };
}

function apply(rules: Map<string, LoadedRule>, node: YAMLMap, name: string, at: string): void {
  const override = node.get('override', true) as Node | undefined;
  const overrides = isMap(override) ? override : undefined;
  const tags = strings(node.get('tags', true) as Node | undefined);
  const enabled = scalar(node, 'enabled');
  const defines = !overrides && scalar(node, 'append') !== true && DEFINING_KEYS.some((k) => node.has(k));
  if (defines) {
    // A new rule, or one that replaces a loaded rule of the same name entirely.
    rules.set(name, { name, tags: tags ?? [], enabled: enabled !== false, changedAt: at });
    return;
  }
  const rule = rules.get(name);
  if (!rule) return;
  if (tags) rule.tags = overrides?.get('tags') === 'replace' ? tags : [...rule.tags, ...tags];
  if (typeof enabled === 'boolean') {
    rule.enabled = enabled;
    rule.changedAt = at;
  }
}

function scalar(map: YAMLMap, key: string): unknown {
  const v = map.get(key, true) as Node | undefined;
  return isScalar(v) ? v.value : undefined;
}

function strings(node: Node | undefined): string[] | undefined {
  if (!isSeq(node)) return undefined;
  return node.items.flatMap((t) => (isScalar(t) && typeof t.value === 'string' ? [t.value] : []));
}
