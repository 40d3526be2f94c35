/**
 * The git CLI, run without a shell. Every commit carries the responder's fixed identity; SSH (in the cluster) uses
 * the mounted key and known_hosts with strict host key checking, so a push goes only to the host it was told of.
 * Every command has a deadline: the responder has one writer, and a hung fetch or push would stall every alert.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
      // A host that does not answer, or a connection that dies, fails the command instead of hanging it.
      '-o ConnectTimeout=10',
      '-o ServerAliveInterval=15',
      '-o ServerAliveCountMax=2',
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

/** A git runner bound to a working directory and environment; `input` is written to git's stdin. */
export type Git = (args: string[], input?: string) => Promise<string>;

/** How long one git command may run unless told otherwise. */
export const GIT_TIMEOUT_MS = 60_000;

/**
 * Runs git in `cwd`. A command still running after `timeoutMs` is killed with everything it started (ssh, hooks,
 * receive-pack of a local remote): git runs in its own process group, and the whole group gets SIGKILL, so no
 * grandchild keeps the pipes open and the caller gets its error at the deadline.
 */
export function git(cwd: string, env: NodeJS.ProcessEnv = gitEnv(), timeoutMs = GIT_TIMEOUT_MS): Git {
  return (args, input) =>
    new Promise((resolve, reject) => {
      let child: ReturnType<typeof spawn>;
      try {
        child = spawn('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, env, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
      } catch (e) {
        reject(new GitError(args, (e as NodeJS.ErrnoException).code ?? null, (e as Error).message));
        return;
      }
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      let settled = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, timeoutMs);
      // The error listener comes first: when the spawn fails (EMFILE, ENOENT, EAGAIN) the streams may be absent,
      // and an unhandled 'error' would crash the process.
      child.on('error', (e) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        reject(new GitError(args, (e as NodeJS.ErrnoException).code ?? null, e.message));
      });
      child.stdout?.on('data', (c: Buffer) => out.push(c));
      child.stderr?.on('data', (c: Buffer) => err.push(c));
      if (input !== undefined && child.stdin) {
        child.stdin.on('error', () => undefined); // git exiting early (EPIPE) is reported by its exit code
        child.stdin.end(input);
      }
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        if (timedOut) reject(new GitError(args, 'ETIMEDOUT', `timed out after ${timeoutMs} ms`));
        else if (code !== 0) reject(new GitError(args, code ?? signal, Buffer.concat(err).toString('utf8')));
        else resolve(Buffer.concat(out).toString('utf8'));
      });
    });
}

/**
 * Refs read from the checkout's files, not asked of git: a git process costs tens of milliseconds when a burst keeps
 * the machine busy. Undefined whenever the answer is not plain (detached HEAD, a packed ref, an unreadable file);
 * then the caller asks git, or does the work it would have skipped.
 */
export function currentBranch(checkout: string): string | undefined {
  try {
    return /^ref: (refs\/heads\/\S+)\n?$/.exec(readFileSync(join(checkout, '.git', 'HEAD'), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** The commit `ref` (HEAD, or a full ref name) points at, from its loose ref file. */
export function looseRef(checkout: string, ref: string): string | undefined {
  const name = ref === 'HEAD' ? currentBranch(checkout) : ref;
  if (!name) return undefined;
  try {
    return /^([0-9a-f]{40,64})\n?$/.exec(readFileSync(join(checkout, '.git', name), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}
