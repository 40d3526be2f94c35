/** The validator as `npm run gitops` runs it: the repository's rules files against the stock rules. */
import type { RepoFile } from '../contract/files';
import { checkRules, formatFinding } from './check';
import { benchmarkRules } from './falco';
import { STOCK_INDEX } from './stock';

export { checkRules, formatFinding, type Finding } from './check';

export interface RulesReport {
  errors: number;
  warnings: number;
  /** `file:line: message` per finding, then a summary line when there are any. */
  lines: string[];
}

/**
 * Checks the repository's rules (in load order); warns where a file disables or changes the stock rule that
 * the configured benchmark actions measure, since every variant loading the rules would then measure nothing.
 */
export function checkRepositoryRules(rules: readonly RepoFile[], benchmarkActions: string): RulesReport {
  const stockRules = STOCK_INDEX.entries.filter(([kind]) => kind === 'rule').map(([, name]) => name);
  const watched = benchmarkRules(benchmarkActions, stockRules).map((name) => ({
    name,
    reason: `the benchmark (actions ${benchmarkActions}) measures it, so variants with customRules: true would measure this change, or nothing`,
  }));
  const findings = checkRules(rules, { watched });
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const lines = findings.map(formatFinding);
  if (findings.length > 0) lines.push(`rules: ${errors} error(s), ${warnings} warning(s) in ${rules.length} file(s)`);
  return { errors, warnings, lines };
}
