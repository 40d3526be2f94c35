/**
 * The generated GitOps tree: layout, Flux 2.8 schemas, chart values, the cross-references between objects,
 * and that kustomize builds every folder.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import {
  BENCHMARK_NAMESPACE,
  FALCO_METRICS_PORT,
  FALCO_NAMESPACE,
  FLUX_NAMESPACE,
  FLUX_SYNC_NAME,
  GUARD_FALCO_RELEASE_NAME,
  RESPONSE_NAMESPACE,
  benchmarkReleaseName,
  chartFullname,
  clusterPath,
  falcoReleaseName,
  variantNodeLabels,
  variantToleration,
  RESPONDER_BUNDLE,
} from '../contract/naming';
import { GENERATED_HEADER } from '../gitops/yaml';
import { appsRepositorySeed } from '../gitops/apps';
import { LAYER_PATHS, UNOWNED_FILES, buildTree, renderTree } from '../gitops/tree';
import { CHARTS, EVENT_GENERATOR_IMAGE_TAG, FLUX_API, K8SMETA_PLUGIN_REF } from '../contract/versions';
import { unknownValueKeys } from './helpers/chart-values';
import { isFluxObject, loadFluxValidator } from './helpers/flux-schema';
import {
  Obj,
  allObjects,
  REPO_ROOT,
  chartFullnameAsTheChartDoes,
  changed,
  defaultConfig,
  hasKubectl,
  ofKind,
  parseRendered,
  repoInputs,
} from './helpers/gitops-tree';
import { describeWithUpstream, upstreamChartMeta, upstreamChartValues } from './helpers/upstream';

const config = defaultConfig();
const tree = renderTree(config, repoInputs);
const parsed = parseRendered(tree);
const helmReleases = ofKind(parsed, FLUX_API.helmRelease, 'HelmRelease');
const fluxKustomizations = ofKind(parsed, FLUX_API.kustomization, 'Kustomization');
const releaseNamed = (name: string) => helmReleases.find((r) => r.metadata.name === name)!;

const paths = (t: ReadonlyMap<string, string>) => [...t.keys()];
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

describe('tree layout', () => {
  it('writes only under fluxcd/, each YAML file with the generated-file header, sorted by path', () => {
    const paths = [...tree.keys()];
    expect(paths.every((p) => p.startsWith('fluxcd/') && !p.includes('..'))).toBe(true);
    expect(paths).toEqual([...paths].sort());
    // The one other file is the responder's policy, copied verbatim for its ConfigMap generator; the bundle
    // beside the response layer is build:responder's, committed once.
    expect(paths.filter((p) => !p.endsWith('.yaml'))).toEqual([`${LAYER_PATHS.response}/responder-policy.txt`]);
    expect(tree.has(RESPONDER_BUNDLE)).toBe(false);
    for (const [path, text] of [...tree].filter(([p]) => p.endsWith('.yaml'))) {
      expect({ path, head: text.split('\n').slice(0, GENERATED_HEADER.length) }).toEqual({
        path,
        head: GENERATED_HEADER.map((l) => `# ${l}`),
      });
    }
  });

  it('has the cluster entry point, the layers and one Falco and one benchmark file per variant', () => {
    const root = clusterPath(config);
    expect(root).toBe('fluxcd/clusters/aks-falco');
    const expected = [
      `${root}/kustomization.yaml`,
      `${root}/namespaces.yaml`,
      `${root}/sources.yaml`,
      `${root}/falco.yaml`,
      `${root}/benchmark.yaml`,
      `${LAYER_PATHS.sources}/kustomization.yaml`,
      `${LAYER_PATHS.falco}/kustomization.yaml`,
      `${LAYER_PATHS.namespaces}/falco.yaml`,
      `${LAYER_PATHS.falco}/k8s-metacollector.yaml`,
      `${LAYER_PATHS.benchmark}/kustomization.yaml`,
      `${LAYER_PATHS.benchmark}/namespace.yaml`,
      `${root}/response.yaml`,
      `${root}/tenants.yaml`,
      `${LAYER_PATHS.tenants}/kustomization.yaml`,
      `${LAYER_PATHS.tenants}/rbac.yaml`,
      `${LAYER_PATHS.tenants}/apps-source.yaml`,
      `${LAYER_PATHS.response}/kustomization.yaml`,
      `${LAYER_PATHS.response}/guard-falco.yaml`,
      `${LAYER_PATHS.response}/falcosidekick.yaml`,
      ...config.benchmark.variants.flatMap((v) => [
        `${LAYER_PATHS.falco}/${falcoReleaseName(v)}.yaml`,
        `${LAYER_PATHS.benchmark}/${benchmarkReleaseName(v)}.yaml`,
      ]),
    ];
    for (const p of expected) expect(tree.has(p)).toBe(true);
    // The collector, a Falco and a benchmark per variant, the guard Falco and Falcosidekick.
    expect(helmReleases).toHaveLength(1 + 2 * config.benchmark.variants.length + 2);
    // Neither the users' apps nor the responder's responses are here: they are the apps repository's.
    expect(paths(tree).filter((p) => p.startsWith('fluxcd/apps/') || p.startsWith('fluxcd/responses/'))).toEqual([]);
    expect(paths(tree).filter((p) => p.includes('/namespace'))).toEqual([
      `${LAYER_PATHS.benchmark}/namespace.yaml`,
      `${root}/namespaces.yaml`,
      `${LAYER_PATHS.namespaces}/falco.yaml`,
      `${LAYER_PATHS.namespaces}/kustomization.yaml`,
      `${LAYER_PATHS.tenants}/namespaces.yaml`,
    ]);
  });

  it('is deterministic: same bytes on every call and whatever the order of the variants', () => {
    expect([...renderTree(config, repoInputs)]).toEqual([...tree]);
    const reversed = changed(config, (c) => c.benchmark.variants.reverse());
    expect([...renderTree(reversed, repoInputs)]).toEqual([...tree]);
    expect(JSON.stringify(buildTree(config, repoInputs))).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  it('every kustomization.yaml lists files that exist, and every file is listed once', () => {
    const kustomizeFiles = [...parsed].filter(([p]) => posix.basename(p) === 'kustomization.yaml');
    expect(kustomizeFiles).toHaveLength(7);
    const listed = new Set<string>();
    for (const [path, [k]] of kustomizeFiles) {
      expect(k).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' });
      // `key=file` entries name the file after the `=`.
      const generated = ((k.configMapGenerator ?? []) as Obj[]).flatMap((g) => (g.files as string[]).map((f) => f.split('=').pop()!));
      for (const r of [...(k.resources as string[]), ...generated]) {
        const target = posix.join(posix.dirname(path), r);
        // The responder's bundle is no generated file: it is committed once, where the generator points.
        const exists = tree.has(target) || (UNOWNED_FILES.includes(target) && existsSync(join(REPO_ROOT, target)));
        expect({ path, resource: r, exists }).toEqual({ path, resource: r, exists: true });
        listed.add(target);
      }
    }
    const unlisted = [...tree.keys()].filter((p) => posix.basename(p) !== 'kustomization.yaml' && !listed.has(p));
    expect(unlisted).toEqual([]);
  });
});

describe('Flux layers', () => {
  it('one Flux Kustomization per layer: namespaces + sources -> falco -> benchmark, namespaces + sources -> response; tenants, apps and responses independent', () => {
    const byName = Object.fromEntries(fluxKustomizations.map((k) => [k.metadata.name, k]));
    expect(Object.keys(byName).sort()).toEqual(['apps', 'benchmark', 'falco', 'namespaces', 'response', 'responses', 'sources', 'tenants']);
    expect(byName.sources.spec.dependsOn).toBeUndefined();
    expect(byName.namespaces.spec.dependsOn).toBeUndefined();
    expect(byName.falco.spec.dependsOn).toEqual([{ name: 'namespaces' }, { name: 'sources' }]);
    expect(byName.benchmark.spec.dependsOn).toEqual([{ name: 'falco' }]);
    // The response engine does not wait for the benchmark Falcos (a failing variant must not keep it off).
    expect(byName.response.spec.dependsOn).toEqual([{ name: 'namespaces' }, { name: 'sources' }]);
    // The users' workloads and the responses (and their undo) reconcile whatever the benchmark or the responder do.
    for (const name of ['tenants', 'apps', 'responses']) expect(byName[name].spec.dependsOn).toBeUndefined();
    for (const k of fluxKustomizations) {
      expect(k.metadata.namespace).toBe(FLUX_NAMESPACE);
      expect(k.spec).toMatchObject({ prune: true, wait: true, deletionPolicy: 'WaitForTermination' });
      const tenant = k.metadata.name === 'apps' || k.metadata.name === 'responses';
      // Lockdown: every Kustomization names who it runs as; only the apps repository's run as the tenant.
      expect([k.metadata.name, k.spec.serviceAccountName]).toEqual([k.metadata.name, tenant ? 'apps-reconciler' : 'kustomize-controller']);
      expect(k.spec.sourceRef).toEqual({ kind: 'GitRepository', name: tenant ? 'apps' : FLUX_SYNC_NAME });
      // Variable substitution only in the tenants layer (the apps repository's name); `${FALCO_K8S_NODE_NAME}`
      // must reach Falco as written.
      if (k.metadata.name === 'tenants') expect(k.spec.postBuild).toEqual({ substituteFrom: [{ kind: 'ConfigMap', name: 'apps-repository' }] });
      else expect(k.spec.postBuild).toBeUndefined();
    }
    const tenantsText = [...tree].filter(([p]) => p.startsWith(`${LAYER_PATHS.tenants}/`)).map(([, t]) => t).join('\n');
    expect(tenantsText.match(/\$\{[A-Z_]+\}/g)).toEqual(['${APPS_REPOSITORY}']);
  });

  it('every platform Kustomization path is a generated folder with a kustomization.yaml; the tenant ones are the apps repository\'s folders', () => {
    const platform = fluxKustomizations.filter((k) => k.spec.sourceRef.name === FLUX_SYNC_NAME);
    for (const k of platform) {
      expect(k.spec.path).toMatch(/^\.\/fluxcd\//);
      expect(tree.has(`${k.spec.path.slice(2)}/kustomization.yaml`)).toBe(true);
    }
    expect(platform.map((k) => k.spec.path).sort()).toEqual(
      Object.values(LAYER_PATHS)
        .map((p) => `./${p}`)
        .sort(),
    );
    const seed = appsRepositorySeed(config);
    for (const k of fluxKustomizations.filter((x) => x.spec.sourceRef.name === 'apps')) {
      expect([...seed.keys()].some((p) => p.startsWith(`${k.spec.path.slice(2)}/`))).toBe(true);
    }
  });

  it('HelmReleases use the one falcosecurity HelmRepository and exact chart versions', () => {
    const [repo] = ofKind(parsed, FLUX_API.source, 'HelmRepository');
    expect(repo.spec.url).toBe('https://falcosecurity.github.io/charts');
    for (const r of helmReleases) {
      expect(r.spec.chart.spec.sourceRef).toEqual({ kind: 'HelmRepository', name: repo.metadata.name, namespace: repo.metadata.namespace });
      expect(r.spec.chart.spec.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(r.spec.releaseName).toBe(r.metadata.name);
      expect(r.spec.releaseName.length).toBeLessThanOrEqual(53); // Helm's limit on release names
    }
    const versions = new Set(helmReleases.map((r) => `${r.spec.chart.spec.chart}@${r.spec.chart.spec.version}`));
    expect([...versions].sort()).toEqual(['event-generator@0.4.0', 'falco@9.1.0', 'falcosidekick@0.14.0', 'k8s-metacollector@0.3.1']);
  });
});

describe('core Kubernetes objects', () => {
  it('are well-formed: apiVersion, kind, DNS-1123 names, namespaces where namespaced', () => {
    const objects = allObjects(parsed).filter((o) => o.kind !== 'Kustomization' || isFluxObject(o));
    expect(objects.length).toBeGreaterThan(10);
    for (const o of objects) {
      const id = `${o.apiVersion} ${o.kind} ${o.metadata?.name}`;
      expect({ id, apiVersion: typeof o.apiVersion, kind: typeof o.kind }).toEqual({ id, apiVersion: 'string', kind: 'string' });
      expect({ id, name: DNS_SUBDOMAIN.test(o.metadata.name) && o.metadata.name.length <= 63 }).toEqual({ id, name: true });
      if (o.kind === 'ClusterRole') expect({ id, ns: o.metadata.namespace }).toEqual({ id, ns: undefined });
      else if (o.kind === 'Namespace') expect({ id, ns: o.metadata.namespace, label: DNS_LABEL.test(o.metadata.name) }).toEqual({ id, ns: undefined, label: true });
      else expect({ id, ns: DNS_LABEL.test(o.metadata.namespace ?? '') }).toEqual({ id, ns: true });
    }
  });

  it('the namespaces the releases go to are created by one layer each; every HelmRelease sits beside its source and names helm-controller', () => {
    const namespaces = (path: string) => parsed.get(path)!.map((o) => o.metadata.name);
    // `falco` is used by the falco and the response layers: one owner, which both depend on.
    expect(namespaces(`${LAYER_PATHS.namespaces}/falco.yaml`)).toEqual([FALCO_NAMESPACE]);
    expect(namespaces(`${LAYER_PATHS.benchmark}/namespace.yaml`)).toEqual([BENCHMARK_NAMESPACE]);
    const owners = allObjects(parsed).filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
    expect(owners).toEqual([...new Set(owners)]);
    // The response layer's releases go to Falco's namespace (the guard) and to the response namespace, which
    // Terraform creates with the Secrets in it, before Flux starts.
    const expectedNamespace = (path: string, name: string) =>
      path.startsWith(LAYER_PATHS.falco) || name === GUARD_FALCO_RELEASE_NAME ? FALCO_NAMESPACE : path.startsWith(LAYER_PATHS.response) ? RESPONSE_NAMESPACE : BENCHMARK_NAMESPACE;
    const repo = ofKind(parsed, FLUX_API.source, 'HelmRepository')[0];
    for (const [path, objects] of parsed) {
      for (const o of objects.filter((x) => x.kind === 'HelmRelease')) {
        expect(o.spec.targetNamespace).toBe(expectedNamespace(path, o.metadata.name));
        expect(o.spec.storageNamespace).toBe(o.spec.targetNamespace);
        // --no-cross-namespace-refs: the HelmRelease, its source and its dependencies share one namespace.
        expect([o.metadata.name, o.metadata.namespace, o.spec.serviceAccountName]).toEqual([o.metadata.name, FLUX_NAMESPACE, 'helm-controller']);
        expect(o.spec.chart.spec.sourceRef.namespace ?? o.metadata.namespace).toBe(repo.metadata.namespace);
        for (const d of o.spec.dependsOn ?? []) expect(d.namespace ?? o.metadata.namespace).toBe(o.metadata.namespace);
      }
    }
    // Every Flux reference in the tree is same-namespace (Kustomization sources and dependencies, Receiver targets).
    for (const o of allObjects(parsed).filter(isFluxObject)) {
      const refs = [o.spec?.sourceRef, ...(o.spec?.dependsOn ?? []), ...(o.spec?.resources ?? [])].filter(Boolean);
      for (const r of refs) expect([o.kind, o.metadata.name, r.namespace ?? o.metadata.namespace]).toEqual([o.kind, o.metadata.name, o.metadata.namespace]);
    }
    expect(allObjects(parsed).filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).not.toContain(RESPONSE_NAMESPACE);
  });
});

describeWithUpstream('Flux 2.8.5 CRD schemas', () => {
  const validator = loadFluxValidator();
  const hr = releaseNamed(benchmarkReleaseName(config.benchmark.variants[0]));
  const ks = fluxKustomizations[0];

  it('every generated Flux object validates strictly', () => {
    const flux = allObjects(parsed).filter(isFluxObject);
    expect(flux.length).toBe(helmReleases.length + fluxKustomizations.length + 3); // + HelmRepository, Receiver, GitRepository
    for (const o of flux) expect({ id: `${o.kind} ${o.metadata.name}`, problems: validator.validate(o) }).toEqual({ id: `${o.kind} ${o.metadata.name}`, problems: [] });
  });

  it('rejects fields that only Flux 2.9 knows', () => {
    expect(validator.validate({ ...hr, spec: { ...hr.spec, postRenderStrategy: 'Kustomize' } }).join('\n')).toMatch(/postRenderStrategy/);
    expect(validator.validate({ ...ks, spec: { ...ks.spec, ignore: '*.md' } }).join('\n')).toMatch(/\(ignore\)/);
    const upgrade = { ...hr.spec.upgrade, chartNameChangeStrategy: 'Uninstall' };
    expect(validator.validate({ ...hr, spec: { ...hr.spec, upgrade } }).join('\n')).toMatch(/chartNameChangeStrategy/);
  });

  it('rejects beta API versions, bad enums, bad durations and missing required fields', () => {
    expect(validator.validate({ ...hr, apiVersion: 'helm.toolkit.fluxcd.io/v2beta2' })[0]).toMatch(/not served/);
    expect(validator.validate({ ...ks, apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta2' })[0]).toMatch(/not served/);
    expect(validator.validate({ ...ks, spec: { ...ks.spec, deletionPolicy: 'Later' } }).join('\n')).toMatch(/allowed values/);
    expect(validator.validate({ ...ks, spec: { ...ks.spec, interval: '1 minute' } }).join('\n')).toMatch(/pattern/);
    const { prune: _prune, ...noPrune } = ks.spec;
    expect(validator.validate({ ...ks, spec: noPrune }).join('\n')).toMatch(/prune/);
  });
});

describeWithUpstream('chart values', () => {
  const chartDefaults = (r: Obj) => upstreamChartValues(r.spec.chart.spec.chart, r.spec.chart.spec.version);

  it('the pinned chart versions are the upstream charts of these versions', () => {
    for (const pin of Object.values(CHARTS)) expect(upstreamChartMeta(pin.chart, pin.version)).toMatchObject({ name: pin.chart, version: pin.version });
  });

  it("every key set in a HelmRelease's values exists in that chart version's values.yaml", () => {
    for (const r of helmReleases) {
      expect({ release: r.metadata.name, unknown: unknownValueKeys(r.spec.values ?? {}, chartDefaults(r)) }).toEqual({
        release: r.metadata.name,
        unknown: [],
      });
    }
  });

  it('a misspelt key fails the check', () => {
    const falco = releaseNamed(falcoReleaseName(config.benchmark.variants[0]));
    const values = structuredClone(falco.spec.values);
    values.falco.bufferedOutputs = true;
    values.metrics.enabeld = true;
    expect(unknownValueKeys(values, chartDefaults(falco))).toEqual([
      "metrics.enabeld: not a key of the chart's values.yaml",
      "falco.bufferedOutputs: not a key of the chart's values.yaml",
    ]);
  });

  it('the metacollector gRPC port, the benchmark Service port and the Falco metrics port are the charts’ own', () => {
    const falcoDefaults = upstreamChartValues('falco', '9.1.0') as Obj;
    expect(falcoDefaults.metrics.service.ports.metrics.port).toBe(FALCO_METRICS_PORT);
    expect(falcoDefaults.falco.webserver.listen_port).toBe(FALCO_METRICS_PORT);
    const collector = upstreamChartValues('k8s-metacollector', '0.3.1') as Obj;
    const eventGenerator = upstreamChartValues('event-generator', '0.4.0') as Obj;
    for (const v of config.benchmark.variants) {
      const plugin = releaseNamed(falcoReleaseName(v)).spec.values.falco.plugins[0];
      expect(plugin.init_config.collectorPort).toBe(collector.service.ports['broker-grpc'].port);
      const url = new URL(releaseNamed(falcoReleaseName(v)).spec.values.falco.http_output.url);
      expect(Number(url.port)).toBe(eventGenerator.config.http.service.port);
    }
  });
});

describe('Falco per variant', () => {
  it('nothing chart 9.1.0 refuses to render: no gRPC keys, no legacy eBPF, no outputs.rate', () => {
    for (const v of config.benchmark.variants) {
      const values = releaseNamed(falcoReleaseName(v)).spec.values;
      expect(Object.keys(values.falco).filter((k) => k.startsWith('grpc'))).toEqual([]);
      expect(values.outputs).toBeUndefined();
      expect(['kmod', 'modern_ebpf']).toContain(values.driver.kind);
    }
  });

  it('takes driver, buffering, CPU and memory from its variant; JSON alerts over HTTP with keep-alive; metrics on', () => {
    for (const v of config.benchmark.variants) {
      const values = releaseNamed(falcoReleaseName(v)).spec.values;
      expect(values.driver.kind).toBe(v.driver);
      expect(values.falco.buffered_outputs).toBe(v.bufferedOutputs);
      expect(values.resources).toEqual({
        requests: { cpu: v.cpu.request, memory: v.memory.request },
        limits: { cpu: v.cpu.limit, memory: v.memory.limit },
      });
      expect(values.falco.json_output).toBe(true);
      expect(values.falco.http_output).toMatchObject({ enabled: true, keep_alive: true });
      expect(values.metrics).toEqual({ enabled: true });
      // Rules fixed for the run: no falcoctl follower that could install a rules update mid-run.
      expect(values.falcoctl.artifact.follow.enabled).toBe(false);
    }
  });

  it('loads the k8smeta plugin from the standalone collector, for its own node only', () => {
    const collector = releaseNamed('k8s-metacollector');
    const collectorService = chartFullnameAsTheChartDoes(collector.spec.releaseName, collector.spec.chart.spec.chart);
    for (const v of config.benchmark.variants) {
      const falco = releaseNamed(falcoReleaseName(v));
      const values = falco.spec.values;
      expect(values.collectors.kubernetes.enabled).toBe(false);
      expect(values.falco.load_plugins).toEqual(['k8smeta']);
      expect(values.falco.plugins).toEqual([
        {
          name: 'k8smeta',
          library_path: 'libk8smeta.so',
          init_config: { collectorHostname: `${collectorService}.${collector.spec.targetNamespace}.svc`, collectorPort: 45000, nodeName: '${FALCO_K8S_NODE_NAME}', verbosity: 'info' },
        },
      ]);
      expect(values.falcoctl.config.artifact.install.refs).toContain(K8SMETA_PLUGIN_REF);
      expect(values.falcoctl.config.artifact.allowedTypes).toEqual(expect.arrayContaining(['plugin', 'rulesfile']));
      expect(falco.spec.dependsOn).toEqual([{ name: collector.metadata.name, namespace: collector.metadata.namespace }]);
    }
    // The literal survives the YAML round trip in the file.
    expect(tree.get(`${LAYER_PATHS.falco}/${falcoReleaseName(config.benchmark.variants[0])}.yaml`)).toContain('nodeName: ${FALCO_K8S_NODE_NAME}');
  });

  it('the metacollector runs on the system pool: no toleration, no node selector', () => {
    const values = releaseNamed('k8s-metacollector').spec.values;
    expect(values.tolerations).toBeUndefined();
    expect(values.nodeSelector).toBeUndefined();
  });
});

describe('cross-references', () => {
  it("each Falco posts to the Service its own benchmark release creates, in the benchmark namespace, on the server's port", () => {
    for (const v of config.benchmark.variants) {
      const falco = releaseNamed(falcoReleaseName(v));
      const bench = releaseNamed(benchmarkReleaseName(v));
      const service = chartFullnameAsTheChartDoes(bench.spec.releaseName, bench.spec.chart.spec.chart);
      const serverPort = bench.spec.values.config.http.address.split(':').pop();
      expect(falco.spec.values.falco.http_output.url).toBe(`http://${service}.${bench.spec.targetNamespace}.svc.cluster.local:${serverPort}/`);
      // The chart renders that Service only for `test`; the bench server listens where the Service points.
      expect(bench.spec.values.config.command).toBe('test');
      const command = parse(bench.spec.postRenderers[0].kustomize.patches[0].patch).find((op: Obj) => op.path.endsWith('/command')).value as string[];
      expect(command[command.indexOf('--http-server-address') + 1]).toBe(bench.spec.values.config.http.address);
    }
    const urls = config.benchmark.variants.map((v) => releaseNamed(falcoReleaseName(v)).spec.values.falco.http_output.url);
    expect(new Set(urls).size).toBe(urls.length); // one bench server per Falco: alerts are matched by rule only
  });

  it("each variant's Falco and benchmark select exactly its node labels and tolerate exactly its taint", () => {
    for (const v of config.benchmark.variants) {
      for (const r of [releaseNamed(falcoReleaseName(v)), releaseNamed(benchmarkReleaseName(v))]) {
        expect(r.spec.values.nodeSelector).toEqual(variantNodeLabels(v));
        expect(r.spec.values.tolerations).toEqual([variantToleration(v)]);
      }
    }
  });

  it('the benchmark of a variant waits for that variant’s Falco release', () => {
    for (const v of config.benchmark.variants) {
      expect(releaseNamed(benchmarkReleaseName(v)).spec.dependsOn).toEqual([{ name: falcoReleaseName(v), namespace: FLUX_NAMESPACE }]);
      expect(releaseNamed(benchmarkReleaseName(v)).spec.values.image).toEqual({ tag: EVENT_GENERATOR_IMAGE_TAG });
    }
  });

  it('the chart fullname helper in contract/naming.ts matches the chart’s semantics', () => {
    for (const [release, chart] of [
      ['bench-kmod1cpu', 'event-generator'],
      ['falco-kmod1cpu', 'falco'],
      ['k8s-metacollector', 'k8s-metacollector'],
      ['my-k8s-metacollector-x', 'k8s-metacollector'],
      [`${'a'.repeat(62)}-b`, 'chart'],
    ]) {
      expect(chartFullname(release, chart)).toBe(chartFullnameAsTheChartDoes(release, chart));
    }
  });
});

(hasKubectl ? describe : describe.skip)('kustomize', () => {
  it('`kubectl kustomize` builds every folder of the generated tree and of the apps repository seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gitops-kustomize-'));
    try {
      const seeds = new Map([...appsRepositorySeed(config)].map(([p, t]) => [`apps-repository/${p}`, t]));
      const all = new Map<string, string>([...tree, ...seeds]);
      for (const file of UNOWNED_FILES) cpSync(join(REPO_ROOT, file), join(dir, file));
      for (const [path, text] of all) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      // `responses` has no kustomization.yaml by design: Flux generates one there.
      const folders = [...all.keys()].filter((p) => posix.basename(p) === 'kustomization.yaml').map((p) => posix.dirname(p));
      const run = promisify(execFile);
      const outputs = await Promise.all(folders.map((f) => run('kubectl', ['kustomize', join(dir, f)])));
      const built = outputs.map((o) => o.stdout.split(/^---$/m).length).reduce((a, b) => a + b, 0);
      const objects = allObjects(parseRendered(all)).filter((o) => o.kind !== 'Kustomization' || isFluxObject(o));
      const generatedConfigMaps = allObjects(parsed).flatMap((o) => (o.configMapGenerator ?? []) as Obj[]).length;
      expect(built).toBe(objects.length + generatedConfigMaps);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
if (!hasKubectl) console.warn('gitops tests: kubectl not found, `kubectl kustomize` builds skipped');
