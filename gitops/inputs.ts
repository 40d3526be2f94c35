/**
 * The repository files, besides the configuration, that the generated tree is made from: the repository's own
 * Falco rules, the responder's committed bundle and the response policy. The CLI reads them from disk; the generator stays a pure
 * function of (configuration, inputs), so tests pass their own.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY_FILE, RESPONDER_BUNDLE, RULES_DIR } from '../contract/naming';

import type { RepoFile } from '../contract/files';

export type { RepoFile };

export interface GitopsInputs {
  /** `rules/*.yaml` and `*.yml`, in Falco's load order (file name). */
  rules: RepoFile[];
  /** The responder's bundled program, when it has been built and committed. */
  responderBundle?: RepoFile;
  /** The response policy (`response.policyFile`), when it exists: delivered to the responder in a ConfigMap. */
  policy?: RepoFile;
  /** Why the policy file exists but could not be read (e.g. `EISDIR`, `EACCES`). */
  policyUnreadable?: string;
}

/** Falco loads only these from a rules folder. */
export const RULES_FILE = /\.ya?ml$/;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function readInputs(repoRoot: string, policyFile: string = DEFAULT_POLICY_FILE): GitopsInputs {
  const rulesDir = join(repoRoot, RULES_DIR);
  const rules = existsSync(rulesDir)
    ? readdirSync(rulesDir, { withFileTypes: true })
        .filter((e) => e.isFile() && RULES_FILE.test(e.name))
        .map((e) => e.name)
        .sort(byName)
        .map((name) => ({ path: `${RULES_DIR}/${name}`, text: readFileSync(join(rulesDir, name), 'utf8') }))
    : [];
  const bundle = join(repoRoot, RESPONDER_BUNDLE);
  return {
    rules,
    ...(existsSync(bundle) ? { responderBundle: { path: RESPONDER_BUNDLE, text: readFileSync(bundle, 'utf8') } } : {}),
    ...readPolicy(join(repoRoot, policyFile), policyFile),
  };
}

/** The policy, or why it cannot be read: only the response engine needs it, so reading it never throws here. */
function readPolicy(file: string, path: string): Pick<GitopsInputs, 'policy' | 'policyUnreadable'> {
  if (!existsSync(file)) return {};
  try {
    return { policy: { path, text: readFileSync(file, 'utf8') } };
  } catch (e) {
    return { policyUnreadable: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}
