/**
 * Real git repositories in temp folders for the responder's tests: a bare "remote" seeded with files, clones of
 * it, and the alert JSON Falcosidekick posts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.invalid', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.invalid' };

export function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, env: ENV, encoding: 'utf8' }).trim();
}

export const tempDir = (prefix = 'responder-') => mkdtempSync(join(tmpdir(), prefix));

/** A working repository with `files` committed on `main`. */
export function makeCheckout(files: Record<string, string>, dir = tempDir()): string {
  sh(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, files);
  sh(dir, 'add', '-A');
  sh(dir, 'commit', '-q', '-m', 'seed');
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

/** A bare repository (pushes that are not fast-forwards refused) seeded with `files`; returns its path. */
export function makeRemote(files: Record<string, string>): string {
  const seed = makeCheckout(files);
  const bare = tempDir('responder-remote-');
  sh(bare, 'init', '-q', '--bare', '-b', 'main');
  sh(bare, 'config', 'receive.denyNonFastForwards', 'true');
  sh(seed, 'push', '-q', bare, 'main');
  return bare;
}

/** A fresh clone of `remote`'s main. */
export function clone(remote: string): string {
  const dir = tempDir('responder-clone-');
  sh(dir, 'clone', '-q', remote, '.');
  return dir;
}

/** Subjects of `main` in a repository, newest first. */
export const subjects = (repo: string, ref = 'main') => sh(repo, 'log', '--format=%s', ref).split('\n');

export const readAt = (repo: string, path: string, ref = 'main') => sh(repo, 'show', `${ref}:${path}`);

export const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

/** A Deployment manifest with a comment, the way people write them. */
export function deployment(namespace: string, name: string, replicas: number | 'absent' = 3): string {
  return [
    `# ${name}: the web front end`,
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    ...(replicas === 'absent' ? [] : [`  replicas: ${replicas} # scaled by hand`]),
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}}`,
    '    spec:',
    '      containers: [{name: web, image: "nginx:1.27.3"}]',
    '',
  ].join('\n');
}

/** The JSON Falcosidekick's webhook output posts, for a shell in `namespace/name`. */
export function alert(namespace: string | undefined, name: string | undefined, over: Record<string, unknown> = {}): Record<string, unknown> {
  const fields: Record<string, string> = { 'k8smeta.pod.name': `${name}-7d9c-abcde` };
  if (namespace !== undefined) fields['k8smeta.ns.name'] = namespace;
  if (name !== undefined) fields['k8smeta.deployment.name'] = name;
  return {
    uuid: `uuid-${namespace}-${name}`,
    output: `12:00:00.000000000: Notice A shell was spawned in a container with an attached terminal (user=root ${name})`,
    priority: 'Notice',
    rule: 'Terminal shell in container',
    time: '2026-12-01T12:00:00.000000000Z',
    output_fields: fields,
    source: 'syscall',
    tags: ['container', 'shell', 'mitre_execution'],
    hostname: 'aks-guard-0',
    ...over,
  };
}
