/**
 * A recursive-descent parser of Falco's filter condition language, following the grammar that
 * falcosecurity/libs documents in `userspace/libsinsp/filter/parser.h` (libs 0.25.4, the libs of Falco 0.44.1):
 *
 *   Expr        ::= OrExpr
 *   OrExpr      ::= AndExpr ('or' (' ' AndExpr | '(' Expr ')'))*
 *   AndExpr     ::= NotExpr ('and' (' ' NotExpr | '(' Expr ')'))*
 *   NotExpr     ::= ('not ')* ('not(' Expr ')' | Check)
 *   Check       ::= '(' Expr ')' | Field Condition | Transformer Condition | Identifier (a macro)
 *   Condition   ::= 'exists' | NumOp (Number | Transformer) | StrOp (StrValue | Transformer)
 *                 | StrOp Modifier ListValue | ListOp (ListValue | Transformer)
 *   ListValue   ::= '(' (StrValue (',' StrValue)*)? ')' | Identifier
 *   Field       ::= FieldName ('[' (QuotedStr | BareArg) ']')?
 *
 * so `not` binds tighter than `and`, which binds tighter than `or`. Like Falco's parser it is scannerless: each
 * production matches its tokens at the cursor (operators such as `contains` need a blank after them, `in` and
 * the symbols do not). The tree it returns keeps the offset of every node, so that callers can point at the
 * line of a macro, list or field in the rules file.
 */

/** The operators of a check (`parser::supported_operators`), in the order the parser tries them. */
export const UNARY_OPERATORS = ['exists'] as const;
export const NUM_OPERATORS = ['<=', '<', '>=', '>'] as const;
/** Word operators need a blank after them; symbols do not. */
export const STR_OPERATORS = ['==', '=', '!=', 'glob', 'iglob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'regex'] as const;
/** `startswith oneof (a, b)`: a string operator applied to each value of a list. */
export const STR_MODIFIERS = ['oneof', 'anyof', 'allof'] as const;
export const LIST_OPERATORS = ['intersects', 'in', 'pmatch'] as const;
/** Field transformers: `tolower(proc.name)`; `val(field)` only on the right-hand side. */
export const TRANSFORMERS = ['tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'] as const;
const VAL = 'val';

export interface FieldRef {
  kind: 'field';
  name: string;
  /** `proc.aname[2]` -> `2`; `k8smeta.deployment.label[app]` -> `app` (quotes removed). */
  arg?: string;
  at: number;
}

export interface Transformer {
  kind: 'transformer';
  name: string;
  args: TransformerArg[];
  arg?: string;
  at: number;
}

/** A literal: a quoted string (unescaped, `quoted`), a bare word or a number. */
export interface Literal {
  kind: 'value';
  text: string;
  quoted: boolean;
  at: number;
}

export interface ListLiteral {
  kind: 'list';
  items: Literal[];
  at: number;
}

/** A transformer's `(a, b)` argument. */
export interface TransformerList {
  kind: 'tlist';
  items: (FieldRef | Transformer | Literal)[];
  at: number;
}

export type TransformerArg = FieldRef | Transformer | Literal | TransformerList;
export type Operand = FieldRef | Transformer;

export type Expr =
  | { kind: 'and' | 'or'; children: Expr[]; at: number }
  | { kind: 'not'; child: Expr; at: number }
  /** A bare identifier: a macro reference. */
  | { kind: 'macro'; name: string; at: number }
  | { kind: 'check'; left: Operand; op: string; right?: Literal | ListLiteral | Operand; at: number };

/** A syntax error at an offset of the condition text. */
export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ConditionSyntaxError';
  }
}

// The token patterns of parser.h, as sticky regular expressions. `\s` stands for POSIX [[:space:]].
const RX = {
  notBlank: /not\s+/y,
  identifier: /[a-zA-Z]+[a-zA-Z0-9_]*/y,
  fieldName: /[a-zA-Z]+[a-zA-Z0-9_]*(?:\.[a-zA-Z]+[a-zA-Z0-9_]*)+/y,
  fieldArgBare: /[^\][\s"']+/y,
  hexNumber: /0[xX][0-9a-fA-F]+/y,
  number: /[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?/y,
  bare: /[^()"'\s=,]+/y,
};

/** Falco's parser skips only these between tokens. */
const BLANKS = new Set([' ', '\t', '\b', '\r', '\n']);

/** The most nested parentheses and operators Falco's rule compiler accepts. */
const MAX_DEPTH = 1000;

class Parser {
  private pos = 0;
  private last = '';
  private depth = 0;

  constructor(private readonly src: string) {}

  parse(): Expr {
    if (this.src.trim() === '') throw new ConditionSyntaxError('empty condition', 0);
    const expr = this.or();
    if (this.pos !== this.src.length) {
      throw this.error(`unexpected text after '${this.last}': expected 'and', 'or' or the end of the condition`);
    }
    return expr;
  }

  private error(message: string, at = this.pos): ConditionSyntaxError {
    return new ConditionSyntaxError(message, at);
  }

  private nest<T>(body: () => T): T {
    if (++this.depth >= MAX_DEPTH) throw this.error(`condition nested deeper than ${MAX_DEPTH} levels`);
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  // ---- lexing helpers: each consumes its token at the cursor or leaves the cursor where it was ----

  private blank(): boolean {
    const start = this.pos;
    while (this.pos < this.src.length && BLANKS.has(this.src[this.pos])) this.pos++;
    return this.pos > start;
  }

  private str(s: string): boolean {
    if (!this.src.startsWith(s, this.pos)) return false;
    this.last = s;
    this.pos += s.length;
    return true;
  }

  private rx(re: RegExp): boolean {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m || m[0].length === 0) return false;
    this.last = m[0];
    this.pos += m[0].length;
    return true;
  }

  /** A word operator must be followed by a blank (consumed); a symbol operator need not. */
  private operator(ops: readonly string[], wordsNeedBlank: boolean): boolean {
    for (const op of ops) {
      const word = /^[a-z]/.test(op) && wordsNeedBlank;
      const save = this.pos;
      if (this.str(op)) {
        if (!word || this.blank()) {
          this.last = op;
          return true;
        }
        this.pos = save;
      }
    }
    return false;
  }

  private transformerName(): string | undefined {
    for (const t of TRANSFORMERS) if (this.str(`${t}(`)) return t;
    return undefined;
  }

  private quoted(): Literal | undefined {
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'") return undefined;
    const at = this.pos;
    let text = '';
    for (let i = at + 1; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\\' && i + 1 < this.src.length) {
        text += this.src[++i];
        continue;
      }
      if (c === quote) {
        this.pos = i + 1;
        this.last = this.src.slice(at, this.pos);
        return { kind: 'value', text, quoted: true, at };
      }
      text += c;
    }
    return undefined; // unterminated: not a quoted string (the caller reports what it expected)
  }

  private literal(re: RegExp): Literal | undefined {
    const at = this.pos;
    return this.rx(re) ? { kind: 'value', text: this.last, quoted: false, at } : undefined;
  }

  private numberLiteral(): Literal | undefined {
    return this.literal(RX.hexNumber) ?? this.literal(RX.number);
  }

  // ---- productions ----

  private or(): Expr {
    return this.nest(() => {
      this.blank();
      const at = this.pos;
      const children = [this.and()];
      this.blank();
      while (this.str('or')) {
        if (this.blank()) children.push(this.and());
        else if (this.str('(')) children.push(this.embedded());
        else throw this.error("expected a blank or '(' after 'or'");
        this.blank();
      }
      return children.length > 1 ? { kind: 'or', children, at } : children[0];
    });
  }

  private and(): Expr {
    return this.nest(() => {
      this.blank();
      const at = this.pos;
      const children = [this.not()];
      this.blank();
      while (this.str('and')) {
        if (this.blank()) children.push(this.not());
        else if (this.str('(')) children.push(this.embedded());
        else throw this.error("expected a blank or '(' after 'and'");
        this.blank();
      }
      return children.length > 1 ? { kind: 'and', children, at } : children[0];
    });
  }

  private not(): Expr {
    return this.nest(() => {
      this.blank();
      const at = this.pos;
      let negate = false;
      while (this.rx(RX.notBlank)) negate = !negate;
      let child: Expr;
      if (this.str('not(')) {
        negate = !negate;
        child = this.embedded();
      } else {
        child = this.check();
      }
      return negate ? { kind: 'not', child, at } : child;
    });
  }

  /** The rest of `( Expr )` after its `(`. */
  private embedded(): Expr {
    return this.nest(() => {
      this.blank();
      const child = this.or();
      this.blank();
      if (!this.str(')')) throw this.error("expected ')'");
      return child;
    });
  }

  private check(): Expr {
    return this.nest((): Expr => {
      this.blank();
      const at = this.pos;
      if (this.str('(')) return this.embedded();
      if (this.rx(RX.fieldName)) return this.condition(this.fieldRest(this.last, at), at);
      const t = this.transformerName();
      if (t) {
        this.blank();
        return this.condition(this.transformerRest(t, at), at);
      }
      if (this.rx(RX.identifier)) return { kind: 'macro', name: this.last, at };
      throw this.error("expected '(', a field check or a macro name");
    });
  }

  private fieldRest(name: string, at: number): FieldRef {
    const arg = this.fieldArg();
    return arg === undefined ? { kind: 'field', name, at } : { kind: 'field', name, arg, at };
  }

  private fieldArg(): string | undefined {
    if (!this.str('[')) return undefined;
    const q = this.quoted();
    let arg: string;
    if (q) arg = q.text;
    else if (this.rx(RX.fieldArgBare)) arg = this.last;
    else throw this.error('expected a field argument (a quoted or bare string)');
    if (!this.str(']')) throw this.error("expected ']'");
    return arg;
  }

  /** The rest of `name( arg, ... )[arg]` after its `(`. */
  private transformerRest(name: string, at: number): Transformer {
    return this.nest(() => {
      this.blank();
      const args: TransformerArg[] = [];
      do {
        args.push(this.transformerArg());
        this.blank();
      } while (this.str(','));
      this.blank();
      if (!this.str(')')) throw this.error(`expected ')' closing ${name}(`);
      const arg = this.fieldArg();
      return arg === undefined ? { kind: 'transformer', name, args, at } : { kind: 'transformer', name, args, arg, at };
    });
  }

  private transformerArg(): TransformerArg {
    return this.nest((): TransformerArg => {
      this.blank();
      const at = this.pos;
      const lit = this.numberLiteral() ?? this.quoted();
      if (lit) return lit;
      if (this.str('(')) return this.transformerList(at);
      const t = this.transformerName();
      if (t) return this.transformerRest(t, at);
      if (this.rx(RX.fieldName)) return this.fieldRest(this.last, at);
      throw this.error('expected a transformer argument: a field, a transformer, a quoted string, a number or a list');
    });
  }

  private transformerList(at: number): TransformerList {
    const items: TransformerList['items'] = [];
    this.blank();
    if (this.str(')')) return { kind: 'tlist', items, at };
    const item = (): TransformerList['items'][number] => {
      const start = this.pos;
      if (this.rx(RX.fieldName)) return this.fieldRest(this.last, start);
      const t = this.transformerName();
      if (t) {
        this.blank();
        return this.transformerRest(t, start);
      }
      const lit = this.quoted() ?? this.numberLiteral();
      if (lit) return lit;
      throw this.error('expected a field, a transformer, a quoted string or a number');
    };
    items.push(item());
    this.blank();
    while (this.str(',')) {
      this.blank();
      items.push(item());
      this.blank();
    }
    if (!this.str(')')) throw this.error("expected ')'");
    return { kind: 'tlist', items, at };
  }

  private condition(left: Operand, at: number): Expr {
    return this.nest((): Expr => {
      this.blank();
      if (this.operator(UNARY_OPERATORS, false)) return { kind: 'check', left, op: 'exists', at };
      this.blank();
      const opAt = this.pos;
      if (this.operator(NUM_OPERATORS, true)) {
        const op = this.last;
        return { kind: 'check', left, op, right: this.numberOrTransformer(), at };
      }
      if (this.operator(STR_OPERATORS, true)) {
        let op = this.last;
        // A word operator has consumed its blank; a symbol needs one before a modifier.
        const hadBlank = /^[a-z]/.test(op) || this.blank();
        const save = this.pos;
        if (hadBlank && this.operator(STR_MODIFIERS, true) && this.listValueFollows() && !this.boolKeywordFollows()) {
          op = `${op} ${this.last}`;
          return { kind: 'check', left, op, right: this.listValue(false), at };
        }
        this.pos = save;
        return { kind: 'check', left, op, right: this.stringOrTransformer(), at };
      }
      if (this.operator(LIST_OPERATORS, false)) {
        const op = this.last;
        return { kind: 'check', left, op, right: this.listValue(true), at };
      }
      const got = this.src.slice(opAt).match(/^\S*/)![0];
      throw this.error(`expected an operator after '${operandText(left)}'${got ? `, found '${got}'` : ''}: one of ${[...UNARY_OPERATORS, ...NUM_OPERATORS, ...STR_OPERATORS, ...LIST_OPERATORS].join(' ')}`, opAt);
    });
  }

  private listValueFollows(): boolean {
    if (this.src[this.pos] === '(') return true;
    RX.identifier.lastIndex = this.pos;
    return RX.identifier.test(this.src);
  }

  private boolKeywordFollows(): boolean {
    return /^(and|or|not)(?![a-zA-Z0-9])/.test(this.src.slice(this.pos, this.pos + 4));
  }

  /** `transformer(...)` or `val(field)`, or nothing. */
  private transformerOrVal(): Transformer | undefined {
    this.blank();
    const at = this.pos;
    if (this.str(`${VAL}(`)) {
      this.blank();
      const fieldAt = this.pos;
      if (!this.rx(RX.fieldName)) throw this.error(`expected a field inside ${VAL}(`);
      const field = this.fieldRest(this.last, fieldAt);
      this.blank();
      if (!this.str(')')) throw this.error(`expected ')' closing ${VAL}(`);
      const arg = this.fieldArg();
      return arg === undefined ? { kind: 'transformer', name: VAL, args: [field], at } : { kind: 'transformer', name: VAL, args: [field], arg, at };
    }
    const t = this.transformerName();
    if (t) {
      this.blank();
      return this.transformerRest(t, at);
    }
    return undefined;
  }

  private numberOrTransformer(): Literal | Transformer {
    this.blank();
    const v = this.transformerOrVal() ?? this.numberLiteral();
    if (!v) throw this.error('expected a number, or a field inside a transformer');
    return v;
  }

  private stringOrTransformer(): Literal | Transformer {
    this.blank();
    const v = this.transformerOrVal() ?? this.quoted() ?? this.literal(RX.bare);
    if (!v) throw this.error('expected a value, or a field inside a transformer');
    return v;
  }

  private stringValue(): Literal | undefined {
    this.blank();
    return this.quoted() ?? this.literal(RX.bare);
  }

  /** `(a, b, ...)`, an identifier, or (after `in`/`intersects`/`pmatch`) a transformer. */
  private listValue(allowTransformer: boolean): ListLiteral | Literal | Transformer {
    return this.nest(() => {
      this.blank();
      const at = this.pos;
      if (this.str('(')) {
        const items: Literal[] = [];
        const first = this.stringValue();
        if (first) {
          items.push(first);
          this.blank();
          while (this.str(',')) {
            const next = this.stringValue();
            if (!next) throw this.error('expected a value after \',\'');
            items.push(next);
            this.blank();
          }
        }
        if (!this.str(')')) throw this.error("expected ')' closing the list");
        return { kind: 'list', items, at } as ListLiteral;
      }
      if (allowTransformer) {
        const t = this.transformerOrVal();
        if (t) return t;
      }
      const id = this.literal(RX.identifier);
      if (id) return id;
      throw this.error("expected a list '(...)' or a list name");
    });
  }
}

function operandText(o: Operand): string {
  return o.kind === 'field' ? `${o.name}${o.arg !== undefined ? `[${o.arg}]` : ''}` : `${o.name}(...)`;
}

/** Parses a condition; throws `ConditionSyntaxError` with the offset where parsing stopped. */
export function parseCondition(text: string): Expr {
  return new Parser(text).parse();
}

/** What a condition refers to, in source order. */
export interface References {
  macros: { name: string; at: number }[];
  /** Unquoted words inside `in (...)`-style lists and bare identifiers after a list operator. */
  listItems: { name: string; at: number; bare: boolean }[];
  fields: { name: string; at: number }[];
}

/** Walks the tree once and collects every macro, list-value word and field it mentions. */
export function references(expr: Expr): References {
  const refs: References = { macros: [], listItems: [], fields: [] };
  const operand = (o: TransformerArg | Literal | ListLiteral | undefined): void => {
    if (!o) return;
    if (o.kind === 'field') refs.fields.push({ name: o.name, at: o.at });
    else if (o.kind === 'transformer') o.args.forEach(operand);
    else if (o.kind === 'tlist') o.items.forEach(operand);
  };
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'and':
      case 'or':
        e.children.forEach(visit);
        return;
      case 'not':
        visit(e.child);
        return;
      case 'macro':
        refs.macros.push({ name: e.name, at: e.at });
        return;
      case 'check': {
        operand(e.left);
        const r = e.right;
        if (r?.kind === 'list') {
          for (const item of r.items) if (!item.quoted) refs.listItems.push({ name: item.text, at: item.at, bare: false });
        } else if (r?.kind === 'value' && !r.quoted && isListOperator(e.op)) {
          refs.listItems.push({ name: r.text, at: r.at, bare: true });
        } else {
          operand(r);
        }
        return;
      }
    }
  };
  visit(expr);
  return refs;
}

/** `in`, `intersects`, `pmatch` and the `oneof`/`anyof`/`allof` forms take lists. */
function isListOperator(op: string): boolean {
  return (LIST_OPERATORS as readonly string[]).includes(op) || / (oneof|anyof|allof)$/.test(op);
}
