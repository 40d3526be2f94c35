/**
 * `npm run gitops`, in process: the repository's tree matches its configuration (whatever values a fork gave
 * it), `--check` finds drift, regeneration repairs it, bad configuration is bad input. Scratch repositories in
 * temporary folders are made from the defaults in code, so these tests never depend on the user's file.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { EXIT } from '../cli/command';
import { writeTree } from '../gitops/files';
import { APPS_DIR, DEFAULT_POLICY_FILE, RESPONDER_BUNDLE, RESPONSES_DIR } from '../contract/naming';
import { runGitops } from './helpers/gitops-cli';
import { REPO_ROOT, defaultConfig, scratchRepo } from './helpers/gitops-tree';

const dirs: string[] = [];
/** A scratch repository holding the default configuration and the tree generated from it. */
async function tempRepo(): Promise<string> {
  const dir = scratchRepo(stringify(defaultConfig()));
  dirs.push(dir);
  expect((await runGitops([], dir)).code).toBe(EXIT.ok);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm run gitops', () => {
  it("the repository's fluxcd/ tree is what the generator makes of its bench.config.yaml", async () => {
    const r = await runGitops(['--check'], REPO_ROOT);
    // stderr may only say that an empty file means all defaults.
    expect(r.err).toMatch(/^(.*all defaults apply)?$/);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toMatch(/^fluxcd\/ is up to date \(\d+ files\)\n$/);
  });

  it('--check names a modified, a missing and an extra file, and exits 1', async () => {
    const dir = await tempRepo();
    const modified = 'fluxcd/benchmark/bench-kmod1cpu.yaml';
    const missing = 'fluxcd/infrastructure/falco/falco-ebpf2cpu.yaml';
    const extra = 'fluxcd/infrastructure/falco/falco-old.yaml';
    writeFileSync(join(dir, modified), readFileSync(join(dir, modified), 'utf8').replace('5s', '6s'));
    unlinkSync(join(dir, missing));
    writeFileSync(join(dir, extra), 'stale\n');
    const r = await runGitops(['--check'], dir);
    expect(r.code).toBe(EXIT.findings);
    expect(r.err).toContain('npm run gitops');
    expect(r.err).toContain(`differs: ${modified}`);
    expect(r.err).toContain(`missing: ${missing}`);
    expect(r.err).toContain(`extra:   ${extra}`);
    expect(r.err.split('\n')).toHaveLength(4);
  });

  it('regenerating repairs the tree, removes stale files and touches nothing outside fluxcd/', async () => {
    const dir = await tempRepo();
    writeFileSync(join(dir, 'fluxcd/benchmark/old.yaml'), 'stale\n');
    rmSync(join(dir, 'fluxcd/infrastructure/sources'), { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const r = await runGitops([], dir);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toMatch(/2 written, 1 removed/);
    expect(existsSync(join(dir, 'fluxcd/benchmark/old.yaml'))).toBe(false);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect((await runGitops(['--check'], dir)).code).toBe(EXIT.ok);
    expect((await runGitops([], dir)).out).toMatch(/0 written, 0 removed/);
  });

  it('--config FILE reads another configuration (relative to the working directory)', async () => {
    const dir = await tempRepo();
    writeFileSync(join(dir, 'other.yaml'), stringify({ ...defaultConfig(), cluster: { ...defaultConfig().cluster, name: 'other' } }));
    const r = await runGitops(['--check', '--config', 'other.yaml'], dir);
    expect(r.code).toBe(EXIT.findings);
    expect(r.err).toContain('missing: fluxcd/clusters/other/kustomization.yaml');
    expect(r.err).toContain('extra:   fluxcd/clusters/aks-falco/kustomization.yaml');
    expect((await runGitops(['--config=other.yaml'], dir)).code).toBe(EXIT.ok);
    expect(existsSync(join(dir, 'fluxcd/clusters/aks-falco'))).toBe(false);
  });

  it('a configuration error is bad input: its message, no stack trace, exit 2', async () => {
    const dir = await tempRepo();
    writeFileSync(join(dir, 'bad.yaml'), 'benchmark:\n  roundDuration: soon\n  variants: []\n');
    const r = await runGitops(['--config', 'bad.yaml'], dir);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^invalid configuration in .*bad\.yaml:\n {2}- benchmark\.roundDuration: "soon"/);
    expect(r.err).toContain('benchmark.variants: the list is empty');
    expect(r.err).not.toMatch(/\n\s+at /);
    const absent = await runGitops(['--config', 'absent.yaml'], dir);
    expect(absent.code).toBe(EXIT.badInput);
    expect(absent.err).toMatch(/cannot read the file: ENOENT/);
  });

  it('an oversized variant is refused before anything is written: its Falco would never be scheduled', async () => {
    const dir = await tempRepo();
    const before = readdirSync(join(dir, 'fluxcd'), { recursive: true }).length;
    writeFileSync(join(dir, 'big.yaml'), 'benchmark:\n  variants:\n    - { name: big, driver: kmod, bufferedOutputs: false, cpu: { request: "4", limit: "4" }, memory: { request: 1Gi, limit: 1Gi } }\n');
    const r = await runGitops(['--config', 'big.yaml'], dir);
    expect([r.code, r.out]).toEqual([EXIT.badInput, '']);
    expect(r.err).toMatch(/^invalid configuration in .*big\.yaml:\n {2}- benchmark\.variants\[big\]\.cpu\.request: "4" does not fit a Standard_D4as_v5 node \(cluster\.benchmarkVmSize\): at most 3560m/);
    expect(readdirSync(join(dir, 'fluxcd'), { recursive: true }).length).toBe(before);
  });

  it('an empty configuration file says that all defaults apply, and the defaults tree is current', async () => {
    const dir = await tempRepo();
    writeFileSync(join(dir, 'bench.config.yaml'), '# everything commented out\n');
    const r = await runGitops(['--check'], dir);
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toMatch(/bench\.config\.yaml: no settings \(empty or only comments\); all defaults apply$/);
  });

  it('FALCO_BENCH_CONFIG names the configuration when --config is absent', async () => {
    const dir = await tempRepo();
    writeFileSync(join(dir, 'env.yaml'), 'cluster:\n  name: Not_A_Label\n');
    const r = await runGitops(['--check'], dir, { FALCO_BENCH_CONFIG: 'env.yaml' });
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toContain('cluster.name');
  });

  it('rejects unknown options (exit 2) and answers --help with the options and exit codes', async () => {
    const r = await runGitops(['--chek'], REPO_ROOT);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toMatch(/^gitops: Unknown option '--chek'/);
    expect(r.err).toContain('see --help');
    const help = await runGitops(['--help'], REPO_ROOT);
    expect(help.code).toBe(EXIT.ok);
    expect(help.out).toMatch(/^usage: npm run gitops -- \[options\]/);
    expect(help.out).toContain('--check');
    expect(help.out).toContain('--config FILE');
    expect(help.out).toContain('exit codes: 0 ok, 1 findings');
  });

  it('never writes outside fluxcd/', async () => {
    const dir = await tempRepo();
    expect(() => writeTree(dir, new Map([['fluxcd/../evil.yaml', 'x']]))).toThrow(/outside fluxcd/);
    expect(() => writeTree(dir, new Map([['other/x.yaml', 'x']]))).toThrow(/outside fluxcd/);
    expect(existsSync(join(dir, 'evil.yaml'))).toBe(false);
  });
  it('seeds nothing in the platform repository: an old fluxcd/apps or fluxcd/responses is stale; the policy is delivered, and a policy change is drift', async () => {
    const dir = await tempRepo();
    mkdirSync(join(dir, 'fluxcd', APPS_DIR), { recursive: true });
    writeFileSync(join(dir, 'fluxcd', APPS_DIR, 'demo.yaml'), 'kind: Deployment\n');
    mkdirSync(join(dir, 'fluxcd', RESPONSES_DIR), { recursive: true });
    writeFileSync(join(dir, 'fluxcd', RESPONSES_DIR, 'README.md'), '# old\n');
    const check = await runGitops(['--check'], dir);
    expect(check.code).toBe(EXIT.findings);
    expect(check.err).toContain(`extra:   fluxcd/${APPS_DIR}/demo.yaml`);
    const write = await runGitops([], dir);
    expect(write.code).toBe(EXIT.ok);
    expect(existsSync(join(dir, 'fluxcd', APPS_DIR))).toBe(false);
    expect(existsSync(join(dir, 'fluxcd', RESPONSES_DIR))).toBe(false);

    const policy = join(dir, DEFAULT_POLICY_FILE);
    writeFileSync(policy, `${readFileSync(policy, 'utf8')}# tightened\n`);
    const drift = await runGitops(['--check'], dir);
    expect(drift.code).toBe(EXIT.findings);
    expect(drift.err).toContain('differs: fluxcd/infrastructure/response/responder-policy.txt');
    rmSync(policy);
    const missing = await runGitops([], dir);
    expect(missing.code).toBe(EXIT.badInput);
    expect(missing.err).toMatch(/response policy responder\/policy\.yaml \(response\.policyFile\) is missing/);
  });

  it('without the responder bundle the response layer is not generated: a clear message, exit 2, nothing written', async () => {
    const dir = await tempRepo();
    rmSync(join(dir, RESPONDER_BUNDLE));
    const before = readFileSync(join(dir, 'fluxcd/clusters/aks-falco/kustomization.yaml'), 'utf8');
    const r = await runGitops([], dir);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toMatch(/^the responder bundle is missing/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'fluxcd/clusters/aks-falco/kustomization.yaml'), 'utf8')).toBe(before);
    // Turning the response engine off needs no bundle, and removes the response layer.
    writeFileSync(join(dir, 'off.yaml'), 'response:\n  enabled: false\n');
    const off = await runGitops(['--config', 'off.yaml'], dir);
    expect(off.code).toBe(EXIT.ok);
    expect(off.out).toContain('removed fluxcd/infrastructure/response/kustomization.yaml');
    expect(existsSync(join(dir, 'fluxcd/infrastructure/response'))).toBe(false);
  });

  it('never writes, compares or removes the responder bundle: it is build:responder\'s', async () => {
    const dir = await tempRepo();
    const bundle = readFileSync(join(dir, RESPONDER_BUNDLE), 'utf8');
    writeFileSync(join(dir, RESPONDER_BUNDLE), `${bundle}// a local rebuild\n`);
    expect((await runGitops(['--check'], dir)).code).toBe(EXIT.ok);
    writeFileSync(join(dir, 'off.yaml'), 'response:\n  enabled: false\n');
    const off = await runGitops(['--config', 'off.yaml'], dir);
    expect(off.code).toBe(EXIT.ok);
    expect(off.out).not.toContain(RESPONDER_BUNDLE);
    expect(readFileSync(join(dir, RESPONDER_BUNDLE), 'utf8')).toBe(`${bundle}// a local rebuild\n`);
    expect(existsSync(join(dir, 'fluxcd/infrastructure/response/kustomization.yaml'))).toBe(false);
  });
});
