/** `npm run respond`: the one-shot CLI on real git checkouts. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EXIT } from '../cli/command';
import { currentBranch, looseRef } from '../responder/git';
import { respondMain, secret } from '../responder/main';
import { alert, clone, deployment, makeCheckout, makeRemote, read, sh, tempDir } from './helpers/git-repo';

/** Runs `respond` in `cwd` (default: the project, whose bench.config.yaml names the shipped policy). */
async function runIn(cwd: string | undefined, ...argv: string[]) {
  let out = '';
  const err: string[] = [];
  const code = await respondMain(argv, { stdout: (t) => (out += t), stderr: (l) => err.push(l), ...(cwd ? { cwd, env: {} } : {}) });
  return { code, out, err: err.join('\n') };
}
const run = (...argv: string[]) => runIn(undefined, ...argv);

function eventFile(body: unknown): string {
  const f = join(tempDir(), 'alert.json');
  writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
  return f;
}

/** Everything that would show a change: HEAD, the index and working tree, and every file's bytes. */
const state = (repo: string) => [sh(repo, 'rev-parse', 'HEAD'), sh(repo, 'status', '--porcelain', '--untracked-files=all'), sh(repo, 'ls-files', '-s')].join('\n');

const FILES = {
  'apps/demo/web.yaml': `apiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n---\n${deployment('demo', 'web')}`,
  'apps/demo/flow.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: flow, namespace: demo}\nspec: {replicas: 2, selector: {matchLabels: {app: flow}}}\n',
  'apps/kube-system/dns.yaml': deployment('kube-system', 'coredns'),
};

describe('npm run respond', () => {
  it('scales the Deployment to zero in one commit by the responder, with the alert in the body; again is no action', async () => {
    const repo = makeCheckout(FILES);
    const before = read(repo, 'apps/demo/web.yaml');
    const r = await run('--event', eventFile(alert('demo', 'web')), '--repo', repo);
    expect(r).toMatchObject({ code: EXIT.ok, err: '' });
    const head = sh(repo, 'rev-parse', 'HEAD');
    expect(r.out).toBe(`scale-to-zero demo/web ${head}\n`);
    expect(read(repo, 'apps/demo/web.yaml')).toBe(before.replace('replicas: 3 #', 'replicas: 0 #'));
    expect(sh(repo, 'log', '-1', '--format=%an <%ae>|%cn|%s')).toBe('Falco responder <responder@falco-response.invalid>|Falco responder|responder: scale-to-zero demo/web (Terminal shell in container)');
    const body = sh(repo, 'log', '-1', '--format=%b');
    for (const line of ['time: 2026-12-01T12:00:00.000000000Z', 'priority: Notice', 'output: 12:00:00.000000000: Notice A shell', 'uuid: uuid-demo-web', 'hostname: aks-guard-0']) expect(body).toContain(line);
    expect(sh(repo, 'status', '--porcelain')).toBe('');

    const again = await run('--event', eventFile(alert('demo', 'web', { uuid: 'second' })), '--repo', repo);
    expect(again).toMatchObject({ code: EXIT.ok, out: 'no action: demo/web is already contained by scale-to-zero\n' });
    expect(sh(repo, 'rev-parse', 'HEAD')).toBe(head);
  });

  it.each([
    [alert('kube-system', 'coredns'), 'no action: kube-system/coredns: namespace kube-system is protected\n'],
    [alert(undefined, undefined), 'no action: no Deployment in the alert (output_fields k8smeta.ns.name and k8smeta.deployment.name absent)\n'],
    [alert('demo', 'web', { rule: 'Read sensitive file untrusted' }), 'no action: demo/web: policy default: log\n'],
    [
      alert('demo', 'helm-rendered'),
      'no action: demo/helm-rendered: scale-to-zero: Deployment demo/helm-rendered is not found in apps as a plain manifest; isolate: Deployment demo/helm-rendered is not found in apps as a plain manifest\n',
    ],
  ])('makes no commit when there is nothing to do (%#)', async (event, line) => {
    const repo = makeCheckout(FILES);
    const before = state(repo);
    expect(await run('--event', eventFile(event), '--repo', repo)).toMatchObject({ code: EXIT.ok, out: line });
    expect(state(repo)).toBe(before);
  });

  it('falls back to isolate where it cannot edit replicas, one NetworkPolicy file per response', async () => {
    const repo = makeCheckout(FILES);
    const r = await run('--event', eventFile(alert('demo', 'flow')), '--repo', repo);
    expect(r.out).toBe(`isolate demo/flow ${sh(repo, 'rev-parse', 'HEAD')}\n`);
    expect(sh(repo, 'show', '--name-only', '--format=', 'HEAD')).toBe('responses/demo/isolate-flow.yaml');
    expect(parse(read(repo, 'responses/demo/isolate-flow.yaml')).spec).toEqual({ podSelector: { matchLabels: { app: 'flow' } }, policyTypes: ['Ingress', 'Egress'] });
    const again = await run('--event', eventFile(alert('demo', 'flow')), '--repo', repo);
    expect(again.out).toBe('no action: demo/flow is already contained by isolate\n');
  });

  it('looks for Deployments only in apps, the folder Flux applies as the workloads', async () => {
    const repo = makeCheckout({ ...FILES, 'examples/demo/elsewhere.yaml': deployment('demo', 'elsewhere'), 'README.yaml': deployment('demo', 'readme') });
    const before = state(repo);
    for (const name of ['elsewhere', 'readme']) {
      const r = await run('--event', eventFile(alert('demo', name)), '--repo', repo);
      expect(r.out).toBe(
        `no action: demo/${name}: scale-to-zero: Deployment demo/${name} is not found in apps as a plain manifest; isolate: Deployment demo/${name} is not found in apps as a plain manifest\n`,
      );
    }
    expect(state(repo)).toBe(before);
  });

  it('refuses to isolate a Deployment whose selector has matchExpressions (the policy would copy only matchLabels)', async () => {
    const selector = '  selector:\n    matchLabels:\n      app: canary\n    matchExpressions:\n      - {key: track, operator: In, values: [canary]}\n';
    const repo = makeCheckout({ ...FILES, 'apps/demo/canary.yaml': deployment('demo', 'canary').replace('  selector:\n    matchLabels:\n      app: canary\n', selector) });
    expect(read(repo, 'apps/demo/canary.yaml')).toContain('matchExpressions');
    const before = state(repo);
    const policy = join(tempDir(), 'policy.yaml');
    writeFileSync(policy, 'responses:\n  - {tags: shell, action: isolate}\n');
    const r = await run('--event', eventFile(alert('demo', 'canary')), '--repo', repo, '--policy', policy);
    expect(r.out).toBe(
      'no action: demo/canary: Deployment demo/canary in apps/demo/canary.yaml selects its pods with spec.selector.matchExpressions, which a NetworkPolicy copying matchLabels would not honour\n',
    );
    expect(state(repo)).toBe(before);
  });

  it('isolates a Deployment with a name of the longest allowed length (253): the file name is shortened with a hash', async () => {
    const name = `web-${'x'.repeat(249)}`;
    const repo = makeCheckout({ ...FILES, [`apps/demo/long.yaml`]: deployment('demo', name) });
    const policy = join(tempDir(), 'policy.yaml');
    writeFileSync(policy, 'responses:\n  - {tags: shell, action: isolate}\n');
    const r = await run('--event', eventFile(alert('demo', name)), '--repo', repo, '--policy', policy);
    expect(r).toMatchObject({ code: EXIT.ok, err: '' });
    expect(r.out).toMatch(new RegExp(`^isolate demo/${name} [0-9a-f]{40}\n$`));
    const [file] = sh(repo, 'show', '--name-only', '--format=', 'HEAD').split('\n');
    expect(file).toMatch(/^responses\/demo\/isolate-web-x+-[0-9a-f]{8}\.yaml$/);
    expect(parse(read(repo, file)).spec.podSelector).toEqual({ matchLabels: { app: name } });
    expect((await run('--event', eventFile(alert('demo', name)), '--repo', repo, '--policy', policy)).out).toBe(`no action: demo/${name} is already contained by isolate\n`);
  });

  it('takes a policy file: isolate by tag', async () => {
    const repo = makeCheckout(FILES);
    const policy = join(tempDir(), 'policy.yaml');
    writeFileSync(policy, 'responses:\n  - {tags: shell, action: isolate}\n');
    const r = await run('--event', eventFile(alert('demo', 'web')), '--repo', repo, '--policy', policy);
    expect(r.out).toMatch(/^isolate demo\/web [0-9a-f]{40}\n$/);
    expect(read(repo, 'apps/demo/web.yaml')).toContain('replicas: 3');
  });

  it('--dry-run prints what it would commit and changes nothing', async () => {
    const repo = makeCheckout(FILES);
    const before = state(repo);
    const r = await run('--event', eventFile(alert('demo', 'web')), '--repo', repo, '--dry-run');
    expect(r).toMatchObject({ code: EXIT.ok, out: 'scale-to-zero demo/web (dry run, not committed)\n', err: 'apps/demo/web.yaml: spec.replicas: 3 -> 0' });
    expect(state(repo)).toBe(before);
  });

  it.each([
    ['an unreadable alert', () => ['--event', '/nonexistent/alert.json'], /\/nonexistent\/alert.json: cannot read the alert: ENOENT/],
    ['an alert that is not JSON', () => ['--event', eventFile('{"rule":')], /alert.json: not JSON/],
    ['an alert without a rule', () => ['--event', eventFile({ ...alert('demo', 'web'), rule: '' })], /alert.json: field "rule" is empty/],
    ['an invalid policy', () => ['--event', eventFile(alert('demo', 'web')), '--policy', eventFile('responses: [{rule: x, action: delete}]')], /alert.json:1: responses\[0\].action: "delete" is not allowed; allowed: scale-to-zero, isolate, log/],
    ['an unknown option', () => ['--event', eventFile(alert('demo', 'web')), '--force'], /Unknown option '--force'/],
  ])('exits 2 on %s, naming the file and field, and leaves the checkout as it was', async (_, args, message) => {
    const repo = makeCheckout(FILES);
    writeFileSync(join(repo, 'wip.txt'), 'uncommitted work\n');
    const before = state(repo);
    const r = await run(...args(), '--repo', repo);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
    expect(state(repo)).toBe(before);
  });

  it("without --policy applies the configuration's response.policyFile (relative to its folder), --config naming another", async () => {
    const project = tempDir();
    writeFileSync(join(project, 'bench.config.yaml'), 'response:\n  policyFile: mine.yaml\n');
    writeFileSync(join(project, 'mine.yaml'), 'responses:\n  - {rule: Terminal shell in container, action: isolate}\n');
    writeFileSync(join(project, 'other.yaml'), 'response:\n  policyFile: quiet.yaml\n');
    writeFileSync(join(project, 'quiet.yaml'), 'responses: []\ndefault: log\n');
    const repo = makeCheckout(FILES);
    expect((await runIn(project, '--event', eventFile(alert('demo', 'web')), '--repo', repo)).out).toMatch(/^isolate demo\/web [0-9a-f]{40}\n$/);
    expect((await runIn(project, '--event', eventFile(alert('demo', 'flow')), '--repo', repo, '--config', 'other.yaml')).out).toBe('no action: demo/flow: policy default: log\n');
    const missing = await runIn(project, '--event', eventFile(alert('demo', 'web')), '--repo', repo, '--config', 'absent.yaml');
    expect([missing.code, missing.err]).toEqual([EXIT.badInput, expect.stringMatching(/absent\.yaml:\n {2}- cannot read the file: ENOENT\n\(the policy comes from response\.policyFile; or pass --policy\)/)]);
  });

  it.each([
    ['an edit of the manifest it would scale', (repo: string) => writeFileSync(join(repo, 'apps/demo/web.yaml'), read(repo, 'apps/demo/web.yaml').replace('replicas: 3 #', 'replicas: 0 #'))],
    ['a staged edit of that manifest', (repo: string) => (writeFileSync(join(repo, 'apps/demo/web.yaml'), `${read(repo, 'apps/demo/web.yaml')}# mine\n`), sh(repo, 'add', 'apps/demo/web.yaml'))],
  ])('refuses (exit 2) a checkout with %s, and leaves it exactly as it was', async (_, edit) => {
    const repo = makeCheckout(FILES);
    edit(repo);
    const before = state(repo);
    const bytes = read(repo, 'apps/demo/web.yaml');
    const r = await run('--event', eventFile(alert('demo', 'web')), '--repo', repo);
    expect([r.code, r.out]).toEqual([EXIT.badInput, '']);
    expect(r.err).toContain(`: uncommitted changes in apps/demo/web.yaml, which this response would read or write; commit or stash them first (nothing was changed)`);
    expect([state(repo), read(repo, 'apps/demo/web.yaml')]).toEqual([before, bytes]);
  });

  it("refuses an untracked file where the isolation policy would go, and goes ahead beside unrelated uncommitted work, which it leaves uncommitted", async () => {
    const repo = makeCheckout(FILES);
    const policy = join(tempDir(), 'policy.yaml');
    writeFileSync(policy, 'responses:\n  - {rule: Terminal shell in container, action: isolate}\n');
    const isolateRun = await run('--event', eventFile(alert('demo', 'web')), '--repo', repo, '--policy', policy, '--dry-run');
    expect(isolateRun.code).toBe(EXIT.ok);
    const [file] = isolateRun.err.split(':');
    mkdirSync(join(repo, file, '..'), { recursive: true });
    writeFileSync(join(repo, file), 'mine\n');
    const refused = await run('--event', eventFile(alert('demo', 'web')), '--repo', repo, '--policy', policy);
    expect([refused.code, refused.err]).toEqual([EXIT.badInput, expect.stringContaining(`uncommitted changes in ${file}, which this response would read or write`)]);
    expect(read(repo, file)).toBe('mine\n');

    const clean = makeCheckout(FILES);
    writeFileSync(join(clean, 'apps/demo/flow.yaml'), `${read(clean, 'apps/demo/flow.yaml')}# mine\n`);
    writeFileSync(join(clean, 'notes.txt'), 'mine\n');
    const r = await run('--event', eventFile(alert('demo', 'web')), '--repo', clean);
    expect(r.out).toMatch(/^scale-to-zero demo\/web [0-9a-f]{40}\n$/);
    expect(sh(clean, 'show', '--name-only', '--format=', 'HEAD')).toBe('apps/demo/web.yaml');
    expect(sh(clean, 'status', '--porcelain', '--untracked-files=all')).toBe('M apps/demo/flow.yaml\n?? notes.txt'); // (leading space trimmed by sh)
  });

  it('exits 2 when --repo is not a git checkout', async () => {
    const dir = tempDir();
    const r = await run('--event', eventFile(alert('demo', 'web')), '--repo', dir);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toContain(`${dir}: not a git checkout`);
  });
});

describe('secret files and refs read from the checkout', () => {
  it('a secret file is re-read when it changes (swapped like a kubelet does, or rewritten), looked at once a second or when asked', () => {
    const dir = tempDir();
    const file = join(dir, 'token');
    writeFileSync(file, 'first\n');
    let now = 1_000_000;
    const token = secret(file, 'webhook token', () => now);
    expect(token()).toBe('first');
    // The kubelet writes a new file and swaps it in: a new inode. Within the second, the value read is kept...
    writeFileSync(join(dir, 'next'), 'second\n');
    renameSync(join(dir, 'next'), file);
    now += 999;
    expect(token()).toBe('first');
    // ...unless a fresh look is asked (the server asks when a token does not match), or the second is over.
    expect(token(true)).toBe('second');
    writeFileSync(file, 'third-longer\n');
    now += 1000;
    expect(token()).toBe('third-longer');
    rmSync(file);
    expect(token()).toBe('third-longer');
    expect(() => token(true)).toThrow(/ENOENT/);
    now += 1000;
    expect(() => token()).toThrow(/ENOENT/);
    expect(() => secret(join(dir, 'absent'), 'webhook token')).toThrow(/cannot read the webhook token/);
  });

  it('reads HEAD and loose refs from files, and says undefined where git must be asked', () => {
    const remote = makeRemote({ 'README.md': 'x\n' });
    const co = clone(remote);
    const head = sh(co, 'rev-parse', 'HEAD');
    expect(currentBranch(co)).toBe('refs/heads/main');
    expect(looseRef(co, 'HEAD')).toBe(head);
    sh(co, 'pack-refs', '--all');
    expect(looseRef(co, 'HEAD')).toBeUndefined();
    sh(co, 'checkout', '-q', '--detach');
    expect(currentBranch(co)).toBeUndefined();
    expect(looseRef(join(co, 'nowhere'), 'HEAD')).toBeUndefined();
  });
});
