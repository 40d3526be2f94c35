/**
 * The real `BenchmarkCluster`: the only module that loads @kubernetes/client-node. The library is ESM-only,
 * so it is loaded with a dynamic import (kept as a real `import()` by module node16), and only when
 * `--from-cluster` is used.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { BENCHMARK_NAMESPACE, BENCHMARK_ROLE_LABEL, VARIANT_KEY } from '../contract/naming';
import { BenchPod, BenchmarkCluster } from './cluster';

/** No kubeconfig to use: bad input (exit 2), not a cluster failure. The message says how to get one. */
export class KubeconfigMissing extends Error {
  constructor(what: string) {
    super(
      `no usable kubeconfig: ${what}. Get the cluster's credentials with ` +
        '`az aks get-credentials --resource-group <resource group> --name <cluster>`, or pass --kubeconfig FILE or ' +
        '--cdktf-outputs FILE (from `cdktf deploy --outputs-file FILE --outputs-file-include-sensitive-outputs`)',
    );
    this.name = 'KubeconfigMissing';
  }
}

const isFile = (f: string) => existsSync(f) && statSync(f).isFile();

/**
 * Why no kubeconfig can be used, or null: checked before connecting, because the client library otherwise
 * falls back to http://localhost:8080 and the user sees a connection or TLS error instead.
 */
export function kubeconfigProblem(access: KubeAccess, env: Record<string, string | undefined> = process.env, home = homedir()): string | null {
  if (access.yaml !== undefined) return null;
  if (access.file !== undefined) return isFile(access.file) ? null : `--kubeconfig ${access.file} is not a file`;
  const listed = (env.KUBECONFIG ?? '').split(delimiter).filter((f) => f !== '');
  if (listed.length > 0) return listed.some(isFile) ? null : `none of the files in KUBECONFIG (${listed.join(delimiter)}) exists`;
  if (isFile(join(home, '.kube', 'config'))) return null;
  if (env.KUBERNETES_SERVICE_HOST) return null;
  return `KUBECONFIG is not set and ${join(home, '.kube', 'config')} does not exist`;
}

export interface KubeAccess {
  /** `--kubeconfig FILE`; without it and without `yaml`: KUBECONFIG, ~/.kube/config or in-cluster. */
  file?: string;
  /** Kubeconfig content, e.g. from the CDKTF outputs file. */
  yaml?: string;
  /** `--context NAME`; default: the kubeconfig's current context. */
  context?: string;
}

export async function connectCluster(access: KubeAccess): Promise<BenchmarkCluster> {
  const problem = kubeconfigProblem(access);
  if (problem) throw new KubeconfigMissing(problem);
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
  if (!kc.getCurrentCluster()?.server) throw new KubeconfigMissing(`the kubeconfig's current context (${kc.getCurrentContext() || 'none'}) names no cluster`);
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
