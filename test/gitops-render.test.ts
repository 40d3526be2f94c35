/**
 * What Flux would install: every generated HelmRelease rendered by the real helm with the whole pinned chart,
 * its post-renderer applied. Assertions are on the rendered Kubernetes objects, not on the values we wrote.
 */
import { renderTree } from '../gitops/tree';
import type { HelmRelease } from '../gitops/types';
import { benchmarkJobName, runHash } from '../gitops/benchmark';
import { parse } from 'yaml';
import { FALCO_METRICS_PORT, FALCO_NAMESPACE, benchmarkReleaseName, falcoMetricsServiceName, falcoReleaseName, variantToleration } from '../contract/naming';
import { FALCO_OUTPUTS_QUEUE_CAPACITY } from '../gitops/falco';
import { K8sObject, findObject, renderHelmRelease } from './helpers/helm';
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

  it("a variant's benchmark Job is renamed by its run hash and runs the bench command", () => {
    const job = findObject<Obj>(rendered.get(benchmarkReleaseName(variant))!, 'Job');
    expect(job.metadata.name).toBe(benchmarkJobName(variant, runHash(config, variant)));
    expect(job.spec.template.spec.hostPID).toBe(true);
    expect(job.spec.template.spec.containers[0].command.slice(0, 2)).toEqual(['/bin/bash', '-c']);
  });
});
