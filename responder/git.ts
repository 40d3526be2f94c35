/**
 * The git CLI, run without a shell. Every commit carries the responder's fixed identity; SSH (in the cluster) uses
 * the mounted key and known_hosts with strict host key checking, so a push goes only to the host it was told of.
 */
import { execFile } from 'node:child_process';

/** The author and committer of every response commit. */
export const RESPONDER_IDENTITY = { name: 'Falco responder', email: 'responder@falco-response.invalid' } as const;

export interface SshOptions {
  keyFile: string;
  knownHosts: string;
}

/** Git runs this through a shell, so each path is single-quoted. */
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The environment of every git command: identity, no prompts, no user or system configuration surprises. */
export function gitEnv(ssh?: SshOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: RESPONDER_IDENTITY.name,
    GIT_AUTHOR_EMAIL: RESPONDER_IDENTITY.email,
    GIT_COMMITTER_NAME: RESPONDER_IDENTITY.name,
    GIT_COMMITTER_EMAIL: RESPONDER_IDENTITY.email,
    GIT_TERMINAL_PROMPT: '0',
  };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[k];
  if (ssh) {
    env.GIT_SSH_COMMAND = [
      'ssh',
      `-i ${shellQuote(ssh.keyFile)}`,
      '-o IdentitiesOnly=yes',
      '-o BatchMode=yes',
      `-o UserKnownHostsFile=${shellQuote(ssh.knownHosts)}`,
      '-o StrictHostKeyChecking=yes',
    ].join(' ');
  }
  return env;
}

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | string | null,
    readonly stderr: string,
  ) {
    const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
    super(`git ${args[0]} failed: ${lines.join(' | ').slice(0, 800) || `exit ${code}`}`);
  }
}

/** A git runner bound to a working directory and environment. */
export type Git = (args: string[]) => Promise<string>;

export function git(cwd: string, env: NodeJS.ProcessEnv = gitEnv()): Git {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) reject(new GitError(args, (err as NodeJS.ErrnoException).code ?? null, String(stderr)));
        else resolve(String(stdout));
      });
    });
}
