/** Shared helpers of the gitops tests: the default configuration, its rendered tree parsed back into objects. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { resolveConfig } from '../../config/load';
import { DEFAULT_POLICY_FILE, RESPONDER_BUNDLE, RULES_DIR } from '../../contract/naming';
import type { BenchConfig } from '../../config/schema';
import { GitopsInputs, readInputs } from '../../gitops/inputs';

export const REPO_ROOT = resolve(__dirname, '../..');

/** The repository's own generator inputs (rules, responder bundle), as the CLI reads them. */
export const repoInputs: GitopsInputs = readInputs(REPO_ROOT);

/**
 * The defaults from code, without environment overrides. Tests of the generator's behaviour use these, never
 * the repository's bench.config.yaml: a fork edits that file, and its CI must stay green.
 */
export function defaultConfig(): BenchConfig {
  return resolveConfig({}, {});
}

/**
 * A scratch repository in a temporary folder: the given configuration file text, the repository's other
 * generator inputs (rules, responder bundle) and, with `tree`, a copy of its committed `fluxcd/`.
 */
export function scratchRepo(configText: string, tree?: 'copy-fluxcd'): string {
  const dir = mkdtempSync(join(tmpdir(), 'scratch-repo-'));
  writeFileSync(join(dir, 'bench.config.yaml'), configText);
  for (const path of [RULES_DIR, RESPONDER_BUNDLE, DEFAULT_POLICY_FILE, ...(tree ? ['fluxcd'] : [])]) {
    if (!existsSync(join(REPO_ROOT, path))) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(join(REPO_ROOT, path), join(dir, path), { recursive: true });
  }
  return dir;
}

/** A modified copy of a configuration. */
export function changed(config: BenchConfig, change: (c: BenchConfig) => void): BenchConfig {
  const copy = structuredClone(config);
  change(copy);
  return copy;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

/** Every YAML file's documents, parsed back from the rendered text (so tests see what is written). */
export function parseRendered(tree: ReadonlyMap<string, string>): Map<string, Obj[]> {
  return new Map(
    [...tree].filter(([path]) => /\.ya?ml$/.test(path)).map(([path, text]) => {
      const docs = parseAllDocuments(text);
      for (const d of docs) if (d.errors.length) throw new Error(`${path}: ${d.errors[0].message}`);
      return [path, docs.map((d) => d.toJS() as Obj)];
    }),
  );
}

export const allObjects = (parsed: ReadonlyMap<string, Obj[]>) => [...parsed.values()].flat();
export const ofKind = (parsed: ReadonlyMap<string, Obj[]>, apiVersion: string, kind: string) =>
  allObjects(parsed).filter((o) => o.apiVersion === apiVersion && o.kind === kind);

/** True when `kubectl` runs here (it builds kustomize folders offline). */
export const hasKubectl = (() => {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
})();

/**
 * The `<chart>.fullname` helper of the falcosecurity charts, written again from the template's semantics
 * (`contains $name .Release.Name`, `trunc 63`, `trimSuffix "-"`), independently of contract/naming.ts.
 */
export function chartFullnameAsTheChartDoes(release: string, chart: string): string {
  const name = release.indexOf(chart) >= 0 ? release : `${release}-${chart}`;
  let out = name.length > 63 ? name.substring(0, 63) : name;
  if (out.endsWith('-')) out = out.substring(0, out.length - 1); // Go's strings.TrimSuffix: once
  return out;
}
