/**
 * The synth entry point as users run it (`node dist/main.js`, what cdktf.json's "app" runs after tsc), in a
 * child process with a controlled environment. `npm test` compiles first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exposureWarning } from '../config/exposure';
import { stringify } from 'yaml';
import { resolveConfig } from '../config/load';

const root = resolve(__dirname, '..');
const entry = join(root, 'dist', 'main.js');

/** The defaults from code as a configuration file, so that these tests do not depend on the user's file. */
const defaultsFile = join(mkdtempSync(join(tmpdir(), 'defaults-')), 'bench.config.yaml');
writeFileSync(defaultsFile, stringify(resolveConfig({})));

/**
 * The environment of a machine without any Azure or GitHub credentials or CLI login, reading the defaults file
 * (`userFile`: the repository's own bench.config.yaml instead).
 */
function bareEnv(extra: Record<string, string> = {}, userFile = false): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(ARM_|AZURE_|GITHUB_|GH_|FALCO_BENCH_)/.test(k)) env[k] = v;
  }
  return { ...env, HOME: mkdtempSync(join(tmpdir(), 'home-')), ...(userFile ? {} : { FALCO_BENCH_CONFIG: defaultsFile }), ...extra };
}

function synth(env: Record<string, string>) {
  const outdir = mkdtempSync(join(tmpdir(), 'synth-'));
  const result = spawnSync(process.execPath, [entry], { cwd: root, env: { ...env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
  return { ...result, outdir };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(() => {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` (npm test does) first`);
});

describe('synth (node dist/main.js)', () => {
  it("works offline with no credentials at all and writes both stacks, from the repository's own configuration", () => {
    const r = synth(bareEnv({}, true));
    expect(r.stderr).not.toMatch(/invalid|error/i);
    expect(r.status).toBe(0);
    expect(readdirSync(join(r.outdir, 'stacks')).sort()).toEqual(['flux', 'infrastructure']);
    const manifest = JSON.parse(readFileSync(join(r.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks.flux.dependencies).toEqual(['infrastructure']);
  });

  it('never writes credentials from the environment into the output', () => {
    const sentinels = { GITHUB_TOKEN: 'ghp_SENTINELtoken0123456789', ARM_CLIENT_SECRET: 'SENTINEL-client-secret-4711' };
    const r = synth(bareEnv({ ...sentinels, ARM_CLIENT_ID: '00000000-0000-0000-0000-00000000000a', ARM_TENANT_ID: '00000000-0000-0000-0000-00000000000b' }));
    expect(r.status).toBe(0);
    const files = filesUnder(r.outdir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const secret of Object.values(sentinels)) expect([file, text.includes(secret)]).toEqual([file, false]);
    }
  });

  it('takes per-user settings from the environment', () => {
    const r = synth(bareEnv({ GITHUB_REPOSITORY: 'octocat/my-falco-fork', ARM_SUBSCRIPTION_ID: '11111111-2222-3333-4444-555555555555' }));
    expect(r.status).toBe(0);
    const infra = JSON.parse(readFileSync(join(r.outdir, 'stacks', 'infrastructure', 'cdk.tf.json'), 'utf8'));
    expect(infra.provider.github).toEqual([{ owner: 'octocat' }]);
    expect(infra.provider.azurerm[0].subscription_id).toBe('11111111-2222-3333-4444-555555555555');
    expect(Object.values<any>(infra.data.github_repository)[0].name).toBe('my-falco-fork');
  });

  it('warns loudly on stderr when the API server is opened to the internet on purpose ([] ranges)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opencfg-'));
    const file = join(dir, 'bench.config.yaml');
    writeFileSync(file, 'cluster:\n  apiServerAuthorizedIpRanges: []\n');
    const r = synth(bareEnv({ FALCO_BENCH_CONFIG: file }));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`WARNING [infrastructure/aks]: ${exposureWarning('is [] (explicit opt-out)')}\n`);
  });

  it('warns the same way for a range that is every address (0.0.0.0/0), which AKS would accept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opencfg-'));
    const file = join(dir, 'bench.config.yaml');
    writeFileSync(file, 'cluster:\n  apiServerAuthorizedIpRanges: [203.0.113.7/32, 0.0.0.0/0]\n');
    const r = synth(bareEnv({ FALCO_BENCH_CONFIG: file }));
    expect([r.status, r.stderr]).toEqual([0, `WARNING [infrastructure/aks]: ${exposureWarning('holds 0.0.0.0/0, which is every address (the same as [])')}\n`]);
  });

  it('stops on a bad configuration with the field, value and allowed values, and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'badcfg-'));
    const file = join(dir, 'bench.config.yaml');
    writeFileSync(file, 'benchmark:\n  variants:\n    - { name: x1, driver: ebpf, bufferedOutputs: false, cpu: { request: "1", limit: "1" }, memory: { request: 1Gi, limit: 1Gi } }\n');
    const r = synth(bareEnv({ FALCO_BENCH_CONFIG: file }));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`invalid configuration in ${file}:\n  - benchmark.variants[x1].driver: "ebpf" is not allowed; allowed: kmod, modern_ebpf\n`);
    expect(existsSync(join(r.outdir, 'stacks'))).toBe(false);
  });
});
