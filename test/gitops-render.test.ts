/**
 * What Flux would install: every generated HelmRelease rendered by the real helm with the whole pinned chart,
 * its post-renderer applied. Assertions are on the rendered Kubernetes objects, not on the values we wrote.
 */
import { renderTree } from '../gitops/tree';
import type { HelmRelease } from '../gitops/types';
import { benchmarkJobName, runHash } from '../gitops/benchmark';
import { FALCO_NAMESPACE, benchmarkReleaseName, falcoReleaseName, variantToleration } from '../contract/naming';
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

  it("a variant's benchmark Job is renamed by its run hash and runs the bench command", () => {
    const job = findObject<Obj>(rendered.get(benchmarkReleaseName(variant))!, 'Job');
    expect(job.metadata.name).toBe(benchmarkJobName(variant, runHash(config, variant)));
    expect(job.spec.template.spec.hostPID).toBe(true);
    expect(job.spec.template.spec.containers[0].command.slice(0, 2)).toEqual(['/bin/bash', '-c']);
  });
});
