/**
 * What Flux would install: every generated HelmRelease rendered by the real helm with the whole pinned chart,
 * its post-renderer applied. Assertions are on the rendered Kubernetes objects, not on the values we wrote.
 */
import { renderTree } from '../gitops/tree';
import type { HelmRelease } from '../gitops/types';
import { benchmarkJobName, runHash } from '../gitops/benchmark';
import { FALCO_METRICS_PORT, FALCO_NAMESPACE, benchmarkReleaseName, falcoMetricsServiceName, falcoReleaseName, variantToleration } from '../contract/naming';
import { FALCO_OUTPUTS_QUEUE_CAPACITY } from '../gitops/falco';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { K8sObject, chartDir, findObject, helmTemplate, layerBinary, renderHelmRelease } from './helpers/helm';
import { Obj, allObjects, defaultConfig, parseRendered, repoInputs } from './helpers/gitops-tree';
import { describeWithUpstream } from './helpers/upstream';

describeWithUpstream('HelmReleases rendered with the real charts', () => {
  const config = defaultConfig();
  const releases = allObjects(parseRendered(renderTree(config, repoInputs))).filter((o) => o.kind === 'HelmRelease') as HelmRelease[];
  const rendered = new Map<string, K8sObject[]>(releases.map((hr) => [hr.metadata.name, renderHelmRelease(hr)]));
  const variant = config.benchmark.variants[0];

  it('every HelmRelease renders, and each yields workloads', () => {
    expect(rendered.size).toBe(releases.length);
    for (const [name, objects] of rendered) {
      expect({ name, workloads: objects.filter((o) => ['DaemonSet', 'Deployment', 'Job'].includes(o.kind)).length }).toEqual({ name, workloads: 1 });
    }
  });

  it("a variant's Falco DaemonSet lands on exactly its node and nowhere else", () => {
    const ds = findObject<Obj>(rendered.get(falcoReleaseName(variant))!, 'DaemonSet');
    expect(ds.metadata.namespace ?? FALCO_NAMESPACE).toBe(FALCO_NAMESPACE);
    expect(ds.spec.template.spec.tolerations).toEqual([variantToleration(variant)]);
  });

  it("a variant's falco.yaml has only the HTTP output, a bounded output queue, and the metrics the sampler reads", () => {
    const objects = rendered.get(falcoReleaseName(variant))!;
    const configMap = objects.find((o) => o.kind === 'ConfigMap' && typeof (o as Obj).data?.['falco.yaml'] === 'string') as Obj;
    const falcoYaml = parse(configMap.data['falco.yaml']);
    expect(falcoYaml.stdout_output).toEqual({ enabled: false });
    expect(falcoYaml.syslog_output).toEqual({ enabled: false });
    expect(falcoYaml.outputs_queue).toEqual({ capacity: FALCO_OUTPUTS_QUEUE_CAPACITY });
    expect(falcoYaml.http_output).toMatchObject({ enabled: true });
    expect(falcoYaml.json_output).toBe(true);
    expect(falcoYaml.metrics).toMatchObject({ enabled: true, rules_counters_enabled: true, kernel_event_counters_enabled: true });
    expect(falcoYaml.webserver).toMatchObject({ enabled: true, prometheus_metrics_enabled: true, listen_port: FALCO_METRICS_PORT });
  });

  it("the benchmark's sampler scrapes the metrics Service the Falco chart renders", () => {
    const service = findObject<Obj>(rendered.get(falcoReleaseName(variant))!, 'Service', falcoMetricsServiceName(variant));
    expect(service.spec.ports.map((p: Obj) => p.port)).toContain(FALCO_METRICS_PORT);
    const job = findObject<Obj>(rendered.get(benchmarkReleaseName(variant))!, 'Job');
    const url = new URL(job.spec.template.spec.containers[0].command[5]);
    expect(url.hostname).toBe(`${service.metadata.name}.${service.metadata.namespace ?? FALCO_NAMESPACE}.svc.cluster.local`);
    expect(Number(url.port)).toBe(FALCO_METRICS_PORT);
    expect(url.pathname).toBe('/metrics');
  });

  const identityKinds = ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];
  const benchmarks = releases.filter((hr) => hr.spec.chart.spec.chart === 'event-generator');
  const chartOnly = (hr: HelmRelease) =>
    helmTemplate({ chart: chartDir(hr.spec.chart.spec.chart, hr.spec.chart.spec.version), release: hr.spec.releaseName, namespace: hr.spec.targetNamespace, values: hr.spec.values ?? {} });

  it('the event-generator chart alone installs a ServiceAccount, a ClusterRole that creates pods and roles, and its binding', () => {
    const kinds = chartOnly(benchmarks[0]).filter((o) => identityKinds.includes(o.kind));
    expect(kinds.map((o) => o.kind).sort()).toEqual(['ClusterRole', 'RoleBinding', 'ServiceAccount']);
    const rules = findObject<Obj>(kinds, 'ClusterRole').rules as { resources: string[]; verbs: string[] }[];
    expect(rules.some((r) => r.resources.includes('pods') && r.verbs.includes('create'))).toBe(true);
    expect(rules.some((r) => r.resources.includes('roles') && r.verbs.includes('create'))).toBe(true);
  });

  it('no benchmark release installs a ServiceAccount or any RBAC object; its Job runs as default without a token', () => {
    expect(benchmarks).toHaveLength(config.benchmark.variants.length);
    for (const hr of benchmarks) {
      const objects = rendered.get(hr.metadata.name)!;
      expect([hr.metadata.name, objects.filter((o) => identityKinds.includes(o.kind)).map((o) => o.kind)]).toEqual([hr.metadata.name, []]);
      expect(objects.map((o) => o.kind).sort()).toEqual(['Job', 'Service']);
      const pod = findObject<Obj>(objects, 'Job').spec.template.spec;
      expect([pod.serviceAccountName, pod.automountServiceAccountToken]).toEqual(['default', false]);
    }
  });

  it('kustomize (kubectl kustomize, the engine of Flux post-renderers) applies the patches with the same result', () => {
    const hr = benchmarks[0];
    const dir = mkdtempSync(join(tmpdir(), 'postrender-'));
    try {
      writeFileSync(join(dir, 'chart.yaml'), chartOnly(hr).map((o) => stringify(o)).join('---\n'));
      writeFileSync(join(dir, 'kustomization.yaml'), stringify({ resources: ['chart.yaml'], patches: hr.spec.postRenderers![0].kustomize.patches }));
      const out = execFileSync(layerBinary('kubectl'), ['kustomize', dir], { encoding: 'utf8' });
      const kustomized = parseAllDocuments(out).map((d) => d.toJS() as K8sObject);
      const key = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
      expect(kustomized.map(key).sort()).toEqual(rendered.get(hr.metadata.name)!.map(key).sort());
      expect(findObject(kustomized, 'Job')).toEqual(findObject(rendered.get(hr.metadata.name)!, 'Job'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a variant's benchmark Job is renamed by its run hash and runs the bench command", () => {
    const job = findObject<Obj>(rendered.get(benchmarkReleaseName(variant))!, 'Job');
    expect(job.metadata.name).toBe(benchmarkJobName(variant, runHash(config, variant)));
    expect(job.spec.template.spec.hostPID).toBe(true);
    expect(job.spec.template.spec.containers[0].command.slice(0, 2)).toEqual(['/bin/bash', '-c']);
  });
});
