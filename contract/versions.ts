/**
 * Every pinned version the generated tree uses, in one place. They are part of each benchmark run's hash
 * (see benchmark.ts), so bumping one reruns the benchmarks it affects.
 *
 * A `// renovate: datasource=… depName=… [registryUrl=…]` comment above a pin lets Renovate's regex manager
 * (renovate.json) propose updates: the value is the last quoted string on the next line (for an image or
 * artifact reference, the tag after its `:`).
 */

/** Flux 2.8 API versions: the beta versions are no longer served. */
export const FLUX_API = {
  helmRelease: 'helm.toolkit.fluxcd.io/v2',
  source: 'source.toolkit.fluxcd.io/v1',
  kustomization: 'kustomize.toolkit.fluxcd.io/v1',
  receiver: 'notification.toolkit.fluxcd.io/v1',
} as const;

/** kustomize's own file format (the `kustomization.yaml` of each folder). */
export const KUSTOMIZE_API = 'kustomize.config.k8s.io/v1beta1';

/** The falcosecurity Helm repository: one HelmRepository serves all three charts. */
export const CHART_REPOSITORY = { name: 'falcosecurity', url: 'https://falcosecurity.github.io/charts' } as const;

export interface ChartPin {
  /** Chart name in the repository (also what its `fullname` helper appends to release names). */
  readonly chart: string;
  /** Exact chart version: never a range. */
  readonly version: string;
}

export const CHARTS = {
  // renovate: datasource=helm depName=falco registryUrl=https://falcosecurity.github.io/charts
  falco: { chart: 'falco', version: '9.1.0' },
  // renovate: datasource=helm depName=k8s-metacollector registryUrl=https://falcosecurity.github.io/charts
  metacollector: { chart: 'k8s-metacollector', version: '0.3.1' },
  // renovate: datasource=helm depName=event-generator registryUrl=https://falcosecurity.github.io/charts
  eventGenerator: { chart: 'event-generator', version: '0.4.0' },
  // renovate: datasource=helm depName=falcosidekick registryUrl=https://falcosecurity.github.io/charts
  falcosidekick: { chart: 'falcosidekick', version: '0.14.0' },
} as const satisfies Record<string, ChartPin>;

/** A Falco chart release and the Falco it ships (its `appVersion`: the image tag the chart defaults to). */
export interface FalcoChartPin extends ChartPin {
  readonly chart: 'falco';
  /** Falco's version: the tag of `falcosecurity/falco` and of the driver loader image. */
  readonly falco: string;
}

/**
 * The Falco charts a variant may choose (`benchmark.variants[].falcoChart`): the pinned one and those whose
 * chart the tests render (`../shared/upstream/charts/falco-<version>/`) and whose value keys the committed index
 * (config/falco-chart-keys.ts) holds. Adding one is adding it here, its upstream copy, and `npm run charts:index`.
 */
export const FALCO_CHARTS: Readonly<Record<string, FalcoChartPin>> = {
  [CHARTS.falco.version]: { ...CHARTS.falco, falco: '0.44.1' },
  '8.0.5': { chart: 'falco', version: '8.0.5', falco: '0.43.1' },
};

/** The versions of FALCO_CHARTS, the pinned one first. */
export const FALCO_CHART_VERSIONS: readonly string[] = Object.keys(FALCO_CHARTS);

/** Falcosidekick's image, pinned (the chart 0.14.0's own default, written out so a chart bump cannot move it). */
// renovate: datasource=docker depName=falcosecurity/falcosidekick
export const FALCOSIDEKICK_IMAGE_TAG = '2.32.0';

/**
 * The responder's image: the official Node 24 (active LTS) image, Debian bookworm variant, which ships git and
 * ssh (`-slim` and `-alpine` do not). The code comes from the repository in a ConfigMap: no image to build.
 */
// renovate: datasource=docker depName=node
export const RESPONDER_IMAGE = 'docker.io/library/node:24.20.0-bookworm';

/** The demo workload's image: busybox has `sh` for the walkthrough's `kubectl exec`, and nothing else to run. */
// renovate: datasource=docker depName=busybox
export const DEMO_IMAGE = 'docker.io/library/busybox:1.37.0';

/** The event-generator chart defaults its image tag to `latest`: pin the release that has `bench`. */
// renovate: datasource=docker depName=falcosecurity/event-generator
export const EVENT_GENERATOR_IMAGE_TAG = '0.13.0';

/** Falco plugin that receives the k8s-metacollector's per-node metadata. */
// renovate: datasource=docker depName=ghcr.io/falcosecurity/plugins/plugin/k8smeta
export const K8SMETA_PLUGIN_REF = 'ghcr.io/falcosecurity/plugins/plugin/k8smeta:0.4.1';

/** Rules falcoctl installs when Falco starts (the stable rules; the chart's default). */
// renovate: datasource=docker depName=ghcr.io/falcosecurity/rules/falco-rules
export const FALCO_RULES_REF = 'falco-rules:5';

/** gRPC broker port of the k8s-metacollector Service (chart 0.3.1 `service.ports.broker-grpc`). */
export const METACOLLECTOR_GRPC_PORT = 45000;
