/**
 * `npm run preflight`: VM size parsing and vCPU needs; the whole command in process against real git
 * repositories in temporary folders (a bare remote and a clone), with a fake `az` on the PATH (logged in or
 * not, quota enough or short, an existing cluster) and varied credentials in the environment.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { stringify } from 'yaml';
import { EXIT } from '../cli/command';
import { main } from '../preflight/cli';
import { parseVmSize, vcpuNeeds } from '../preflight/vm';
import { runGitops } from './helpers/gitops-cli';
import { changed, defaultConfig, scratchRepo } from './helpers/gitops-tree';

describe('VM sizes', () => {
  it.each([
    ['Standard_D4as_v5', 'standardDASv5Family', 4, 16],
    ['Standard_D8ads_v5', 'standardDADSv5Family', 8, 32],
    ['Standard_D16s_v3', 'standardDSv3Family', 16, 64],
    ['Standard_DS2_v2', 'standardDSv2Family', 2, undefined],
    ['Standard_D4als_v5', 'standardDALSv5Family', 4, 8],
    ['Standard_F4s_v2', 'standardFSv2Family', 4, 8],
    ['Standard_F4as_v6', 'standardFASv6Family', 4, 16],
    ['Standard_E2_v5', 'standardEv5Family', 2, 16],
    ['Standard_B2s', 'standardBSFamily', 2, undefined],
  ])('%s is %s with %d vCPUs and %s GiB', (name, family, vcpus, memoryGiB) => {
    expect(parseVmSize(name)).toEqual({ name, family, vcpus, ...(memoryGiB ? { memoryGiB } : {}) });
  });

  it.each(['Standard_E4-2s_v5', 'Standard_NC24ads_A100_v4', 'D4as_v5', 'Standard_d4as_v5'])('does not guess at %s', (name) => {
    expect(parseVmSize(name)).toBeUndefined();
  });

  it('the defaults need 28 vCPUs of one family: the system node and one node per variant', () => {
    expect(vcpuNeeds(defaultConfig())).toEqual({
      needs: [{ family: 'standardDASv5Family', vcpus: 28, from: ['1 x Standard_D4as_v5 (system)', '6 x Standard_D4as_v5 (benchmark)'] }],
      unknown: [],
    });
    const mixed = changed(defaultConfig(), (c) => {
      c.cluster.systemVmSize = 'Standard_D2s_v3';
      c.cluster.systemNodeCount = 2;
      c.benchmark.variants = c.benchmark.variants.slice(0, 2);
    });
    expect(vcpuNeeds(mixed).needs.map((n) => [n.family, n.vcpus])).toEqual([
      ['standardDSv3Family', 4],
      ['standardDASv5Family', 8],
    ]);
    expect(vcpuNeeds(changed(mixed, (c) => (c.cluster.benchmarkVmSize = 'Standard_E4-2s_v5'))).unknown).toEqual(['Standard_E4-2s_v5']);
  });
});

// ---- the command, against real git repositories and a fake az ------------------------------------------

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** The defaults, with the API server's authorized ranges set (as the README tells users to). */
const reachable = () => changed(defaultConfig(), (c) => (c.cluster.apiServerAuthorizedIpRanges = ['203.0.113.7/32']));

/** Built once: a clone of a bare remote holding the default configuration and its tree, on main, pushed. */
let template: { clone: string; remote: string } | undefined;
async function buildTemplate() {
  const clone = scratchRepo(stringify(reachable()));
  dirs.push(clone);
  expect((await runGitops([], clone)).code).toBe(EXIT.ok);
  git(clone, 'init', '-q');
  git(clone, 'add', '-A');
  git(clone, 'commit', '-qm', 'initial');
  const remote = temp('remote-');
  git(remote, 'init', '-q', '--bare');
  git(clone, 'remote', 'add', 'origin', remote);
  git(clone, 'push', '-q', '-u', 'origin', 'main');
  return { clone, remote };
}

/** A fresh copy of the template repository and its own remote (or, with `push: false`, no remote at all). */
async function repository(opts: { push?: boolean } = {}): Promise<string> {
  template ??= await buildTemplate();
  const base = temp('repo-');
  const clone = join(base, 'clone');
  cpSync(template.clone, clone, { recursive: true });
  if (opts.push === false) {
    git(clone, 'remote', 'remove', 'origin');
    return clone;
  }
  cpSync(template.remote, join(base, 'remote'), { recursive: true });
  git(clone, 'remote', 'set-url', 'origin', join(base, 'remote'));
  return clone;
}

/**
 * A fake `az` answering from files in its folder: `account.json`, `usage.json`, `nodepools.json`; a missing
 * file makes that call fail as az does when logged out or when the cluster does not exist.
 */
const FAKE_AZ = `#!/bin/bash
d="$(dirname "$0")"
echo "$*" >> "$d/calls.log"
case "$1 $2" in
  "account show") f=account.json ;;
  "vm list-usage") f=usage.json ;;
  "aks nodepool") f=nodepools.json ;;
  *) echo "fake az: unexpected $*" >&2; exit 2 ;;
esac
if [ -f "$d/$f" ]; then cat "$d/$f"; else echo "ERROR: Please run 'az login' to setup account." >&2; exit 1; fi
`;

interface Az {
  loggedIn?: boolean;
  /** standardDASv5Family and total regional vCPUs: [used, limit]. */
  quota?: { family: [number, number]; cores: [number, number] };
  nodepools?: { name: string; vmSize: string; count: number }[];
}

function fakeAz(az: Az): string {
  const bin = temp('fake-az-');
  writeFileSync(join(bin, 'az'), FAKE_AZ);
  chmodSync(join(bin, 'az'), 0o755);
  if (az.loggedIn) writeFileSync(join(bin, 'account.json'), JSON.stringify({ id: '11111111-2222-3333-4444-555555555555', user: { name: 'me' } }));
  if (az.quota) {
    const row = (value: string, [used, limit]: [number, number]) => ({ currentValue: String(used), limit: String(limit), localName: value, name: { localizedValue: value, value } });
    writeFileSync(join(bin, 'usage.json'), JSON.stringify([row('cores', az.quota.cores), row('standardDASv5Family', az.quota.family), row('standardDSv3Family', [0, 10])]));
  }
  if (az.nodepools) writeFileSync(join(bin, 'nodepools.json'), JSON.stringify(az.nodepools));
  return bin;
}

const CREDENTIALS = { ARM_SUBSCRIPTION_ID: '11111111-2222-3333-4444-555555555555', GITHUB_TOKEN: 'ghp_test', GITHUB_OWNER: 'octocat' };
const ENOUGH: Az = { loggedIn: true, quota: { family: [0, 100], cores: [0, 100] } };

const gitDir = spawnSync('bash', ['-c', 'dirname "$(command -v git)"'], { encoding: 'utf8' }).stdout.trim();
/** PATH with only the fake az (when given) and git/bash: never the machine's own az. */
const pathWith = (azBin?: string) => [azBin, gitDir, '/usr/bin', '/bin'].filter(Boolean).join(delimiter);

async function preflight(cwd: string, env: Record<string, string>, az?: Az, argv: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const bin = az ? fakeAz(az) : undefined;
  const code = await main(argv, { cwd, env: { PATH: pathWith(bin), HOME: cwd, ...env }, stdout: (t) => out.push(t), stderr: (l) => err.push(l) });
  const lines = out.join('').split('\n').filter(Boolean);
  const calls = bin ? (() => { try { return readFileSync(join(bin, 'calls.log'), 'utf8').trim().split('\n'); } catch { return []; } })() : [];
  return { code, lines, fails: lines.filter((l) => l.startsWith('FAIL')), warns: lines.filter((l) => l.startsWith('WARN')), err: err.join('\n'), calls };
}

describe('npm run preflight', () => {
  it('passes with credentials, a pushed tree and enough quota, and reads the quota of the configured region', async () => {
    const dir = await repository();
    const r = await preflight(dir, CREDENTIALS, ENOUGH);
    expect(r.fails).toEqual([]);
    expect(r.warns).toEqual([]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.lines).toEqual(
      expect.arrayContaining([
        'ok   fluxcd/ matches bench.config.yaml',
        'ok   response policy responder/policy.yaml is valid against the rules the guard Falco loads',
        'ok   fluxcd/ on main is pushed to origin/main (as of the last fetch)',
        expect.stringMatching(/^ok {3}28 vCPUs of standardDASv5Family .* needed, 100 left in westeurope \(limit 100, used 0\)$/),
        expect.stringMatching(/^ok {3}28 vCPUs of all families \(Total Regional vCPUs\) needed, 100 left/),
      ]),
    );
    expect(r.calls).toEqual(expect.arrayContaining([expect.stringMatching(/^vm list-usage --location westeurope /)]));
  });

  it('without any credentials: one FAIL line each, with the command that fixes it; quota only warned', async () => {
    const dir = await repository();
    const r = await preflight(dir, {}, { loggedIn: false });
    expect(r.code).toBe(EXIT.findings);
    expect(r.fails).toEqual([
      expect.stringMatching(/^FAIL no Azure subscription: .* -> az login && export ARM_SUBSCRIPTION_ID=\$\(az account show --query id -o tsv\)$/),
      expect.stringMatching(/^FAIL no Azure login: .* -> az login$/),
      expect.stringMatching(/^FAIL GITHUB_TOKEN is not set .* -> export GITHUB_TOKEN=/),
      expect.stringMatching(/^FAIL no GitHub owner: .* -> export GITHUB_OWNER=/),
    ]);
    expect(r.warns).toEqual([expect.stringMatching(/^WARN needs 28 vCPUs of standardDASv5Family in westeurope .*quota not checked: az is not logged in -> az login$/)]);
    expect(r.calls).toEqual(['account show --only-show-errors -o json']);
    expect(r.err).toMatch(/^preflight: 4 failure\(s\), 1 warning\(s\)/);
  });

  it('who may reach the API server: unset fails with how to find your address, [] and any /0 range warn alike, ranges pass', async () => {
    const dir = await repository();
    const withRanges = async (text: string) => {
      writeFileSync(join(dir, 'bench.config.yaml'), text);
      return preflight(dir, CREDENTIALS, ENOUGH);
    };
    const unset = await withRanges('{}\n');
    expect(unset.fails).toEqual([expect.stringMatching(/^FAIL cluster\.apiServerAuthorizedIpRanges is not set: .* -> curl -s https:\/\/api\.ipify\.org/)]);
    expect(unset.code).toBe(EXIT.findings);
    const open = await withRanges('cluster:\n  apiServerAuthorizedIpRanges: []\n');
    expect(open.fails).toEqual([]);
    expect(open.warns).toEqual([expect.stringMatching(/^WARN cluster\.apiServerAuthorizedIpRanges is \[\] .*any address on the internet/)]);
    // Every address, spelt as a range, is the same exposure as [], alone or beside a narrow range.
    for (const ranges of ['[0.0.0.0/0]', '[203.0.113.7/32, 10.0.0.0/0]']) {
      const everything = await withRanges(`cluster:\n  apiServerAuthorizedIpRanges: ${ranges}\n`);
      expect([ranges, everything.fails, everything.code]).toEqual([ranges, [], EXIT.ok]);
      expect(everything.warns).toEqual([expect.stringMatching(/^WARN cluster\.apiServerAuthorizedIpRanges holds \S+\/0, which is every address \(the same as \[\]\): .*any address on the internet/)]);
    }
    // IPv6 is not a setting AKS takes for authorized ranges: refused as bad input, so ::/0 cannot open anything.
    const v6 = await withRanges('cluster:\n  apiServerAuthorizedIpRanges: ["::/0"]\n');
    expect(v6.code).toBe(EXIT.badInput);
    const set = await withRanges('cluster:\n  apiServerAuthorizedIpRanges: [203.0.113.7/32, 198.51.100.0/24]\n');
    expect(set.lines).toContain('ok   Kubernetes API server reachable from 203.0.113.7/32, 198.51.100.0/24 only');
  });

  it('checks the response policy as gitops does: an error fails (the responder would never be ready), a warning warns', async () => {
    const dir = await repository();
    writeFileSync(join(dir, 'responder/policy.yaml'), 'responses:\n  - rule: Terminal shell in container\n    action: islate\n');
    const bad = await preflight(dir, CREDENTIALS, ENOUGH);
    expect(bad.code).toBe(EXIT.findings);
    expect(bad.fails).toContainEqual(
      'FAIL response policy: 1 error(s), first responder/policy.yaml:3: responses[0].action: "islate" is not allowed; allowed: scale-to-zero, isolate, log (did you mean isolate?): the responder would not become ready -> npm run gitops (it lists each finding with file:line)',
    );
    writeFileSync(join(dir, 'responder/policy.yaml'), 'responses:\n  - tags: [netwrk]\n    action: isolate\n');
    const warned = await preflight(dir, CREDENTIALS, ENOUGH);
    expect(warned.warns).toContainEqual(expect.stringMatching(/^WARN response policy: 1 warning\(s\), first responder\/policy\.yaml:2: warning: responses\[0\]\.tags: no loaded rule has the tag 'netwrk'/));
  });

  it('no az CLI at all is the same as not logged in', async () => {
    const dir = await repository();
    const r = await preflight(dir, CREDENTIALS);
    expect(r.fails).toEqual([expect.stringMatching(/^FAIL no Azure login/)]);
  });

  it.each([
    ['a service principal secret', { ARM_CLIENT_ID: 'id', ARM_CLIENT_SECRET: 's' }, 'ok   Azure service principal from ARM_CLIENT_ID'],
    ['OIDC', { ARM_CLIENT_ID: 'id', ARM_USE_OIDC: 'true' }, 'ok   Azure service principal from ARM_CLIENT_ID'],
    ['a managed identity', { ARM_USE_MSI: 'true' }, 'ok   Azure managed identity (ARM_USE_MSI or ARM_USE_AKS_WORKLOAD_IDENTITY)'],
    ['AKS workload identity', { ARM_USE_AKS_WORKLOAD_IDENTITY: 'true' }, 'ok   Azure managed identity (ARM_USE_MSI or ARM_USE_AKS_WORKLOAD_IDENTITY)'],
    ['a client id without its secret', { ARM_CLIENT_ID: 'id' }, expect.stringMatching(/^FAIL ARM_CLIENT_ID is set without ARM_CLIENT_SECRET.* -> export ARM_CLIENT_SECRET=/)],
  ])('Azure auth from the environment: %s', async (_label, env, line) => {
    const dir = await repository();
    const r = await preflight(dir, { ...CREDENTIALS, ...env }, { loggedIn: false });
    expect(r.lines).toContainEqual(line);
  });

  it('owner from GITHUB_REPOSITORY=owner/name, subscription from the config file', async () => {
    const dir = await repository();
    writeFileSync(join(dir, 'other.yaml'), stringify(changed(reachable(), (c) => (c.azure.subscriptionId = '99999999-2222-3333-4444-555555555555'))));
    const r = await preflight(dir, { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'someone/fork' }, ENOUGH, ['--config', 'other.yaml']);
    expect(r.lines).toContain('ok   GitHub repository someone/fork (existing)');
    expect(r.lines).toContain('ok   Azure subscription 99999999-2222-3333-4444-555555555555');
  });

  it('quota short: one FAIL line with how much is needed, left, and the quota command', async () => {
    const dir = await repository();
    const r = await preflight(dir, CREDENTIALS, { loggedIn: true, quota: { family: [4, 20], cores: [4, 100] } });
    expect(r.code).toBe(EXIT.findings);
    expect(r.fails).toEqual([
      'FAIL 28 vCPUs of standardDASv5Family (1 x Standard_D4as_v5 (system) + 6 x Standard_D4as_v5 (benchmark)) needed, 16 left in westeurope (limit 20, used 4) -> ' +
        'az quota update --resource-name standardDASv5Family --scope /subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Compute/locations/westeurope --limit-object value=32 --resource-type dedicated   # or request it in the portal (Quotas)',
    ]);
  });

  it("a redeploy: the existing cluster's own nodes count as already there", async () => {
    const dir = await repository();
    const nodepools = [{ name: 'system', vmSize: 'Standard_D4as_v5', count: 1 }, ...defaultConfig().benchmark.variants.map((v) => ({ name: v.name, vmSize: 'Standard_D4as_v5', count: 1 }))];
    const r = await preflight(dir, CREDENTIALS, { loggedIn: true, quota: { family: [28, 28], cores: [28, 30] }, nodepools });
    expect(r.fails).toEqual([]);
    expect(r.lines).toContainEqual(expect.stringMatching(/^ok {3}28 vCPUs of standardDASv5Family .*\(28 already in use by this cluster\), 0 left/));
    expect(r.calls).toContainEqual(expect.stringMatching(/^aks nodepool list --resource-group playground-aks-falco --cluster-name aks-falco /));
  });

  it('an unknown VM size and a family without a quota row are warnings, not failures', async () => {
    const dir = await repository();
    writeFileSync(join(dir, 'bench.config.yaml'), stringify(changed(reachable(), (c) => {
      c.cluster.systemVmSize = 'Standard_E4-2s_v5';
      c.cluster.benchmarkVmSize = 'Standard_L8s_v3';
    })));
    expect((await runGitops([], dir)).code).toBe(EXIT.ok);
    git(dir, 'commit', '-qam', 'other sizes');
    git(dir, 'push', '-q');
    const r = await preflight(dir, CREDENTIALS, ENOUGH);
    expect(r.fails).toEqual([]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.warns).toEqual([
      expect.stringMatching(/^WARN VM size Standard_E4-2s_v5 is not a name preflight can read/),
      expect.stringMatching(/^WARN no quota named standardLSv3Family in westeurope: its 48 vCPUs are not checked/),
    ]);
  });

  it('a fluxcd/ tree that does not match the configuration fails, naming files', async () => {
    const dir = await repository();
    writeFileSync(join(dir, 'bench.config.yaml'), stringify(changed(reachable(), (c) => c.benchmark.variants.pop())));
    const r = await preflight(dir, CREDENTIALS, ENOUGH);
    expect(r.fails).toEqual([
      expect.stringMatching(
        /^FAIL fluxcd\/ does not match bench\.config\.yaml \(differs: fluxcd\/benchmark\/kustomization\.yaml, .*, and 1 more\): Flux would install the old tree -> npm run gitops && git add fluxcd && git commit -m "Regenerate fluxcd\/" && git push$/,
      ),
    ]);
  });

  it('a regenerated but uncommitted tree fails; committed but unpushed fails with git push; other commits do not', async () => {
    const dir = await repository();
    writeFileSync(join(dir, 'bench.config.yaml'), stringify(changed(reachable(), (c) => (c.benchmark.roundDuration = '10s'))));
    expect((await runGitops([], dir)).code).toBe(EXIT.ok);
    let r = await preflight(dir, CREDENTIALS, ENOUGH);
    expect(r.fails).toEqual([expect.stringMatching(/^FAIL \d+ uncommitted change\(s\) under fluxcd\/ \(fluxcd\/benchmark\/bench-.*\): Flux will not see them -> git add fluxcd/)]);

    git(dir, 'commit', '-qam', 'Longer rounds');
    r = await preflight(dir, CREDENTIALS, ENOUGH);
    expect(r.fails).toEqual([expect.stringMatching(/^FAIL 1 commit\(s\) on main touching fluxcd\/ are not pushed to origin\/main \([0-9a-f]+ Longer rounds\) -> git push origin main$/)]);

    git(dir, 'push', '-q');
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    git(dir, 'add', 'notes.txt');
    git(dir, 'commit', '-qm', 'Notes only');
    r = await preflight(dir, CREDENTIALS, ENOUGH);
    expect(r.fails).toEqual([]);
    expect(r.code).toBe(EXIT.ok);
  });

  it('no upstream, another branch checked out, no git at all: warnings', async () => {
    const local = await repository({ push: false });
    expect((await preflight(local, CREDENTIALS, ENOUGH)).warns).toEqual([
      'WARN branch main has no upstream: cannot tell whether its fluxcd/ commits are pushed -> git push -u origin main',
    ]);
    git(local, 'switch', '-qc', 'experiment');
    expect((await preflight(local, CREDENTIALS, ENOUGH)).warns).toContainEqual(
      "WARN the checked-out branch is experiment, Flux follows main: the other checks looked at experiment's files -> git switch main",
    );
    const plain = scratchRepo(stringify(reachable()));
    dirs.push(plain);
    await runGitops([], plain);
    const r = await preflight(plain, CREDENTIALS, ENOUGH);
    expect(r.warns).toEqual([expect.stringMatching(/^WARN not a git repository/)]);
    expect(r.code).toBe(EXIT.ok);
  });

  it('a bad configuration is bad input (exit 2); unknown options too; --help lists the option', async () => {
    const dir = temp('pf-bad-');
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'bench.config.yaml'), 'cluster:\n  systemNodeCount: 0\n');
    const r = await preflight(dir, CREDENTIALS, ENOUGH);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toContain('cluster.systemNodeCount: 0 is not allowed');
    expect((await preflight(dir, {}, undefined, ['--nope'])).code).toBe(EXIT.badInput);
    const help = await preflight(dir, {}, undefined, ['--help']);
    expect(help.code).toBe(EXIT.ok);
  });
});
