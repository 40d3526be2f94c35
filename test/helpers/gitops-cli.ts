/** Runs `npm run gitops` in process against a repository folder, collecting its output. */
import { GitopsIo, main } from '../../gitops/cli';

export async function runGitops(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: GitopsIo = { cwd, env, stdout: (t) => out.push(t), stderr: (l) => err.push(l) };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('\n') };
}
