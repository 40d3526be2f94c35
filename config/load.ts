/**
 * Reads `bench.config.yaml` and resolves it against the registry (config/schema.ts): every problem is collected
 * and reported at once, each naming the field, the bad value and what is allowed; callers print
 * `ConfigError.message` (no stack trace).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { resolve } from './registry';
import { BenchConfig, CONFIG_REGISTRY } from './schema';

/** The file users edit, relative to the project root; `FALCO_BENCH_CONFIG` points elsewhere. */
export const DEFAULT_CONFIG_FILE = 'bench.config.yaml';

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The environment: the variables settings declare (`ARM_SUBSCRIPTION_ID`, `GITHUB_OWNER`, ...) and `FALCO_BENCH_CONFIG`. */
export type ConfigEnv = Record<string, string | undefined>;

/** The configuration file a command reads: `--config`, else `FALCO_BENCH_CONFIG`, else `bench.config.yaml`. */
export function configFile(env: ConfigEnv, given?: string): string {
  return given ?? env.FALCO_BENCH_CONFIG ?? DEFAULT_CONFIG_FILE;
}

/**
 * Loads `file` (default: `FALCO_BENCH_CONFIG` or `bench.config.yaml`) and validates it. A file without any
 * setting (empty, or only comments) is valid: `notice` is told that all defaults apply (stderr by default).
 */
export function loadConfig(
  file?: string,
  env: ConfigEnv = process.env,
  notice: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): BenchConfig {
  const path = configFile(env, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [`cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`]);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new ConfigError(path, [`not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  if (raw === null || raw === undefined) notice(`${path}: no settings (empty or only comments); all defaults apply`);
  return resolveConfig(raw, env, path);
}

/** Validates a parsed document, fills in defaults and applies environment overrides. Pure. */
export function resolveConfig(raw: unknown, env: ConfigEnv = {}, source = 'configuration'): BenchConfig {
  const { value, problems } = resolve(CONFIG_REGISTRY, raw, env);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return value;
}
