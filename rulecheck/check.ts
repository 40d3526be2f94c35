/**
 * The offline rules validator: checks the repository's Falco rules files, in Falco's load order after the
 * stock rules, the way Falco 0.44.1 would load them, and reports `file:line: message` findings.
 *
 * Checked here: YAML syntax; the shape of every item (the Falco 0.44.1 rules schema, written out in code in
 * `shape.ts` because users' clones have no copy of the schema file); the items Falco requires (a rule's
 * condition, output, desc, priority; a list's items; a macro's condition); conditions, parsed by a real parser
 * of Falco's condition grammar; macro and list references, resolved against the stock names and earlier
 * files with Falco's visibility (a macro sees only earlier macros, a rule every macro loaded so far, each file
 * is compiled when it is read); targets of `override` and `append`; duplicates among the repository's files;
 * `required_engine_version`; field classes in conditions, exceptions and `%field` outputs. Only Falco can tell
 * whether a field exists within its class (plugin fields, for one), whether an event type exists, and whether
 * an exception's values fit its fields.
 */
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Node, type Pair, type YAMLMap } from 'yaml';
import type { RepoFile } from '../contract/files';
import { ConditionSyntaxError, parseCondition, references } from './condition';
import { ENGINE_VERSION, ENGINE_VERSION_SYNTAX, FIELD_CLASSES, compareVersions, fieldClass } from './falco';
import { nearMiss } from './near';
import { checkShape, type Issue } from './shape';
import { STOCK_INDEX, type EntryKind, type StockIndex } from './stock';

export interface Finding {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/** `file:line: message`, warnings marked as such. */
export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}: ${f.severity === 'warning' ? 'warning: ' : ''}${f.message}`;
}

/** A rule the project depends on: touching it gets a warning with this reason. */
export interface WatchedRule {
  name: string;
  reason: string;
}

export interface CheckOptions {
  /** What Falco has loaded before the files (default: the committed index of the stock rules). */
  stock?: StockIndex;
  /** Rules whose disabling or overriding gets a warning. */
  watched?: readonly WatchedRule[];
}

/** One list, macro or rule item of a file, once its shape is known to be right. */
interface Item {
  file: string;
  line: number;
  node: YAMLMap;
  kind: EntryKind;
  name: string;
  /** `define`: a new (or replacing) definition; `append`/`override`/`enable`: a change of an existing one. */
  mode: 'define' | 'append' | 'override' | 'enable';
}

interface Entry {
  /** Load position of the first definition (a redefinition keeps it, as Falco does). */
  index: number;
}

/** A file's position in load order, for "defined later" hints. */
interface Later {
  file: string;
  line: number;
  fileIndex: number;
}

const valueOf = (map: YAMLMap, key: string): Node | undefined => {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node> | undefined;
  return pair?.value ?? undefined;
};
const has = (map: YAMLMap, key: string) => map.items.some((p) => isScalar(p.key) && p.key.value === key);

/** Validates the files in the order given (Falco's: file name), after the stock rules. */
export function checkRules(files: readonly RepoFile[], options: CheckOptions = {}): Finding[] {
  const stock = options.stock ?? STOCK_INDEX;
  const findings: Finding[] = [];
  const report = (severity: Finding['severity'], file: string, line: number, message: string) => findings.push({ file, line, severity, message });

  // Phase 1: read every file (syntax and shape), so that later phases can say where a name is defined later.
  const parsed = files.map((f, fileIndex) => readFile(f, fileIndex, report));
  const definedAt = new Map<string, Later[]>();
  for (const file of parsed) {
    for (const item of file.items) {
      if (item.mode !== 'define') continue;
      const key = `${item.kind}:${item.name}`;
      definedAt.set(key, [...(definedAt.get(key) ?? []), { file: item.file, line: item.line, fileIndex: file.fileIndex }]);
    }
  }

  // Phase 2: load in order, as Falco's collector and compiler do.
  const tables: Record<EntryKind, Map<string, Entry>> = { list: new Map(), macro: new Map(), rule: new Map() };
  let seq = 0;
  for (const [kind, name] of stock.entries) if (!tables[kind].has(name)) tables[kind].set(name, { index: seq++ });
  const repoDefinitions = new Map<string, { file: string; line: number }>();
  const watched = new Map((options.watched ?? []).map((w) => [w.name, w.reason]));

  for (const file of parsed) {
    // The file's own definitions become visible to its rules and conditions' lists at compile time, i.e. after
    // the whole file is read; lists in lists and macros in macros see only what came before them.
    const pending: { item: Item; visibility: number }[] = [];
    for (const item of file.items) {
      const table = tables[item.kind];
      const prev = table.get(item.name);
      if (item.mode === 'define') {
        const key = `${item.kind}:${item.name}`;
        const dup = repoDefinitions.get(key);
        if (dup) report('error', item.file, item.line, `duplicate ${item.kind} '${item.name}': already defined at ${dup.file}:${dup.line}`);
        else repoDefinitions.set(key, { file: item.file, line: item.line });
        if (!prev) table.set(item.name, { index: seq });
      } else if (!prev) {
        const how = item.mode === 'enable' ? "sets 'enabled'" : item.mode === 'append' ? "has 'append: true'" : "has 'override'";
        const later = definedLater(definedAt, item.kind, item.name, file.fileIndex, item.line);
        report('error', item.file, item.line, `${item.kind} '${item.name}' ${how}, but no ${item.kind} of that name is loaded before it${later}`);
      }
      pending.push({ item, visibility: seq++ });
      const reason = item.kind === 'rule' ? watched.get(item.name) : undefined;
      if (reason) {
        const verb = disables(item.node) ? 'disables' : item.mode === 'define' ? 'replaces' : 'changes';
        report('warning', item.file, item.line, `${verb} the rule '${item.name}': ${reason}`);
      }
    }
    for (const { item, visibility } of pending) {
      if (item.kind === 'list') checkListItems(item, visibility, tables.list, definedAt, file.fileIndex, report);
      else checkConditionAndOutput(item, file, visibility, tables, definedAt, report);
    }
  }
  // In load order, then by line (Array.prototype.sort is stable: same-line findings keep their order).
  const order = new Map(files.map((f, i) => [f.path, i]));
  return findings.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.line - b.line);
}

/** `enabled: false` on a rule item. */
function disables(node: YAMLMap): boolean {
  const v = valueOf(node, 'enabled');
  return isScalar(v) && v.value === false;
}

function definedLater(definedAt: Map<string, Later[]>, kind: EntryKind, name: string, fileIndex: number, line: number): string {
  const later = (definedAt.get(`${kind}:${name}`) ?? []).find((d) => d.fileIndex > fileIndex || (d.fileIndex === fileIndex && d.line > line));
  return later ? ` (it is defined later, at ${later.file}:${later.line})` : '';
}

type Report = (severity: Finding['severity'], file: string, line: number, message: string) => void;

interface ParsedFile {
  file: string;
  fileIndex: number;
  source: string;
  lines: LineCounter;
  items: Item[];
}

function readFile(f: RepoFile, fileIndex: number, report: Report): ParsedFile {
  const lines = new LineCounter();
  const out: ParsedFile = { file: f.path, fileIndex, source: f.text, lines, items: [] };
  const docs = parseAllDocuments(f.text, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  let syntaxOk = true;
  for (const doc of docs) {
    for (const e of doc.errors) {
      syntaxOk = false;
      report('error', f.path, e.linePos?.[0].line ?? 1, `YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
    }
  }
  if (!syntaxOk) return out;
  for (const doc of docs) {
    const root = doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) continue;
    if (!isSeq(root)) {
      report('error', f.path, lineOf(root), 'a rules file is a YAML list of items (- list: ..., - macro: ..., - rule: ...)');
      continue;
    }
    for (const node of root.items) {
      if (node === null || (isScalar(node) && node.value === null)) continue;
      const issues: Issue[] = checkShape(node as Node);
      for (const issue of issues) report('error', f.path, lineOf(issue.node ?? (node as Node)), issue.message);
      if (issues.length > 0 || !isMap(node)) continue;
      const item = classify(node, f.path, lineOf(node), report);
      if (item) out.items.push(item);
    }
  }
  return out;
}

const RULE_FIELDS = ['condition', 'output', 'desc', 'priority'] as const;

/** The item's kind, name and mode; checks what Falco requires of each form. Shapes are already right. */
function classify(node: YAMLMap, file: string, line: number, report: Report): Item | undefined {
  const str = (key: string) => {
    const v = valueOf(node, key);
    return isScalar(v) ? v.value : undefined;
  };
  const requiredEngine = str('required_engine_version');
  if (requiredEngine !== undefined) {
    const v = String(requiredEngine);
    if (!ENGINE_VERSION_SYNTAX.test(v)) report('error', file, line, `required_engine_version '${v}' is not a version (x.y.z)`);
    else if (compareVersions(v, ENGINE_VERSION) > 0) {
      report('error', file, line, `required_engine_version ${v} is above the engine version of Falco 0.44.1 (${ENGINE_VERSION}): Falco would refuse the file`);
    }
    return undefined;
  }
  if (has(node, 'required_plugin_versions')) return undefined;
  const kind = (['list', 'macro', 'rule'] as const).find((k) => has(node, k));
  if (!kind) {
    report('error', file, line, 'unknown item: expected one of list, macro, rule, required_engine_version, required_plugin_versions');
    return undefined;
  }
  const name = String(str(kind) ?? '');
  if (name === '') {
    report('error', file, line, `${kind} has an empty name`);
    return undefined;
  }
  const append = str('append') === true;
  const override = valueOf(node, 'override');
  if (append && override) {
    report('error', file, line, `${kind} '${name}': 'override' and 'append: true' cannot be used together; put 'append' under 'override'`);
    return undefined;
  }
  const base = { file, line, node, kind, name };
  if (isMap(override)) {
    // Every key under `override` must be in the item, and (for rules) every overridable key of the item under it.
    const keys = override.items.map((p) => String((p.key as { value: unknown }).value));
    for (const k of keys) if (!has(node, k)) report('error', file, line, `${kind} '${name}': override of '${k}', but the item has no '${k}'`);
    if (kind === 'rule') {
      for (const p of node.items) {
        const k = String((p.key as { value: unknown }).value);
        if (OVERRIDABLE_RULE_KEYS.has(k) && !keys.includes(k)) {
          report('error', file, line, `rule '${name}': '${k}' is set but not under 'override' (an override item changes only the keys it lists)`);
        }
      }
    }
    return { ...base, mode: 'override' };
  }
  if (append) {
    report('warning', file, line, `${kind} '${name}': 'append: true' is deprecated in Falco 0.44; use 'override' (e.g. 'override: {${kind === 'list' ? 'items' : 'condition'}: append}')`);
    return { ...base, mode: 'append' };
  }
  const required = kind === 'list' ? ['items'] : kind === 'macro' ? ['condition'] : [...RULE_FIELDS];
  if (kind === 'rule' && RULE_FIELDS.every((k) => !has(node, k))) {
    if (!has(node, 'enabled')) {
      report('error', file, line, `rule '${name}' has none of condition, output, desc, priority (a new rule) nor 'enabled' (a change of a loaded rule)`);
      return undefined;
    }
    return { ...base, mode: 'enable' };
  }
  const missing = required.filter((k) => !has(node, k));
  if (missing.length > 0) {
    report('error', file, line, `${kind} '${name}' has no ${missing.join(', ')}`);
    return undefined;
  }
  return { ...base, mode: 'define' };
}

/** Keys a rule override may name (append or replace); the rest of an override item is only its name. */
const OVERRIDABLE_RULE_KEYS = new Set(['condition', 'output', 'desc', 'priority', 'capture', 'capture_duration', 'tags', 'exceptions', 'enabled', 'warn_evttypes', 'skip-if-unknown-filter']);

function checkListItems(item: Item, visibility: number, lists: Map<string, Entry>, definedAt: Map<string, Later[]>, fileIndex: number, report: Report): void {
  const items = valueOf(item.node, 'items');
  if (!isSeq(items)) return;
  for (const v of items.items) {
    if (!isScalar(v) || typeof v.value !== 'string') continue;
    const name = v.value;
    const ref = lists.get(name);
    if (ref && ref.index < visibility) continue;
    const later = (definedAt.get(`list:${name}`) ?? []).find((d) => d.fileIndex > fileIndex || (d.fileIndex === fileIndex && d.line > item.line));
    if (later || (ref && ref.index >= visibility)) {
      const where = later ? `${later.file}:${later.line}` : 'later';
      report('error', item.file, item.line, `list '${item.name}': list '${name}' is used before it is defined (at ${where}); here Falco takes the name as a literal value`);
    }
  }
}

function checkConditionAndOutput(
  item: Item,
  file: ParsedFile,
  visibility: number,
  tables: Record<EntryKind, Map<string, Entry>>,
  definedAt: Map<string, Later[]>,
  report: Report,
): void {
  const label = `${item.kind} '${item.name}'`;
  const condNode = valueOf(item.node, 'condition');
  if (isScalar(condNode) && typeof condNode.value === 'string') {
    const text = condNode.value;
    const lineAt = (offset: number) => file.lines.linePos(sourceOffset(condNode as ScalarLike, text, offset, file)).line;
    // An appended condition is a fragment (`and not ...`) that Falco adds to the loaded one after a blank:
    // parse it behind a stand-in condition, and shift offsets back.
    const head = appendsCondition(item) ? `${APPEND_STAND_IN} ` : '';
    const shift = <T extends { at: number }>(r: T): T => ({ ...r, at: Math.max(0, r.at - head.length) });
    let refs;
    try {
      const all = references(parseCondition(head + text));
      refs = { macros: all.macros.slice(head ? 1 : 0).map(shift), listItems: all.listItems.map(shift), fields: all.fields.map(shift) };
    } catch (e) {
      if (!(e instanceof ConditionSyntaxError)) throw e;
      report('error', item.file, lineAt(Math.max(0, e.offset - head.length)), `${label}: condition: ${e.message}`);
      refs = undefined;
    }
    if (refs) {
      for (const m of refs.macros) {
        const sym = tables.macro.get(m.name);
        // A macro sees the macros loaded before it; a rule every macro loaded so far (this file included).
        const visible = sym && (item.kind === 'rule' || sym.index < visibility);
        if (visible) continue;
        const later = definedLater(definedAt, 'macro', m.name, file.fileIndex, item.line);
        const list = tables.list.has(m.name) ? ` ('${m.name}' is a list: use it inside 'in (...)')` : '';
        report('error', item.file, lineAt(m.at), `${label}: undefined macro '${m.name}'${later || list}`);
      }
      const knownLists = [...tables.list.keys()];
      for (const l of refs.listItems) {
        if (tables.list.has(l.name)) {
          if (l.bare) report('error', item.file, lineAt(l.at), `${label}: list '${l.name}' needs parentheses: Falco pastes the list's items in place of its name, so write 'in (${l.name})'`);
          continue;
        }
        const later = definedLater(definedAt, 'list', l.name, file.fileIndex, Number.MAX_SAFE_INTEGER);
        if (later) {
          report('error', item.file, lineAt(l.at), `${label}: list '${l.name}' is not loaded yet${later}: Falco compiles each file when it reads it, so here the name is a literal value`);
          continue;
        }
        if (l.bare) {
          report('error', item.file, lineAt(l.at), `${label}: undefined list '${l.name}'`);
          continue;
        }
        const near = knownLists.find((k) => nearMiss(l.name, k));
        if (near) report('error', item.file, lineAt(l.at), `${label}: '${l.name}' is not a list (did you mean '${near}'?); quote it if you mean the literal value`);
      }
      for (const f of refs.fields) {
        if (!FIELD_CLASSES.has(fieldClass(f.name))) report('error', item.file, lineAt(f.at), `${label}: condition: unknown field class '${fieldClass(f.name)}' (field '${f.name}')`);
      }
    }
  }
  if (item.kind !== 'rule') return;
  const output = valueOf(item.node, 'output');
  if (isScalar(output) && typeof output.value === 'string') {
    for (const f of outputFields(output.value)) {
      if (!FIELD_CLASSES.has(fieldClass(f.name))) {
        const line = file.lines.linePos(sourceOffset(output as ScalarLike, output.value, f.at, file)).line;
        report('error', item.file, line, `${label}: output: unknown field class '${fieldClass(f.name)}' (%${f.name})`);
      }
    }
  }
  const exceptions = valueOf(item.node, 'exceptions');
  if (isSeq(exceptions)) {
    for (const ex of exceptions.items) {
      if (!isMap(ex)) continue;
      const fields = valueOf(ex, 'fields');
      const names = isSeq(fields) ? fields.items : fields ? [fields] : [];
      for (const n of names) {
        if (!isScalar(n) || typeof n.value !== 'string') continue;
        if (!FIELD_CLASSES.has(fieldClass(n.value))) {
          report('error', item.file, file.lines.linePos(n.range?.[0] ?? 0).line, `${label}: exception field '${n.value}': unknown field class '${fieldClass(n.value)}'`);
        }
      }
      checkExceptionShape(ex, (node, message) => report('error', item.file, file.lines.linePos(node.range?.[0] ?? 0).line, `${label}: ${message}`));
    }
  }
}

/**
 * Falco pairs an exception's fields, comparisons and each value tuple by position: with a list of fields, `comps`
 * must be a list of the same length and every value a list of that length; with one field, `comps` is one
 * operator and the values are plain. It refuses the rule otherwise. (Values appended without fields are checked
 * by Falco against the exception they extend, which may live in another file.)
 */
function checkExceptionShape(ex: YAMLMap, error: (at: Node, message: string) => void): void {
  const fields = valueOf(ex, 'fields');
  if (!fields) return;
  const name = valueOf(ex, 'name');
  const what = `exception '${isScalar(name) ? String(name.value) : '?'}'`;
  const comps = valueOf(ex, 'comps');
  const values = valueOf(ex, 'values');
  if (isSeq(fields)) {
    const n = fields.items.length;
    if (comps && !isSeq(comps)) error(comps, `${what}: comps must be a list of ${n} operators, like its fields`);
    else if (isSeq(comps) && comps.items.length !== n) error(comps, `${what}: comps has ${comps.items.length} operator(s) for ${n} field(s); Falco refuses the rule`);
    if (isSeq(values)) {
      for (const [i, v] of values.items.entries()) {
        const count = isSeq(v) ? v.items.length : undefined;
        if (count !== n) error(v as Node, `${what}: values[${i}] ${count === undefined ? 'is not a list' : `has ${count} value(s)`} for ${n} field(s); Falco refuses the rule`);
      }
    }
  } else if (isSeq(comps)) {
    error(comps, `${what}: comps must be one operator when fields is one field`);
  }
}

/** Stands for the loaded condition an appended fragment continues: a macro reference, always defined here. */
const APPEND_STAND_IN = 'loaded_condition';

/** `append: true`, or `override: {condition: append}`. */
function appendsCondition(item: Item): boolean {
  if (item.mode === 'append') return true;
  const override = valueOf(item.node, 'override');
  return item.mode === 'override' && isMap(override) && override.get('condition') === 'append';
}

/** `%field`, `%field[arg]` and `%transformer(field)` references of an output (`%%` is a literal percent). */
export function outputFields(output: string): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  const re = /%(%|(?:[a-z0-9_]+\()?([a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+))/g;
  for (let m = re.exec(output); m; m = re.exec(output)) {
    if (m[1] === '%') continue;
    out.push({ name: m[2], at: m.index + m[0].length - m[2].length });
  }
  return out;
}

interface ScalarLike {
  range?: [number, number, number] | null;
  type?: string | null;
}

/**
 * The source offset of a character of a scalar's value. Folding (`>`), quoting and escapes change whitespace
 * and add characters, but keep every other character in order: walk both and match those. An offset at a
 * blank stands for the next character that is not; past the end, for the last one.
 */
function sourceOffset(node: ScalarLike, value: string, offset: number, file: ParsedFile): number {
  const src = file.source;
  const [start, end] = node.range ?? [0, 0];
  let target = offset;
  while (target < value.length && /\s/.test(value[target])) target++;
  if (target >= value.length) {
    target = value.length - 1;
    while (target > 0 && /\s/.test(value[target])) target--;
  }
  let j = start;
  if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') j = src.indexOf('\n', start) + 1 || start;
  let last = j;
  for (let i = 0; i <= target; i++) {
    if (/\s/.test(value[i])) continue;
    let k = j;
    while (k < end && src[k] !== value[i]) k++;
    if (k >= end) return last;
    last = k;
    j = k + 1;
  }
  return last;
}
