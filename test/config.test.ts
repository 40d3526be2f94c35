import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, loadConfig, resolveConfig } from '../config/load';
import { entries } from '../config/registry';
import { CONFIG_REGISTRY, DEFAULT_CONFIG } from '../config/schema';
import { REPO_ROOT } from './helpers/gitops-tree';

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
  it("the repository's bench.config.yaml is valid, whatever values a fork gives it", () => {
    const notices: string[] = [];
    expect(() => loadConfig(join(REPO_ROOT, 'bench.config.yaml'), {}, (l) => notices.push(l))).not.toThrow();
  });

  it('an empty or all-comment file is valid, gives the defaults and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    for (const [name, text] of [['empty.yaml', ''], ['comments.yaml', '# nothing set yet\n#cluster:\n#  name: x\n']]) {
      writeFileSync(join(dir, name), text);
      const notices: string[] = [];
      expect(loadConfig(join(dir, name), {}, (l) => notices.push(l))).toEqual(DEFAULT_CONFIG);
      expect(notices).toEqual([`${join(dir, name)}: no settings (empty or only comments); all defaults apply`]);
    }
    writeFileSync(join(dir, 'set.yaml'), 'cluster:\n  name: x\n');
    const notices: string[] = [];
    loadConfig(join(dir, 'set.yaml'), {}, (l) => notices.push(l));
    expect(notices).toEqual([]);
  });

  it('a section left empty in YAML (all its keys commented out) takes its defaults', () => {
    expect(resolveConfig(parse('cluster:\n  # name: x\ngithub:\n')).cluster).toEqual(DEFAULT_CONFIG.cluster);
  });

  it('reads unquoted numbers as quantities (cpu: 1 is "1"), but not as versions', () => {
    const c = resolveConfig(parse('benchmark:\n  variants:\n    - { name: v1, driver: kmod, bufferedOutputs: false, cpu: { request: 0.5, limit: 1 }, memory: { request: 1024, limit: 2048 } }\n'));
    expect(c.benchmark.variants[0].cpu).toEqual({ request: '0.5', limit: '1' });
    expect(c.benchmark.variants[0].memory).toEqual({ request: '1024', limit: '2048' });
    expect(problemsOf(parse('cluster:\n  kubernetesVersion: 1.30\n'))).toEqual([
      'cluster.kubernetesVersion: expected a string, got number 1.3 (YAML reads it as a number: write it in quotes, e.g. "1.3")',
    ]);
    expect(problemsOf(withVariants(variant({ cpu: { request: 0, limit: 1 } })))).toEqual([
      'benchmark.variants[v1].cpu.request: "0" is not allowed; expected a CPU quantity such as 1, 1.5 or 500m (greater than zero)',
    ]);
  });

  it('names variants by name, and by index only where the name itself is missing or bad', () => {
    const p = problemsOf(withVariants(variant({ name: 'kmod1cpu', cpu: { request: '1', limit: 'lots' } }), variant({ name: 'Bad', driver: 'x' }), { driver: 'kmod' }));
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^benchmark\.variants\[kmod1cpu\]\.cpu\.limit: "lots" is not allowed/),
        expect.stringMatching(/^benchmark\.variants\[1\]\.name: "Bad" is not allowed/),
        'benchmark.variants[1].driver: "x" is not allowed; allowed: kmod, modern_ebpf',
        'benchmark.variants[2].name: required',
      ]),
    );
    expect(problemsOf(withVariants('v1'))).toEqual(['benchmark.variants[0]: expected a map (one variant), got string "v1"']);
  });

  it('every setting in the registry has a one-line doc, and the defaults come from it', () => {
    for (const { path, node } of entries(CONFIG_REGISTRY)) {
      expect({ path, doc: node.doc.length > 0 && !node.doc.includes('\n') }).toEqual({ path, doc: true });
    }
    expect(resolveConfig({})).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.cluster).toEqual({
      name: 'aks-falco',
      kubernetesVersion: '1.35',
      osSku: 'Ubuntu2404',
      systemVmSize: 'Standard_D4as_v5',
      systemNodeCount: 1,
      benchmarkVmSize: 'Standard_D4as_v5',
      entraIdRbac: false,
    });
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
    expect(problemsOf({ cluster: { apiServerAuthorizedIpRanges: ['203.0.113.7/32', 7] } })).toEqual([
      'cluster.apiServerAuthorizedIpRanges[1]: expected a string, got number 7',
    ]);
    expect(problemsOf({ cluster: { apiServerAuthorizedIpRanges: ['203.0.113.7', '300.1.1.1/32', '10.0.0.0/33'] } })).toEqual(
      ['"203.0.113.7"', '"300.1.1.1/32"', '"10.0.0.0/33"'].map(
        (v, i) => `cluster.apiServerAuthorizedIpRanges[${i}]: ${v} is not allowed; expected an IPv4 address range in CIDR form, such as 203.0.113.7/32`,
      ),
    );
    // An empty `apiServerAuthorizedIpRanges:` in YAML is unset, not the open-to-the-internet opt-out.
    expect(resolveConfig({ cluster: { apiServerAuthorizedIpRanges: null } }).cluster.apiServerAuthorizedIpRanges).toBeUndefined();
    expect(problemsOf({ cluster: { apiServerAuthorizedIpRanges: '203.0.113.7/32' } })).toEqual([
      'cluster.apiServerAuthorizedIpRanges: expected a list of strings, got string "203.0.113.7/32"',
    ]);
    expect(problemsOf({ cluster: { entraIdRbac: 'yes' } })).toEqual(['cluster.entraIdRbac: expected true or false, got string "yes"']);
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
    expect(problemsOf({}, { GITHUB_REPOSITORY: 'a/b/c' })).toEqual(['GITHUB_REPOSITORY: "a/b/c" is not "owner/name" or "name"']);
    expect(problemsOf({}, { GITHUB_OWNER: '-bad-', ARM_SUBSCRIPTION_ID: 'nope' })).toEqual([
      'azure.subscriptionId (from ARM_SUBSCRIPTION_ID): "nope" is not allowed; expected a subscription GUID or empty (then ARM_SUBSCRIPTION_ID)',
      'github.owner (from GITHUB_OWNER): "-bad-" is not allowed; expected a GitHub user or organisation name',
    ]);
  });

  it('rejects an unknown driver, naming the field, value and what is allowed', () => {
    expect(problemsOf(withVariants(variant({ driver: 'ebpf' })))).toEqual([
      'benchmark.variants[v1].driver: "ebpf" is not allowed; allowed: kmod, modern_ebpf',
    ]);
  });

  it("refuses a variant whose requests do not fit its node's allocatable capacity (4 vCPUs on a 4-vCPU VM), naming the field and the figures", () => {
    const p = problemsOf(withVariants(variant({ cpu: { request: '4', limit: '4' }, memory: { request: '13Gi', limit: '13Gi' } })));
    expect(p).toEqual([
      'benchmark.variants[v1].cpu.request: "4" does not fit a Standard_D4as_v5 node (cluster.benchmarkVmSize): at most 3560m is allocatable there (4 vCPUs and 16 GiB, less AKS\'s reservations (140m, 4196Mi) and DaemonSets (300m, 600Mi)); Falco would stay Pending. Lower the request or choose a larger VM size',
      expect.stringMatching(/^benchmark\.variants\[v1\]\.memory\.request: "13Gi" does not fit a Standard_D4as_v5 node \(cluster\.benchmarkVmSize\): at most 11588Mi is allocatable there/),
    ]);
    // The largest request that fits passes; a larger VM takes what the smaller refused.
    expect(() => resolveConfig(withVariants(variant({ cpu: { request: '3560m', limit: '4' }, memory: { request: '11588Mi', limit: '13Gi' } })))).not.toThrow();
    expect(() => resolveConfig({ cluster: { benchmarkVmSize: 'Standard_D8as_v5' }, ...withVariants(variant({ cpu: { request: '4', limit: '4' } })) })).not.toThrow();
    // A size whose memory is not known by its name (burstable B) is checked for CPU only.
    expect(problemsOf({ cluster: { benchmarkVmSize: 'Standard_B2s' }, ...withVariants(variant({ cpu: { request: '2', limit: '2' }, memory: { request: '64Gi', limit: '64Gi' } })) })).toEqual([
      expect.stringMatching(/^benchmark\.variants\[v1\]\.cpu\.request: "2" does not fit a Standard_B2s node .*at most 1600m .*\(2 vCPUs less 100m for kubelet and 300m for AKS's DaemonSets\)/),
    ]);
  });

  it('rejects malformed CPU and memory quantities and request above limit', () => {
    const p = problemsOf(withVariants(variant({ cpu: { request: '1 core', limit: '2' }, memory: { request: '2Gi', limit: '1Gi' } })));
    expect(p).toEqual([
      expect.stringMatching(/^benchmark\.variants\[v1\]\.cpu\.request: "1 core" is not allowed; expected a CPU quantity/),
      'benchmark.variants[v1].memory.request: "2Gi" is more than the limit "1Gi"; the request must not exceed the limit',
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
    expect(problemsOf(withVariants(variant({ name })))).toEqual([`benchmark.variants[${name}].name: "${name}" is not allowed; system and systemtmp are the system node pool's names`]);
  });

  it('rejects an empty variant list', () => {
    expect(problemsOf(withVariants())).toEqual(['benchmark.variants: the list is empty; at least one variant is required']);
  });

  it('rejects unknown keys at any depth, listing the allowed ones', () => {
    expect(problemsOf({ clustr: {} })).toEqual([expect.stringMatching(/^clustr: unknown key; allowed here: azure, cluster, github/)]);
    expect(problemsOf(withVariants(variant({ bufferedOutput: true })))).toEqual([
      'benchmark.variants[v1].bufferedOutput: unknown key; allowed here: name, driver, bufferedOutputs, cpu, memory, customRules, bufferSizePreset, cpusForEachBuffer, dropFailedExit, baseSyscalls, falcoChart, falcoValues',
    ]);
  });

  it('customRules of a variant is optional (default false) and must be a boolean', () => {
    const parsed = resolveConfig(withVariants(variant(), variant({ name: 'v2', customRules: true })), {});
    expect(parsed.benchmark.variants.map((v) => v.customRules)).toEqual([false, true]);
    expect(problemsOf(withVariants(variant({ customRules: 'yes' })))).toEqual(['benchmark.variants[v1].customRules: expected true or false, got string "yes"']);
  });

  it('benchmark.repeat: runs per variant, default 3, a whole number from 1 to 10; restBetweenRuns a Go duration, default 1m', () => {
    const defaults = resolveConfig({}, {});
    expect([defaults.benchmark.repeat, defaults.benchmark.restBetweenRuns]).toEqual([3, '1m']);
    expect(resolveConfig({ benchmark: { repeat: 1, restBetweenRuns: '0s' } }, {}).benchmark).toMatchObject({ repeat: 1, restBetweenRuns: '0s' });
    expect(resolveConfig({ benchmark: { repeat: 10 } }, {}).benchmark.repeat).toBe(10);
    for (const bad of [0, -1, 11, 2.5]) {
      expect(problemsOf({ benchmark: { repeat: bad } })).toEqual([`benchmark.repeat: ${bad} is not allowed; expected a whole number from 1 to 10`]);
    }
    expect(problemsOf({ benchmark: { repeat: '3' } })).toEqual(['benchmark.repeat: expected a whole number, got string "3"']);
    expect(problemsOf({ benchmark: { restBetweenRuns: '1 minute' } })[0]).toMatch(/^benchmark\.restBetweenRuns: "1 minute" .*Go duration/);
  });

  it('rejects wrong types and missing variant fields', () => {
    expect(problemsOf({ cluster: { systemNodeCount: '2' } })).toEqual(['cluster.systemNodeCount: expected a whole number, got string "2"']);
    expect(problemsOf(withVariants({ name: 'v1', driver: 'kmod', cpu: { limit: '1' } }))).toEqual(
      expect.arrayContaining(['benchmark.variants[v1].bufferedOutputs: required', 'benchmark.variants[v1].cpu.request: required', 'benchmark.variants[v1].memory.request: required']),
    );
  });

  it('checks durations, GitHub mode and the azurerm backend section', () => {
    expect(problemsOf({ benchmark: { roundDuration: '5 seconds' } })[0]).toMatch(/^benchmark\.roundDuration: "5 seconds" .*Go duration/);
    expect(problemsOf({ flux: { interval: '500us' } })).toEqual(['flux.interval: "500us" is not allowed; expected a duration in ms, s, m or h, such as 1m or 30s']);
    expect(problemsOf({ github: { mode: 'fork' } })).toEqual(['github.mode: "fork" is not allowed; allowed: existing, create']);
    expect(problemsOf({ state: { backend: 'azurerm' } })).toEqual(['state.azurerm: required when state.backend is "azurerm"']);
    expect(problemsOf({ state: { backend: 'azurerm', azurerm: { storageAccountName: 'tfstate123' } } })).toEqual(['state.azurerm.resourceGroupName: required']);
    expect(problemsOf({ benchmark: { roundDuration: '1m', maxDuration: '90s' } })).toEqual([
      'benchmark.maxDuration: "90s" is not allowed; expected at least two rounds (2 x 1m: a round and its rest)',
    ]);
    expect(problemsOf({ benchmark: { actions: '(' } })).toEqual(['benchmark.actions: "(" is not allowed; expected a regular expression']);
    expect(problemsOf({ state: { localDirectory: '/abs' } })).toEqual(['state.localDirectory: "/abs" is not allowed; expected a path relative to the project root']);
    expect(problemsOf([1])).toEqual(['the document: expected a map of settings, got a list [1]']);
    const ok = resolveConfig({ state: { backend: 'azurerm', azurerm: { resourceGroupName: 'rg-state', storageAccountName: 'tfstate123' } } });
    expect(ok.state.azurerm).toEqual({ resourceGroupName: 'rg-state', storageAccountName: 'tfstate123', containerName: 'tfstate', keyPrefix: 'falco-bench/' });
  });

  it('response: enabled by default with the shipped policy; priority and policy path checked', () => {
    expect(resolveConfig(null).response).toEqual({
      enabled: true,
      dryRun: false,
      minimumPriority: 'notice',
      policyFile: 'responder/policy.yaml',
      apps: { repository: 'falco-aks-apps', mode: 'create', visibility: 'private', branch: 'main', namespaces: ['demo'] },
    });
    for (const reserved of ['kube-system', 'flux-system', 'falco', 'falco-response', 'falco-bench', 'default']) {
      expect(problemsOf({ response: { apps: { namespaces: ['demo', reserved] } } })).toEqual([expect.stringMatching(new RegExp(`^response.apps.namespaces: .*${reserved}.* is not allowed; a tenant namespace cannot be`))]);
    }
    expect(problemsOf({ response: { apps: { namespaces: [] } } })).toEqual(['response.apps.namespaces: expected at least one tenant namespace']);
    expect(resolveConfig({ response: { enabled: false } }).response.enabled).toBe(false);
    expect(problemsOf({ response: { minimumPriority: 'NOTICE' } })).toEqual([
      'response.minimumPriority: "NOTICE" is not allowed; allowed: emergency, alert, critical, error, warning, notice, informational, debug',
    ]);
    for (const policyFile of ['/etc/policy.yaml', '../policy.yaml', 'responder/policy.json']) {
      expect(problemsOf({ response: { policyFile } })[0]).toMatch(/^response\.policyFile: .* expected a \.yaml file path relative to the repository root/);
    }
    expect(problemsOf({ response: { dryRun: 'yes' } })).toEqual(['response.dryRun: expected true or false, got string "yes"']);
  });

  it('reports every problem at once, and file problems name the file', () => {
    expect(problemsOf({ github: { mode: 'x', visibility: 'y' } })).toHaveLength(2);
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'bad.yaml'), 'cluster: [unclosed');
    expect(() => loadConfig(join(dir, 'bad.yaml'), {})).toThrow(/bad\.yaml:\n  - not valid YAML/);
    expect(() => loadConfig(join(dir, 'missing.yaml'), {})).toThrow(/missing\.yaml:\n  - cannot read the file: ENOENT/);
  });
});
