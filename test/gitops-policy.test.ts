/**
 * `npm run gitops` checks the response policy where it checks the rules: each kind of mistake is reported as
 * `file:line: message`, an error stops it (exit 2) before anything is written, warnings do not. Scratch
 * repositories with the default configuration, so a fork's own policy or rules never decide these tests.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { EXIT } from '../cli/command';
import { DEFAULT_POLICY_FILE, RULES_DIR } from '../contract/naming';
import { readTree } from '../gitops/files';
import { RESPONDER_POLICY_FILE } from '../gitops/response';
import { runGitops } from './helpers/gitops-cli';
import { defaultConfig, scratchRepo } from './helpers/gitops-tree';

const DELIVERED = `fluxcd/infrastructure/response/${RESPONDER_POLICY_FILE}`;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The tests' own rules file (rules/ is the users': a fork may change or remove the shipped example). */
const OWN_RULES = '- rule: Unexpected process in a test controller\n  desc: d\n  condition: spawned_process and container\n  output: o %proc.name\n  priority: WARNING\n  tags: [container, testing]\n';
const LOADED = 'the stock rules 5.1.0 and rules/10-test.yaml';

/** A scratch repository with the tests' rules and its generated tree, then this policy text in the configured file. */
async function scratch(policy?: string): Promise<string> {
  const dir = scratchRepo(stringify(defaultConfig()));
  dirs.push(dir);
  rmSync(join(dir, RULES_DIR), { recursive: true, force: true });
  mkdirSync(join(dir, RULES_DIR));
  writeFileSync(join(dir, RULES_DIR, '10-test.yaml'), OWN_RULES);
  expect((await runGitops([], dir)).code).toBe(EXIT.ok);
  if (policy !== undefined) writeFileSync(join(dir, DEFAULT_POLICY_FILE), policy);
  return dir;
}

/** Runs gitops and asserts that it wrote nothing: the tree is byte for byte what it was. */
async function refused(dir: string, argv: string[] = []) {
  const before = readTree(dir);
  const r = await runGitops(argv, dir);
  expect(r.code).toBe(EXIT.badInput);
  expect(r.out).toBe('');
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(readTree(dir)).toEqual(before);
  return r.err.split('\n');
}

describe('npm run gitops checks the response policy (errors: exit 2, nothing written)', () => {
  it('bad YAML', async () => {
    const err = await refused(await scratch('responses:\n  - rule: Terminal shell in container\n    action: [isolate\n'));
    expect(err[0]).toMatch(/^responder\/policy\.yaml:[34]: YAML: /);
    expect(err.at(-1)).toMatch(/^policy: [1-9]\d* error\(s\), 0 warning\(s\) in responder\/policy\.yaml$/);
  });

  it('an unknown key, with the key it most likely means', async () => {
    expect(await refused(await scratch('responses:\n  - rule: Terminal shell in container\n    action: isolate\n    fallbak: log\n'))).toEqual([
      'responder/policy.yaml:4: responses[0].fallbak: unknown key; allowed: rule, tags, priority, action, fallback (did you mean fallback?)',
      'policy: 1 error(s), 0 warning(s) in responder/policy.yaml',
    ]);
  });

  it('a bad action names the allowed ones', async () => {
    expect(await refused(await scratch('# mine\nresponses:\n  - rule: Terminal shell in container\n    action: islate\n'))).toEqual([
      'responder/policy.yaml:4: responses[0].action: "islate" is not allowed; allowed: scale-to-zero, isolate, log (did you mean isolate?)',
      'policy: 1 error(s), 0 warning(s) in responder/policy.yaml',
    ]);
  });

  it('a bad fallback, and a fallback on an action that has none', async () => {
    const text = 'responses:\n  - rule: Terminal shell in container\n    action: scale-to-zero\n    fallback: nothing\n  - tags: [network]\n    action: log\n    fallback: isolate\n';
    expect(await refused(await scratch(text))).toEqual([
      'responder/policy.yaml:4: responses[0].fallback: "nothing" is not allowed; allowed: isolate, log',
      "responder/policy.yaml:7: responses[1].fallback: only scale-to-zero has a fallback (this entry's action is log)",
      'policy: 2 error(s), 0 warning(s) in responder/policy.yaml',
    ]);
  });

  it('a misspelt rule name says which loaded rule it most likely means', async () => {
    expect(await refused(await scratch('responses:\n  - rule: Terminal shell in containr\n    action: scale-to-zero\n    fallback: isolate\n'))).toEqual([
      `responder/policy.yaml:2: responses[0].rule: no rule 'Terminal shell in containr' is loaded (${LOADED}); did you mean 'Terminal shell in container'?`,
      'policy: 1 error(s), 0 warning(s) in responder/policy.yaml',
    ]);
  });

  it("a rule of the repository's own rules/ is known; a near miss of it is an error", async () => {
    const dir = await scratch('responses:\n  - rule: Unexpected process in a test controller\n    action: isolate\n');
    const ok = await runGitops([], dir);
    expect([ok.code, ok.err]).toEqual([EXIT.ok, '']);
    writeFileSync(join(dir, DEFAULT_POLICY_FILE), 'responses:\n  - rule: Unexpected process in a test controler\n    action: isolate\n');
    expect((await refused(dir))[0]).toBe(
      `responder/policy.yaml:2: responses[0].rule: no rule 'Unexpected process in a test controler' is loaded (${LOADED}); did you mean 'Unexpected process in a test controller'?`,
    );
  });

  it('--check validates too', async () => {
    const err = await refused(await scratch('responses:\n  - {rule: Terminal shell in container, action: nuke}\n'), ['--check']);
    expect(err[0]).toMatch(/^responder\/policy\.yaml:2: responses\[0\]\.action: "nuke" is not allowed/);
  });

  it('rules errors and policy errors are reported in the same run', async () => {
    const dir = await scratch('responses:\n  - {rule: Terminal shell in container, action: nuke}\n');
    writeFileSync(join(dir, RULES_DIR, '20-broken.yaml'), '- macro: mine\n  condition: (proc.name = x\n');
    expect(await refused(dir)).toEqual([
      "rules/20-broken.yaml:2: macro 'mine': condition: expected ')'",
      'rules: 1 error(s), 0 warning(s) in 2 file(s)',
      'responder/policy.yaml:2: responses[0].action: "nuke" is not allowed; allowed: scale-to-zero, isolate, log',
      'policy: 1 error(s), 0 warning(s) in responder/policy.yaml',
    ]);
  });

  it('a missing policy file is one line naming it', async () => {
    const dir = await scratch();
    writeFileSync(join(dir, 'mine.yaml'), 'response:\n  policyFile: policies/response.yaml\n');
    const err = await refused(dir, ['--config', 'mine.yaml']);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^the response policy policies\/response\.yaml \(response\.policyFile\) is missing: /);
  });

  it('an unreadable policy file (here a folder) is one line naming it and why', async () => {
    const dir = await scratch();
    mkdirSync(join(dir, 'policies', 'response.yaml'), { recursive: true });
    writeFileSync(join(dir, 'mine.yaml'), 'response:\n  policyFile: policies/response.yaml\n');
    const err = await refused(dir, ['--config', 'mine.yaml']);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^the response policy policies\/response\.yaml \(response\.policyFile\) cannot be read \(EISDIR\): /);
  });

  it('findings name the configured file', async () => {
    const dir = await scratch();
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policies/response.yaml'), 'responses:\n  - {rule: Terminal shell in container, action: log}\ndefault: ignore\n');
    writeFileSync(join(dir, 'mine.yaml'), 'response:\n  policyFile: policies/response.yaml\n');
    expect((await refused(dir, ['--config', 'mine.yaml']))[0]).toBe('policies/response.yaml:3: default: "ignore" is not allowed; allowed: scale-to-zero, isolate, log');
  });
});

describe('npm run gitops warns (and writes) where the policy depends on what no enabled rule gives', () => {
  it('a rule that rules/ disables: the policy line and where it is disabled', async () => {
    const dir = await scratch('# mine\nresponses:\n  - rule: Terminal shell in container\n    action: scale-to-zero\n    fallback: isolate\n');
    writeFileSync(join(dir, RULES_DIR, '20-quiet.yaml'), '# too noisy here\n- rule: Terminal shell in container\n  enabled: false\n  override: {enabled: replace}\n');
    const r = await runGitops([], dir);
    expect(r.code).toBe(EXIT.ok);
    expect(r.err.split('\n')).toEqual([
      "responder/policy.yaml:3: warning: responses[0].rule: 'Terminal shell in container' is disabled at rules/20-quiet.yaml:2: this entry never decides its alerts",
      'policy: 0 error(s), 1 warning(s) in responder/policy.yaml',
    ]);
    expect(r.out).toContain('wrote   fluxcd/infrastructure/response/guard-falco.yaml');
    expect(readFileSync(join(dir, DELIVERED), 'utf8')).toContain('# mine');
  });

  it('a tag no loaded rule has, with the near miss', async () => {
    const dir = await scratch('responses:\n  - rule: Terminal shell in container\n    action: isolate\n  - tags: [mitre_exfiltraton, netwrk]\n    action: isolate\n');
    const r = await runGitops([], dir);
    expect(r.code).toBe(EXIT.ok);
    expect(r.err.split('\n')).toEqual([
      `responder/policy.yaml:4: warning: responses[1].tags: no loaded rule has the tag 'mitre_exfiltraton' (${LOADED})`,
      `responder/policy.yaml:4: warning: responses[1].tags: no loaded rule has the tag 'netwrk' (${LOADED}); did you mean 'network'?`,
      'policy: 0 error(s), 2 warning(s) in responder/policy.yaml',
    ]);
    // Written: the delivered policy is the new text.
    expect(readFileSync(join(dir, DELIVERED), 'utf8')).toContain('netwrk');
  });

  it('with the response engine off the policy is not delivered, so not checked', async () => {
    const dir = await scratch('responses: [\n');
    writeFileSync(join(dir, 'off.yaml'), 'response:\n  enabled: false\n');
    const r = await runGitops(['--config', 'off.yaml'], dir);
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toBe('');
  });
});
