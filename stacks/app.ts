import { App } from 'cdktf';
import type { BenchConfig } from '../config/schema';
import { FluxStack } from './flux-stack';
import { InfrastructureStack } from './infrastructure-stack';

/** Stack names, as `cdktf deploy <name>` takes them. */
export const STACK_NAMES = { infrastructure: 'infrastructure', flux: 'flux' } as const;

/** Builds the whole app from a configuration. Pure apart from cdktf's own construct tree. */
export function buildApp(config: BenchConfig, app: App = new App()) {
  const infrastructure = new InfrastructureStack(app, STACK_NAMES.infrastructure, config);
  const flux = new FluxStack(app, STACK_NAMES.flux, config, infrastructure);
  return { app, infrastructure, flux };
}
