/**
 * Strict validation of Flux objects against the CRDs of one Flux release (default: 2.8.5, from the upstream
 * reference data). Each served version's openAPIV3Schema becomes a JSON Schema in which every object that
 * lists `properties` (and does not preserve unknown fields) rejects other fields, as the API server's strict
 * field validation does in a server-side dry-run. Enums, patterns, required fields and types are enforced by
 * ajv. Not evaluated: CEL rules (`x-kubernetes-validations`) and `format`.
 */
import Ajv, { ValidateFunction } from 'ajv';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { UPSTREAM_DIR } from './upstream';

export const FLUX_CRDS_DIR = join(UPSTREAM_DIR, 'flux-crds-2.8.5');

type Schema = Record<string, unknown>;

/** JSON Schema keywords kept as they are; everything else (descriptions, x-kubernetes-*, format) is dropped. */
const KEPT = new Set([
  'type', 'enum', 'required', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf', 'minProperties', 'maxProperties',
]);

/** One OpenAPI v3 (structural) schema node to a strict JSON Schema node. */
export function toStrictJsonSchema(node: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (KEPT.has(key)) out[key] = value;
    else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, toStrictJsonSchema(v)]));
    } else if (key === 'items') out.items = toStrictJsonSchema(value as Schema);
    else if (key === 'additionalProperties') out.additionalProperties = typeof value === 'boolean' ? value : toStrictJsonSchema(value as Schema);
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') out[key] = (value as Schema[]).map(toStrictJsonSchema);
    else if (key === 'not') out.not = toStrictJsonSchema(value as Schema);
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    if (!out.anyOf) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (node.properties && node['x-kubernetes-preserve-unknown-fields'] !== true && node.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

interface CrdDocument {
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[];
  };
}

export interface FluxValidator {
  /** `apiVersion kind` pairs the CRDs serve. */
  readonly served: string[];
  /** Problems of one object (empty when valid), each naming the field. */
  validate(object: unknown): string[];
}

/** Compiles a validator for every served version of every CRD in `dir`. */
export function loadFluxValidator(dir: string = FLUX_CRDS_DIR): FluxValidator {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const validators = new Map<string, ValidateFunction>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
      const crd = doc.toJS() as CrdDocument;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions.filter((v) => v.served)) {
        const apiVersion = `${crd.spec.group}/${version.name}`;
        const schema = toStrictJsonSchema(version.schema.openAPIV3Schema);
        const props = (schema.properties ?? {}) as Record<string, Schema>;
        props.apiVersion = { type: 'string', const: apiVersion };
        props.kind = { type: 'string', const: crd.spec.names.kind };
        schema.properties = props;
        schema.required = [...new Set([...((schema.required as string[]) ?? []), 'apiVersion', 'kind', 'metadata'])];
        validators.set(`${apiVersion} ${crd.spec.names.kind}`, ajv.compile(schema));
      }
    }
  }
  const served = [...validators.keys()].sort();
  return {
    served,
    validate(object: unknown): string[] {
      const o = object as { apiVersion?: unknown; kind?: unknown };
      const key = `${String(o?.apiVersion)} ${String(o?.kind)}`;
      const validate = validators.get(key);
      if (!validate) return [`${key}: not served by these CRDs (served: ${served.join(', ')})`];
      if (validate(object)) return [];
      return (validate.errors ?? []).map((e) => {
        const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
        const allowed = e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
        return `${key} ${e.instancePath || '/'}: ${e.message}${extra}${allowed}`;
      });
    },
  };
}

/** Flux objects are those of the `*.toolkit.fluxcd.io` API groups. */
export const isFluxObject = (o: unknown): boolean => /\.toolkit\.fluxcd\.io\//.test(String((o as { apiVersion?: unknown })?.apiVersion));
