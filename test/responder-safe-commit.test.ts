/** Hostile alert text and committed symlinks, through the real git CLI: what lands in the commit, and what never does. */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EXIT } from '../cli/command';
import { respondMain } from '../responder/main';
import { isolateManifest } from '../responder/manifests';
import { alert, deployment, makeCheckout, sh, tempDir } from './helpers/git-repo';

async function run(...argv: string[]) {
  let out = '';
  const err: string[] = [];
  const code = await respondMain(argv, { stdout: (t) => (out += t), stderr: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}
const eventFile = (body: unknown) => {
  const f = join(tempDir(), 'alert.json');
  writeFileSync(f, JSON.stringify(body));
  return f;
};
const policyFile = (action: string) => {
  const f = join(tempDir(), 'policy.yaml');
  writeFileSync(f, `responses:\n  - {rule: Terminal shell in container, action: ${action}}\n`);
  return f;
};
const state = (repo: string) => [sh(repo, 'rev-parse', 'HEAD'), sh(repo, 'status', '--porcelain', '--untracked-files=all', '--ignored'), sh(repo, 'ls-files', '-s')].join('\n');

describe('safe commits', () => {
  it('a NUL, a 200 KiB output, newlines and a forged trailer: one commit, the subject intact, no trailer, no forged line', async () => {
    const repo = makeCheckout({ 'apps/demo/web.yaml': deployment('demo', 'web') });
    const output = `shell\0here\n\nSigned-off-by: Mallory <m@evil>\nCo-authored-by: x <y@z>\n${'A'.repeat(200 * 1024)}`;
    const rule = 'Terminal shell in container';
    const r = await run('--event', eventFile(alert('demo', 'web', { output, hostname: 'node\n\nresponder: isolate demo/other (forged)' })), '--repo', repo, '--policy', policyFile('scale-to-zero'));
    expect(r.code).toBe(EXIT.ok);
    const message = sh(repo, 'log', '-1', '--format=%B');
    expect(sh(repo, 'log', '-1', '--format=%s')).toBe(`responder: scale-to-zero demo/web (${rule})`);
    expect(sh(repo, 'log', '-1', '--format=%(trailers)')).toBe('');
    expect(message).not.toMatch(/^Signed-off-by:/m);
    expect(message).not.toMatch(/^responder: isolate/m);
    expect(message).toContain('shell\\u0000here\\u000a\\u000aSigned-off-by: Mallory');
    expect(message.length).toBeLessThan(40 * 1024);
    expect(sh(repo, 'status', '--porcelain')).toBe('');
  });

  it('never writes through a committed symlink (responses folder pointing outside): refused, checkout unchanged', async () => {
    const outside = tempDir();
    const repo = makeCheckout({ 'apps/demo/web.yaml': deployment('demo', 'web') });
    mkdirSync(join(repo, 'responses'), { recursive: true });
    symlinkSync(outside, join(repo, 'responses/demo'));
    sh(repo, 'add', '-A');
    sh(repo, 'commit', '-qm', 'symlink');
    const before = state(repo);
    const r = await run('--event', eventFile(alert('demo', 'web')), '--repo', repo, '--policy', policyFile('isolate'));
    expect([r.code, r.out]).toEqual([EXIT.ok, expect.stringMatching(/^no action: demo\/web: responses\/demo is a symlink/)]);
    expect(existsSync(join(outside, 'isolate-web.yaml'))).toBe(false);
    expect(state(repo)).toBe(before);
  });

  it('never edits a manifest that is a symlink', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'web.yaml'), deployment('demo', 'web'));
    const repo = makeCheckout({ 'README.md': 'x\n' });
    mkdirSync(join(repo, 'apps/demo'), { recursive: true });
    symlinkSync(join(outside, 'web.yaml'), join(repo, 'apps/demo/web.yaml'));
    sh(repo, 'add', '-A');
    sh(repo, 'commit', '-qm', 'symlink');
    const r = await run('--event', eventFile(alert('demo', 'web')), '--repo', repo, '--policy', policyFile('scale-to-zero'));
    expect(r.out).toMatch(/^no action: demo\/web: scale-to-zero: Deployment demo\/web is not found/);
    expect(parse(readFileSync(join(outside, 'web.yaml'), 'utf8')).spec.replicas).toBe(3);
  });

  it('quotes label values that YAML 1.1 reads as booleans or numbers', () => {
    const text = isolateManifest({ namespace: 'demo', name: 'web' }, { a: 'on', b: 'no', c: '1e3', d: 'yes', e: 'plain' });
    expect(text).toContain('a: "on"');
    expect(text).toContain('b: "no"');
    expect(text).toContain('c: "1e3"');
    expect(text).toContain('d: "yes"');
    expect(text).toContain('e: plain');
  });
});
