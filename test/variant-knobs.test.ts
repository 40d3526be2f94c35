/**
 * The variant knobs that govern drops (bufferSizePreset, cpusForEachBuffer, dropFailedExit, baseSyscalls,
 * falcoChart) and the `falcoValues` escape hatch: each rendered by the real helm with the real chart into the
 * falco.yaml and DaemonSet it must produce, refused with the field and the allowed values when bad, and part of
 * the run hash; the committed chart key index is what `npm run charts:index` makes of the charts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, resolveConfig } from '../config/load';
import { kernelBuffers, parseVmSize } from '../config/vm';
import type { BenchConfig, VariantConfig } from '../config/schema';
import { runHash } from '../gitops/benchmark';
import { CHART_KEYS_FILE, buildChartKeys, chartKeys, chartValuesUpstream, renderChartKeys, type ChartKeyIndex } from '../config/chart-keys';
import { main as indexMain } from '../gitops/chart-keys-cli';
import { falcoRelease, falcoValues } from '../gitops/falco';
import { FALCO_CHART_KEYS } from '../config/falco-chart-keys';
import { CHART_DEFAULT_BUF_SIZE_PRESET, CHART_DEFAULT_CPUS_FOR_EACH_BUFFER, OWNED_VALUES, falcoValuesProblems, knobsMissingInChart } from '../config/falco-knobs';
import { CHARTS, FALCO_CHARTS, FALCO_CHART_VERSIONS } from '../contract/versions';
import { FREE_FORM_VALUES, unknownValueKeys } from './helpers/chart-values';
import { REPO_ROOT, allObjects, parseRendered, repoInputs } from './helpers/gitops-tree';
import { renderTree } from '../gitops/tree';
import type { HelmRelease } from '../gitops/types';
import { falcoReleaseName } from '../contract/naming';
import { K8sObject, findObject, renderHelmRelease } from './helpers/helm';
import { describeWithUpstream, upstreamChartMeta, upstreamChartValues } from './helpers/upstream';

type Obj = Record<string, any>;

const base = (name: string, driver: VariantConfig['driver'], extra: Record<string, unknown> = {}) => ({
  name,
  driver,
  bufferedOutputs: false,
  cpu: { request: '1', limit: '1' },
  memory: { request: '1Gi', limit: '1Gi' },
  ...extra,
});

/** A configuration of these variants (defaults elsewhere); throws ConfigError when they do not validate. */
const configOf = (...variants: Record<string, unknown>[]): BenchConfig => resolveConfig({ benchmark: { variants } }, {});

/** The problems of one variant, as the configuration reports them (`benchmark.variants[x].<field>: ...`). */
function problemsOf(extra: Record<string, unknown>, driver: VariantConfig['driver'] = 'modern_ebpf', root: Record<string, unknown> = {}): string[] {
  try {
    resolveConfig({ ...root, benchmark: { variants: [base('x', driver, extra)] } }, {});
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.message.split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4));
  }
}

describeWithUpstream('variant knobs rendered by helm with the real Falco charts', () => {
  const config = configOf(
    base('kmodknobs', 'kmod', { bufferSizePreset: 6, dropFailedExit: true }),
    base('ebpfknobs', 'modern_ebpf', { bufferSizePreset: 8, cpusForEachBuffer: 0, dropFailedExit: true, baseSyscalls: { customSet: ['clone', 'execve', '!mprotect'], repair: true } }),
    base('oldkmod', 'kmod', { falcoChart: '8.0.5', bufferSizePreset: 5, falcoValues: { falco: { log_level: 'debug', syscall_event_drops: { threshold: 0.2 } } } }),
    base('oldebpf', 'modern_ebpf', { falcoChart: '8.0.5', cpusForEachBuffer: 1, dropFailedExit: true, baseSyscalls: { customSet: [], repair: true } }),
    base('plain', 'modern_ebpf'),
  );
  const rendered = new Map<string, K8sObject[]>(config.benchmark.variants.map((v) => [v.name, renderHelmRelease(falcoRelease(config, v))]));
  const falcoYaml = (name: string): Obj => {
    const cm = rendered.get(name)!.find((o) => o.kind === 'ConfigMap' && typeof (o as Obj).data?.['falco.yaml'] === 'string') as Obj;
    return parse(cm.data['falco.yaml']);
  };
  const daemonSet = (name: string): Obj => findObject<Obj>(rendered.get(name)!, 'DaemonSet');
  const falcoContainer = (name: string): Obj => daemonSet(name).spec.template.spec.containers.find((c: Obj) => c.name === 'falco');
  const tagOf = (image: string) => image.slice(image.lastIndexOf(':') + 1);

  it('kmod: bufferSizePreset and dropFailedExit become engine.kmod in falco.yaml', () => {
    expect(falcoYaml('kmodknobs').engine).toEqual({ kind: 'kmod', kmod: { buf_size_preset: 6, drop_failed_exit: true } });
  });

  it('modern eBPF: bufferSizePreset, cpusForEachBuffer 0 and dropFailedExit become engine.modern_ebpf; baseSyscalls becomes base_syscalls', () => {
    const yaml = falcoYaml('ebpfknobs');
    expect(yaml.engine).toMatchObject({ kind: 'modern_ebpf', modern_ebpf: { buf_size_preset: 8, cpus_for_each_buffer: 0, drop_failed_exit: true } });
    expect(yaml.base_syscalls).toMatchObject({ custom_set: ['clone', 'execve', '!mprotect'], repair: true });
  });

  it('unset knobs leave the chart defaults in falco.yaml (preset 4, 2 CPUs per buffer, no failed-exit drops, no custom set)', () => {
    const yaml = falcoYaml('plain');
    expect(yaml.engine.modern_ebpf).toMatchObject({ buf_size_preset: CHART_DEFAULT_BUF_SIZE_PRESET, cpus_for_each_buffer: CHART_DEFAULT_CPUS_FOR_EACH_BUFFER, drop_failed_exit: false });
    expect(yaml.base_syscalls).toMatchObject({ custom_set: [], repair: false });
    expect(falcoValues(config.benchmark.variants.find((v) => v.name === 'plain')!)).not.toHaveProperty('image');
  });

  it('the DaemonSet of each variant runs its chart\'s Falco: 0.44.1 on the pinned 9.1.0, 0.43.1 (Falco and driver loader) on 8.0.5', () => {
    for (const name of ['kmodknobs', 'ebpfknobs', 'plain']) expect([name, tagOf(falcoContainer(name).image)]).toEqual([name, '0.44.1']);
    for (const name of ['oldkmod', 'oldebpf']) expect([name, tagOf(falcoContainer(name).image)]).toEqual([name, '0.43.1']);
    const loader = daemonSet('oldkmod').spec.template.spec.initContainers.find((c: Obj) => /driver-loader/.test(c.image));
    expect(tagOf(loader.image)).toBe('0.43.1');
    const hr = falcoRelease(config, config.benchmark.variants.find((v) => v.name === 'oldkmod')!);
    expect(hr.spec.chart.spec).toMatchObject({ chart: 'falco', version: '8.0.5' });
    expect(falcoRelease(config, config.benchmark.variants[0]).spec.chart.spec.version).toBe(CHARTS.falco.version);
  });

  it('a variant on chart 8.0.5 gets its knobs and falcoValues into its falco.yaml, and stays on its node with its resources', () => {
    expect(falcoYaml('oldkmod').engine).toEqual({ kind: 'kmod', kmod: { buf_size_preset: 5, drop_failed_exit: false } });
    expect(falcoYaml('oldkmod').log_level).toBe('debug');
    expect(falcoYaml('oldkmod').syscall_event_drops.threshold).toBe(0.2);
    expect(falcoYaml('oldebpf').engine).toMatchObject({ kind: 'modern_ebpf', modern_ebpf: { cpus_for_each_buffer: 1, drop_failed_exit: true } });
    expect(falcoYaml('oldebpf').base_syscalls).toMatchObject({ custom_set: [], repair: true });
    const pod = daemonSet('oldkmod').spec.template.spec;
    expect(pod.nodeSelector).toMatchObject({ 'falco-bench/variant': 'oldkmod' });
    expect(falcoContainer('oldkmod').resources).toEqual({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  it("in the whole tree, every variant's Falco HelmRelease names its chart and sets only keys of that chart's values.yaml", () => {
    const releases = allObjects(parseRendered(renderTree(config, repoInputs))).filter((o) => o.kind === 'HelmRelease' && o.spec.chart.spec.chart === 'falco') as HelmRelease[];
    const byName = new Map(releases.map((r) => [r.metadata.name, r]));
    for (const v of config.benchmark.variants) {
      const hr = byName.get(falcoReleaseName(v))!;
      expect([v.name, hr.spec.chart.spec.version]).toEqual([v.name, v.falcoChart ?? CHARTS.falco.version]);
      expect([v.name, unknownValueKeys(hr.spec.values!, upstreamChartValues('falco', hr.spec.chart.spec.version))]).toEqual([v.name, []]);
    }
  });

  it('each chart of FALCO_CHARTS is in the upstream data, ships the Falco the registry says, and has the defaults the docs state', () => {
    for (const [version, pin] of Object.entries(FALCO_CHARTS)) {
      expect([version, upstreamChartMeta('falco', version).appVersion]).toEqual([version, pin.falco]);
      const driver = upstreamChartValues('falco', version).driver as Obj;
      for (const section of ['kmod', 'modernEbpf']) expect([version, section, driver[section].bufSizePreset]).toEqual([version, section, CHART_DEFAULT_BUF_SIZE_PRESET]);
      expect([version, driver.modernEbpf.cpusForEachBuffer]).toEqual([version, CHART_DEFAULT_CPUS_FOR_EACH_BUFFER]);
    }
  });

  it('the committed key index is what npm run charts:index makes of the charts, and holds key paths only', async () => {
    const fresh: Record<string, ChartKeyIndex> = {};
    for (const v of FALCO_CHART_VERSIONS) fresh[v] = buildChartKeys(v, readFileSync(join(REPO_ROOT, chartValuesUpstream(v)), 'utf8'));
    expect(readFileSync(join(REPO_ROOT, CHART_KEYS_FILE), 'utf8')).toBe(renderChartKeys(fresh));
    const err: string[] = [];
    expect(await indexMain(['--check'], { stdout: () => undefined, stderr: (l) => err.push(l) }, REPO_ROOT)).toBe(0);
    expect(err).toEqual([]);
    const lines = readFileSync(join(REPO_ROOT, CHART_KEYS_FILE), 'utf8').split('\n');
    for (const l of lines.filter((x) => x.startsWith('      '))) expect(l).toMatch(/^ {6}"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*",$/);
  });
});

describe('the chart value paths the project owns', () => {
  const full = configOf(
    base('k', 'kmod', { bufferSizePreset: 6, dropFailedExit: true, customRules: true, baseSyscalls: { customSet: ['clone'], repair: true }, falcoChart: '8.0.5' }),
    base('e', 'modern_ebpf', { bufferSizePreset: 6, cpusForEachBuffer: 1, dropFailedExit: true }),
  );
  /** Every path the generator writes, down to scalars, lists and the free-form maps. */
  const paths = (values: Obj, at = ''): string[] =>
    Object.entries(values).flatMap(([k, v]) => {
      const path = at ? `${at}.${k}` : k;
      return v !== null && typeof v === 'object' && !Array.isArray(v) && !(at === '' && FREE_FORM_VALUES.includes(k)) ? paths(v, path) : [path];
    });
  const owned = (p: string) => OWNED_VALUES.some(([o]) => p === o || p.startsWith(`${o}.`));

  it('covers every value a variant\'s Falco gets from the project or a knob, so falcoValues cannot override one', () => {
    for (const v of full.benchmark.variants) {
      const written = paths(falcoValues(v, [{ path: 'rules/a.yaml', text: '- list: a\n  items: []\n' }] as never));
      expect(written.filter((p) => !owned(p))).toEqual([]);
    }
  });

  it('names only keys of every chart a variant may choose', () => {
    for (const version of FALCO_CHART_VERSIONS) {
      const keys = chartKeys(version)!;
      expect([version, OWNED_VALUES.map(([p]) => p).filter((p) => !keys.has(p))]).toEqual([version, []]);
    }
  });
});

describe('variant knobs refused with the field and the allowed values', () => {
  it.each([
    [{ bufferSizePreset: 0 }, 'bufferSizePreset: 0 is not allowed; expected a whole number from 1 to 10'],
    [{ bufferSizePreset: 11 }, 'bufferSizePreset: 11 is not allowed; expected a whole number from 1 to 10'],
    [{ bufferSizePreset: 2.5 }, 'bufferSizePreset: 2.5 is not allowed; expected a whole number from 1 to 10'],
    [{ bufferSizePreset: '8' }, 'bufferSizePreset: expected a whole number, got string "8"'],
    [{ cpusForEachBuffer: -1 }, 'cpusForEachBuffer: -1 is not allowed; expected a whole number >= 0'],
    [{ cpusForEachBuffer: 5 }, 'cpusForEachBuffer: 5 is not allowed; a Standard_D4as_v5 node has 4 CPUs; expected 0 (one buffer for all) to 4'],
    [{ dropFailedExit: 'yes' }, 'dropFailedExit: expected true or false, got string "yes"'],
    [{ baseSyscalls: { customSet: ['open', 'Bad-1'] } }, 'baseSyscalls.customSet[1]: "Bad-1" is not allowed; expected a syscall name such as mprotect, or !mprotect to leave it out'],
    [{ baseSyscalls: { customSet: 'open' } }, 'baseSyscalls.customSet: expected a list of strings, got string "open"'],
    [{ baseSyscalls: { repair: 'no' } }, 'baseSyscalls.repair: expected true or false, got string "no"'],
    [{ baseSyscalls: { custom_set: [] } }, 'baseSyscalls.custom_set: unknown key; allowed here: customSet, repair'],
    [{ falcoChart: '9.0.0' }, 'falcoChart: "9.0.0" is not allowed; the Falco charts this project renders and checks are 9.1.0 (Falco 0.44.1, the pinned default), 8.0.5 (Falco 0.43.1)'],
    [{ falcoValues: ['a'] }, 'falcoValues: expected a map, got a list ["a"]'],
  ])('%j', (extra, problem) => {
    expect(problemsOf(extra)).toEqual([expect.stringContaining(`benchmark.variants[x].${problem}`)]);
  });

  it('cpusForEachBuffer with the kernel module is refused: it has one buffer per CPU', () => {
    expect(problemsOf({ cpusForEachBuffer: 1 }, 'kmod')).toEqual([
      'benchmark.variants[x].cpusForEachBuffer: 1 is not allowed; cpusForEachBuffer applies to driver modern_ebpf only; the kernel module (driver "kmod") has one buffer per CPU',
    ]);
  });

  it("modern eBPF buffers as large as Falco's memory limit are refused (they are charged to its cgroup); kmod's are not", () => {
    expect(problemsOf({ bufferSizePreset: 10, cpusForEachBuffer: 1 })).toEqual([
      expect.stringMatching(/^benchmark\.variants\[x\]\.bufferSizePreset: 4 ring buffer\(s\) of 512Mi on a 4-CPU Standard_D4as_v5 node take 2048Mi, at least Falco's memory limit "1Gi"/),
    ]);
    expect(problemsOf({ bufferSizePreset: 10, cpusForEachBuffer: 0 })).toEqual([]);
    expect(problemsOf({ bufferSizePreset: 10 }, 'kmod')).toEqual([]);
  });

  it('every knob with valid values passes, on both charts', () => {
    const knobs = { bufferSizePreset: 1, cpusForEachBuffer: 4, dropFailedExit: false, baseSyscalls: { customSet: ['!mprotect'], repair: false } };
    expect(problemsOf(knobs)).toEqual([]);
    expect(problemsOf({ ...knobs, falcoChart: '8.0.5' })).toEqual([]);
    expect(problemsOf({ ...knobs, falcoChart: '9.1.0' })).toEqual([]);
  });

  it('a chart version outside the registry cannot be rendered either: the error names the available ones', () => {
    const config = configOf(base('x', 'kmod'));
    expect(() => falcoRelease(config, { ...config.benchmark.variants[0], falcoChart: '7.0.0' })).toThrow('no Falco chart 7.0.0; available: 9.1.0, 8.0.5');
  });

  it('a knob the chosen chart does not have is refused, naming the chart and the value it lacks', () => {
    const index = { ...FALCO_CHART_KEYS['9.1.0'], keys: FALCO_CHART_KEYS['9.1.0'].keys.filter((k) => k !== 'driver.modernEbpf.cpusForEachBuffer') };
    const variant = { driver: 'modern_ebpf', cpusForEachBuffer: 1, bufferSizePreset: 4 } as const;
    expect(knobsMissingInChart(variant, { '9.1.0': index })).toEqual([
      { field: 'cpusForEachBuffer', problem: '`cpusForEachBuffer` is not available with chart falco 9.1.0: its values have no `driver.modernEbpf.cpusForEachBuffer`' },
    ]);
    expect(knobsMissingInChart(variant)).toEqual([]);
  });
});

describe('falcoValues: only keys of the chosen chart that the project does not own', () => {
  const refused = (values: Record<string, unknown>, chart?: string) => problemsOf({ falcoValues: values, ...(chart ? { falcoChart: chart } : {}) });

  it('accepts chart keys the knobs miss, free-form maps of the chart included', () => {
    expect(refused({ falco: { syscall_event_drops: { threshold: 0.2, actions: ['log'] }, log_level: 'debug' }, podAnnotations: { 'example.com/x': 'y' } })).toEqual([]);
    expect(refused({ falco: { log_level: 'debug' } }, '8.0.5')).toEqual([]);
  });

  it('refuses a key the chart lacks, with the near miss', () => {
    expect(refused({ falco: { syscall_event_drops: { threshhold: 0.2 } } })).toEqual([
      'benchmark.variants[x].falcoValues: `falco.syscall_event_drops.threshhold` is not a value of chart falco 9.1.0 (did you mean `falco.syscall_event_drops.threshold`?)',
    ]);
    expect(refused({ nonsense: 1 })).toEqual(['benchmark.variants[x].falcoValues: `nonsense` is not a value of chart falco 9.1.0']);
  });

  it('refuses what the knobs and the project own, naming the owner', () => {
    expect(problemsOf({ falcoValues: { driver: { kind: 'kmod', modernEbpf: { bufSizePreset: 8 } }, resources: {}, image: { tag: 'latest' }, falco: { http_output: { url: 'http://x' } } } })).toEqual([
      'benchmark.variants[x].falcoValues: ' +
        [
          "`driver.kind` is set by the variant's `driver`, not by falcoValues",
          '`driver.modernEbpf.bufSizePreset` is set by `bufferSizePreset`, not by falcoValues',
          '`resources` is set by `cpu` and `memory`, not by falcoValues',
          '`image` is set by `falcoChart` (the image of the chart), not by falcoValues',
          '`falco.http_output` is set by the project (alerts go to the benchmark server), not by falcoValues',
        ].join('; '),
    ]);
  });

  it('refuses a value where the chart has a map, and a map where it has a value', () => {
    expect(falcoValuesProblems({ falco: 'x' }, '9.1.0')).toEqual(['`falco` is a map in chart falco 9.1.0: set its keys, not "x"']);
    expect(falcoValuesProblems({ falco: { log_level: { a: 1 } } }, '9.1.0')).toEqual(['`falco.log_level` is not a map in chart falco 9.1.0: give it a value']);
  });

  it('checks against the chosen chart: a key only one chart has is refused on the other', () => {
    // A leaf of 9.1.0's values that 8.0.5 lacks, under a map both have and the project does not own.
    const old = chartKeys('8.0.5')!;
    const only9 = FALCO_CHART_KEYS['9.1.0'].keys.find((k) => !old.has(k) && old.isMap(k.slice(0, k.lastIndexOf('.'))) && !chartKeys('9.1.0')!.isMap(k) && !OWNED_VALUES.some(([o]) => k.startsWith(o)));
    expect(only9).toBeDefined();
    const values = only9!.split('.').reverse().reduce<unknown>((inner, key) => ({ [key]: inner }), 1) as Record<string, unknown>;
    expect(falcoValuesProblems(values, '9.1.0')).toEqual([]);
    expect(falcoValuesProblems(values, '8.0.5')).toEqual([expect.stringContaining(`\`${only9}\` is not a value of chart falco 8.0.5`)]);
  });
});

describe("the README's worked matrix", () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const from = readme.indexOf('A worked matrix');
  const block = readme.slice(readme.indexOf('```yaml\n', from) + 8, readme.indexOf('```\n', readme.indexOf('```yaml\n', from) + 8));

  it('is a valid configuration, and its kernel buffer memory is what the README says', () => {
    const config = resolveConfig(parse(block), {});
    const vcpus = parseVmSize(config.cluster.benchmarkVmSize)!.vcpus;
    const mib = (v: VariantConfig) => kernelBuffers(v.driver, v.bufferSizePreset ?? CHART_DEFAULT_BUF_SIZE_PRESET, v.cpusForEachBuffer ?? CHART_DEFAULT_CPUS_FOR_EACH_BUFFER, vcpus).bytes / 2 ** 20;
    expect(Object.fromEntries(config.benchmark.variants.map((v) => [v.name, mib(v)]))).toEqual({
      kmodbuf4: 32, kmodbuf6: 128, kmodbuf8: 512, ebpfbuf4: 16, ebpfbuf6: 64, ebpfbuf8: 256, ebpfbuf6old: 64,
    });
  });
});

describe('the run hash covers every knob', () => {
  const hashOf = (extra: Record<string, unknown>, driver: VariantConfig['driver'] = 'modern_ebpf') => {
    const config = configOf(base('x', driver, extra));
    return runHash(config, config.benchmark.variants[0]);
  };
  const plain = hashOf({});

  it.each([
    [{ bufferSizePreset: 6 }],
    [{ bufferSizePreset: 4 }],
    [{ cpusForEachBuffer: 0 }],
    [{ dropFailedExit: true }],
    [{ dropFailedExit: false }],
    [{ baseSyscalls: { customSet: ['clone'] } }],
    [{ baseSyscalls: { repair: true } }],
    [{ falcoChart: '8.0.5' }],
    [{ falcoValues: { falco: { log_level: 'debug' } } }],
  ])('%j reruns the variant', (extra) => {
    expect(hashOf(extra)).not.toBe(plain);
  });

  it('each value of a knob is its own run; naming the pinned chart is not', () => {
    expect(hashOf({ bufferSizePreset: 6 })).not.toBe(hashOf({ bufferSizePreset: 8 }));
    expect(hashOf({ baseSyscalls: { customSet: ['clone'] } })).not.toBe(hashOf({ baseSyscalls: { customSet: ['execve'] } }));
    expect(hashOf({ falcoChart: CHARTS.falco.version })).toBe(plain);
    expect(hashOf({ bufferSizePreset: 6 }, 'kmod')).not.toBe(hashOf({}, 'kmod'));
  });
});
