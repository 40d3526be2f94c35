/**
 * Facts about the Falco the project installs (0.44.1, rules engine 0.62.0, libs 0.25.4, with the container and
 * k8smeta plugins) that a rules file is checked against.
 */

/** `falco --version` "Engine:": a file requiring more does not load. */
export const ENGINE_VERSION = '0.62.0';

/** Priorities Falco accepts (case-insensitive), as its rules schema lists them. */
export const PRIORITIES = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'INFORMATIONAL', 'DEBUG'] as const;

/**
 * Field classes, i.e. the part of a field name before its first dot, that Falco 0.44 can know:
 * libsinsp's own syscall fields, the container plugin (`container.*`, `k8s.*`, a dependency of the stock rules),
 * the k8smeta plugin, and the fields of the plugins of other event sources (k8saudit, cloudtrail, json, okta,
 * github, gcpaudit). Whether a field exists within its class only Falco (with the plugin loaded) can tell.
 */
export const FIELD_CLASSES: ReadonlySet<string> = new Set([
  // libsinsp (syscall source)
  'evt',
  'syscall',
  'proc',
  'thread',
  'user',
  'group',
  'fd',
  'fdlist',
  'fs',
  // container plugin
  'container',
  'k8s',
  // k8smeta plugin
  'k8smeta',
  // other event sources' plugins
  'ka',
  'jevt',
  'ct',
  's3',
  'ec2',
  'json',
  'okta',
  'github',
  'gcp',
]);

export const fieldClass = (field: string) => field.slice(0, field.indexOf('.'));

/** `a.b.c` is newer than or equal to `x.y.z`? Both plain `major.minor.patch` (a bare integer N means 0.N.0). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/^\d+$/.test(v) ? [0, Number(v), 0] : v.split('.').map(Number));
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Falco's engine version syntax: an integer (old form) or `x.y.z`. */
export const ENGINE_VERSION_SYNTAX = /^(\d+|\d+\.\d+\.\d+)$/;

/**
 * The stock rules a benchmark measures: event-generator names each of its syscall actions after the stable rule
 * it triggers (`syscall.ReadSensitiveFileUntrusted` for `Read sensitive file untrusted`), so a rule belongs to
 * the benchmark when the actions regexp matches `syscall.` + its name in CamelCase.
 */
export function benchmarkRules(actions: string, ruleNames: readonly string[]): string[] {
  let re: RegExp;
  try {
    re = new RegExp(actions, 'i');
  } catch {
    return [];
  }
  const camel = (name: string) =>
    name
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join('');
  return ruleNames.filter((name) => re.test(`syscall.${camel(name)}`));
}
