/**
 * The rules validator: the repository's example and Falco's own stock rules pass cleanly; one bad file per
 * error class gets exactly its `file:line: message`; the structural checks agree with the real Falco 0.44.1
 * rules schema; the committed stock names index matches the upstream rules file.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { RepoFile } from '../gitops/inputs';
import { checkRepositoryRules } from '../rulecheck';
import { checkRules, formatFinding } from '../rulecheck/check';
import { benchmarkRules } from '../rulecheck/falco';
import { main as indexMain } from '../rulecheck/index-cli';
import { STOCK_INDEX, STOCK_INDEX_FILE, buildStockIndex, renderStockIndex } from '../rulecheck/stock';
import { REPO_ROOT, repoInputs } from './helpers/gitops-tree';
import { UPSTREAM_DIR, describeWithUpstream } from './helpers/upstream';

/** A file from numbered lines, so that the expected line numbers can be read off the test. */
const file = (path: string, ...lines: string[]): RepoFile => ({ path, text: `${lines.join('\n')}\n` });
const check = (...files: RepoFile[]) => checkRules(files).map(formatFinding);

/** A complete rule, for cases about something else. */
const rule = (name: string, condition: string, extra: string[] = []) => [
  `- rule: ${name}`,
  '  desc: a rule',
  `  condition: ${condition}`,
  '  output: seen %proc.name',
  '  priority: WARNING',
  ...extra,
];

/** Files whose only problems are schema problems, each with its finding. */
const SCHEMA_CASES: [string, RepoFile, string[]][] = [
  ['unknown key', file('rules/a.yaml', ...rule('r', 'evt.type = open'), '  desciption: typo'), ["rules/a.yaml:6: rule 'r': unknown key \"desciption\"; allowed: required_engine_version, required_plugin_versions, macro, condition, list, items, rule, desc, enabled, output, append, priority, capture, capture_duration, source, exceptions, override, tags, warn_evttypes, skip-if-unknown-filter"]],
  ['wrong type', file('rules/a.yaml', ...rule('r', 'evt.type = open'), '  enabled: "no"'), ["rules/a.yaml:6: rule 'r': 'enabled' must be true or false, not string \"no\""]],
  ['items of a map', file('rules/a.yaml', '- list: l', '  items:', '    - a', '    - {b: c}'), ["rules/a.yaml:4: list 'l': 'items[1]' must be a string or an integer, not a map"]],
  ['exception without name', file('rules/a.yaml', ...rule('r', 'evt.type = open'), '  exceptions:', '    - fields: proc.name', '      values: [a]'), ["rules/a.yaml:7: rule 'r': 'exceptions[0]' has no 'name'"]],
  ['bad override operation', file('rules/a.yaml', '- macro: never_true', '  condition: or evt.num = 1', '  override:', '    condition: add'), ["rules/a.yaml:4: macro 'never_true': 'override.condition' must be 'append' or 'replace', not string \"add\""]],
  ['invalid priority', file('rules/a.yaml', '- rule: r', '  desc: d', '  condition: evt.type = open', '  output: o', '  priority: warning'), ["rules/a.yaml:5: rule 'r': invalid priority 'warning': one of EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFO, INFORMATIONAL, DEBUG"]],
  ['item not a map', file('rules/a.yaml', '- just a string'), ['rules/a.yaml:1: an item must be a map (list, macro, rule, required_engine_version or required_plugin_versions), not string "just a string"']],
  ['a rules file that is not a list', file('rules/a.yaml', 'rule: r', 'desc: d'), ['rules/a.yaml:1: a rules file is a YAML list of items (- list: ..., - macro: ..., - rule: ...)']],
  ['required_engine_version as a number', file('rules/a.yaml', '- required_engine_version: 10'), ["rules/a.yaml:1: 'required_engine_version' must be a string, not number 10"]],
];

/** Files that pass the schema but not Falco, each with its findings. */
const SEMANTIC_CASES: [string, RepoFile[], string[]][] = [
  ['an item of no known kind', [file('rules/a.yaml', '- desc: orphan')], ['rules/a.yaml:1: unknown item: expected one of list, macro, rule, required_engine_version, required_plugin_versions']],
  ['a rule without output and priority', [file('rules/a.yaml', '- rule: r', '  desc: d', '  condition: evt.type = open')], ["rules/a.yaml:1: rule 'r' has no output, priority"]],
  ['a condition syntax error, on its line inside a folded block', [file('rules/a.yaml', '- macro: m', '  condition: >', '    evt.type = open', '    and (proc.name = bash', '    or proc.name = sh')], ["rules/a.yaml:5: macro 'm': condition: expected ')'"]],
  ['an undefined macro', [file('rules/a.yaml', ...rule('r', 'spawned_process and my_macro'))], ["rules/a.yaml:3: rule 'r': undefined macro 'my_macro'"]],
  ['a macro used by a macro before it is defined', [file('rules/a.yaml', '- macro: outer', '  condition: inner and evt.num > 0', '- macro: inner', '  condition: evt.type = open')], ["rules/a.yaml:2: macro 'outer': undefined macro 'inner' (it is defined later, at rules/a.yaml:3)"]],
  ['a rule using a macro of a later file', [file('rules/a.yaml', ...rule('r', 'later_macro')), file('rules/b.yaml', '- macro: later_macro', '  condition: evt.type = open')], ["rules/a.yaml:3: rule 'r': undefined macro 'later_macro' (it is defined later, at rules/b.yaml:1)"]],
  ['a list used in a list before it is defined', [file('rules/a.yaml', '- list: outer', '  items: [inner, x]', '- list: inner', '  items: [y]')], ["rules/a.yaml:1: list 'outer': list 'inner' is used before it is defined (at rules/a.yaml:3); here Falco takes the name as a literal value"]],
  ['a condition using a list of a later file', [file('rules/a.yaml', ...rule('r', 'proc.name in (later_list)')), file('rules/b.yaml', '- list: later_list', '  items: [a]')], ["rules/a.yaml:3: rule 'r': list 'later_list' is not loaded yet (it is defined later, at rules/b.yaml:1): Falco compiles each file when it reads it, so here the name is a literal value"]],
  ['a typo in a list name', [file('rules/a.yaml', ...rule('r', 'proc.name in (shell_binarys, bash)'))], ["rules/a.yaml:3: rule 'r': 'shell_binarys' is not a list (did you mean 'shell_binaries'?); quote it if you mean the literal value"]],
  ['a list without parentheses', [file('rules/a.yaml', ...rule('r', 'proc.name in shell_binaries'))], ["rules/a.yaml:3: rule 'r': list 'shell_binaries' needs parentheses: Falco pastes the list's items in place of its name, so write 'in (shell_binaries)'"]],
  ['an undefined list name after in', [file('rules/a.yaml', ...rule('r', 'proc.name in no_such_list'))], ["rules/a.yaml:3: rule 'r': undefined list 'no_such_list'"]],
  ['an append to a list that does not exist', [file('rules/a.yaml', '- list: no_such_list', '  items: [a]', '  override:', '    items: append')], ["rules/a.yaml:1: list 'no_such_list' has 'override', but no list of that name is loaded before it"]],
  ['an override of a rule that does not exist', [file('rules/a.yaml', '- rule: No such rule', '  enabled: false', '  override:', '    enabled: replace')], ["rules/a.yaml:1: rule 'No such rule' has 'override', but no rule of that name is loaded before it"]],
  ['enabling a rule that does not exist', [file('rules/a.yaml', '- rule: No such rule', '  enabled: true')], ["rules/a.yaml:1: rule 'No such rule' sets 'enabled', but no rule of that name is loaded before it"]],
  ['override naming a key the item lacks', [file('rules/a.yaml', '- rule: Terminal shell in container', '  enabled: false', '  override:', '    enabled: replace', '    condition: append')], ["rules/a.yaml:1: rule 'Terminal shell in container': override of 'condition', but the item has no 'condition'"]],
  ['a rule key left out of override', [file('rules/a.yaml', '- rule: Terminal shell in container', '  condition: and not proc.name = bash', '  priority: ERROR', '  override:', '    condition: append')], ["rules/a.yaml:1: rule 'Terminal shell in container': 'priority' is set but not under 'override' (an override item changes only the keys it lists)"]],
  ['override and append together', [file('rules/a.yaml', '- macro: never_true', '  condition: or evt.num = 1', '  append: true', '  override:', '    condition: append')], ["rules/a.yaml:1: macro 'never_true': 'override' and 'append: true' cannot be used together; put 'append' under 'override'"]],
  ['duplicates within the repository', [file('rules/a.yaml', '- list: mine', '  items: [a]'), file('rules/b.yaml', '- list: mine', '  items: [b]')], ["rules/b.yaml:1: duplicate list 'mine': already defined at rules/a.yaml:1"]],
  ['a required_engine_version above Falco 0.44.1', [file('rules/a.yaml', '- required_engine_version: 0.63.0')], ['rules/a.yaml:1: required_engine_version 0.63.0 is above the engine version of Falco 0.44.1 (0.62.0): Falco would refuse the file']],
  ['a required_engine_version that is no version', [file('rules/a.yaml', '- required_engine_version: latest')], ["rules/a.yaml:1: required_engine_version 'latest' is not a version (x.y.z)"]],
  ['an output field of an unknown class', [file('rules/a.yaml', '- rule: r', '  desc: d', '  condition: evt.type = open', '  output: >', '    opened %fd.name', '    by %prc.name', '  priority: INFO')], ["rules/a.yaml:6: rule 'r': output: unknown field class 'prc' (%prc.name)"]],
  ['a condition field of an unknown class', [file('rules/a.yaml', ...rule('r', 'evt.type = open and k8s_meta.ns.name = x'))], ["rules/a.yaml:3: rule 'r': condition: unknown field class 'k8s_meta' (field 'k8s_meta.ns.name')"]],
  ['an exception field of an unknown class', [file('rules/a.yaml', ...rule('r', 'evt.type = open'), '  exceptions:', '    - name: e', '      fields: [proc.name, conatiner.id]', '      values: [[a, b]]')], ["rules/a.yaml:8: rule 'r': exception field 'conatiner.id': unknown field class 'conatiner'"]],
  ['an exception whose comps and fields differ in length', [file('rules/a.yaml', ...rule('r', 'evt.type = open'), '  exceptions:', '    - name: e', '      fields: [proc.name, fd.name]', '      comps: [=]', '      values: [[a, b]]')], ["rules/a.yaml:9: rule 'r': exception 'e': comps has 1 operator(s) for 2 field(s); Falco refuses the rule"]],
  ['an exception value tuple of the wrong length', [file('rules/a.yaml', ...rule('r', 'evt.type = open'), '  exceptions:', '    - name: e', '      fields: [proc.name, fd.name]', '      comps: [=, startswith]', '      values:', '        - [a, b]', '        - [c]', '        - d')], ["rules/a.yaml:12: rule 'r': exception 'e': values[1] has 1 value(s) for 2 field(s); Falco refuses the rule", "rules/a.yaml:13: rule 'r': exception 'e': values[2] is not a list for 2 field(s); Falco refuses the rule"]],
  ['one field with a list of comps, and fields with one comp', [file('rules/a.yaml', ...rule('r', 'evt.type = open'), '  exceptions:', '    - name: e', '      fields: proc.name', '      comps: [=]', '      values: [a]', '    - name: f', '      fields: [proc.name]', '      comps: in', '      values: [[[a]]]')], ["rules/a.yaml:9: rule 'r': exception 'e': comps must be one operator when fields is one field", "rules/a.yaml:13: rule 'r': exception 'f': comps must be a list of 1 operators, like its fields"]],
  ['deprecated append: true (a warning)', [file('rules/a.yaml', '- list: shell_binaries', '  items: [fish]', '  append: true')], ["rules/a.yaml:1: warning: list 'shell_binaries': 'append: true' is deprecated in Falco 0.44; use 'override' (e.g. 'override: {items: append}')"]],
];

describe('rules validator', () => {
  it("the repository's rules files (the shipped example, or a fork's own) have no errors", () => {
    expect(check(...repoInputs.rules).filter((line) => !line.includes(': warning: '))).toEqual([]);
  });

  it('an empty repository (no rules/) has no findings', () => {
    expect(checkRepositoryRules([], '.*')).toEqual({ errors: 0, warnings: 0, lines: [] });
  });

  it('YAML syntax errors carry their line', () => {
    expect(check(file('rules/a.yaml', '- rule: r', '  desc: d', '  tags: [a, b', '- rule: s'))).toEqual([
      'rules/a.yaml:4: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(check(file('rules/a.yaml', '- rule: r', '  rule: s'))).toEqual(['rules/a.yaml:2: YAML: Map keys must be unique']);
  });

  it.each(SCHEMA_CASES)('schema: %s', (_name, f, expected) => {
    expect(check(f)).toEqual(expected);
  });

  it.each(SEMANTIC_CASES)('%s', (_name, files, expected) => {
    expect(check(...files)).toEqual(expected);
  });

  it('appended conditions are fragments continuing the loaded condition; their references are checked', () => {
    const f = file('rules/a.yaml', '- rule: Terminal shell in container', '  condition: >', '    and not proc.pname in (my_shell_parents)', '    and not my_exclusions', '  override:', '    condition: append');
    expect(check(f)).toEqual(["rules/a.yaml:4: rule 'Terminal shell in container': undefined macro 'my_exclusions'"]);
  });

  it('a rule may use a macro defined later in the same file (Falco compiles rules after the whole file)', () => {
    expect(check(file('rules/a.yaml', ...rule('r', 'mine'), '- macro: mine', '  condition: evt.type = open'))).toEqual([]);
  });
});

describe('the benchmark rule', () => {
  const defaultActions = '^syscall\\.ReadSensitiveFileUntrusted$';
  const stockRules = STOCK_INDEX.entries.filter(([k]) => k === 'rule').map(([, n]) => n);

  it('is found from the actions regexp by event-generator\'s naming (CamelCase of the rule name)', () => {
    expect(benchmarkRules(defaultActions, stockRules)).toEqual(['Read sensitive file untrusted']);
    expect(benchmarkRules('syscall\\.(ReadSensitiveFileUntrusted|ContactK8SAPIServerFromContainer)', stockRules)).toEqual([
      'Read sensitive file untrusted',
      'Contact K8S API Server From Container',
    ]);
    expect(benchmarkRules('(', stockRules)).toEqual([]);
  });

  it('disabling or overriding it is a warning (not an error): variants loading the rules would measure nothing', () => {
    const disable = file('rules/a.yaml', '- rule: Read sensitive file untrusted', '  enabled: false', '  override:', '    enabled: replace');
    const narrow = file('rules/b.yaml', '- rule: Read sensitive file untrusted', '  condition: and proc.name = nobody', '  override:', '    condition: append');
    const report = checkRepositoryRules([disable, narrow], defaultActions);
    const reason = `the benchmark (actions ${defaultActions}) measures it, so variants with customRules: true would measure this change, or nothing`;
    expect(report).toEqual({
      errors: 0,
      warnings: 2,
      lines: [
        `rules/a.yaml:1: warning: disables the rule 'Read sensitive file untrusted': ${reason}`,
        `rules/b.yaml:1: warning: changes the rule 'Read sensitive file untrusted': ${reason}`,
        'rules: 0 error(s), 2 warning(s) in 2 file(s)',
      ],
    });
    // Other rules may be changed freely.
    expect(checkRepositoryRules([file('rules/a.yaml', '- rule: Terminal shell in container', '  enabled: false', '  override:', '    enabled: replace')], defaultActions).lines).toEqual([]);
  });

  // The shipped example, while a fork keeps it (rules/ is the users'): it must not weaken what the product relies on.
  const shippedExample = repoInputs.rules.find((f) => f.path === 'rules/10-platform.yaml');
  (shippedExample ? it : it.skip)("the example leaves the benchmark's rule and the response demo's rule (Terminal shell in container) alone", () => {
    expect(check(shippedExample!)).toEqual([]);
    const text = shippedExample!.text;
    expect(text).not.toMatch(/rule: Read sensitive file untrusted/);
    expect(text).not.toMatch(/rule: Terminal shell in container/);
    expect(text).not.toMatch(/macro: (open_read|sensitive_files|spawned_process|container|shell_procs|container_entrypoint)\b/);
  });
});

describeWithUpstream('against the upstream Falco rules and schema', () => {
  const stockText = readFileSync(join(UPSTREAM_DIR, 'falco-rules-5.1.0/falco_rules.yaml'), 'utf8');
  const schema = JSON.parse(readFileSync(join(UPSTREAM_DIR, 'falco-0.44.1/rule_schema.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(JSON.parse(readFileSync(require.resolve('ajv/dist/refs/json-schema-draft-06.json'), 'utf8')));
  const validate = ajv.compile(schema);
  const schemaValid = (f: RepoFile) => parseAllDocuments(f.text).every((d) => validate(d.toJS() ?? []));

  it("Falco's own stock rules validate cleanly, loaded first with nothing before them", () => {
    expect(checkRules([{ path: 'falco_rules.yaml', text: stockText }], { stock: { source: 'none', entries: [] } }).map(formatFinding)).toEqual([]);
  });

  it('the committed names index is what npm run rules:index makes of the upstream file', async () => {
    expect(readFileSync(join(REPO_ROOT, STOCK_INDEX_FILE), 'utf8')).toBe(renderStockIndex(buildStockIndex(stockText)));
    expect(STOCK_INDEX.entries.length).toBe(87 + 49 + 25);
    const out: string[] = [];
    const err: string[] = [];
    expect(await indexMain(['--check'], { stdout: (t) => out.push(t), stderr: (l) => err.push(l) }, REPO_ROOT)).toBe(0);
    expect(err).toEqual([]);
  });

  it("the index holds names, kinds and rules' tags only: no condition, output or description text", () => {
    const lines = readFileSync(join(REPO_ROOT, STOCK_INDEX_FILE), 'utf8').trimEnd().split('\n');
    const entries = lines.filter((l) => l.startsWith('    ['));
    expect(entries).toHaveLength(STOCK_INDEX.entries.length);
    // Each entry a kind and a name (list and macro names are single words; rule names short titles), a rule
    // with its tags (single words).
    for (const e of entries) expect(e).toMatch(/^ {4}\["(list|macro)", "[A-Za-z0-9_.-]+"\],$|^ {4}\["rule", "[^"]{1,80}", \[("[A-Za-z0-9_.-]+"(, )?)*\]\],$/);
    const tagged = STOCK_INDEX.entries.find((e) => e[1] === 'Terminal shell in container');
    expect(tagged).toEqual(['rule', 'Terminal shell in container', expect.arrayContaining(['container', 'shell', 'mitre_execution'])]);
    // Everything else is the fixed frame: the header comment, the import, the object around the entries.
    expect(lines.filter((l) => !l.startsWith('    ['))).toEqual([
      expect.stringMatching(/^\/\/ Generated by `npm run rules:index`/),
      "import type { StockIndex } from './stock';",
      '',
      'export const STOCK_RULES: StockIndex = {',
      '  source: "falcosecurity/rules falco-rules-5.1.0 rules/falco_rules.yaml (names, kinds and rule tags only)",',
      '  entries: [',
      '  ],',
      '};',
    ]);
  });

  it('whatever passes the structural checks passes the real schema: the example, the stock rules, every semantic case', () => {
    expect(repoInputs.rules.every(schemaValid)).toBe(true);
    expect(schemaValid({ path: 'stock', text: stockText })).toBe(true);
    for (const [name, files] of SEMANTIC_CASES) expect({ name, valid: files.every(schemaValid) }).toEqual({ name, valid: true });
  });

  it('every structural finding is a schema failure too', () => {
    for (const [name, f] of SCHEMA_CASES) expect({ name, valid: schemaValid(f) }).toEqual({ name, valid: false });
  });
});
