/**
 * The registry mechanism: adding a setting is one entry, and everything else follows (type, default,
 * validation, docs). Shown with made-up settings of each kind (a per-variant opt-in, a new section, a list of
 * CIDR ranges), on an extended copy of the registry; the product's registry is untouched.
 */
import { configReference } from '../config/docs';
import { bool, defaultsOf, entries, list, oneOf, resolve, section, strings, text, type ValueOf } from '../config/registry';
import { CONFIG_REGISTRY, DEFAULT_CONFIG, DEFAULT_VARIANTS } from '../config/schema';

const F = CONFIG_REGISTRY.fields;
const variants = F.benchmark.fields.variants;
const EXTENDED = section({
  ...F,
  cluster: section({
    ...F.cluster.fields,
    exampleRanges: strings({
      doc: 'CIDR ranges allowed to reach the API server',
      default: [],
      pattern: /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/,
      expect: 'IPv4 CIDR ranges such as 203.0.113.7/32',
    }),
  }),
  benchmark: section({
    ...F.benchmark.fields,
    variants: list(section({ ...variants.item.fields, exampleFlag: bool({ doc: "load the repository's rules/ too", default: false }) }), {
      ...variants,
      default: DEFAULT_VARIANTS.map((v) => ({ ...v, exampleFlag: false })),
    }),
  }),
  example: section({
    enabled: bool({ doc: 'deploy the response engine', default: false }),
    minimumPriority: oneOf(['warning', 'error', 'critical'] as const, { doc: 'lowest priority acted on', default: 'critical' }),
    policyFile: text({ doc: 'response policy, relative to the repository root', default: 'responder/policy.yaml' }),
  }),
});
type Extended = ValueOf<typeof EXTENDED>;

describe('adding a setting is one registry entry', () => {
  it('gives the type and the defaults', () => {
    const d: Extended = defaultsOf(EXTENDED);
    const typed: { ranges: string[]; custom: boolean; priority: 'warning' | 'error' | 'critical' } = {
      ranges: d.cluster.exampleRanges,
      custom: d.benchmark.variants[0].exampleFlag,
      priority: d.example.minimumPriority,
    };
    expect(typed).toEqual({ ranges: [], custom: false, priority: 'critical' });
    expect(d.azure).toEqual(DEFAULT_CONFIG.azure);
  });

  it('validates it, a defaulted per-variant field being optional in each variant', () => {
    const v = { name: 'v1', driver: 'kmod', bufferedOutputs: false, cpu: { request: '1', limit: '1' }, memory: { request: '1Gi', limit: '1Gi' } };
    const ok = resolve(EXTENDED, { benchmark: { variants: [v, { ...v, name: 'v2', exampleFlag: true }] }, cluster: { exampleRanges: ['203.0.113.7/32'] } }, {});
    expect(ok.problems).toEqual([]);
    expect(ok.value.benchmark.variants.map((x) => x.exampleFlag)).toEqual([false, true]);
    const bad = resolve(EXTENDED, { benchmark: { variants: [{ ...v, exampleFlag: 'yes' }] }, cluster: { exampleRanges: ['0.0.0.0', 7] }, example: { minimumPriority: 'low' } }, {});
    expect(bad.problems).toEqual([
      'cluster.exampleRanges[0]: "0.0.0.0" is not allowed; expected IPv4 CIDR ranges such as 203.0.113.7/32',
      'cluster.exampleRanges[1]: expected a string, got number 7',
      'benchmark.variants[v1].exampleFlag: expected true or false, got string "yes"',
      'example.minimumPriority: "low" is not allowed; allowed: warning, error, critical',
    ]);
  });

  it('documents it', () => {
    const doc = configReference(EXTENDED);
    expect(doc).toContain('| `cluster.exampleRanges` | `[]` | list of IPv4 CIDR ranges such as 203.0.113.7/32 | CIDR ranges allowed to reach the API server |');
    expect(doc).toContain('| `benchmark.variants[].exampleFlag` | `false` | `true`, `false` |');
    expect(doc).toContain('| `example.minimumPriority` | `critical` | `warning`, `error`, `critical` | lowest priority acted on |');
    expect(entries(EXTENDED).length).toBe(entries(CONFIG_REGISTRY).length + 5);
  });
});
