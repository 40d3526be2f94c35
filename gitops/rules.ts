/**
 * The repository's own Falco rules (`rules/*.yaml`) as the falco chart takes them: `customRules` maps a file
 * name to its text; the chart puts them into ConfigMap `<fullname>-rules`, mounted at `/etc/falco/rules.d`,
 * which Falco reads after the stock rules in file-name order (the order `readInputs` gives).
 */
import { posix } from 'node:path';
import type { RepoFile } from './inputs';

/** The chart's `customRules` value: file name -> file text. */
export function customRulesValues(rules: readonly RepoFile[]): Record<string, string> {
  return Object.fromEntries(rules.map((f) => [posix.basename(f.path), f.text]));
}
