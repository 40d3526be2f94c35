/**
 * What an Azure VM size offers a pod, known from its name alone (no Azure call): vCPUs, memory, the quota family,
 * and what AKS keeps for itself on every node. Used by the configuration's fit rule (a variant's Falco must fit
 * its node, else it stays Pending and its benchmark never runs) and by preflight's quota check.
 */

export interface VmSize {
  name: string;
  /** Quota family, as `az vm list-usage` names it (compare case-insensitively). */
  family: string;
  vcpus: number;
  /** Memory in GiB, when the series' ratio is known (see MEMORY_PER_VCPU); undefined otherwise. */
  memoryGiB?: number;
}

/**
 * `Standard_<series><vCPUs><features>[_v<version>]`. Constrained-vCPU sizes (`Standard_E4-2s_v5`), accelerator
 * suffixes (`_A100`) and other shapes are not parsed: undefined, and the caller says so.
 */
const VM_SIZE_NAME = /^Standard_([A-Z]+)(\d+)([a-z]*)(?:_v(\d+))?$/;

/**
 * GiB per vCPU of the general-purpose, memory- and compute-optimised series (Azure's size tables): D 4 (`l`, low
 * memory: 2), E 8, F 2 (v6: 4; `l` 2, `m` 8). Other series are not guessed.
 */
function memoryPerVcpu(series: string, features: string, version: number | undefined): number | undefined {
  const low = features.includes('l');
  if (series === 'D') return low ? 2 : 4;
  if (series === 'E') return 8;
  if (series === 'F') return low ? 2 : features.includes('m') ? 8 : version !== undefined && version >= 6 ? 4 : 2;
  return undefined;
}

export function parseVmSize(name: string): VmSize | undefined {
  const m = VM_SIZE_NAME.exec(name);
  if (!m) return undefined;
  const [, series, count, features, version] = m;
  const vcpus = Number(count);
  const perVcpu = memoryPerVcpu(series, features, version ? Number(version) : undefined);
  return {
    name,
    family: `standard${series}${features.toUpperCase()}${version ? `v${version}` : ''}Family`,
    vcpus,
    ...(perVcpu ? { memoryGiB: perVcpu * vcpus } : {}),
  };
}

/**
 * Kubelet's CPU reservation on an AKS node by its core count (AKS documentation, "resource reservations"):
 * 60m for 1 core, 100m for 2, 140m for 4, 180m for 8, 260m for 16, 420m for 32, 740m for 64 and more.
 */
const CPU_RESERVED_MILLI: [cores: number, milli: number][] = [[1, 60], [2, 100], [4, 140], [8, 180], [16, 260], [32, 420], [64, 740]];

/** Pods per node (AKS's default for Azure CNI overlay / powered by Cilium): it sizes kubelet's memory reservation. */
export const AKS_MAX_PODS = 250;
const MiB = 2 ** 20;
const GiB = 2 ** 30;

/**
 * Requests of the DaemonSets AKS itself runs on every node with this cluster's network (Cilium agent, Azure CNS,
 * cloud-node-manager, the disk and file CSI node plugins). An estimate from their manifests, rounded up; not
 * measured here (that needs a cluster): it keeps a variant from filling its node to the last millicore.
 */
export const AKS_DAEMONS = { cpuMilli: 300, memoryBytes: 600 * MiB } as const;

export interface Allocatable {
  cpuMilli: number;
  /** Undefined when the size's memory is not known. */
  memoryBytes?: number;
  /** How the figures come about, for error messages. */
  why: string;
}

/**
 * What the scheduler can give pods on one node of `size`, after AKS's reservations (kubelet CPU by core count;
 * memory: the smaller of 20 MiB per pod + 50 MiB and 25%, plus the 100 Mi eviction threshold, Kubernetes 1.29 and
 * later) and the requests of AKS's own DaemonSets. Undefined for a size whose name does not parse.
 */
export function allocatable(size: string): Allocatable | undefined {
  const vm = parseVmSize(size);
  if (!vm) return undefined;
  const cpuReserved = CPU_RESERVED_MILLI.find(([cores]) => vm.vcpus <= cores)?.[1] ?? 740;
  const cpuMilli = vm.vcpus * 1000 - cpuReserved - AKS_DAEMONS.cpuMilli;
  if (vm.memoryGiB === undefined) return { cpuMilli, why: `${vm.vcpus} vCPUs less ${cpuReserved}m for kubelet and ${AKS_DAEMONS.cpuMilli}m for AKS's DaemonSets` };
  const total = vm.memoryGiB * GiB;
  const reserved = Math.min(20 * MiB * AKS_MAX_PODS + 50 * MiB, total / 4) + 100 * MiB;
  return {
    cpuMilli,
    memoryBytes: total - reserved - AKS_DAEMONS.memoryBytes,
    why: `${vm.vcpus} vCPUs and ${vm.memoryGiB} GiB, less AKS's reservations (${cpuReserved}m, ${formatMi(reserved)}) and DaemonSets (${AKS_DAEMONS.cpuMilli}m, ${formatMi(AKS_DAEMONS.memoryBytes)})`,
  };
}

export const formatMi = (bytes: number) => `${Math.floor(bytes / MiB)}Mi`;

/** Bytes of one kernel ring buffer at a `bufSizePreset` (1-10): 1 MiB doubling per step, 512 MiB at 10. */
export const bufferPresetBytes = (preset: number) => 2 ** (preset - 1) * MiB;

/**
 * The kernel ring buffers Falco allocates on a node of `vcpus` CPUs: the kernel module one per CPU; modern eBPF
 * one per `cpusForEachBuffer` CPUs (0: one for all). The kmod buffers are kernel memory outside every pod's
 * cgroup (the scheduler does not see it); modern eBPF's are BPF maps, charged to the memory cgroup of the
 * process creating them (Linux 5.11 and later, every AKS image): Falco's container, within its memory limit.
 */
export function kernelBuffers(driver: 'kmod' | 'modern_ebpf', preset: number, cpusForEachBuffer: number, vcpus: number): { buffers: number; bytes: number } {
  const buffers = driver === 'kmod' ? vcpus : cpusForEachBuffer === 0 ? 1 : Math.ceil(vcpus / cpusForEachBuffer);
  return { buffers, bytes: buffers * bufferPresetBytes(preset) };
}
