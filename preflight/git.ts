/**
 * Git facts preflight needs about the branch Flux follows: is `fluxcd/` committed, and are its commits pushed
 * to the upstream tracking branch. Read-only git commands in the repository folder; no fetch (no network).
 */
import { spawnSync } from 'node:child_process';

function git(cwd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  // trimEnd only: `git status --porcelain` lines start with a significant space.
  return { ok: !r.error && r.status === 0, out: (r.stdout ?? '').trimEnd() };
}

export type GitState =
  | { kind: 'not-a-repository' }
  | { kind: 'no-branch'; branch: string }
  | { kind: 'no-upstream'; branch: string; current: string; uncommitted: string[] }
  | { kind: 'tracked'; branch: string; current: string; upstream: string; unpushed: string[]; uncommitted: string[] };

/** The state of `branch` as far as `path` (a folder, e.g. `fluxcd`) is concerned. */
export function gitState(cwd: string, branch: string, path: string): GitState {
  if (!git(cwd, ['rev-parse', '--is-inside-work-tree']).ok) return { kind: 'not-a-repository' };
  if (!git(cwd, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).ok) return { kind: 'no-branch', branch };
  const current = git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']).out;
  const status = git(cwd, ['status', '--porcelain', '--untracked-files=all', '--', path]).out;
  const uncommitted = status ? status.split('\n').map((l) => l.slice(3)) : [];
  const upstream = git(cwd, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', `${branch}@{upstream}`]);
  if (!upstream.ok) return { kind: 'no-upstream', branch, current, uncommitted };
  const log = git(cwd, ['log', '--format=%h %s', `${upstream.out}..refs/heads/${branch}`, '--', path]).out;
  return { kind: 'tracked', branch, current, upstream: upstream.out, unpushed: log ? log.split('\n') : [], uncommitted };
}
