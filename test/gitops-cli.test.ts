/** `npm run gitops`, in process: the committed tree is current, `--check` finds drift, bad configuration. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliIo, main } from '../gitops/cli';
import { writeTree } from '../gitops/files';
import { APPS_DIR, RESPONDER_BUNDLE, RESPONSES_DIR, RULES_DIR } from '../contract/naming';
import { REPO_ROOT, hasCommittedBundle, repoInputs } from './helpers/gitops-tree';

function run(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd, env, out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * A scratch repository: the committed configuration, rules and fluxcd/ tree, and the responder bundle (the
 * committed one, or the tests' stand-in where it is not committed yet).
 */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gitops-cli-'));
  cpSync(join(REPO_ROOT, 'bench.config.yaml'), join(dir, 'bench.config.yaml'));
  for (const sub of ['fluxcd', RULES_DIR]) {
    if (existsSync(join(REPO_ROOT, sub))) cpSync(join(REPO_ROOT, sub), join(dir, sub), { recursive: true });
  }
  mkdirSync(join(dir, RESPONDER_BUNDLE, '..'), { recursive: true });
  writeFileSync(join(dir, RESPONDER_BUNDLE), repoInputs.responderBundle!.text);
  return dir;
}

const dirs: string[] = [];
const tempRepo = () => {
  const d = scratch();
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm run gitops', () => {
  it('the committed fluxcd/ tree is what the generator makes of bench.config.yaml', () => {
    // Without the committed bundle, in a copy that has the stand-in the committed tree was generated with.
    const r = run(['--check'], hasCommittedBundle ? REPO_ROOT : tempRepo());
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^fluxcd\/ is up to date \(\d+ files\)$/);
  });

  it('--check names a modified, a missing and an extra file, and exits 1', () => {
    const dir = tempRepo();
    const modified = 'fluxcd/benchmark/bench-kmod1cpu.yaml';
    const missing = 'fluxcd/infrastructure/falco/falco-ebpf2cpu.yaml';
    const extra = 'fluxcd/infrastructure/falco/falco-old.yaml';
    writeFileSync(join(dir, modified), readFileSync(join(dir, modified), 'utf8').replace('5s', '6s'));
    unlinkSync(join(dir, missing));
    writeFileSync(join(dir, extra), 'stale\n');
    const r = run(['--check'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('npm run gitops');
    expect(r.err).toContain(`differs: ${modified}`);
    expect(r.err).toContain(`missing: ${missing}`);
    expect(r.err).toContain(`extra:   ${extra}`);
    expect(r.err.split('\n')).toHaveLength(4);
  });

  it('regenerating repairs the tree, removes stale files and touches nothing outside fluxcd/', () => {
    const dir = tempRepo();
    writeFileSync(join(dir, 'fluxcd/benchmark/old.yaml'), 'stale\n');
    rmSync(join(dir, 'fluxcd/infrastructure/sources'), { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const r = run([], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 written, 1 removed/);
    expect(existsSync(join(dir, 'fluxcd/benchmark/old.yaml'))).toBe(false);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(run(['--check'], dir).code).toBe(0);
    expect(run([], dir).out).toMatch(/0 written, 0 removed/);
  });

  it('--config FILE reads another configuration (relative to the working directory)', () => {
    const dir = tempRepo();
    const text = readFileSync(join(dir, 'bench.config.yaml'), 'utf8').replace('name: aks-falco', 'name: other');
    writeFileSync(join(dir, 'other.yaml'), text);
    const r = run(['--check', '--config', 'other.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('missing: fluxcd/clusters/other/kustomization.yaml');
    expect(r.err).toContain('extra:   fluxcd/clusters/aks-falco/kustomization.yaml');
    expect(run(['--config=other.yaml'], dir).code).toBe(0);
    expect(existsSync(join(dir, 'fluxcd/clusters/aks-falco'))).toBe(false);
  });

  it('a configuration error prints its message, no stack trace, and exits 1', () => {
    const dir = tempRepo();
    writeFileSync(join(dir, 'bad.yaml'), 'benchmark:\n  roundDuration: soon\n  variants: []\n');
    const r = run(['--config', 'bad.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^invalid configuration in .*bad\.yaml:\n {2}- benchmark\.roundDuration: "soon"/);
    expect(r.err).toContain('benchmark.variants: the list is empty');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(run(['--config', 'absent.yaml'], dir).err).toMatch(/cannot read the file: ENOENT/);
  });

  it('FALCO_BENCH_CONFIG names the configuration when --config is absent', () => {
    const dir = tempRepo();
    writeFileSync(join(dir, 'env.yaml'), 'cluster:\n  name: Not_A_Label\n');
    const r = run(['--check'], dir, { FALCO_BENCH_CONFIG: 'env.yaml' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('cluster.name');
  });

  it('rejects unknown arguments with the usage', () => {
    const r = run(['--chek'], REPO_ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown argument: --chek');
    expect(r.err).toContain('usage: npm run gitops');
  });

  it('never writes outside fluxcd/', () => {
    const dir = tempRepo();
    expect(() => writeTree(dir, new Map([['fluxcd/../evil.yaml', 'x']]))).toThrow(/outside fluxcd/);
    expect(() => writeTree(dir, new Map([['other/x.yaml', 'x']]))).toThrow(/outside fluxcd/);
    expect(existsSync(join(dir, 'evil.yaml'))).toBe(false);
  });

  it('creates the apps and responses folders once, then never rewrites, compares or removes what is in them', () => {
    const dir = tempRepo();
    rmSync(join(dir, APPS_DIR), { recursive: true });
    rmSync(join(dir, RESPONSES_DIR), { recursive: true });
    const check = run(['--check'], dir);
    expect(check.code).toBe(1);
    expect(check.err).toContain(`missing: ${APPS_DIR}/`);
    expect(check.err).toContain(`missing: ${RESPONSES_DIR}/`);

    const first = run([], dir);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`created ${APPS_DIR}/`);
    expect(readFileSync(join(dir, APPS_DIR, 'demo.yaml'), 'utf8')).toContain('kind: Deployment');
    expect(existsSync(join(dir, RESPONSES_DIR, 'README.md'))).toBe(true);
    expect(existsSync(join(dir, RESPONSES_DIR, 'kustomization.yaml'))).toBe(false);

    // The user scales the demo and adds an app; the responder adds a response and the user empties a folder.
    const demo = join(dir, APPS_DIR, 'demo.yaml');
    writeFileSync(demo, readFileSync(demo, 'utf8').replace('replicas: 2', 'replicas: 0'));
    writeFileSync(join(dir, APPS_DIR, 'mine.yaml'), 'kind: ConfigMap\n');
    mkdirSync(join(dir, APPS_DIR, 'empty'));
    writeFileSync(join(dir, RESPONSES_DIR, 'isolate-demo-demo.yaml'), 'kind: NetworkPolicy\n');
    expect(run(['--check'], dir).code).toBe(0);
    const again = run([], dir);
    expect(again.out).toMatch(/0 written, 0 removed/);
    expect(again.out).not.toContain('created');
    expect(readFileSync(demo, 'utf8')).toContain('replicas: 0');
    expect(existsSync(join(dir, APPS_DIR, 'mine.yaml'))).toBe(true);
    expect(existsSync(join(dir, APPS_DIR, 'empty'))).toBe(true);
    expect(existsSync(join(dir, RESPONSES_DIR, 'isolate-demo-demo.yaml'))).toBe(true);
  });

  it('without the responder bundle the response layer is not generated: a clear message, exit 1, nothing written', () => {
    const dir = tempRepo();
    rmSync(join(dir, RESPONDER_BUNDLE));
    const before = readFileSync(join(dir, 'fluxcd/clusters/aks-falco/kustomization.yaml'), 'utf8');
    const r = run([], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^the responder bundle is missing/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'fluxcd/clusters/aks-falco/kustomization.yaml'), 'utf8')).toBe(before);
    // Turning the response engine off needs no bundle, and removes the response layer.
    writeFileSync(join(dir, 'off.yaml'), 'response:\n  enabled: false\n');
    const off = run(['--config', 'off.yaml'], dir);
    expect(off.code).toBe(0);
    expect(off.out).toContain('removed fluxcd/infrastructure/response/responder.cjs');
    expect(existsSync(join(dir, 'fluxcd/infrastructure/response'))).toBe(false);
    expect(existsSync(join(dir, RESPONSES_DIR, 'README.md'))).toBe(true); // not the generator's to remove
  });
});
