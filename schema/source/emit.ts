// Turns a document source into the JSON Schema (draft-07) for one released version, and renders
// it as deterministic text (fixed key order, 2-space indent, exact 64-bit bounds, trailing newline).
import type { DocumentKind } from '../document.js';
import { type SpecVersion, versionInRange } from '../versions.js';
import { DEVIATIONS, type DeviationId } from './deviations.js';
import { type DocumentSource, type Node, type ObjectNode, type Property, INTEGER_RANGES, type Span } from './dsl.js';

export type JsonValue = string | number | bigint | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The order keywords are written in; every emitted keyword must be listed. */
const KEY_ORDER = [
  '$schema',
  '$id',
  'title',
  'description',
  '$comment',
  'type',
  '$ref',
  'enum',
  'examples',
  'pattern',
  'minLength',
  'minimum',
  'maximum',
  'items',
  'minItems',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'anyOf',
  'definitions',
];
const KEY_RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

function ordered(o: JsonObject): JsonObject {
  const keys = Object.keys(o);
  for (const k of keys) if (!KEY_RANK.has(k)) throw new Error(`emit: keyword ${k} has no place in KEY_ORDER`);
  keys.sort((a, b) => KEY_RANK.get(a)! - KEY_RANK.get(b)!);
  const out: JsonObject = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

const inSpan = (v: SpecVersion, s: Span) => versionInRange(v, s.since, s.until);

export function documentExists(doc: DocumentSource, v: SpecVersion): boolean {
  return inSpan(v, doc);
}

export function schemaFileName(kind: DocumentKind): string {
  return `${kind}.schema.json`;
}

export function schemaId(kind: DocumentKind, v: SpecVersion): string {
  return `urn:oci-runtime-conformance:schema:${v}:${kind}`;
}

class Emitter {
  readonly refs = new Set<string>();
  constructor(
    readonly doc: DocumentSource,
    readonly v: SpecVersion,
  ) {}

  comment(ids: readonly DeviationId[] | undefined): string | undefined {
    const active = (ids ?? []).filter((id) => {
      const d = DEVIATIONS[id];
      if (!d) throw new Error(`emit: unknown deviation ${id}`);
      return d.kinds.includes(this.doc.kind) && inSpan(this.v, d);
    });
    if (!active.length) return undefined;
    return `Deliberately differs from the upstream ${this.v} schema (${[...new Set(active)].join(', ')}); see schema/README.md.`;
  }

  node(n: Node, extra: { description?: string; deviations?: readonly DeviationId[] } = {}): JsonObject {
    if (n.kind === 'versioned') {
      const cases = n.cases.filter((c) => inSpan(this.v, c));
      if (cases.length !== 1) throw new Error(`emit: ${cases.length} versioned cases apply at ${this.v}`);
      return this.node(cases[0].node, extra);
    }
    const out: JsonObject = {};
    const description = extra.description ?? n.description;
    if (description) out.description = description;
    const comment = this.comment([...(extra.deviations ?? []), ...(n.deviations ?? [])]);
    if (comment) out.$comment = comment;
    switch (n.kind) {
      case 'ref':
        this.refs.add(n.name);
        out.$ref = `#/definitions/${n.name}`;
        break;
      case 'string': {
        out.type = 'string';
        if (n.enum) {
          out.enum = n.enum
            .filter((e) => typeof e === 'string' || inSpan(this.v, e))
            .map((e) => (typeof e === 'string' ? e : e.value));
        }
        if (n.examples) out.examples = [...n.examples];
        if (n.pattern !== undefined) out.pattern = n.pattern;
        break;
      }
      case 'integer':
        out.type = 'integer';
        if (n.minimum !== undefined) out.minimum = n.minimum;
        if (n.maximum !== undefined) out.maximum = n.maximum;
        break;
      case 'boolean':
        out.type = 'boolean';
        break;
      case 'any':
        break;
      case 'array':
        out.type = 'array';
        out.items = this.node(n.items);
        if (n.minItems !== undefined) out.minItems = n.minItems;
        break;
      case 'object':
        Object.assign(out, this.object(n));
        break;
    }
    return ordered(out);
  }

  object(n: ObjectNode): JsonObject {
    const out: JsonObject = { type: 'object' };
    const properties: JsonObject = {};
    const required: string[] = [];
    for (const [name, p] of Object.entries(n.properties)) {
      if (!inSpan(this.v, p)) continue;
      const isRequired = p.required === true || (typeof p.required === 'object' && inSpan(this.v, p.required));
      if (isRequired) required.push(name);
      properties[name] = this.property(p, isRequired);
    }
    if (Object.keys(properties).length) out.properties = properties;
    if (required.length) out.required = required;
    if (n.values !== undefined) out.additionalProperties = n.values === 'any' ? true : this.node(n.values);
    if (n.keyMinLength !== undefined) out.propertyNames = { minLength: n.keyMinLength };
    return out;
  }

  property(p: Property, isRequired: boolean): JsonObject {
    const s = this.node(p.node, { description: p.description, deviations: p.deviations });
    if (!this.doc.optionalMayBeNull || isRequired) return s;
    return nullable(s);
  }
}

/** Let a property's value also be null, keeping its annotations outside the alternatives. */
function nullable(s: JsonObject): JsonObject {
  const { description, $comment, ...rest } = s;
  if ('$ref' in rest || 'enum' in rest) {
    return ordered({ description, $comment, anyOf: [rest, { type: 'null' }] });
  }
  if (typeof rest.type === 'string') return ordered({ ...s, type: [rest.type, 'null'] });
  return s;
}

/** The JSON Schema of one document kind at one version (bigint where 64-bit bounds must be exact). */
export function emitSchema(doc: DocumentSource, v: SpecVersion): JsonObject {
  if (!documentExists(doc, v)) throw new Error(`${doc.kind} does not exist at ${v}`);
  const e = new Emitter(doc, v);
  const root = e.node(doc.root);
  const definitions: JsonObject = {};
  for (const [name, [min, max]] of Object.entries(INTEGER_RANGES)) {
    definitions[name] = ordered({ type: 'integer', minimum: min, maximum: max });
  }
  const done = new Set<string>(Object.keys(INTEGER_RANGES));
  for (let pending = [...e.refs].filter((r) => !done.has(r)); pending.length; pending = [...e.refs].filter((r) => !done.has(r))) {
    for (const name of pending) {
      done.add(name);
      const def = doc.definitions[name];
      if (!def) throw new Error(`emit: ${doc.kind} ${v}: no definition ${name}`);
      if (!inSpan(v, def)) throw new Error(`emit: ${doc.kind} ${v}: definition ${name} is referenced outside its versions`);
      definitions[name] = e.node(def.node);
    }
  }
  const sortedDefinitions: JsonObject = {};
  for (const name of Object.keys(definitions).sort()) sortedDefinitions[name] = definitions[name];
  const rootComment = doc.optionalMayBeNull ? e.comment([doc.optionalMayBeNull]) : undefined;
  return ordered({
    ...root,
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: schemaId(doc.kind, v),
    title: `${doc.title}, runtime-spec ${v}`,
    description: doc.description,
    $comment: rootComment ? `${rootComment} Every optional property may be null.` : undefined,
    definitions: sortedDefinitions,
  } as JsonObject);
}

/** Deterministic text: the layout of JSON.stringify(x, null, 2), exact bigints, trailing newline. */
export function renderSchema(schema: JsonValue): string {
  return render(schema, '') + '\n';
}

function render(v: JsonValue, indent: string): string {
  if (typeof v === 'bigint') return v.toString();
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isSafeInteger(v) && Number.isInteger(v)) {
      throw new Error(`render: ${v} is not exact; use a bigint`);
    }
    return JSON.stringify(v);
  }
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return '[\n' + v.map((x) => inner + render(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (!keys.length) return '{}';
  return '{\n' + keys.map((k) => `${inner}${JSON.stringify(k)}: ${render(v[k], inner)}`).join(',\n') + '\n' + indent + '}';
}
