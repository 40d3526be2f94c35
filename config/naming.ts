/**
 * Names shared by the CDKTF app and the GitOps generator. The node pool label and taint that the app puts on
 * a variant's node are the ones its Falco and benchmark select and tolerate: both sides import them from here.
 */
import type { BenchConfig, VariantConfig } from './schema';

/** Label and taint key on each benchmark node; the value is the variant name. */
export const VARIANT_KEY = 'falco-bench/variant';
export const VARIANT_TAINT_EFFECT = 'NoSchedule';

/** Namespace of Falco and the k8s-metacollector. */
export const FALCO_NAMESPACE = 'falco';
/** Namespace of the event-generator benchmark jobs. */
export const BENCHMARK_NAMESPACE = 'falco-bench';
/** Namespace of the Flux controllers and the bootstrap's GitRepository and Kustomization. */
export const FLUX_NAMESPACE = 'flux-system';

/** The node label that pins a variant's pods to its own node pool. */
export function variantNodeLabels(variant: Pick<VariantConfig, 'name'>): Record<string, string> {
  return { [VARIANT_KEY]: variant.name };
}

/** The taint that keeps every other pod off a variant's node, in Kubernetes form. */
export function variantTaint(variant: Pick<VariantConfig, 'name'>) {
  return { key: VARIANT_KEY, value: variant.name, effect: VARIANT_TAINT_EFFECT } as const;
}

/** The same taint in the `key=value:Effect` form AKS takes. */
export function variantAksTaint(variant: Pick<VariantConfig, 'name'>): string {
  const t = variantTaint(variant);
  return `${t.key}=${t.value}:${t.effect}`;
}

/** The toleration that lets a pod onto exactly that variant's node. */
export function variantToleration(variant: Pick<VariantConfig, 'name'>) {
  const t = variantTaint(variant);
  return { key: t.key, operator: 'Equal', value: t.value, effect: t.effect } as const;
}

/** Helm release (and HelmRelease object) names. */
export const falcoReleaseName = (variant: Pick<VariantConfig, 'name'>) => `falco-${variant.name}`;
export const benchmarkReleaseName = (variant: Pick<VariantConfig, 'name'>) => `bench-${variant.name}`;

/** The folder the bootstrap's root Kustomization syncs, relative to the repository root. */
export function clusterPath(config: Pick<BenchConfig, 'cluster'>): string {
  return `fluxcd/clusters/${config.cluster.name}`;
}

/**
 * Name of the bootstrap's flux2-sync release, and so of the GitRepository and root Kustomization it creates in
 * `flux-system`: the generated Kustomizations take their source from this GitRepository.
 */
export const FLUX_SYNC_NAME = 'flux-system';

/**
 * Labels on every benchmark Job pod (besides the chart's own): the report's `--from-cluster` finds the pods
 * by `BENCHMARK_ROLE_LABEL` and reads the variant from `VARIANT_KEY`.
 */
export const BENCHMARK_ROLE_LABEL = { key: 'falco-bench/role', value: 'benchmark' } as const;
export function benchmarkPodLabels(variant: Pick<VariantConfig, 'name'>): Record<string, string> {
  return { [BENCHMARK_ROLE_LABEL.key]: BENCHMARK_ROLE_LABEL.value, [VARIANT_KEY]: variant.name };
}

/**
 * Name of the infrastructure stack's sensitive output holding the cluster's kubeconfig (YAML); the report reads
 * it from `cdktf deploy --outputs-file F --outputs-file-include-sensitive-outputs`.
 */
export const KUBECONFIG_OUTPUT = 'kube_config';
