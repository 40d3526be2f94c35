/**
 * File conventions shared by the programs: where a program finds the files shipped beside it, and how a
 * generated file the repository commits is written or checked (`--check`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT, type ExitCode, type Io } from './command';

/**
 * The first `relative` in `from` or a folder above it, or undefined. A program's shipped files sit at the
 * project root, which is above both its source (ts-jest) and its build (dist/, which tsc fills with .js only),
 * and beside the responder's bundle in fluxcd/: never look in the working directory, commands run anywhere.
 */
export function findAbove(from: string, relative: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, relative);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Writes the generated `file` (relative to `cwd`) when its text differs from `text`, or with `check` only says
 * whether it is current (exit 1 when not, naming the command that regenerates it).
 */
export function writeGenerated(command: string, io: Io, cwd: string, file: string, text: string, check: boolean): ExitCode {
  const target = join(cwd, file);
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (check) {
    if (current === text) return EXIT.ok;
    io.stderr(`${command}: ${file} is out of date; run \`npm run ${command}\` and commit it`);
    return EXIT.findings;
  }
  if (current !== text) writeFileSync(target, text);
  io.stdout(`${file}: ${current === text ? 'up to date' : 'written'}\n`);
  return EXIT.ok;
}
