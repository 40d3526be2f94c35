/**
 * The real `BenchmarkCluster`: the only module that loads @kubernetes/client-node. The library is ESM-only,
 * so it is loaded with a dynamic import (kept as a real `import()` by module node16), and only when
 * `--from-cluster` is used.
 */
import { BENCHMARK_NAMESPACE, BENCHMARK_ROLE_LABEL, VARIANT_KEY } from '../contract/naming';
import { BenchPod, BenchmarkCluster } from './cluster';

export interface KubeAccess {
  /** `--kubeconfig FILE`; without it and without `yaml`: KUBECONFIG, ~/.kube/config or in-cluster. */
  file?: string;
  /** Kubeconfig content, e.g. from the CDKTF outputs file. */
  yaml?: string;
  /** `--context NAME`; default: the kubeconfig's current context. */
  context?: string;
}

export async function connectCluster(access: KubeAccess): Promise<BenchmarkCluster> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  if (access.yaml !== undefined) kc.loadFromString(access.yaml);
  else if (access.file !== undefined) kc.loadFromFile(access.file);
  else kc.loadFromDefault();
  if (access.context !== undefined) {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(access.context)) throw new Error(`no context ${access.context} in the kubeconfig (has: ${names.join(', ') || 'none'})`);
    kc.setCurrentContext(access.context);
  }
  const core = kc.makeApiClient(k8s.CoreV1Api);
  // The container to read: a Job pod has one; should a sidecar be added, prefer the generator's.
  const containers = new Map<string, string | undefined>();

  return {
    async listBenchmarkPods(): Promise<BenchPod[]> {
      const list = await core.listNamespacedPod({
        namespace: BENCHMARK_NAMESPACE,
        labelSelector: `${BENCHMARK_ROLE_LABEL.key}=${BENCHMARK_ROLE_LABEL.value}`,
      });
      return list.items.map((p) => {
        const pod: BenchPod = {
          namespace: p.metadata?.namespace ?? BENCHMARK_NAMESPACE,
          name: p.metadata?.name ?? '',
          variant: p.metadata?.labels?.[VARIANT_KEY],
          phase: p.status?.phase ?? 'Unknown',
          createdAt: p.metadata?.creationTimestamp ? new Date(p.metadata.creationTimestamp).getTime() : 0,
        };
        const names = (p.spec?.containers ?? []).map((c) => c.name);
        containers.set(`${pod.namespace}/${pod.name}`, names.length > 1 ? (names.find((n) => n.includes('event-generator')) ?? names[0]) : undefined);
        return pod;
      });
    },
    async readLog(pod: BenchPod): Promise<string> {
      const container = containers.get(`${pod.namespace}/${pod.name}`);
      return core.readNamespacedPodLog({ name: pod.name, namespace: pod.namespace, ...(container ? { container } : {}) });
    },
  };
}
