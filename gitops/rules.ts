/**
 * The repository's own Falco rules (`rules/*.yaml`) as the falco chart's `customRules`: one entry per file, keyed
 * by its file name, which is also its name in /etc/falco/rules.d where Falco loads them in name order after the
 * stock rules. (Minimal version for the guard Falco; the rules work adds validation beside it.)
 */
import { posix } from 'node:path';
import type { RepoFile } from './inputs';

export function customRulesValues(rules: readonly RepoFile[]): Record<string, string> {
  return Object.fromEntries(rules.map((f) => [posix.basename(f.path), f.text]));
}
