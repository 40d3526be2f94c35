/**
 * The repository's rules in the generated tree: which Falcos get them (variants with `customRules`), what the
 * run hash makes of a rules change, what the real falco chart renders of them, and `npm run gitops` refusing to
 * write anything while a rules file has errors.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { EXIT } from '../cli/command';
import { RULES_DIR, falcoReleaseName } from '../contract/naming';
import type { BenchConfig } from '../config/schema';
import { runHash } from '../gitops/benchmark';
import { falcoRelease, falcoValues } from '../gitops/falco';
import type { RepoFile } from '../gitops/inputs';
import { customRulesValues } from '../gitops/rules';
import { renderTree } from '../gitops/tree';
import { unknownValueKeys } from './helpers/chart-values';
import { runGitops } from './helpers/gitops-cli';
import { Obj, REPO_ROOT, changed, defaultConfig, repoInputs, scratchRepo } from './helpers/gitops-tree';
import { findObject, renderHelmRelease } from './helpers/helm';
import { describeWithUpstream, upstreamChartValues } from './helpers/upstream';

const base = defaultConfig();
/** The default configuration with customRules on for the first variant only. */
const config: BenchConfig = changed(base, (c) => (c.benchmark.variants[0].customRules = true));
const [loading, ...others] = config.benchmark.variants;
/** A rules file of the tests' own (rules/ is the users': a fork may change or remove the shipped example). */
const example: RepoFile[] = [
  {
    path: 'rules/10-example.yaml',
    text: '# trusted tools\n- list: my_tools\n  items: [my-agent]\n- macro: my_tool\n  condition: proc.name in (my_tools)\n',
  },
];
const edited = (rules: RepoFile[]): RepoFile[] => rules.map((f, i) => (i === 0 ? { ...f, text: `${f.text}\n# a comment\n` } : f));

describe('customRules', () => {
  it('the chart value maps each file name to its text, for the repository files as read from disk too', () => {
    expect(customRulesValues(example)).toEqual({ '10-example.yaml': example[0].text });
    for (const f of repoInputs.rules) expect(customRulesValues(repoInputs.rules)[f.path.slice('rules/'.length)]).toBe(readFileSync(join(REPO_ROOT, f.path), 'utf8'));
  });

  it('only variants with customRules: true load the rules (default off: the published numbers measure the stock rules)', () => {
    expect(base.benchmark.variants.every((v) => v.customRules === false)).toBe(true);
    expect(falcoValues(loading, example).customRules).toEqual(customRulesValues(example));
    for (const v of others) expect(falcoValues(v, example)).not.toHaveProperty('customRules');
    // Nothing to load: no empty ConfigMap.
    expect(falcoValues(loading, [])).not.toHaveProperty('customRules');
  });

  it('a rules change reruns exactly the variants that load them; the flag itself reruns only its variant', () => {
    for (const v of others) expect(runHash(config, v, edited(example))).toBe(runHash(config, v, example));
    expect(runHash(config, loading, edited(example))).not.toBe(runHash(config, loading, example));
    // Switching the flag on changes that variant's hash; variants without it keep the hash they had before the
    // setting existed (customRules: false is not part of the hash).
    expect(runHash(config, loading, example)).not.toBe(runHash(base, base.benchmark.variants[0], example));
    const { customRules: _omitted, ...legacy } = others[0];
    expect(runHash(config, others[0], example)).toBe(runHash(config, legacy as typeof others[0], example));
  });

  it('the generated tree carries the rules text in the loading variant only', () => {
    const tree = renderTree(config, { ...repoInputs, rules: edited(example) });
    const loadingFile = tree.get(`fluxcd/infrastructure/falco/${falcoReleaseName(loading)}.yaml`)!;
    expect(loadingFile).toContain('customRules:');
    expect(loadingFile).toContain('# a comment');
    for (const v of others) expect(tree.get(`fluxcd/infrastructure/falco/${falcoReleaseName(v)}.yaml`)).not.toContain('customRules');
  });
});

describeWithUpstream('customRules with the real falco 9.1.0 chart', () => {
  const release = falcoRelease(config, loading, example);
  const objects = renderHelmRelease(release);

  it('customRules is a key of the chart; the rest of the values stay checked', () => {
    expect(unknownValueKeys(release.spec.values!, upstreamChartValues('falco', '9.1.0'))).toEqual([]);
  });

  it('renders ConfigMap <fullname>-rules with the file, mounted at /etc/falco/rules.d in the DaemonSet', () => {
    const configMap = findObject<Obj>(objects, 'ConfigMap', `${falcoReleaseName(loading)}-rules`);
    // The chart's template writes each file as a `|-` block: the final newline goes, nothing else changes.
    expect(configMap.data).toEqual({ '10-example.yaml': example[0].text.trimEnd() });
    const pod = findObject<Obj>(objects, 'DaemonSet').spec.template.spec;
    const volume = pod.volumes.find((v: Obj) => v.configMap?.name === configMap.metadata.name);
    expect(volume).toBeDefined();
    const falco = pod.containers.find((c: Obj) => c.name === 'falco');
    expect(falco.volumeMounts).toContainEqual(expect.objectContaining({ name: volume.name, mountPath: '/etc/falco/rules.d' }));
  });

  it('a variant without the flag has no rules ConfigMap and no rules.d mount', () => {
    const plain = renderHelmRelease(falcoRelease(config, others[0], example));
    expect(plain.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-rules'))).toEqual([]);
    const falco = findObject<Obj>(plain, 'DaemonSet').spec.template.spec.containers.find((c: Obj) => c.name === 'falco');
    expect(falco.volumeMounts.map((m: Obj) => m.mountPath)).not.toContain('/etc/falco/rules.d');
  });
});

describe('npm run gitops validates the rules first', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  /** A scratch repository with the default configuration, its tree, and these rules files instead of rules/. */
  async function scratch(rules: Record<string, string>): Promise<string> {
    const dir = scratchRepo(stringify(defaultConfig()));
    dirs.push(dir);
    expect((await runGitops([], dir)).code).toBe(EXIT.ok);
    rmSync(join(dir, RULES_DIR), { recursive: true, force: true });
    mkdirSync(join(dir, RULES_DIR));
    for (const [name, text] of Object.entries(rules)) writeFileSync(join(dir, RULES_DIR, name), text);
    return dir;
  }
  const broken = '- macro: mine\n  condition: (proc.name = x\n';

  it('errors: bad input (exit 2), the findings on stderr, nothing written', async () => {
    const dir = await scratch({ 'a.yaml': broken });
    rmSync(join(dir, 'fluxcd/benchmark'), { recursive: true });
    const r = await runGitops([], dir);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err.split('\n')).toEqual([
      "rules/a.yaml:2: macro 'mine': condition: expected ')'",
      'rules: 1 error(s), 0 warning(s) in 1 file(s)',
    ]);
    expect(r.out).toBe('');
    // The removed folder was not regenerated.
    expect(() => readFileSync(join(dir, 'fluxcd/benchmark/kustomization.yaml'))).toThrow();
  });

  it('--check validates too', async () => {
    const r = await runGitops(['--check'], await scratch({ 'a.yaml': broken }));
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err.split('\n')[0]).toBe("rules/a.yaml:2: macro 'mine': condition: expected ')'");
  });

  it('warnings are printed and do not stop the generator', async () => {
    const r = await runGitops([], await scratch({ 'a.yaml': '- rule: Read sensitive file untrusted\n  enabled: false\n  override: {enabled: replace}\n' }));
    expect(r.err).toMatch(/^rules\/a\.yaml:1: warning: disables the rule 'Read sensitive file untrusted': the benchmark/);
    expect(r.code).toBe(EXIT.ok);
    // The tree was written: the guard Falco loads the rules; the default variants do not.
    expect(r.out).toContain('wrote   fluxcd/infrastructure/response/guard-falco.yaml');
    expect(r.out).not.toContain('fluxcd/infrastructure/falco/');
  });
});
