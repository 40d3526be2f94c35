/**
 * The one command-line convention of every program in this repository (`gitops`, `report`, `preflight`,
 * `respond`, ...): options parsed by `node:util` `parseArgs` (strict), `-h/--help` printing a usage text built
 * from the option table, and three exit codes.
 */
import { parseArgs } from 'node:util';

/** Exit codes, the same for every command. */
export const EXIT = {
  /** Done, nothing wrong. */
  ok: 0,
  /** Ran, and found something wrong (a drifted tree, a failed check, an input left out of a report). */
  findings: 1,
  /** Could not run as asked: an unknown option, a bad value, an unreadable or invalid input file. */
  badInput: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown (or returned through `UsageError`) for bad input: the command prints it and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder of the value in the usage text (`FILE`, `DIR`); strings only. */
  value?: string;
  /** One line for `--help`. */
  doc: string;
  /** May be given more than once (values collected in a list). */
  multiple?: boolean;
}

export interface CommandSpec {
  /** What users type, e.g. `npm run report --`. */
  invocation: string;
  /** Positional arguments in the usage line, e.g. `<log files...>`; omit when the command takes none. */
  positionals?: string;
  /** One paragraph under the usage line. */
  summary: string;
  options: Record<string, OptionSpec>;
}

/** What a command's code writes to: tests pass collectors, `processIo` is the terminal. */
export interface Io {
  /** Results (stdout): pass whole text, newline included. */
  stdout(text: string): void;
  /** One line of progress, warning or error (stderr); the newline is added. */
  stderr(line: string): void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

/** For commands that work on the repository: its root (where relative paths start) and the environment. */
export interface RepoIo extends Io {
  cwd: string;
  env: Record<string, string | undefined>;
}

/** The terminal, in the current folder, with the process environment. */
export const processRepoIo = (): RepoIo => ({ ...processIo, cwd: process.cwd(), env: process.env });

/** The `--help` text: usage line, summary, one line per option, exit codes. */
export function usage(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, o.doc] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  return [
    `usage: ${spec.invocation} [options]${spec.positionals ? ` ${spec.positionals}` : ''}`,
    '',
    spec.summary,
    '',
    'options:',
    ...rows.map(([f, d]) => `  ${f.padEnd(width)}${d}`),
    '',
    `exit codes: ${EXIT.ok} ok, ${EXIT.findings} findings (something checked is wrong), ${EXIT.badInput} bad input (options or input files)`,
    '',
  ].join('\n');
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', doc: 'this text' };

export type ParsedValues = Record<string, string | boolean | string[] | boolean[] | undefined>;
export interface Parsed {
  values: ParsedValues;
  positionals: string[];
}

/** Parses `argv` strictly; `'help'` when help was asked for; throws `UsageError` on anything unknown. */
export function parseCommandLine(spec: CommandSpec, argv: string[]): Parsed | 'help' {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: spec.positionals !== undefined });
  } catch (e) {
    // Not `instanceof Error`: node's own errors come from another realm under jest.
    const message = typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e);
    throw new UsageError(message);
  }
  if (parsed.values.help) return 'help';
  return { values: parsed.values as ParsedValues, positionals: parsed.positionals };
}

/**
 * Runs a command: parses its options, answers `--help`, maps `UsageError` to exit 2 with a pointer to
 * `--help`. `body` returns the exit code; any other error propagates (a bug, shown with its stack).
 */
export async function runCommand(
  name: string,
  spec: CommandSpec,
  argv: string[],
  io: Io,
  body: (parsed: Parsed) => ExitCode | Promise<ExitCode>,
): Promise<ExitCode> {
  try {
    const parsed = parseCommandLine(spec, argv);
    if (parsed === 'help') {
      io.stdout(usage(spec));
      return EXIT.ok;
    }
    return await body(parsed);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`${name}: ${e.message}`);
    io.stderr(`${name}: see --help`);
    return EXIT.badInput;
  }
}

/** The `if (require.main === module)` tail of every CLI: runs `main` and sets the exit code. */
export function runMain(name: string, main: (argv: string[], io: Io) => Promise<number> | number): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2), processIo))
    .then(
      (code) => (process.exitCode = code),
      (e) => {
        process.stderr.write(`${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exitCode = EXIT.findings;
      },
    );
}
