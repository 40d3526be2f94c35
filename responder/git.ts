/**
 * The git CLI, run without a shell (one fixed script aside: see `shell`). Every commit carries the responder's
 * fixed identity; SSH (in the cluster) uses the mounted key and known_hosts with strict host key checking, so a
 * push goes only to the host it was told of. Every command has a deadline: the responder has one writer, and a
 * hung fetch or push would stall every alert.
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

/** How a process ended: its exit code (or the signal, the spawn error's code, ETIMEDOUT), stdout and stderr. */
export interface Exit {
  code: number | string | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `file` in `cwd` and resolves with how it ended, whatever the exit code (a failed spawn too: EMFILE, ENOENT,
 * EAGAIN). A process still running after `timeoutMs` is killed with everything it started (ssh, hooks,
 * receive-pack of a local remote): it runs in its own process group, and the whole group gets SIGKILL, so no
 * grandchild keeps the pipes open and the caller hears at the deadline.
 */
export function run(file: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; input?: string }): Promise<Exit> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ code: (e as NodeJS.ErrnoException).code ?? null, stdout: '', stderr: (e as Error).message });
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
    }, opts.timeoutMs);
    const settle = (code: number | string | null, stderr = Buffer.concat(err).toString('utf8')) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: timedOut ? `timed out after ${opts.timeoutMs} ms` : stderr });
    };
    // The error listener comes first: when the spawn fails the streams may be absent, and an unhandled 'error'
    // would crash the process.
    child.on('error', (e) => settle((e as NodeJS.ErrnoException).code ?? null, e.message));
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    if (opts.input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined); // the process exiting early (EPIPE) is reported by its exit code
      child.stdin.end(opts.input);
    }
    child.on('close', (code, signal) => settle(timedOut ? 'ETIMEDOUT' : (code ?? signal)));
  });
}

/** Runs git in `cwd`: its stdout, or a GitError naming the command, its exit code and stderr. */
export function git(cwd: string, env: NodeJS.ProcessEnv = gitEnv(), timeoutMs = GIT_TIMEOUT_MS): Git {
  return async (args, input) => {
    const r = await run('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, env, timeoutMs, ...(input === undefined ? {} : { input }) });
    if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
    return r.stdout;
  };
}

/** Runs a fixed shell script with arguments (`$1`...): how it ended, whatever the exit code. */
export type Shell = (script: string, args: string[]) => Promise<Exit>;

/**
 * A POSIX shell in `cwd` with git's environment and one deadline for the whole script (and everything it starts).
 * The script is a constant of the caller's; values go in as arguments, never into its text.
 */
export function shell(cwd: string, env: NodeJS.ProcessEnv = gitEnv(), timeoutMs = GIT_TIMEOUT_MS): Shell {
  return (script, args) => run('sh', ['-c', script, 'sh', ...args], { cwd, env, timeoutMs });
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
