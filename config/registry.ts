/**
 * The mechanism of the declarative configuration registry: a setting is declared once, as a node of a tree
 * (`section`, `text`, `oneOf`, `int`, `bool`, `stringMap`, `tree`, `strings`, `list`, `optional`), with its type,
 * default, allowed values or rule, environment variable and one-line doc. From that one tree come the
 * TypeScript type of the configuration (`ValueOf`), the defaults (`defaultsOf`), the validation (`resolve`) and
 * the README's reference table (config/docs.ts). config/schema.ts holds the tree itself.
 */

/**
 * Where a rule runs: the whole resolved configuration and the object holding the value. Untyped here, as the
 * registry's type is derived from the rules' own declarations; a rule that reads a value which is itself bad
 * may throw, and is then skipped (that value's problem is reported anyway).
 */
export interface RuleContext {
  root: any;
  parent: any;
}
/** A check beyond the type; returns the problem (what follows `path: `) or undefined when the value is fine. */
export type Rule<T> = (value: T, ctx: RuleContext) => string | undefined;

/**
 * An environment variable that overrides a setting when set and non-empty. `split` maps one variable onto this
 * setting and its siblings (`GITHUB_REPOSITORY` = `owner/name`); it returns an error text for a bad value.
 */
export type EnvOverride = string | { name: string; split: (text: string) => Record<string, string> | string };

interface LeafBase<T> {
  readonly node: 'leaf';
  readonly doc: string;
  /** Absent: the setting is required (in list items and optional sections, whose fields may lack defaults). */
  readonly default?: T;
  /** May be left out, without a default: its value is then `undefined`, whose meaning the doc states. */
  readonly optional?: boolean;
  readonly env?: EnvOverride;
  /** Method syntax on purpose: a rule for `'kmod' | 'modern_ebpf'` still fits where a string rule is expected. */
  rule?(value: T, ctx: RuleContext): string | undefined;
  /** Phantom: the value's type, for `ValueOf`. Never set at run time. */
  readonly __value: T;
}
export interface TextLeaf<T extends string = string> extends LeafBase<T> {
  readonly type: 'text';
  /** Allowed values (an enumeration). */
  readonly values?: readonly T[];
  readonly pattern?: RegExp;
  /** What a valid value looks like, for errors and the docs ("a DNS label ..."). */
  readonly expect?: string;
  /** YAML numbers are accepted and converted (`cpu: 1` -> `"1"`): for quantities, never for versions. */
  readonly numbers?: boolean;
}
export interface IntLeaf extends LeafBase<number> {
  readonly type: 'int';
  readonly min: number;
  /** Inclusive upper bound, when there is one. */
  readonly max?: number;
}
export interface BoolLeaf extends LeafBase<boolean> {
  readonly type: 'bool';
}
export interface MapLeaf extends LeafBase<Record<string, string>> {
  readonly type: 'map';
}
/** A map of anything YAML holds (nested maps, lists, scalars), e.g. extra Helm chart values; its rule checks the keys. */
export interface TreeLeaf extends LeafBase<Record<string, unknown>> {
  readonly type: 'tree';
}
/** A list of strings, each checked like a text leaf (e.g. CIDR ranges). */
export interface StringsLeaf extends LeafBase<string[]> {
  readonly type: 'strings';
  readonly pattern?: RegExp;
  /** What one valid item looks like. */
  readonly expect?: string;
}
export type Leaf = TextLeaf<string> | IntLeaf | BoolLeaf | MapLeaf | TreeLeaf | StringsLeaf;

export interface SectionNode<F extends Fields = Fields> {
  readonly node: 'section';
  readonly fields: F;
}
export interface ListNode<I extends SectionNode = SectionNode> {
  readonly node: 'list';
  readonly item: I;
  readonly doc: string;
  readonly default: ValueOf<I>[];
  /** How the default reads in the docs ("six, below"). */
  readonly defaultDoc: string;
  /** Field naming each item: unique, and errors say `list[<name>]` instead of `list[<index>]`. */
  readonly key: keyof I['fields'] & string;
  /** What one item is called ("variant"). */
  readonly noun: string;
  readonly minItems: number;
}
/** A section that is absent unless given (its fields' defaults apply only when it is). */
export interface OptionalNode<S extends SectionNode = SectionNode> {
  readonly node: 'optional';
  readonly section: S;
  readonly doc: string;
  /** Checked with the value possibly undefined, e.g. "required when ...". */
  rule?(value: ValueOf<S> | undefined, ctx: RuleContext): string | undefined;
}
export type Node = Leaf | SectionNode | ListNode | OptionalNode;
export type Fields = { readonly [key: string]: Node };

type Flatten<T> = { -readonly [K in keyof T]: T[K] };
/** Optional sections and unset leaves may be left out: optional properties. */
type MayBeAbsent<N> = N extends OptionalNode ? true : N extends { readonly optional: true } ? true : false;
type SectionValue<F> = Flatten<
  { -readonly [K in keyof F as MayBeAbsent<F[K]> extends true ? never : K]: ValueOf<F[K]> } & {
    -readonly [K in keyof F as MayBeAbsent<F[K]> extends true ? K : never]?: ValueOf<F[K]>;
  }
>;
/** The TypeScript type of what a node holds once resolved. */
export type ValueOf<N> = N extends LeafBase<infer T> & { readonly optional: true }
  ? T | undefined
  : N extends LeafBase<infer T>
  ? T
  : N extends ListNode<infer I>
    ? ValueOf<I>[]
    : N extends OptionalNode<infer S>
      ? ValueOf<S>
      : N extends SectionNode<infer F>
        ? SectionValue<F>
        : never;

// ---- declaring -------------------------------------------------------------------------------------------

type LeafOptions<T> = { doc: string; default?: T; env?: EnvOverride; rule?: Rule<T> };
const leaf = <L extends Leaf>(l: Omit<L, 'node' | '__value'>) => ({ node: 'leaf', ...l }) as unknown as L;

export const section = <F extends Fields>(fields: F): SectionNode<F> => ({ node: 'section', fields });
export const text = (o: LeafOptions<string> & { pattern?: RegExp; expect?: string; numbers?: boolean }) => leaf<TextLeaf>({ type: 'text', ...o });
export const oneOf = <const V extends readonly string[]>(values: V, o: LeafOptions<V[number]>) =>
  leaf<TextLeaf<V[number]>>({ type: 'text', values, ...o } as Omit<TextLeaf<V[number]>, 'node' | '__value'>);
export const int = (o: LeafOptions<number> & { min: number; max?: number }) => leaf<IntLeaf>({ type: 'int', ...o });
export const bool = (o: LeafOptions<boolean>) => leaf<BoolLeaf>({ type: 'bool', ...o });
export const stringMap = (o: LeafOptions<Record<string, string>>) => leaf<MapLeaf>({ type: 'map', ...o });
export const tree = (o: LeafOptions<Record<string, unknown>>) => leaf<TreeLeaf>({ type: 'tree', ...o });
export const strings = (o: LeafOptions<string[]> & { pattern?: RegExp; expect?: string }) => leaf<StringsLeaf>({ type: 'strings', ...o });
export const list = <I extends SectionNode>(item: I, o: Omit<ListNode<I>, 'node' | 'item'>): ListNode<I> => ({ ...o, node: 'list', item });
/** A leaf that may be left unset (no default): `undefined` then, e.g. "not configured yet". */
export const unset = <L extends Leaf>(l: L) => ({ ...l, optional: true }) as L & { readonly optional: true };
export const optional = <S extends SectionNode>(s: S, o: { doc: string; rule?: Rule<ValueOf<S> | undefined> }): OptionalNode<S> => ({ ...o, node: 'optional', section: s });

// ---- walking ---------------------------------------------------------------------------------------------

/** Every leaf, list and optional section with its documentation path (`benchmark.variants[].cpu.limit`). */
export function entries(root: SectionNode, at = ''): { path: string; node: Leaf | ListNode | OptionalNode }[] {
  return Object.entries(root.fields).flatMap(([key, n]) => {
    const path = at ? `${at}.${key}` : key;
    if (n.node === 'section') return entries(n, path);
    if (n.node === 'list') return [{ path, node: n }, ...entries(n.item, `${path}[]`)];
    if (n.node === 'optional') return [{ path, node: n }, ...entries(n.section, path)];
    return [{ path, node: n }];
  });
}

/** The defaults of a section (optional sections left out, lists as declared). Fresh objects every call. */
export function defaultsOf<S extends SectionNode>(root: S): ValueOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, n] of Object.entries(root.fields)) {
    if (n.node === 'section') out[key] = defaultsOf(n);
    else if (n.node === 'list' || (n.node === 'leaf' && n.default !== undefined)) out[key] = structuredClone(n.default);
  }
  return out as ValueOf<S>;
}

// ---- resolving -------------------------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const show = (v: unknown) => JSON.stringify(v);
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);
const join = (at: string, key: string) => (at ? `${at}.${key}` : key);
/** The standard problem text for a value of the right type that a check refuses. */
export const notAllowed = (value: unknown, why: string) => `${show(value)} is not allowed; ${why}`;

/**
 * Validates a parsed document against the registry: applies environment overrides, merges over the defaults,
 * checks types and values, then the rules of every value that passed those. Returns the value and every
 * problem, each `path: what is wrong`, list items named by their key (`benchmark.variants[kmod1cpu].cpu.limit`).
 */
export function resolve<S extends SectionNode>(root: S, raw: unknown, env: Record<string, string | undefined>): { value: ValueOf<S>; problems: string[] } {
  const problems: string[] = [];
  const doc = raw === null || raw === undefined ? {} : raw;
  if (!isObject(doc)) {
    problems.push(`the document: expected a map of settings, got ${kindOf(doc)} ${show(doc)}`);
    return { value: defaultsOf(root), problems };
  }
  const sources = new Map<string, string>();
  const fromEnv = applyEnv(root, structuredClone(doc), env, problems, sources);
  const value = mergeSection(root, fromEnv, '', problems) as ValueOf<S>;
  const failed = new Set(problems.map((p) => p.slice(0, p.indexOf(': '))));
  checkRules(root, value, '', { root: value, failed }, problems);
  // A bad value from the environment names its variable: the file is not where to look.
  const named = problems.map((p) => {
    const path = p.slice(0, p.indexOf(': '));
    return sources.has(path) ? `${path} (from ${sources.get(path)})${p.slice(path.length)}` : p;
  });
  return { value, problems: named };
}

/** Writes set environment variables into the document at their settings' places. */
function applyEnv(root: SectionNode, doc: Record<string, unknown>, env: Record<string, string | undefined>, problems: string[], sources: Map<string, string>) {
  const visit = (s: SectionNode, target: Record<string, unknown>, at: string) => {
    for (const [key, n] of Object.entries(s.fields)) {
      if (n.node === 'section') {
        if (target[key] === undefined || target[key] === null) target[key] = {};
        if (isObject(target[key])) visit(n, target[key] as Record<string, unknown>, join(at, key));
      } else if (n.node === 'leaf' && n.env) {
        const name = typeof n.env === 'string' ? n.env : n.env.name;
        const text = env[name];
        if (!text) continue;
        const parts = typeof n.env === 'string' ? { [key]: text } : n.env.split(text);
        if (typeof parts === 'string') problems.push(`${name}: ${show(text)} ${parts}`);
        else {
          Object.assign(target, parts);
          for (const k of Object.keys(parts)) sources.set(join(at, k), name);
        }
      }
    }
  };
  visit(root, doc, '');
  return doc;
}

function mergeSection(s: SectionNode, value: unknown, at: string, problems: string[]): Record<string, unknown> {
  if (value === null || value === undefined) value = {};
  if (!isObject(value)) {
    problems.push(`${at}: expected a map, got ${kindOf(value)} ${show(value)}`);
    return defaultsOf(s) as Record<string, unknown>;
  }
  const known = Object.keys(s.fields);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) problems.push(`${join(at, key)}: unknown key; allowed here: ${known.join(', ')}`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, n] of Object.entries(s.fields)) {
    const path = join(at, key);
    const v = value[key] ?? undefined;
    if (n.node === 'section') out[key] = mergeSection(n, v, path, problems);
    else if (n.node === 'optional') {
      if (v !== undefined) out[key] = mergeSection(n.section, v, path, problems);
    } else if (n.node === 'list') out[key] = mergeList(n, v, path, problems);
    else {
      const merged = mergeLeaf(n, v, path, problems);
      if (merged !== undefined) out[key] = merged;
    }
  }
  return out;
}

/** How list items are named in paths: by key when it is a valid, unique key, else by index. */
function itemLabels(l: ListNode, items: unknown[], at: string): string[] {
  const keyOf = (item: unknown) => (isObject(item) ? item[l.key] : undefined);
  const keyLeaf = l.item.fields[l.key] as Leaf;
  return items.map((item, i) => {
    const k = keyOf(item);
    const valid = typeof k === 'string' && leafProblem(keyLeaf, k) === undefined && items.filter((o) => keyOf(o) === k).length === 1;
    return valid ? `${at}[${k}]` : `${at}[${i}]`;
  });
}

function mergeList(l: ListNode, value: unknown, at: string, problems: string[]): unknown[] {
  if (value === undefined) return structuredClone(l.default);
  if (!Array.isArray(value)) {
    problems.push(`${at}: expected a list, got ${kindOf(value)} ${show(value)}`);
    return structuredClone(l.default);
  }
  if (value.length < l.minItems) problems.push(`${at}: the list is empty; at least one ${l.noun} is required`);
  const labels = itemLabels(l, value, at);
  const firstIndex = new Map<unknown, number>();
  return value.map((item, i) => {
    if (!isObject(item)) {
      problems.push(`${labels[i]}: expected a map (one ${l.noun}), got ${kindOf(item)} ${show(item)}`);
      return item;
    }
    const k = item[l.key];
    if (k !== undefined && firstIndex.has(k)) {
      problems.push(`${labels[i]}.${l.key}: ${notAllowed(k, `duplicate of ${labels[firstIndex.get(k)!]}.${l.key}; ${l.key}s must be unique`)}`);
    } else firstIndex.set(k, i);
    return mergeSection(l.item, item, labels[i], problems);
  });
}

/** The type and value problem of a leaf value (not rules), or undefined. `value` is already converted. */
function leafProblem(l: Leaf, value: unknown): string | undefined {
  switch (l.type) {
    case 'text':
      if (typeof value !== 'string') return undefined; // reported by mergeLeaf
      if (l.values && !l.values.includes(value)) return notAllowed(value, `allowed: ${l.values.join(', ')}`);
      if (l.pattern && !l.pattern.test(value)) return notAllowed(value, `expected ${l.expect}`);
      return undefined;
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= l.min && (l.max === undefined || value <= l.max)
        ? undefined
        : notAllowed(value, l.max === undefined ? `expected a whole number >= ${l.min}` : `expected a whole number from ${l.min} to ${l.max}`);
    default:
      return undefined;
  }
}

function mergeLeaf(l: Leaf, value: unknown, at: string, problems: string[]): unknown {
  if (value === undefined) {
    if (l.default === undefined && !l.optional) problems.push(`${at}: required`);
    return structuredClone(l.default);
  }
  const wrongType = (expected: string, hint = '') => {
    problems.push(`${at}: expected ${expected}, got ${kindOf(value)} ${show(value)}${hint}`);
    return structuredClone(l.default);
  };
  switch (l.type) {
    case 'text':
      if (typeof value === 'number' && l.numbers) value = String(value);
      else if (typeof value === 'number') return wrongType('a string', ` (YAML reads it as a number: write it in quotes, e.g. "${value}")`);
      else if (typeof value !== 'string') return wrongType('a string');
      break;
    case 'int':
      if (typeof value !== 'number') return wrongType('a whole number');
      break;
    case 'bool':
      if (typeof value !== 'boolean') return wrongType('true or false');
      break;
    case 'map':
      if (!isObject(value)) return wrongType('a map of strings');
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string') problems.push(`${at}.${k}: expected a string, got ${kindOf(v)} ${show(v)}`);
      }
      break;
    case 'tree':
      if (!isObject(value)) return wrongType('a map');
      break;
    case 'strings':
      if (!Array.isArray(value)) return wrongType('a list of strings');
      value.forEach((v, i) => {
        if (typeof v !== 'string') problems.push(`${at}[${i}]: expected a string, got ${kindOf(v)} ${show(v)}`);
        else if (l.pattern && !l.pattern.test(v)) problems.push(`${at}[${i}]: ${notAllowed(v, `expected ${l.expect}`)}`);
      });
      break;
  }
  const p = leafProblem(l, value);
  if (p) problems.push(`${at}: ${p}`);
  return value;
}

/** Runs the rules of every value that passed its own checks. */
function checkRules(s: SectionNode, value: Record<string, unknown>, at: string, run: { root: unknown; failed: Set<string> }, problems: string[]): void {
  const apply = (path: string, rule: ((v: never, ctx: RuleContext) => string | undefined) | undefined, v: unknown) => {
    if (!rule || run.failed.has(path)) return;
    let p: string | undefined;
    try {
      p = rule(v as never, { root: run.root, parent: value });
    } catch {
      return;
    }
    if (p) problems.push(`${path}: ${p}`);
  };
  for (const [key, n] of Object.entries(s.fields)) {
    const path = join(at, key);
    const v = value[key];
    if (n.node === 'section') checkRules(n, v as Record<string, unknown>, path, run, problems);
    else if (n.node === 'optional') {
      apply(path, n.rule?.bind(n), v);
      if (isObject(v)) checkRules(n.section, v, path, run, problems);
    } else if (n.node === 'list') {
      if (!Array.isArray(v)) continue;
      const labels = itemLabels(n, v, path);
      v.forEach((item, i) => {
        if (isObject(item)) checkRules(n.item, item, labels[i], run, problems);
      });
    } else if (v !== undefined || !n.optional) apply(path, n.rule?.bind(n), v);
  }
}
