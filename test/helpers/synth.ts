import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { resolveConfig } from '../../config/load';
import type { BenchConfig, DeepPartial } from '../../config/schema';
import { buildApp, STACK_NAMES } from '../../stacks/app';

/** Synthesized Terraform JSON of one stack. */
export type TerraformJson = Record<string, any>;

/** Synthesizes both stacks from a (partial) configuration, offline, in-process. */
export function synthStacks(partial: DeepPartial<BenchConfig> = {}): { config: BenchConfig; infrastructure: TerraformJson; flux: TerraformJson; outdir: string } {
  const config = resolveConfig(partial);
  // A whole-app synth: cross-stack references resolve only there (Testing.synth(stack) leaves them local).
  const { app } = buildApp(config, Testing.app());
  app.synth();
  const read = (stack: string) => JSON.parse(readFileSync(join(app.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  return { config, infrastructure: read(STACK_NAMES.infrastructure), flux: read(STACK_NAMES.flux), outdir: app.outdir };
}

/** The only resource of a type (fails when there are none or several). */
export function onlyResource(stack: TerraformJson, type: string, kind: 'resource' | 'data' = 'resource'): any {
  const all = Object.values(stack[kind]?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${kind} ${type}, found ${all.length}`);
  return all[0];
}

/** All resources of a type. */
export function resources(stack: TerraformJson, type: string): any[] {
  return Object.values(stack.resource?.[type] ?? {});
}
