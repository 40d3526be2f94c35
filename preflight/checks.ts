/**
 * What `npm run deploy` needs before it starts, each checked here in seconds instead of failing minutes later
 * as a provider error: credentials and owner, a `fluxcd/` tree that matches the configuration and is pushed
 * to the branch Flux follows, and enough vCPU quota. Each finding is one line: what is wrong, and the command
 * that fixes it.
 */
import { exposureWarning, internetExposure } from '../config/exposure';
import type { BenchConfig } from '../config/schema';
import { GITOPS_ROOT } from '../gitops/tree';
import { AzRunner, existingNodes, parseUsages } from './azure';
import { GitState } from './git';
import { parseVmSize, vcpuNeeds } from './vm';

export type Level = 'ok' | 'warn' | 'fail';
export interface Finding {
  level: Level;
  /** What was found (ok) or what is wrong. */
  message: string;
  /** The command (or step) that fixes it. */
  fix?: string;
}

const ok = (message: string): Finding => ({ level: 'ok', message });
const warn = (message: string, fix?: string): Finding => ({ level: 'warn', message, fix });
const fail = (message: string, fix: string): Finding => ({ level: 'fail', message, fix });

export type Env = Record<string, string | undefined>;

const isTrue = (v: string | undefined) => v?.toLowerCase() === 'true';

/** Subscription and a way to authenticate that the azurerm provider accepts. */
export function azureCredentials(config: BenchConfig, env: Env, azLoggedIn: boolean): Finding[] {
  const out: Finding[] = [];
  out.push(
    config.azure.subscriptionId
      ? ok(`Azure subscription ${config.azure.subscriptionId}`)
      : fail(
          'no Azure subscription: ARM_SUBSCRIPTION_ID is not set and azure.subscriptionId is empty',
          azLoggedIn ? 'export ARM_SUBSCRIPTION_ID=$(az account show --query id -o tsv)' : 'az login && export ARM_SUBSCRIPTION_ID=$(az account show --query id -o tsv)',
        ),
  );
  const secret = env.ARM_CLIENT_SECRET || env.ARM_CLIENT_CERTIFICATE_PATH || isTrue(env.ARM_USE_OIDC);
  if (env.ARM_CLIENT_ID && secret) out.push(ok('Azure service principal from ARM_CLIENT_ID'));
  else if (isTrue(env.ARM_USE_MSI) || isTrue(env.ARM_USE_AKS_WORKLOAD_IDENTITY)) out.push(ok('Azure managed identity (ARM_USE_MSI or ARM_USE_AKS_WORKLOAD_IDENTITY)'));
  else if (env.ARM_CLIENT_ID && !azLoggedIn) {
    out.push(fail('ARM_CLIENT_ID is set without ARM_CLIENT_SECRET, ARM_CLIENT_CERTIFICATE_PATH or ARM_USE_OIDC=true', 'export ARM_CLIENT_SECRET=<secret of the service principal>'));
  } else if (azLoggedIn) out.push(ok('Azure login from the az CLI'));
  else out.push(fail('no Azure login: the az CLI is not logged in and no ARM_CLIENT_ID/ARM_USE_MSI credentials are set', 'az login'));
  return out;
}

/** The github provider reads GITHUB_TOKEN; the owner comes from the config or GITHUB_OWNER/GITHUB_REPOSITORY. */
export function githubCredentials(config: BenchConfig, env: Env): Finding[] {
  return [
    env.GITHUB_TOKEN
      ? ok('GitHub token from GITHUB_TOKEN')
      : fail('GITHUB_TOKEN is not set (the github provider needs it to read the repository and add the deploy key)', 'export GITHUB_TOKEN=$(gh auth token)   # or a fine-grained token with Administration read/write on the repository'),
    config.github.owner
      ? ok(`GitHub repository ${config.github.owner}/${config.github.repository} (${config.github.mode})`)
      : fail('no GitHub owner: GITHUB_OWNER is not set and github.owner is empty', 'export GITHUB_OWNER=<your user or organisation>   # or set github.owner in bench.config.yaml'),
  ];
}

/**
 * Who may reach the Kubernetes API server. Unset, Terraform's precondition stops the plan (after the provider
 * downloads); `[]` or a `/0` range opens it to the internet, allowed but worth a warning at every preflight.
 */
export function apiServerExposure(config: Pick<BenchConfig, 'cluster'>): Finding[] {
  const ranges = config.cluster.apiServerAuthorizedIpRanges;
  if (ranges === undefined) {
    return [
      fail(
        'cluster.apiServerAuthorizedIpRanges is not set: Terraform refuses to create the cluster until it says who may reach the Kubernetes API server',
        'curl -s https://api.ipify.org   # then in bench.config.yaml: cluster: { apiServerAuthorizedIpRanges: [<that address>/32] }',
      ),
    ];
  }
  const exposed = internetExposure(ranges);
  if (exposed) return [warn(exposureWarning(exposed))];
  return [ok(`Kubernetes API server reachable from ${ranges.join(', ')} only`)];
}

/** `drift`: the lines of `npm run gitops -- --check` (empty when the tree matches). */
export function treeMatches(drift: string[], configFile: string): Finding[] {
  if (drift.length === 0) return [ok(`${GITOPS_ROOT}/ matches ${configFile}`)];
  const shown = drift.slice(0, 3).join(', ') + (drift.length > 3 ? `, and ${drift.length - 3} more` : '');
  return [fail(`${GITOPS_ROOT}/ does not match ${configFile} (${shown}): Flux would install the old tree`, 'npm run gitops && git add fluxcd && git commit -m "Regenerate fluxcd/" && git push')];
}

/**
 * The response policy, checked as `npm run gitops` checks it (`report` is undefined with the response engine
 * off): with an error the responder would never become ready and every alert would wait.
 */
export function responsePolicy(policyFile: string, report: { errors: number; warnings: number; lines: string[] } | undefined): Finding[] {
  if (!report) return [];
  const first = report.lines[0];
  if (report.errors > 0) return [fail(`response policy: ${report.errors} error(s), first ${first}: the responder would not become ready`, 'npm run gitops (it lists each finding with file:line)')];
  if (report.warnings > 0) return [warn(`response policy: ${report.warnings} warning(s), first ${first}`, 'npm run gitops (it lists each finding with file:line)')];
  return [ok(`response policy ${policyFile} is valid against the rules the guard Falco loads`)];
}

/** Flux syncs from the remote: what is not committed and pushed does not exist for it. */
export function treePushed(state: GitState): Finding[] {
  const root = `${GITOPS_ROOT}/`;
  switch (state.kind) {
    case 'not-a-repository':
      return [warn(`not a git repository: cannot tell whether ${root} is pushed to the branch Flux follows`)];
    case 'no-branch':
      return [warn(`no local branch ${state.branch} (the branch Flux follows): cannot tell whether ${root} is pushed`, `git switch ${state.branch}`)];
  }
  const out: Finding[] = [];
  if (state.current !== state.branch) {
    out.push(warn(`the checked-out branch is ${state.current}, Flux follows ${state.branch}: the other checks looked at ${state.current}'s files`, `git switch ${state.branch}`));
  }
  if (state.uncommitted.length > 0) {
    out.push(fail(`${state.uncommitted.length} uncommitted change(s) under ${root} (${state.uncommitted.slice(0, 3).join(', ')}): Flux will not see them`, `git add fluxcd && git commit -m "Regenerate fluxcd/" && git push`));
  }
  if (state.kind === 'no-upstream') {
    out.push(warn(`branch ${state.branch} has no upstream: cannot tell whether its ${root} commits are pushed`, `git push -u origin ${state.branch}`));
  } else if (state.unpushed.length > 0) {
    const remote = state.upstream.split('/')[0];
    out.push(fail(`${state.unpushed.length} commit(s) on ${state.branch} touching ${root} are not pushed to ${state.upstream} (${state.unpushed[0]}${state.unpushed.length > 1 ? ', ...' : ''})`, `git push ${remote} ${state.branch}`));
  } else if (state.uncommitted.length === 0) {
    out.push(ok(`${root} on ${state.branch} is pushed to ${state.upstream} (as of the last fetch)`));
  }
  return out;
}

/**
 * vCPUs per quota family in the configuration's region and, when `az` is logged in, whether the quota left
 * covers them. Nodes of this cluster that already exist count as already paid for (a redeploy needs no more).
 */
export function quota(config: BenchConfig, az: AzRunner | undefined): Finding[] {
  const { needs, unknown } = vcpuNeeds(config);
  const region = config.azure.location;
  const out: Finding[] = unknown.map((size) =>
    warn(`VM size ${size} is not a name preflight can read (Standard_<series><vCPUs><features>_v<N>): its vCPU quota is not checked`, `az vm list-usage --location ${region} -o table`),
  );
  const total = needs.reduce((n, f) => n + f.vcpus, 0);
  if (!az) {
    return [
      ...out,
      ...needs.map((n) => warn(`needs ${n.vcpus} vCPUs of ${n.family} in ${region} (${n.from.join(' + ')}); quota not checked: az is not logged in`, 'az login')),
    ];
  }
  const usage = az(['vm', 'list-usage', '--location', region]);
  if (!usage.ok) return [...out, warn(`cannot read the vCPU quota of ${region}: ${usage.error}`, `az vm list-usage --location ${region} -o table`)];
  const usages = parseUsages(usage.json);
  const pools = az(['aks', 'nodepool', 'list', '--resource-group', config.azure.resourceGroupName, '--cluster-name', config.cluster.name]);
  const existing = new Map<string, number>();
  for (const p of pools.ok ? existingNodes(pools.json) : []) {
    const vm = parseVmSize(p.vmSize);
    if (vm) existing.set(vm.family.toLowerCase(), (existing.get(vm.family.toLowerCase()) ?? 0) + vm.vcpus * p.count);
  }
  const scope = `/subscriptions/${config.azure.subscriptionId || '<subscription>'}/providers/Microsoft.Compute/locations/${region}`;
  const check = (family: string, label: string, need: number, have: number) => {
    const u = usages.find((x) => x.name.toLowerCase() === family.toLowerCase());
    if (!u) return warn(`no quota named ${family} in ${region}: its ${need} vCPUs are not checked`, `az vm list-usage --location ${region} -o table`);
    const left = u.limit - u.current;
    const extra = Math.max(0, need - have);
    const detail = `${need} vCPUs of ${label} needed${have ? ` (${have} already in use by this cluster)` : ''}, ${left} left in ${region} (limit ${u.limit}, used ${u.current})`;
    if (left >= extra) return ok(detail);
    return fail(detail, `az quota update --resource-name ${u.name} --scope ${scope} --limit-object value=${u.current + extra} --resource-type dedicated   # or request it in the portal (Quotas)`);
  };
  for (const n of needs) out.push(check(n.family, `${n.family} (${n.from.join(' + ')})`, n.vcpus, existing.get(n.family.toLowerCase()) ?? 0));
  const existingTotal = [...existing.values()].reduce((a, b) => a + b, 0);
  if (total > 0) out.push(check('cores', 'all families (Total Regional vCPUs)', total, existingTotal));
  return out;
}
