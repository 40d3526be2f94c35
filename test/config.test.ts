import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, resolveConfig } from '../config/load';
import { DEFAULT_CONFIG } from '../config/schema';

/** The problems a document produces (fails the test if it is accepted). */
function problemsOf(raw: unknown, env = {}): string[] {
  try {
    resolveConfig(raw, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('configuration was accepted');
}

const variant = (over: object = {}) => ({
  name: 'v1',
  driver: 'kmod',
  bufferedOutputs: false,
  cpu: { request: '1', limit: '1' },
  memory: { request: '1Gi', limit: '1Gi' },
  ...over,
});
const withVariants = (...variants: unknown[]) => ({ benchmark: { variants } });

describe('configuration', () => {
  it('committed bench.config.yaml is valid and equals the documented defaults', () => {
    expect(loadConfig('bench.config.yaml', {})).toEqual(DEFAULT_CONFIG);
  });

  it('an empty document gives the defaults: six variants from the original benchmark', () => {
    const c = resolveConfig(null);
    expect(c.azure.location).toBe('westeurope');
    expect(c.cluster.benchmarkVmSize).toBe('Standard_D4as_v5');
    expect(c.cluster.systemNodeCount).toBe(1);
    expect(c.benchmark.variants.map((v) => `${v.name}:${v.driver}:${v.cpu.limit}:${v.memory.limit}:${v.bufferedOutputs}`)).toEqual([
      'kmod1cpu:kmod:1:1Gi:false',
      'kmod2cpu:kmod:2:1Gi:false',
      'ebpf1cpu:modern_ebpf:1:1Gi:false',
      'ebpf2cpu:modern_ebpf:2:1Gi:false',
      'ebpfbuf1cpu:modern_ebpf:1:1Gi:true',
      'ebpfbuf2cpu:modern_ebpf:2:1Gi:true',
    ]);
  });

  it('API server authorized ranges: unset by default, a list of IPv4 CIDRs, [] kept as the explicit opt-out', () => {
    expect(resolveConfig(null).cluster.apiServerAuthorizedIpRanges).toBeUndefined();
    expect(resolveConfig(null).cluster.entraIdRbac).toBe(false);
    expect(resolveConfig({ cluster: { apiServerAuthorizedIpRanges: ['203.0.113.7/32', '10.0.0.0/8'] } }).cluster.apiServerAuthorizedIpRanges).toEqual(['203.0.113.7/32', '10.0.0.0/8']);
    expect(resolveConfig({ cluster: { apiServerAuthorizedIpRanges: [] } }).cluster.apiServerAuthorizedIpRanges).toEqual([]);
    expect(problemsOf({ cluster: { apiServerAuthorizedIpRanges: ['203.0.113.7', '300.1.1.1/32', '10.0.0.0/33', 7] } })).toEqual([
      'cluster.apiServerAuthorizedIpRanges[3]: expected a string, got number 7',
    ]);
    expect(problemsOf({ cluster: { apiServerAuthorizedIpRanges: ['203.0.113.7', '300.1.1.1/32', '10.0.0.0/33'] } })).toEqual(
      ['"203.0.113.7"', '"300.1.1.1/32"', '"10.0.0.0/33"'].map(
        (v, i) => `cluster.apiServerAuthorizedIpRanges[${i}]: ${v} is not allowed; expected an IPv4 address range in CIDR form, such as 203.0.113.7/32`,
      ),
    );
    expect(problemsOf({ cluster: { apiServerAuthorizedIpRanges: null } })).toEqual(['cluster.apiServerAuthorizedIpRanges: expected a list of strings, got null']);
    expect(problemsOf({ cluster: { entraIdRbac: 'yes' } })).toEqual(['cluster.entraIdRbac: expected boolean, got string "yes"']);
  });

  it('merges partial sections over the defaults and does not mutate them', () => {
    const c = resolveConfig({ cluster: { name: 'bench' }, azure: { tags: { team: 'sec' } } });
    expect(c.cluster.name).toBe('bench');
    expect(c.cluster.osSku).toBe(DEFAULT_CONFIG.cluster.osSku);
    expect(c.azure.tags).toEqual({ team: 'sec' });
    expect(DEFAULT_CONFIG.azure.tags).toEqual({});
  });

  it('environment overrides owner, repository and subscription', () => {
    const c = resolveConfig({ github: { owner: 'someone' } }, {
      GITHUB_REPOSITORY: 'me/my-fork',
      ARM_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000001',
    });
    expect(c.github.owner).toBe('me');
    expect(c.github.repository).toBe('my-fork');
    expect(c.azure.subscriptionId).toBe('00000000-0000-0000-0000-000000000001');
    expect(resolveConfig({}, { GITHUB_OWNER: 'org', GITHUB_REPOSITORY: 'repo' }).github).toMatchObject({ owner: 'org', repository: 'repo' });
    expect(problemsOf({}, { GITHUB_REPOSITORY: 'a/b/c' })).toEqual([expect.stringContaining('GITHUB_REPOSITORY')]);
  });

  it('rejects an unknown driver, naming the field, value and what is allowed', () => {
    expect(problemsOf(withVariants(variant({ driver: 'ebpf' })))).toEqual([
      'benchmark.variants[0].driver: "ebpf" is not allowed; allowed: kmod, modern_ebpf',
    ]);
  });

  it('rejects malformed CPU and memory quantities and request above limit', () => {
    const p = problemsOf(withVariants(variant({ cpu: { request: '1 core', limit: '2' }, memory: { request: '2Gi', limit: '1Gi' } })));
    expect(p).toEqual([
      expect.stringMatching(/^benchmark\.variants\[0\]\.cpu\.request: "1 core" is not allowed; expected a CPU quantity/),
      'benchmark.variants[0].memory.request: "2Gi" is more than the limit "1Gi"; the request must not exceed the limit',
    ]);
    expect(problemsOf(withVariants(variant({ memory: { request: '1GB', limit: '1GB' } })))[0]).toMatch(/memory\.request: "1GB" .*1Gi or 512Mi/);
    expect(resolveConfig(withVariants(variant({ cpu: { request: '500m', limit: '1.5' } }))).benchmark.variants[0].cpu.limit).toBe('1.5');
  });

  it('rejects duplicate variant names', () => {
    expect(problemsOf(withVariants(variant(), variant()))).toEqual([
      'benchmark.variants[1].name: "v1" is not allowed; duplicate of benchmark.variants[0].name; names must be unique',
    ]);
  });

  it.each(['Kmod1cpu', 'kmod-1cpu', '1kmod', 'averylongname1', ''])('rejects variant name %p (not a node pool name)', (name) => {
    expect(problemsOf(withVariants(variant({ name }))).join('\n')).toMatch(/variants\[0\]\.name: .* 1-12 lowercase letters and digits/);
  });

  it.each(['system', 'systemtmp'])('rejects variant name %p (the system pool has it)', (name) => {
    expect(problemsOf(withVariants(variant({ name })))).toEqual([`benchmark.variants[0].name: "${name}" is not allowed; system and systemtmp are the system node pool's names`]);
  });

  it('rejects an empty variant list', () => {
    expect(problemsOf(withVariants())).toEqual(['benchmark.variants: the list is empty; at least one variant is required']);
  });

  it('rejects unknown keys at any depth, listing the allowed ones', () => {
    expect(problemsOf({ clustr: {} })).toEqual([expect.stringMatching(/^clustr: unknown key; allowed here: azure, cluster, github/)]);
    expect(problemsOf(withVariants(variant({ bufferedOutput: true })))).toEqual([
      'benchmark.variants[0].bufferedOutput: unknown key; allowed here: name, cpu, memory, driver, bufferedOutputs, customRules',
    ]);
  });

  it('customRules of a variant is optional (default false) and must be a boolean', () => {
    const parsed = resolveConfig(withVariants(variant(), variant({ name: 'v2', customRules: true })), {});
    expect(parsed.benchmark.variants.map((v) => v.customRules)).toEqual([false, true]);
    expect(problemsOf(withVariants(variant({ customRules: 'yes' })))).toEqual(['benchmark.variants[0].customRules: expected boolean, got string "yes"']);
  });

  it('rejects wrong types and missing variant fields', () => {
    expect(problemsOf({ cluster: { systemNodeCount: '2' } })).toEqual(['cluster.systemNodeCount: expected number, got string "2"']);
    expect(problemsOf(withVariants({ name: 'v1', driver: 'kmod', cpu: { limit: '1' } }))).toEqual(
      expect.arrayContaining(['benchmark.variants[0].bufferedOutputs: required', 'benchmark.variants[0].cpu.request: required', 'benchmark.variants[0].memory: required']),
    );
  });

  it('checks durations, GitHub mode and the azurerm backend section', () => {
    expect(problemsOf({ benchmark: { roundDuration: '5 seconds' } })[0]).toMatch(/^benchmark\.roundDuration: "5 seconds" .*Go duration/);
    expect(problemsOf({ flux: { interval: '500us' } })).toEqual(['flux.interval: "500us" is not allowed; expected a duration in ms, s, m or h, such as 1m or 30s']);
    expect(problemsOf({ github: { mode: 'fork' } })).toEqual(['github.mode: "fork" is not allowed; allowed: existing, create']);
    expect(problemsOf({ state: { backend: 'azurerm' } })).toEqual(['state.azurerm: required when state.backend is "azurerm"']);
    const ok = resolveConfig({ state: { backend: 'azurerm', azurerm: { resourceGroupName: 'rg-state', storageAccountName: 'tfstate123' } } });
    expect(ok.state.azurerm).toEqual({ resourceGroupName: 'rg-state', storageAccountName: 'tfstate123', containerName: 'tfstate', keyPrefix: 'falco-bench/' });
  });

  it('response: enabled by default with the shipped policy; priority and policy path checked', () => {
    expect(resolveConfig(null).response).toEqual({ enabled: true, dryRun: false, minimumPriority: 'notice', policyFile: 'responder/policy.yaml' });
    expect(resolveConfig({ response: { enabled: false } }).response.enabled).toBe(false);
    expect(problemsOf({ response: { minimumPriority: 'NOTICE' } })).toEqual([
      'response.minimumPriority: "NOTICE" is not allowed; allowed: emergency, alert, critical, error, warning, notice, informational, debug',
    ]);
    for (const policyFile of ['/etc/policy.yaml', '../policy.yaml', 'responder/policy.json']) {
      expect(problemsOf({ response: { policyFile } })[0]).toMatch(/^response\.policyFile: .* expected a \.yaml file path relative to the repository root/);
    }
    expect(problemsOf({ response: { dryRun: 'yes' } })).toEqual(['response.dryRun: expected boolean, got string "yes"']);
  });

  it('reports every problem at once, and file problems name the file', () => {
    expect(problemsOf({ github: { mode: 'x', visibility: 'y' } })).toHaveLength(2);
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'bad.yaml'), 'cluster: [unclosed');
    expect(() => loadConfig(join(dir, 'bad.yaml'), {})).toThrow(/bad\.yaml:\n  - not valid YAML/);
    expect(() => loadConfig(join(dir, 'missing.yaml'), {})).toThrow(/missing\.yaml:\n  - cannot read the file: ENOENT/);
  });
});
