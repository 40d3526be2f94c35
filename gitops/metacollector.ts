/**
 * The one k8s-metacollector (standalone chart 0.3.1) that every Falco's k8smeta plugin connects to. It runs on
 * the system pool: it has no toleration for the variant taints, so it cannot land on a benchmark node.
 */
import type { BenchConfig } from '../config/schema';
import { FALCO_NAMESPACE, METACOLLECTOR_RELEASE_NAME, metacollectorServiceName } from '../contract/naming';
import { helmRelease } from './flux';
import type { HelmRelease } from './types';
import { CHARTS, METACOLLECTOR_GRPC_PORT } from '../contract/versions';

/** In-cluster address of the collector's gRPC broker, as the k8smeta plugin's `collectorHostname`. */
export function metacollectorHost(): string {
  return `${metacollectorServiceName()}.${FALCO_NAMESPACE}.svc`;
}

export function metacollectorEndpoint(): { host: string; port: number } {
  return { host: metacollectorHost(), port: METACOLLECTOR_GRPC_PORT };
}

export function metacollectorRelease(config: Pick<BenchConfig, 'flux'>): HelmRelease {
  return helmRelease({
    name: METACOLLECTOR_RELEASE_NAME,
    namespace: FALCO_NAMESPACE,
    chart: CHARTS.metacollector,
    interval: config.flux.interval,
    // The chart's defaults fit: one replica, Service with the broker on 45000, no node selector.
    values: {},
  });
}
