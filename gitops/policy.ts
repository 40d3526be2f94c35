/**
 * The response policy checked where the rules are: `npm run gitops` (and `--check`, preflight) runs the
 * responder's own validator (`checkPolicy` in responder/policy.ts, the one owner of the policy's contract) with
 * the rules the guard Falco loads, the stock rules and `rules/`, so that a policy the responder would refuse, or an
 * entry that can never decide an alert, is found before it is committed rather than on the cluster.
 */
import { checkPolicy } from '../responder/policy';
import { loadedRules } from '../rulecheck/catalog';
import { formatFinding } from '../rulecheck';
import type { GitopsInputs } from './inputs';

export interface PolicyReport {
  errors: number;
  warnings: number;
  /** `file:line: message` per finding, then a summary line when there are any (like the rules' report). */
  lines: string[];
}

/** The one line saying that the configured policy cannot be delivered; `unreadable` is the reason it cannot be read. */
export function policyMissing(policyFile: string, unreadable?: string): string {
  const what = unreadable ? `cannot be read (${unreadable})` : 'is missing';
  return (
    `the response policy ${policyFile} (response.policyFile) ${what}: the response layer delivers it to the responder. ` +
    'Write it (see README "Response engine on the cluster"), or set response.enabled: false in bench.config.yaml.'
  );
}

/** Checks the configured policy against the loaded rules; a missing or unreadable file is one error line. */
export function checkRepositoryPolicy(inputs: Pick<GitopsInputs, 'rules' | 'policy' | 'policyUnreadable'>, policyFile: string): PolicyReport {
  if (!inputs.policy || inputs.policy.path !== policyFile) return { errors: 1, warnings: 0, lines: [policyMissing(policyFile, inputs.policyUnreadable)] };
  const { findings } = checkPolicy(inputs.policy.text, policyFile, loadedRules(inputs.rules));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const lines = findings.map(formatFinding);
  if (findings.length > 0) lines.push(`policy: ${errors} error(s), ${warnings} warning(s) in ${policyFile}`);
  return { errors, warnings, lines };
}
