/** Variant names for inputs that do not state one. */
import { basename } from 'node:path';

// The original AKS benchmark's files: falco-event-generator-ebpf-<yes|no>-buffer-<yes|no>-<N>cpu-<mem>.txt
const LEGACY = /^falco-event-generator-ebpf-(yes|no)-buffer-(yes|no)-(\d+)cpu-[0-9A-Za-z]+\.txt$/;

/**
 * `falco-event-generator-ebpf-no-buffer-no-1cpu-1Gi.txt` -> `kmod-nobuffer-1cpu` (ebpf=no meant the kernel
 * module); this project's own `<variant>.log` / `<variant>.json` -> `<variant>`; anything else: the base name
 * without its extension.
 */
export function variantFromFileName(file: string): string {
  const base = basename(file);
  const legacy = LEGACY.exec(base);
  if (legacy) return `${legacy[1] === 'yes' ? 'ebpf' : 'kmod'}-${legacy[2] === 'yes' ? 'buffer' : 'nobuffer'}-${legacy[3]}cpu`;
  return base.replace(/\.(log|json|jsonl|txt)$/i, '') || base;
}

/** Makes names unique in order of appearance (`a`, `a-2`, ...): they name charts and table rows. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let k = 2; seen.has(unique); k++) unique = `${name}-${k}`;
    seen.add(unique);
    return unique;
  });
}

/** A name that is safe as a file name on every OS. */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';
}

/**
 * Orders names as people count: digit runs compare as numbers (`v2` before `v10`), the rest as text
 * (code-unit order, as the plain sort did); names that differ only in leading zeros put fewer zeros first.
 */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [], pb = b.match(/\d+|\D+/g) ?? [];
  let zeros = 0;
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i], y = pb[i];
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const [bx, by] = [BigInt(x), BigInt(y)];
      if (bx !== by) return bx < by ? -1 : 1;
      if (zeros === 0) zeros = x.length - y.length;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length || zeros;
}
