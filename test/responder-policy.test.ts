import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY_FILE, PROTECTED_NAMESPACES } from '../contract/naming';
import { AlertError, parseAlert, parseAlertJson, workloadOf } from '../responder/alert';
import { PolicyError, decide, parsePolicy } from '../responder/policy';
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

  it.each([
    ['responses:\n  - {rule: x, action: kill}', 'p.yaml: responses[0].action: "kill" is not allowed; allowed: scale-to-zero, isolate, log'],
    ['responses:\n  - {rule: x, action: isolate, fallback: log}', 'p.yaml: responses[0].fallback: only scale-to-zero has a fallback'],
    ['responses:\n  - {rule: x, action: scale-to-zero, fallback: scale-to-zero}', 'p.yaml: responses[0].fallback: "scale-to-zero" is not allowed; allowed: isolate, log'],
    ['responses:\n  - {action: log}', 'p.yaml: responses[0]: needs at least one of rule, tags, priority'],
    ['responses:\n  - {rule: x, action: log}\n  - {priority: loud, action: log}', 'p.yaml: responses[1].priority: "loud" is not allowed; allowed: emergency, alert'],
    ['responses:\n  - {rule: x, action: log, namespace: demo}', 'p.yaml: responses[0].namespace: unknown key; allowed: rule, tags, priority, action, fallback'],
    ['responses:\n  - {rule: [], action: log}', 'p.yaml: responses[0].rule: must be a non-empty string'],
    ['rules: []', 'p.yaml: rules: unknown key; allowed: responses, default'],
    ['default: nothing', 'p.yaml: default: "nothing" is not allowed'],
    ['responses: {a: 1}', 'p.yaml: responses: must be a list'],
    ['responses: [\n', 'p.yaml: YAML:'],
  ])('rejects invalid policy %# naming the file, the entry and what is allowed', (text, message) => {
    expect(() => parsePolicy(text, 'p.yaml')).toThrow(PolicyError);
    expect(() => parsePolicy(text, 'p.yaml')).toThrow(message);
  });

  it('protects the cluster, Flux, Falco and the responder namespaces', () => {
    expect([...PROTECTED_NAMESPACES].sort()).toEqual(['falco', 'falco-response', 'flux-system', 'kube-node-lease', 'kube-public', 'kube-system']);
  });
});
