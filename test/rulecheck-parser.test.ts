/** The condition parser: Falco's grammar (libs 0.25.4 parser.h), precedence, and where errors are reported. */
import { ConditionSyntaxError, type Expr, parseCondition, references } from '../rulecheck/condition';

/** A compact, unambiguous rendering of a tree: (and ...), (or ...), (not ...), checks as `field op value`. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `(${e.kind} ${e.children.map(show).join(' ')})`;
    case 'not':
      return `(not ${show(e.child)})`;
    case 'macro':
      return e.name;
    case 'check': {
      const operand = (o: unknown): string => {
        const x = o as { kind: string; name?: string; arg?: string; text?: string; quoted?: boolean; items?: unknown[]; args?: unknown[] };
        if (x.kind === 'field') return `${x.name}${x.arg !== undefined ? `[${x.arg}]` : ''}`;
        if (x.kind === 'transformer') return `${x.name}(${x.args!.map(operand).join(',')})${x.arg !== undefined ? `[${x.arg}]` : ''}`;
        if (x.kind === 'list' || x.kind === 'tlist') return `[${x.items!.map(operand).join(',')}]`;
        return x.quoted ? JSON.stringify(x.text) : x.text!;
      };
      return e.right ? `{${operand(e.left)} ${e.op} ${operand(e.right)}}` : `{${operand(e.left)} ${e.op}}`;
    }
  }
}
const p = (text: string) => show(parseCondition(text));

function errorOf(text: string): { message: string; offset: number } {
  try {
    parseCondition(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConditionSyntaxError);
    return { message: (e as ConditionSyntaxError).message, offset: (e as ConditionSyntaxError).offset };
  }
  throw new Error(`parsed: ${text}`);
}

describe('condition grammar', () => {
  it('precedence: not binds tighter than and, and tighter than or', () => {
    expect(p('a or b and c')).toBe('(or a (and b c))');
    expect(p('a and b or c')).toBe('(or (and a b) c)');
    expect(p('not a and b')).toBe('(and (not a) b)');
    expect(p('not a or not b and c')).toBe('(or (not a) (and (not b) c))');
    expect(p('a and not b or c and d')).toBe('(or (and a (not b)) (and c d))');
  });

  it('parentheses override precedence; not( and and( need no blank', () => {
    expect(p('(a or b) and c')).toBe('(and (or a b) c)');
    expect(p('not (a or b)')).toBe('(not (or a b))');
    expect(p('not(a or b)')).toBe('(not (or a b))');
    expect(p('a and(b or c)')).toBe('(and a (or b c))');
    expect(p('not not a')).toBe('a');
    expect(p('( ( a ) )')).toBe('a');
  });

  it('a dotted name is a field, a bare identifier a macro; identifiers may start with a keyword', () => {
    expect(p('spawned_process')).toBe('spawned_process');
    expect(p('nothing and order')).toBe('(and nothing order)');
    expect(p('evt.type = execve')).toBe('{evt.type = execve}');
  });

  it('every operator, with and without blanks around symbols', () => {
    expect(p('fd.num>=0')).toBe('{fd.num >= 0}');
    expect(p('fd.num=-1')).toBe('{fd.num = -1}');
    expect(p('proc.pid <= 0x1F')).toBe('{proc.pid <= 0x1F}');
    expect(p('evt.res != SUCCESS')).toBe('{evt.res != SUCCESS}');
    expect(p('a.b == 1.5e+3')).toBe('{a.b == 1.5e+3}');
    for (const op of ['contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'glob', 'iglob', 'regex']) {
      expect(p(`fd.name ${op} /etc`)).toBe(`{fd.name ${op} /etc}`);
    }
    expect(p('proc.name exists')).toBe('{proc.name exists}');
    expect(p('proc.name exists and not proc.pname exists')).toBe('(and {proc.name exists} (not {proc.pname exists}))');
  });

  it('lists: in, intersects, pmatch, empty lists, quoted items, list operators without a blank', () => {
    expect(p('proc.name in (a, "b c", \'d\', 1)')).toBe('{proc.name in [a,"b c","d",1]}');
    expect(p('proc.name in ()')).toBe('{proc.name in []}');
    expect(p('proc.name in(a,b)')).toBe('{proc.name in [a,b]}');
    expect(p('fd.name pmatch (/etc, /usr/bin)')).toBe('{fd.name pmatch [/etc,/usr/bin]}');
    expect(p('proc.args intersects (x)')).toBe('{proc.args intersects [x]}');
    expect(p('evt.type in (open,openat,openat2) and fd.typechar=\'f\'')).toBe('(and {evt.type in [open,openat,openat2]} {fd.typechar = "f"})');
  });

  it('string operators with a list modifier (startswith oneof), unless a boolean keyword follows', () => {
    expect(p('fd.name startswith oneof (/etc, /var)')).toBe('{fd.name startswith oneof [/etc,/var]}');
    expect(p('fd.name = oneof')).toBe('{fd.name = oneof}');
  });

  it('field arguments: numbers, bare words and quoted strings', () => {
    expect(p('proc.aname[2] = bash')).toBe('{proc.aname[2] = bash}');
    expect(p('k8smeta.deployment.label[app] = web')).toBe('{k8smeta.deployment.label[app] = web}');
    expect(p('k8smeta.pod.label["app.kubernetes.io/name"] = web')).toBe('{k8smeta.pod.label[app.kubernetes.io/name] = web}');
  });

  it('transformers on either side, nested, with val() and lists', () => {
    expect(p('tolower(proc.name) = bash')).toBe('{tolower(proc.name) = bash}');
    expect(p('proc.name = val(proc.pname)')).toBe('{proc.name = val(proc.pname)}');
    expect(p('len(proc.args) > 10')).toBe('{len(proc.args) > 10}');
    expect(p('basename(toupper(fd.name)) = X')).toBe('{basename(toupper(fd.name)) = X}');
    expect(p('concat(proc.name, "-", proc.pname) = a')).toBe('{concat(proc.name,"-",proc.pname) = a}');
    expect(p('join(",", (proc.name, "x")) = a')).toBe('{join(",",[proc.name,"x"]) = a}');
  });

  it('keeps whitespace and line breaks of folded YAML conditions out of the tree', () => {
    expect(p('\n  evt.type = open\n  and\n  (a\n   or b)\n')).toBe('(and {evt.type = open} (or a b))');
  });
});

describe('condition errors and their positions', () => {
  it.each([
    ['', 'empty condition', 0],
    ['a and', "expected a blank or '(' after 'and'", 5],
    ['a and ', "expected '(', a field check or a macro name", 6],
    ['(a or b', "expected ')'", 7],
    ['a b', "unexpected text after 'a': expected 'and', 'or' or the end of the condition", 2],
    ['proc.name', "expected an operator after 'proc.name': one of exists <= < >= > == = != glob iglob contains icontains bcontains startswith bstartswith endswith regex intersects in pmatch", 9],
    ['proc.name startswith', "expected an operator after 'proc.name', found 'startswith': one of exists <= < >= > == = != glob iglob contains icontains bcontains startswith bstartswith endswith regex intersects in pmatch", 10],
    ['proc.name in (a, b', "expected ')' closing the list", 18],
    ['proc.name in (a,)', "expected a value after ','", 16],
    ['fd.num > x', 'expected a number, or a field inside a transformer', 9],
    ['proc.aname[2 = x', "expected ']'", 12],
    ['tolower(proc.name = x', "expected ')' closing tolower(", 18],
    ['proc.name = "open', 'expected a value, or a field inside a transformer', 12],
  ])('%j: %s at %i', (text, message, offset) => {
    expect(errorOf(text)).toEqual({ message, offset });
  });

  it('refuses nesting deeper than Falco does', () => {
    expect(errorOf(`${'('.repeat(1200)}a${')'.repeat(1200)}`).message).toBe('condition nested deeper than 1000 levels');
  });
});

describe('references', () => {
  it('macros, list words (inside lists, or bare after a list operator) and fields, with offsets', () => {
    const text = 'spawned_process and proc.name in (shell_binaries, "quoted_list", bash) and not fd.name pmatch my_dirs and tolower(k8smeta.pod.name) = x';
    const r = references(parseCondition(text));
    expect(r.macros).toEqual([{ name: 'spawned_process', at: 0 }]);
    expect(r.listItems).toEqual([
      { name: 'shell_binaries', at: text.indexOf('shell_binaries'), bare: false },
      { name: 'bash', at: text.indexOf('bash'), bare: false },
      { name: 'my_dirs', at: text.indexOf('my_dirs'), bare: true },
    ]);
    expect(r.fields.map((f) => f.name)).toEqual(['proc.name', 'fd.name', 'k8smeta.pod.name']);
    expect(r.fields[2].at).toBe(text.indexOf('k8smeta'));
  });
});
