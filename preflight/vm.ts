/**
 * The vCPUs a configuration needs per quota family (sizes are parsed in config/vm.ts). `Standard_D4as_v5`:
 * series D, 4 vCPUs, additive features `as` (AMD, premium storage), version 5 -> family `standardDASv5Family`.
 */
import type { BenchConfig } from '../config/schema';
import { parseVmSize } from '../config/vm';

export { parseVmSize, type VmSize } from '../config/vm';

/** What one family of the configuration needs in its region. */
export interface FamilyNeed {
  family: string;
  vcpus: number;
  /** How the count comes about, e.g. `1 x Standard_D4as_v5 (system) + 6 x Standard_D4as_v5 (benchmark)`. */
  from: string[];
}

/** vCPUs per quota family: the system pool plus one node per variant; VM sizes that do not parse, apart. */
export function vcpuNeeds(config: BenchConfig): { needs: FamilyNeed[]; unknown: string[] } {
  const pools = [
    { size: config.cluster.systemVmSize, count: config.cluster.systemNodeCount, role: 'system' },
    { size: config.cluster.benchmarkVmSize, count: config.benchmark.variants.length, role: 'benchmark' },
  ];
  const needs = new Map<string, FamilyNeed>();
  const unknown: string[] = [];
  for (const pool of pools) {
    const vm = parseVmSize(pool.size);
    if (!vm) {
      if (!unknown.includes(pool.size)) unknown.push(pool.size);
      continue;
    }
    const need = needs.get(vm.family) ?? { family: vm.family, vcpus: 0, from: [] };
    need.vcpus += vm.vcpus * pool.count;
    need.from.push(`${pool.count} x ${pool.size} (${pool.role})`);
    needs.set(vm.family, need);
  }
  return { needs: [...needs.values()], unknown };
}
