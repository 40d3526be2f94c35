import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY_FILE, PROTECTED_NAMESPACES } from '../contract/naming';
import { AlertError, parseAlert, parseAlertJson, workloadOf } from '../responder/alert';
import { PolicyError, checkPolicy, decide, formatPolicyFinding, parsePolicy } from '../responder/policy';
import { loadedRules } from '../rulecheck/catalog';
import { repoInputs } from './helpers/gitops-tree';
import { alert } from './helpers/git-repo';

const shipped = parsePolicy(readFileSync(join(__dirname, '..', DEFAULT_POLICY_FILE), 'utf8'), DEFAULT_POLICY_FILE);

describe('responder alert', () => {
  it('reads the workload from the k8smeta fields', () => {
    expect(workloadOf(parseAlert(alert('demo', 'web')))).toEqual({ namespace: 'demo', name: 'web' });
  });

  it.each([
    [undefined, 'web', 'k8smeta.ns.name absent'],
    ['demo', undefined, 'k8smeta.deployment.name absent'],
    ['demo', '<NA>', 'k8smeta.deployment.name absent'],
    ['Demo', 'web', 'not a namespace name'],
    ['demo', '../../etc', 'not a Deployment name'],
  ])('has no workload for ns %p name %p (%s)', (ns, name, reason) => {
    const w = workloadOf(parseAlert(alert(ns, name)));
    expect('reason' in w && w.reason).toContain(reason);
  });

  it.each([
    ['[1]', 'not a JSON object'],
    ['{"rule": "x"', 'not JSON'],
    [JSON.stringify({ ...alert('a', 'b'), rule: undefined }), 'field "rule" is missing'],
    [JSON.stringify({ ...alert('a', 'b'), priority: 'Loud' }), 'field "priority" is "Loud"; allowed: emergency'],
    [JSON.stringify({ ...alert('a', 'b'), tags: 'x' }), 'field "tags" must be a list'],
    [JSON.stringify({ ...alert('a', 'b'), output_fields: [] }), 'field "output_fields" must be an object'],
    [JSON.stringify({ ...alert('a', 'b'), output: 7 }), 'field "output" must be a string'],
  ])('rejects %s naming what is wrong', (text, message) => {
    expect(() => parseAlertJson(text)).toThrow(AlertError);
    expect(() => parseAlertJson(text)).toThrow(message);
  });
});

describe('responder policy', () => {
  it('ships: a terminal shell scales to zero (isolating when it cannot), everything else is logged', () => {
    expect(decide(shipped, parseAlert(alert('demo', 'web')))).toEqual({ action: 'scale-to-zero', fallback: 'isolate', by: 'responses[0]' });
    expect(decide(shipped, parseAlert(alert('demo', 'web', { rule: 'Read sensitive file untrusted', priority: 'Critical' })))).toEqual({ action: 'log', by: 'default' });
  });

  it('matches by rule, any tag and minimum priority, first entry wins', () => {
    const p = parsePolicy(
      [
        'responses:',
        '  - {tags: [mitre_exfiltration, network], priority: error, action: isolate}',
        '  - {priority: Critical, action: scale-to-zero, fallback: log}',
        '  - {rule: [A, B], action: log}',
        'default: isolate',
      ].join('\n'),
      'p.yaml',
    );
    const d = (over: Record<string, unknown>) => decide(p, parseAlert(alert('demo', 'web', over)));
    expect(d({ tags: ['network'], priority: 'Error' }).by).toBe('responses[0]');
    expect(d({ tags: ['network'], priority: 'Warning' }).by).toBe('default');
    expect(d({ tags: ['x'], priority: 'Emergency' })).toEqual({ action: 'scale-to-zero', fallback: 'log', by: 'responses[1]' });
    expect(d({ rule: 'B' }).by).toBe('responses[2]');
    expect(d({ rule: 'C' })).toEqual({ action: 'isolate', by: 'default' });
  });

  // Bad input first: each mistake, with the line it is on (entries on their own lines, so that a wrong line shows).
  it.each([
    ['responses:\n  - {rule: x, action: log}\n  - {rule: x, action: kill}', 'p.yaml:3: responses[1].action: "kill" is not allowed; allowed: scale-to-zero, isolate, log'],
    ['responses:\n  - rule: x\n    action: islate', 'p.yaml:3: responses[0].action: "islate" is not allowed; allowed: scale-to-zero, isolate, log (did you mean isolate?)'],
    ['responses:\n  - rule: x', 'p.yaml:2: responses[0].action: missing; allowed: scale-to-zero, isolate, log'],
    ['responses:\n  - rule: x\n    action: isolate\n    fallback: log', "p.yaml:4: responses[0].fallback: only scale-to-zero has a fallback (this entry's action is isolate)"],
    ['responses:\n  - {rule: x, action: scale-to-zero, fallback: scale-to-zero}', 'p.yaml:2: responses[0].fallback: "scale-to-zero" is not allowed; allowed: isolate, log'],
    ['responses:\n  - {action: log}', 'p.yaml:2: responses[0]: needs at least one of rule, tags, priority'],
    ['responses:\n  - {rule: x, action: log}\n  - {priority: loud, action: log}', 'p.yaml:3: responses[1].priority: "loud" is not allowed; allowed: emergency, alert, critical'],
    ['responses:\n  - rule: x\n    action: log\n    namespace: demo', 'p.yaml:4: responses[0].namespace: unknown key; allowed: rule, tags, priority, action, fallback'],
    ['responses:\n  - rules: [x]\n    action: log', 'p.yaml:2: responses[0].rules: unknown key; allowed: rule, tags, priority, action, fallback (did you mean rule?)'],
    ['responses:\n  - {rule: [], action: log}', 'p.yaml:2: responses[0].rule: must be a non-empty string or a list of them'],
    ['responses:\n  - rule:\n    action: log', 'p.yaml:2: responses[0].rule: must be a non-empty string or a list of them'],
    ['responses:\n  - tags: [a, 7]\n    action: log', 'p.yaml:2: responses[0].tags: must be a non-empty string or a list of them'],
    ['responses:\n  - "just a string"', 'p.yaml:2: responses[0]: must be a mapping with keys rule, tags, priority, action, fallback'],
    ['# a comment\nrules: []', 'p.yaml:2: rules: unknown key; allowed: responses, default'],
    ['responses: []\ndefault: nothing', 'p.yaml:2: default: "nothing" is not allowed; allowed: scale-to-zero, isolate, log'],
    ['responses: {a: 1}', 'p.yaml:1: responses: must be a list of entries'],
    ['- rule: x\n  action: log', 'p.yaml:1: top level: must be a mapping with keys responses, default'],
    ['responses: []\nresponses: []', 'p.yaml:2: YAML: Map keys must be unique'],
    ['responses:\n  - {rule: x, action: log}\n  - {rule: [y, action: log}\n', 'p.yaml:3: YAML:'],
  ])('rejects invalid policy %# naming the file, the line, the entry and what is allowed', (text, message) => {
    expect(() => parsePolicy(text, 'p.yaml')).toThrow(PolicyError);
    expect(() => parsePolicy(text, 'p.yaml')).toThrow(message);
  });

  it('reports every error at once, and counts the rest in the exception', () => {
    const text = 'responses:\n  - {rule: x, action: kill}\n  - {tags: [], action: log}\ndefault: never\n';
    const { policy, findings } = checkPolicy(text, 'p.yaml');
    expect(policy).toBeUndefined();
    expect(findings.map(formatPolicyFinding)).toEqual([
      'p.yaml:2: responses[0].action: "kill" is not allowed; allowed: scale-to-zero, isolate, log',
      'p.yaml:3: responses[1].tags: must be a non-empty string or a list of them',
      'p.yaml:4: default: "never" is not allowed; allowed: scale-to-zero, isolate, log',
    ]);
    expect(() => parsePolicy(text, 'p.yaml')).toThrow(/^p\.yaml:2: responses\[0\]\.action: .* \(and 2 more error\(s\)\)$/);
  });

  it('an empty file is a policy that logs everything; an alias is followed', () => {
    expect(parsePolicy('', 'p.yaml')).toEqual({ file: 'p.yaml', responses: [], default: 'log' });
    const p = parsePolicy('responses:\n  - &a {rule: x, action: isolate}\n  - {rule: y, action: log}\ndefault: isolate\n', 'p.yaml');
    expect(p.responses.map((e) => e.action)).toEqual(['isolate', 'log']);
  });

  it('warns about an entry that an earlier one always decides first (order matters)', () => {
    const text = 'responses:\n  - {priority: warning, action: isolate}\n  - {rule: x, priority: critical, action: log}\n  - {rule: y, action: log}\n';
    const { policy, findings } = checkPolicy(text, 'p.yaml');
    expect(policy).toBeDefined();
    expect(findings.map(formatPolicyFinding)).toEqual(['p.yaml:3: warning: responses[1]: never decides: responses[0] (line 2) matches every alert it matches']);
  });
});

describe('the policy against the rules the guard Falco loads', () => {
  const catalog = (files: { path: string; text: string }[] = []) => loadedRules(files);
  const check = (text: string, files?: { path: string; text: string }[]) => checkPolicy(text, 'p.yaml', catalog(files)).findings.map(formatPolicyFinding);

  it('a misspelt rule is an error with the rule it most likely means', () => {
    expect(check('responses:\n  - rule: [Terminal shell in container, Terminal shell in containr]\n    action: isolate\n')).toEqual([
      "p.yaml:2: responses[0].rule: no rule 'Terminal shell in containr' is loaded (the stock rules 5.1.0); did you mean 'Terminal shell in container'?",
    ]);
    expect(check('responses:\n  - rule:\n      - terminal shell in container\n    action: isolate\n')[0]).toBe(
      "p.yaml:3: responses[0].rule: no rule 'terminal shell in container' is loaded (the stock rules 5.1.0); did you mean 'Terminal shell in container'?",
    );
    // Nothing close: no guess.
    expect(check('responses:\n  - {rule: Something else entirely, action: log}\n')).toEqual(["p.yaml:2: responses[0].rule: no rule 'Something else entirely' is loaded (the stock rules 5.1.0)"]);
  });

  it("the repository's own rules count, and a rule they disable is a warning naming where", () => {
    const files = [
      { path: 'rules/10-a.yaml', text: '- rule: My rule\n  desc: d\n  condition: spawned_process\n  output: o\n  priority: WARNING\n  tags: [mine]\n' },
      { path: 'rules/20-b.yaml', text: '# off\n- rule: Terminal shell in container\n  enabled: false\n  override: {enabled: replace}\n' },
    ];
    expect(check('responses:\n  - {rule: My rule, tags: mine, action: isolate}\n  - {rule: Terminal shell in container, action: isolate}\n', files)).toEqual([
      "p.yaml:3: warning: responses[1].rule: 'Terminal shell in container' is disabled at rules/20-b.yaml:2: this entry never decides its alerts",
    ]);
    expect(check('responses:\n  - {rule: My rul, action: isolate}\n', files)).toEqual([
      "p.yaml:2: responses[0].rule: no rule 'My rul' is loaded (the stock rules 5.1.0 and rules/10-a.yaml, rules/20-b.yaml); did you mean 'My rule'?",
    ]);
    // Enabled again by a later item: no warning.
    const again = [...files, { path: 'rules/30-c.yaml', text: '- rule: Terminal shell in container\n  enabled: true\n' }];
    expect(check('responses:\n  - {rule: Terminal shell in container, action: isolate}\n', again)).toEqual([]);
  });

  it('a tag no enabled rule has is a warning (with the near miss), and so is a rule without the entry\'s tags', () => {
    expect(check('responses:\n  - tags: [network, mitre_exfiltraton]\n    action: isolate\n')).toEqual([
      "p.yaml:2: warning: responses[0].tags: no loaded rule has the tag 'mitre_exfiltraton' (the stock rules 5.1.0)",
    ]);
    expect(check('responses:\n  - tags: [contianer]\n    action: isolate\n')).toEqual([
      "p.yaml:2: warning: responses[0].tags: no loaded rule has the tag 'contianer' (the stock rules 5.1.0); did you mean 'container'?",
    ]);
    const files = [{ path: 'rules/10-a.yaml', text: '- rule: My rule\n  desc: d\n  condition: spawned_process\n  output: o\n  priority: WARNING\n  tags: [mine]\n  enabled: false\n' }];
    expect(check('responses:\n  - {tags: mine, action: isolate}\n', files)).toEqual([
      "p.yaml:2: warning: responses[0].tags: only disabled rules have the tag 'mine': 'My rule' (rules/10-a.yaml:1)",
    ]);
    expect(check('responses:\n  - {rule: Terminal shell in container, tags: network, action: isolate}\n')).toEqual([
      "p.yaml:2: warning: responses[0].rule: 'Terminal shell in container' has none of the tags network: this entry never decides its alerts",
    ]);
  });

  it('tags that rules/ appends to a stock rule, or replaces, are what the check sees', () => {
    const appended = [{ path: 'rules/10-a.yaml', text: '- rule: Terminal shell in container\n  tags: [paging]\n  override: {tags: append}\n' }];
    expect(check('responses:\n  - {rule: Terminal shell in container, tags: [paging], action: isolate}\n', appended)).toEqual([]);
    const replaced = [{ path: 'rules/10-a.yaml', text: '- rule: Terminal shell in container\n  tags: [paging]\n  override: {tags: replace}\n' }];
    expect(check('responses:\n  - {rule: Terminal shell in container, tags: [shell], action: isolate}\n', replaced)).toEqual([
      "p.yaml:2: warning: responses[0].rule: 'Terminal shell in container' has none of the tags shell: this entry never decides its alerts",
    ]);
  });

  it("the shipped policy is clean against the stock rules, and has no error with the repository's rules/", () => {
    const text = readFileSync(join(__dirname, '..', DEFAULT_POLICY_FILE), 'utf8');
    expect(checkPolicy(text, DEFAULT_POLICY_FILE, catalog()).findings).toEqual([]);
    // rules/ is the fork's: what it disables may warn, but cannot make the shipped policy invalid.
    expect(checkPolicy(text, DEFAULT_POLICY_FILE, catalog(repoInputs.rules)).policy).toBeDefined();
  });
});

describe('protected namespaces', () => {
  it('protects the cluster, Flux, Falco and the responder namespaces', () => {
    expect([...PROTECTED_NAMESPACES].sort()).toEqual(['falco', 'falco-response', 'flux-system', 'kube-node-lease', 'kube-public', 'kube-system']);
  });
});
