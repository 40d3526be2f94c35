/**
 * The README's operations sections against the code: the files it has users write that hold credentials are
 * git-ignored, its watch commands use the contract's namespaces and labels, and cdktf runs without telemetry.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCHMARK_NAMESPACE, BENCHMARK_ROLE_LABEL, FALCO_NAMESPACE, FLUX_SYNC_NAME, VARIANT_KEY } from '../contract/naming';
import { STACK_NAMES } from '../stacks/app';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** The shell lines of the README's ```sh blocks (also those indented in a list), trimmed. */
const shellLines = [...readme.matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm)].flatMap((m) => m[1].split('\n').map((l) => l.trim()));

/** Options whose argument is a file that holds a credential (a kubeconfig, sensitive outputs). */
const CREDENTIAL_FILE_OPTIONS = ['--outputs-file', '--cdktf-outputs', '--kubeconfig', '--file'];

/** Files in the project folder that the README's commands write or read with a credential in them. */
function credentialFiles(): string[] {
  const files = new Set<string>();
  for (const line of shellLines) {
    for (const option of CREDENTIAL_FILE_OPTIONS) {
      for (const m of line.matchAll(new RegExp(`(?:^|\\s)${option}[ =](\\S+)`, 'g'))) files.add(m[1]);
    }
  }
  // Local Terraform state holds the deploy key (and without Entra ID the admin certificate).
  for (const stack of Object.values(STACK_NAMES)) {
    const state = `terraform.${stack}.tfstate`;
    if (readme.includes(state)) files.add(state);
  }
  // Only paths inside the project can end up in a commit.
  return [...files].filter((f) => !/^([/~$]|FILE$)/.test(f)).sort();
}

const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' }).stdout.trim() === 'true';

describe('README operations', () => {
  (inGit ? it : it.skip)('every file it has users write that holds credentials is git-ignored', () => {
    const files = credentialFiles();
    expect(files).toEqual(expect.arrayContaining(['cdktf-outputs.json', 'terraform.infrastructure.tfstate', 'terraform.flux.tfstate']));
    for (const file of files) {
      const r = spawnSync('git', ['check-ignore', '--no-index', '-q', '--', file], { cwd: root });
      expect([file, r.status === 0 ? 'ignored' : 'NOT ignored']).toEqual([file, 'ignored']);
    }
    // The check itself distinguishes: a file that belongs in Git is not ignored.
    expect(spawnSync('git', ['check-ignore', '--no-index', '-q', '--', 'bench.config.yaml'], { cwd: root }).status).toBe(1);
  });

  it("watches a run's pods by the labels and namespace the generator puts on them", () => {
    const role = `${BENCHMARK_ROLE_LABEL.key}=${BENCHMARK_ROLE_LABEL.value}`;
    const logs = shellLines.find((l) => /kubectl .*logs -f/.test(l));
    expect(logs).toContain(`-n ${BENCHMARK_NAMESPACE}`);
    expect(logs).toMatch(new RegExp(`-l ${role.replace(/[/.]/g, '\\$&')},${VARIANT_KEY.replace(/[/.]/g, '\\$&')}=[a-z]`));
    expect(shellLines).toContain(`kubectl -n ${BENCHMARK_NAMESPACE} get jobs,pods -l ${role}`);
    expect(shellLines.some((l) => l.startsWith(`kubectl -n ${FALCO_NAMESPACE} get pods`))).toBe(true);
    expect(shellLines.some((l) => l.startsWith('kubectl get kustomizations,helmreleases -A'))).toBe(true);
    expect(readme).toContain(`flux reconcile kustomization ${FLUX_SYNC_NAME} --with-source`);
  });

  it('runs cdktf without telemetry: deploy and destroy go through stacks/cli.ts (which sets CHECKPOINT_DISABLE=1, see cli-commands.test.ts), any other script that calls cdktf sets it, and set-up says so', () => {
    expect([pkg.scripts.deploy, pkg.scripts.destroy]).toEqual(['tsc -b && node dist/stacks/cli.js deploy', 'tsc -b && node dist/stacks/cli.js destroy']);
    const cdktfScripts = Object.entries<string>(pkg.scripts).filter(([, cmd]) => /(^|[\s;&|])cdktf\s/.test(cmd));
    for (const [name, cmd] of cdktfScripts) expect([name, cmd.replace(/CHECKPOINT_DISABLE=1 cdktf\s/g, '')]).toEqual([name, expect.not.stringMatching(/(^|[\s;&|])cdktf\s/)]);
    expect(shellLines.some((l) => /^export CHECKPOINT_DISABLE=1\b/.test(l))).toBe(true);
  });
});
