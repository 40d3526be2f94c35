/**
 * Reads, validates and completes the configuration. Every problem is collected and reported at once, each
 * naming the field, the bad value and what is allowed; callers print `ConfigError.message` (no stack trace).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { goDurationSeconds } from './duration';
import { SYSTEM_POOL_NAME, SYSTEM_POOL_ROTATION_NAME } from '../contract/naming';
import {
  ALERT_PRIORITIES,
  BenchConfig,
  DEFAULT_CONFIG,
  DRIVER_KINDS,
  REPOSITORY_MODES,
  REPOSITORY_VISIBILITIES,
  STATE_BACKENDS,
  VariantConfig,
} from './schema';

/** The file users edit, relative to the project root; `FALCO_BENCH_CONFIG` points elsewhere. */
export const DEFAULT_CONFIG_FILE = 'bench.config.yaml';

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The environment variables that may override the few per-user settings. */
export interface ConfigEnv {
  ARM_SUBSCRIPTION_ID?: string;
  GITHUB_OWNER?: string;
  /** `owner/name` (as GitHub Actions sets it) or just `name`. */
  GITHUB_REPOSITORY?: string;
}

/** Loads `file` (default: `FALCO_BENCH_CONFIG` or `bench.config.yaml`) and validates it. */
export function loadConfig(file?: string, env: ConfigEnv & Record<string, string | undefined> = process.env): BenchConfig {
  const path = file ?? env.FALCO_BENCH_CONFIG ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [`cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`]);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new ConfigError(path, [`not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  return resolveConfig(raw, env, path);
}

/** Validates a parsed document, fills in defaults and applies environment overrides. Pure. */
export function resolveConfig(raw: unknown, env: ConfigEnv = {}, source = 'configuration'): BenchConfig {
  const problems: string[] = [];
  const merged = mergeChecked(DEFAULT_CONFIG, raw, '', problems) as BenchConfig;
  if (problems.length === 0) {
    applyEnv(merged, env, problems);
    validate(merged, problems);
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return merged;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v);
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

/** Free-form string maps: any key is allowed, values must be strings. */
const STRING_MAPS = new Set(['azure.tags']);
/** Lists of strings (no default element to merge over: the file's list replaces the default). */
const STRING_LISTS = new Set(['cluster.apiServerAuthorizedIpRanges']);
/** Optional sections absent from the defaults, with their template. */
const OPTIONAL_SECTIONS: Record<string, object> = {
  'cluster.apiServerAuthorizedIpRanges': [],
  'state.azurerm': { resourceGroupName: '', storageAccountName: '', containerName: 'tfstate', keyPrefix: 'falco-bench/' },
};
const VARIANT_TEMPLATE: VariantConfig = {
  name: '',
  cpu: { request: '', limit: '' },
  memory: { request: '', limit: '' },
  driver: 'modern_ebpf',
  bufferedOutputs: false,
  customRules: false,
};
/** Variant keys that may be left out (they take the template's value); every other variant key is required. */
const OPTIONAL_VARIANT_KEYS = new Set(['customRules']);

/**
 * Merges `value` over `template`, rejecting unknown keys and wrong types. Lists replace the default list;
 * each variant is checked against the variant template with all fields required.
 */
function mergeChecked(template: unknown, value: unknown, at: string, problems: string[]): unknown {
  if (value === undefined || (value === null && at === '')) return structuredClone(template);
  if (STRING_MAPS.has(at)) {
    if (!isObject(value)) {
      problems.push(`${at}: expected a map of strings, got ${kindOf(value)}`);
      return {};
    }
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') problems.push(`${at}.${k}: expected a string, got ${kindOf(v)} ${show(v)}`);
    }
    return { ...(template as object), ...value };
  }
  if (STRING_LISTS.has(at)) {
    if (!Array.isArray(value)) {
      problems.push(`${at}: expected a list of strings, got ${show(value)}`);
      return [];
    }
    value.forEach((v, i) => {
      if (typeof v !== 'string') problems.push(`${at}[${i}]: expected a string, got ${kindOf(v)} ${show(v)}`);
    });
    return [...value];
  }
  if (Array.isArray(template)) {
    if (!Array.isArray(value)) {
      problems.push(`${at}: expected a list, got ${kindOf(value)} ${show(value)}`);
      return template;
    }
    return value.map((item, i) => checkRequired(VARIANT_TEMPLATE, item, `${at}[${i}]`, problems));
  }
  if (isObject(template)) {
    if (!isObject(value)) {
      problems.push(`${at || 'the document'}: expected a map, got ${kindOf(value)} ${show(value)}`);
      return structuredClone(template);
    }
    const out: Record<string, unknown> = {};
    const known = new Set([...Object.keys(template), ...optionalKeysAt(at)]);
    for (const key of Object.keys(value)) {
      if (!known.has(key)) {
        problems.push(`${join(at, key)}: unknown key; allowed here: ${[...known].join(', ')}`);
      }
    }
    for (const key of known) {
      const path = join(at, key);
      const t = key in template ? template[key] : OPTIONAL_SECTIONS[path];
      if (!(key in template) && value[key] === undefined) continue;
      out[key] = mergeChecked(t, value[key], path, problems);
    }
    return out;
  }
  if (typeof value !== typeof template) {
    problems.push(`${at}: expected ${typeof template}, got ${kindOf(value)} ${show(value)}`);
    return template;
  }
  return value;
}

function optionalKeysAt(at: string): string[] {
  return Object.keys(OPTIONAL_SECTIONS)
    .filter((p) => p.slice(0, p.lastIndexOf('.')) === at)
    .map((p) => p.slice(p.lastIndexOf('.') + 1));
}

/** Like mergeChecked, but every key of the template but OPTIONAL_VARIANT_KEYS must be present (no partial defaults). */
function checkRequired(template: object, value: unknown, at: string, problems: string[]): unknown {
  if (isObject(value)) {
    for (const [key, t] of Object.entries(template)) {
      if (value[key] === undefined) {
        if (!OPTIONAL_VARIANT_KEYS.has(key)) problems.push(`${join(at, key)}: required`);
      } else if (isObject(t) && isObject(value[key])) {
        for (const sub of Object.keys(t)) {
          if ((value[key] as Record<string, unknown>)[sub] === undefined) problems.push(`${at}.${key}.${sub}: required`);
        }
      }
    }
  }
  return mergeChecked(template, value, at, problems);
}

const join = (at: string, key: string) => (at ? `${at}.${key}` : key);

function applyEnv(config: BenchConfig, env: ConfigEnv, problems: string[]): void {
  if (env.ARM_SUBSCRIPTION_ID) config.azure.subscriptionId = env.ARM_SUBSCRIPTION_ID;
  if (env.GITHUB_OWNER) config.github.owner = env.GITHUB_OWNER;
  if (env.GITHUB_REPOSITORY) {
    const parts = env.GITHUB_REPOSITORY.split('/');
    if (parts.length > 2 || parts.some((p) => p === '')) {
      problems.push(`GITHUB_REPOSITORY: ${show(env.GITHUB_REPOSITORY)} is not "owner/name" or "name"`);
    } else if (parts.length === 2) {
      [config.github.owner, config.github.repository] = parts;
    } else {
      config.github.repository = parts[0];
    }
  }
}

/** AKS node pool names (Linux): lowercase alphanumerics, starting with a letter, at most 12 characters. */
export const NODE_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
/** Kubernetes CPU quantity: whole or decimal cores, or millicores. */
export const CPU_QUANTITY = /^(\d+(\.\d+)?|\d+m)$/;
/** Kubernetes memory quantity: bytes, or with a binary or decimal suffix. */
export const MEMORY_QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
/** Go duration, as event-generator flags take it. */
export const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** The durations Flux's CRDs accept (their `interval` pattern): no units below a millisecond. */
export const FLUX_DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const GITHUB_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const GITHUB_OWNER_NAME = /^[A-Za-z0-9](-?[A-Za-z0-9]){0,38}$/;
const AZURE_RG_NAME = /^[-\w._()]{1,90}$/;

/** `a.b.c.d/n`: four octets 0-255 and a prefix length 0-32 (AKS authorized ranges are IPv4). */
export function isIpv4Cidr(value: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

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

function validate(c: BenchConfig, problems: string[]): void {
  const bad = (field: string, value: unknown, allowed: string) => problems.push(`${field}: ${show(value)} is not allowed; ${allowed}`);
  const oneOf = (field: string, value: string, allowed: readonly string[]) => {
    if (!allowed.includes(value)) bad(field, value, `allowed: ${allowed.join(', ')}`);
  };
  const matches = (field: string, value: string, re: RegExp, allowed: string) => {
    if (!re.test(value)) bad(field, value, allowed);
  };

  matches('azure.subscriptionId', c.azure.subscriptionId, /^$|^[0-9a-fA-F-]{36}$/, 'expected a subscription GUID or empty (then ARM_SUBSCRIPTION_ID)');
  matches('azure.location', c.azure.location, /^[a-z0-9]+$/, 'expected an Azure region name such as westeurope');
  matches('azure.resourceGroupName', c.azure.resourceGroupName, AZURE_RG_NAME, 'expected 1-90 letters, digits, -, _, ., ( or )');
  matches('cluster.name', c.cluster.name, DNS_LABEL, 'expected a DNS label: lowercase letters, digits and -, at most 63');
  matches('cluster.kubernetesVersion', c.cluster.kubernetesVersion, /^\d+\.\d+(\.\d+)?$/, 'expected MAJOR.MINOR or MAJOR.MINOR.PATCH');
  matches('cluster.osSku', c.cluster.osSku, /^[A-Za-z0-9]+$/, 'expected an AKS os_sku such as Ubuntu2404 or AzureLinux');
  matches('cluster.systemVmSize', c.cluster.systemVmSize, /^Standard_\w+$/, 'expected an Azure VM size such as Standard_D4as_v5');
  matches('cluster.benchmarkVmSize', c.cluster.benchmarkVmSize, /^Standard_\w+$/, 'expected an Azure VM size such as Standard_D4as_v5');
  (c.cluster.apiServerAuthorizedIpRanges ?? []).forEach((range, i) => {
    if (!isIpv4Cidr(range)) bad(`cluster.apiServerAuthorizedIpRanges[${i}]`, range, 'expected an IPv4 address range in CIDR form, such as 203.0.113.7/32');
  });
  if (!Number.isInteger(c.cluster.systemNodeCount) || c.cluster.systemNodeCount < 1) {
    bad('cluster.systemNodeCount', c.cluster.systemNodeCount, 'expected a whole number >= 1');
  }
  if (c.github.owner !== '') matches('github.owner', c.github.owner, GITHUB_OWNER_NAME, 'expected a GitHub user or organisation name');
  matches('github.repository', c.github.repository, GITHUB_NAME, 'expected a GitHub repository name (letters, digits, -, _, .)');
  oneOf('github.mode', c.github.mode, REPOSITORY_MODES);
  oneOf('github.visibility', c.github.visibility, REPOSITORY_VISIBILITIES);
  matches('github.branch', c.github.branch, /^(?!\/)(?!.*\.\.)[A-Za-z0-9._\/-]+$/, 'expected a git branch name');
  matches('flux.interval', c.flux.interval, FLUX_DURATION, 'expected a duration in ms, s, m or h, such as 1m or 30s');
  oneOf('state.backend', c.state.backend, STATE_BACKENDS);
  if (c.state.localDirectory.startsWith('/')) {
    bad('state.localDirectory', c.state.localDirectory, 'expected a path relative to the project root');
  }
  if (c.state.backend === 'azurerm') {
    const a = c.state.azurerm;
    if (!a) problems.push('state.azurerm: required when state.backend is "azurerm"');
    else {
      matches('state.azurerm.resourceGroupName', a.resourceGroupName, AZURE_RG_NAME, 'expected the resource group of the storage account');
      matches('state.azurerm.storageAccountName', a.storageAccountName, /^[a-z0-9]{3,24}$/, 'expected 3-24 lowercase letters and digits');
      matches('state.azurerm.containerName', a.containerName, /^[a-z0-9](-?[a-z0-9]){2,62}$/, 'expected a blob container name');
    }
  }

  oneOf('response.minimumPriority', c.response.minimumPriority, ALERT_PRIORITIES);
  if (c.response.policyFile.startsWith('/') || c.response.policyFile.split('/').includes('..') || !/\.ya?ml$/.test(c.response.policyFile)) {
    bad('response.policyFile', c.response.policyFile, 'expected a .yaml file path relative to the repository root, inside it');
  }

  const b = c.benchmark;
  try {
    new RegExp(b.actions);
  } catch {
    bad('benchmark.actions', b.actions, 'expected a regular expression');
  }
  if (b.actions === '') bad('benchmark.actions', b.actions, 'expected a non-empty regular expression');
  for (const key of ['roundDuration', 'initialSleep', 'maxDuration'] as const) {
    matches(`benchmark.${key}`, b[key], GO_DURATION, 'expected a Go duration such as 5s, 100ms or 5m');
  }
  if (GO_DURATION.test(b.roundDuration) && GO_DURATION.test(b.maxDuration) && goDurationSeconds(b.maxDuration) < 2 * goDurationSeconds(b.roundDuration)) {
    bad('benchmark.maxDuration', b.maxDuration, `expected at least two rounds (2 x ${b.roundDuration}: a round and its rest)`);
  }
  if (b.variants.length === 0) problems.push('benchmark.variants: the list is empty; at least one variant is required');
  const seen = new Map<string, number>();
  b.variants.forEach((v, i) => {
    const at = `benchmark.variants[${i}]`;
    matches(`${at}.name`, v.name, NODE_POOL_NAME, 'a variant name is its AKS node pool name: 1-12 lowercase letters and digits, starting with a letter');
    if (v.name === SYSTEM_POOL_NAME || v.name === SYSTEM_POOL_ROTATION_NAME) {
      bad(`${at}.name`, v.name, `${SYSTEM_POOL_NAME} and ${SYSTEM_POOL_ROTATION_NAME} are the system node pool's names`);
    }
    if (seen.has(v.name)) bad(`${at}.name`, v.name, `duplicate of benchmark.variants[${seen.get(v.name)}].name; names must be unique`);
    else seen.set(v.name, i);
    oneOf(`${at}.driver`, v.driver, DRIVER_KINDS);
    checkPair(`${at}.cpu`, v.cpu, CPU_QUANTITY, cpuCores, 'expected a CPU quantity such as 1, 1.5 or 500m', problems);
    checkPair(`${at}.memory`, v.memory, MEMORY_QUANTITY, memoryBytes, 'expected a memory quantity such as 1Gi or 512Mi', problems);
  });
}

function checkPair(at: string, pair: { request: string; limit: string }, re: RegExp, measure: (q: string) => number, allowed: string, problems: string[]): void {
  let ok = true;
  for (const key of ['request', 'limit'] as const) {
    if (!re.test(pair[key]) || measure(pair[key]) <= 0) {
      problems.push(`${at}.${key}: ${show(pair[key])} is not allowed; ${allowed} (greater than zero)`);
      ok = false;
    }
  }
  if (ok && measure(pair.request) > measure(pair.limit)) {
    problems.push(`${at}.request: ${show(pair.request)} is more than the limit ${show(pair.limit)}; the request must not exceed the limit`);
  }
}
