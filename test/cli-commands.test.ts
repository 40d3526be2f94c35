/**
 * One command-line behaviour everywhere: every command of the README's table answers `--help` (exit 0, a usage
 * text) and refuses an unknown option (exit 2, naming it), run as the npm script runs it (the compiled entry,
 * `npm test` builds first). Then the infrastructure commands: deploy runs cdktf only after preflight passed,
 * destroy hands cdktf the configuration and no telemetry.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { resolveConfig } from '../config/load';
import { main, CdktfRunner } from '../stacks/cli';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scripts: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;

/** The `npm run X` / `npm test` rows of the README's Commands table. */
const table = readme.slice(readme.indexOf('### Commands'), readme.indexOf('## How it fits together'));
const commands = [...table.matchAll(/^\| `npm (?:run )?([\w:]+)` \|/gm)].map((m) => m[1]);

/** Other people's tools, with conventions of their own (and `renovate:check` needs the registry). */
const THIRD_PARTY: Record<string, string> = {
  test: 'jest',
  build: 'tsc',
  'lint:workflows': 'actionlint',
  'renovate:check': "Renovate's validator through npx",
};

/** The script's command after the build step: what `npm run X -- args` runs. */
function entry(name: string): string {
  const script = scripts[name];
  expect([name, script]).toEqual([name, expect.stringMatching(/^tsc -b && node dist\/\S+\.js( \w+)?$/)]);
  return script.replace(/^tsc -b && /, '');
}

function run(name: string, arg: string) {
  const [node, file, ...args] = entry(name).split(' ');
  expect(node).toBe('node');
  return spawnSync(process.execPath, [file, ...args, arg], { cwd: root, encoding: 'utf8', env: { ...process.env, FALCO_BENCH_CONFIG: join(root, 'bench.config.yaml') } });
}

describe("the README's commands", () => {
  it('lists every npm script, and only those', () => {
    expect([...commands].sort()).toEqual(Object.keys(scripts).sort());
  });

  const ours = commands.filter((c) => !(c in THIRD_PARTY));
  it.each(ours)('%s: --help prints its usage and exits 0; --bogus is refused with exit 2', (name) => {
    const help = run(name, '--help');
    expect([help.status, help.stdout.split('\n')[0]]).toEqual([0, expect.stringMatching(new RegExp(`^usage: npm run ${name} --`))]);
    expect(help.stdout).toContain('exit codes: 0 ok, 1 findings');
    const bogus = run(name, '--bogus');
    expect([bogus.status, bogus.stdout, bogus.stderr]).toEqual([2, '', expect.stringContaining(`${name}: Unknown option '--bogus'`)]);
    expect(bogus.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run deploy / destroy', () => {
  const io = (cwd: string, env: Record<string, string | undefined> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    return { cwd, env, stdout: (t: string) => void out.push(t), stderr: (l: string) => void err.push(l), out, err };
  };
  const recorder = (status = 0) => {
    const calls: { args: string[]; env: Record<string, string | undefined> }[] = [];
    const runner: CdktfRunner = (args, env) => (calls.push({ args, env }), { status });
    return { calls, runner };
  };
  const configIn = (dir: string) => {
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, stringify(resolveConfig({})));
    return file;
  };

  it('deploy does not run cdktf when preflight fails (no credentials here), and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
    const { calls, runner } = recorder();
    const t = io(dir, { PATH: process.env.PATH });
    expect(await main('deploy', ['--config', configIn(dir)], t, { cdktf: runner })).toBe(1);
    expect(calls).toEqual([]);
    expect(t.err.join('\n')).toMatch(/fix the FAIL lines before `npm run deploy`/);
  });

  it("deploy hands cdktf its own options (the README's outputs file) once preflight passed; destroy takes no outputs file", async () => {
    // Preflight cannot pass on this machine (no credentials): a passing one stands in, told the configuration.
    const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
    const { calls, runner } = recorder();
    const checked: string[][] = [];
    const preflight = async (argv: string[]) => (checked.push(argv), 0 as const);
    const file = configIn(dir);
    const argv = ['--config', 'mine.yaml', '--outputs-file', 'cdktf-outputs.json', '--outputs-file-include-sensitive-outputs'];
    expect(await main('deploy', argv, io(dir), { cdktf: runner, preflight })).toBe(0);
    expect(checked).toEqual([['--config', file]]);
    expect(calls.map((c) => c.args)).toEqual([['deploy', '*', '--outputs-file', 'cdktf-outputs.json', '--outputs-file-include-sensitive-outputs']]);
    const refused = io(dir);
    expect(await main('destroy', ['--outputs-file', 'x.json'], refused, { cdktf: runner })).toBe(2);
    expect(refused.err[0]).toBe("destroy: Unknown option '--outputs-file'");
  });

  it('deploy refuses a configuration that does not exist before anything runs (exit 2, naming it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
    const { calls, runner } = recorder();
    const t = io(dir);
    expect(await main('deploy', ['--config', 'nope.yaml'], t, { cdktf: runner })).toBe(2);
    expect([calls, t.err.join('\n')]).toEqual([[], expect.stringContaining(join(dir, 'nope.yaml'))]);
  });

  it('destroy runs the real cdktf found on PATH with both stacks, the configuration and telemetry off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'destroy-'));
    const bin = join(dir, 'bin');
    spawnSync('mkdir', [bin]);
    const log = join(dir, 'calls');
    writeFileSync(join(bin, 'cdktf'), `#!/bin/sh\nprintf '%s|' "$@" "$CHECKPOINT_DISABLE" "$FALCO_BENCH_CONFIG" > '${log}'\nexit 3\n`);
    chmodSync(join(bin, 'cdktf'), 0o755);
    const file = configIn(dir);
    const r = spawnSync(process.execPath, [join(root, 'dist/stacks/cli.js'), 'destroy', '--config', 'mine.yaml', '--auto-approve'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    expect(readFileSync(log, 'utf8')).toBe(`destroy|*|--auto-approve|1|${file}|`);
    // cdktf failed: exit 1, naming what failed.
    expect([r.status, r.stderr]).toEqual([1, "destroy: cdktf destroy * --auto-approve failed (exit 3)\n"]);
  });

  it('a cdktf that cannot be started is one line, not a stack trace', async () => {
    const t = io(mkdtempSync(join(tmpdir(), 'destroy-')));
    const runner: CdktfRunner = () => ({ status: null, error: Object.assign(new Error('spawn cdktf ENOENT'), { code: 'ENOENT' }) });
    expect(await main('destroy', [], t, { cdktf: runner })).toBe(1);
    expect(t.err).toEqual(['destroy: cannot run cdktf: spawn cdktf ENOENT (run it through npm, which puts node_modules/.bin on PATH)']);
  });
});
