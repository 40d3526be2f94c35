/** Kubernetes CPU and memory quantities, as the configuration takes them, and their magnitudes. */

/** CPU quantity: whole or decimal cores, or millicores. */
export const CPU_QUANTITY = /^(\d+(\.\d+)?|\d+m)$/;
/** Memory quantity: bytes, or with a binary or decimal suffix. */
export const MEMORY_QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;

const MEMORY_FACTORS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** CPU quantity in cores. */
export function cpuCores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/** Memory quantity in bytes. */
export function memoryBytes(quantity: string): number {
  const [, num, unit] = /^([\d.]+)(\D*)$/.exec(quantity) ?? [];
  return Number(num) * MEMORY_FACTORS[unit ?? ''];
}
