/**
 * Checks that every key a HelmRelease sets in `values` exists in the chart version's own `values.yaml`: a typo
 * (`falco.bufferedOutputs`) is silently ignored by Helm and would quietly change what a benchmark measures.
 */

/**
 * Top-level maps whose keys are the user's (labels, selectors, quantities, rules file names) or Kubernetes' own
 * (security contexts, passed verbatim into the pod spec): not checked below them.
 */
export const FREE_FORM_VALUES = ['nodeSelector', 'podLabels', 'podAnnotations', 'resources', 'affinity', 'customRules', 'podSecurityContext', 'securityContext'];

/** Deeper maps that are Kubernetes' own objects, passed verbatim (the DaemonSet's update strategy). */
export const FREE_FORM_PATHS = ['controller.daemonset.updateStrategy'];

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The keys of `values` absent from `defaults`. Maps are followed key by key; a list or a scalar only needs its
 * key to exist (list items, such as tolerations or plugin entries with their `init_config`, are the user's).
 */
export function unknownValueKeys(values: Record<string, unknown>, defaults: Record<string, unknown>, at = ''): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = at ? `${at}.${key}` : key;
    if (!(key in defaults)) {
      problems.push(`${path}: not a key of the chart's values.yaml`);
      continue;
    }
    if ((at === '' && FREE_FORM_VALUES.includes(key)) || FREE_FORM_PATHS.includes(path)) continue;
    const fallback = defaults[key];
    if (isMap(value)) {
      if (!isMap(fallback)) problems.push(`${path}: set as a map, but the chart's default is ${JSON.stringify(fallback)}`);
      else problems.push(...unknownValueKeys(value, fallback, path));
    }
  }
  return problems;
}
