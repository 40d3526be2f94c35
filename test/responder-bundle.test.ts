/**
 * The committed bundle is what the cluster runs: it must be exactly what `npm run build:responder` makes from the
 * sources, and it must serve on its own (Node built-ins and the bundled yaml package only).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { APPS_DIR, RESPONDER_BUNDLE } from '../contract/naming';
import { alert, deployment, makeRemote, subjects, tempDir } from './helpers/git-repo';

const ROOT = join(__dirname, '..');
const BUNDLE = join(ROOT, RESPONDER_BUNDLE);

describe('responder bundle', () => {
  it('matches a fresh build byte for byte (run `npm run build:responder` after changing responder/)', () => {
    const out = join(tempDir(), 'responder.cjs');
    execFileSync(process.execPath, [join(ROOT, 'dist/responder/build.js'), '--out', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8') === readFileSync(BUNDLE, 'utf8')).toBe(true);
  }, 60_000);

  it('fits comfortably in a ConfigMap and needs no node_modules', () => {
    expect(statSync(BUNDLE).size).toBeLessThan(700 * 1024);
    const required = [...readFileSync(BUNDLE, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required.filter((m) => !m.startsWith('node:') && !require('node:module').builtinModules.includes(m))).toEqual([]);
  });

  it('serves from the bundle alone: commits and pushes an alert, drains on SIGTERM and exits 0', async () => {
    const remote = makeRemote({ 'responder/policy.yaml': 'responses: [{rule: Terminal shell in container, action: scale-to-zero}]\n', [`${APPS_DIR}/web.yaml`]: deployment('demo', 'web') });
    const dir = tempDir();
    writeFileSync(join(dir, 'token'), 'bundle-token\n');
    const child = spawn(
      process.execPath,
      [BUNDLE, 'serve', '--port', '0', '--host', '127.0.0.1', '--remote', `file://${remote}`, '--checkout', join(dir, 'checkout'), '--token-file', join(dir, 'token')],
      { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    // 'close', not 'exit': it comes after the child's stdout has been read to its end (the last log lines).
    const exited = new Promise<number | null>((r) => child.on('close', r));
    // A failed expectation must not leave the server running (jest would wait for it).
    const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    killer.unref();
    const lines = createInterface({ input: child.stdout });
    const logs: Record<string, unknown>[] = [];
    let port = 0;
    await new Promise<void>((ready) =>
      lines.on('line', (l) => {
        const e = JSON.parse(l);
        logs.push(e);
        if (e.msg === 'listening') port = e.port;
        if (e.msg === 'checkout ready') ready();
      }),
    );
    const body = JSON.stringify(alert('demo', 'web'));
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/falco', headers: { authorization: 'Bearer bundle-token' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(status).toBe(200);
      expect(subjects(remote)[0]).toBe('responder: scale-to-zero demo/web (Terminal shell in container)');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(logs.map((l) => l.msg)).toEqual(['listening', 'checkout ready', 'pushed', 'alert', 'draining: finishing alerts in flight, accepting none', 'stopped']);
  }, 30_000);
});
