// The vocabulary of the schema source of truth: a small tree of typed nodes in which any
// property, enum value, definition or whole sub-schema may carry the versions it applies to.
// `emit.ts` turns one document source into a JSON Schema for one released spec version.
//
// Version spans follow versions.ts: `since` is the first version a thing applies to (default:
// 1.0.0), `until` the first version it no longer applies to (default: still applies).
import type { DocumentKind } from '../document.js';
import type { SpecVersion } from '../versions.js';
import type { DeviationId } from './deviations.js';

export interface Span {
  since?: SpecVersion;
  until?: SpecVersion;
}

interface Annotated {
  /** A short description in our own words, copied into the generated schema. */
  description?: string;
  /** Deliberate differences from the upstream schema that this node carries (see deviations.ts). */
  deviations?: DeviationId[];
}

export interface RefNode extends Annotated {
  kind: 'ref';
  /** A definition name in the same document (see Definitions), or an integer range name. */
  name: string;
}

export type EnumValue = string | (Span & { value: string });

export interface StringNode extends Annotated {
  kind: 'string';
  pattern?: string;
  enum?: EnumValue[];
  /** Documented values of an open set (emitted as `examples`, never enforced). */
  examples?: string[];
}

export interface IntegerNode extends Annotated {
  kind: 'integer';
  minimum?: number | bigint;
  maximum?: number | bigint;
}

export interface BooleanNode extends Annotated {
  kind: 'boolean';
}

export interface Property extends Span, Annotated {
  node: Node;
  /** true: required wherever the property exists; a span: required only at those versions. */
  required?: boolean | Span;
}

export interface ObjectNode extends Annotated {
  kind: 'object';
  properties: Record<string, Property>;
  /**
   * Keys not listed in `properties` are free: their values must match this node
   * ('any': anything). Used for maps (annotations, sysctl, unified, rdma, netDevices).
   */
  values?: Node | 'any';
  /** Constraint on every key of a map. */
  keyMinLength?: number;
}

export interface ArrayNode extends Annotated {
  kind: 'array';
  items: Node;
  minItems?: number;
}

/** Any JSON value (used for implementation-defined content). */
export interface AnyNode extends Annotated {
  kind: 'any';
}

/** A node whose shape changed between versions: exactly one case applies at each version. */
export interface VersionedNode {
  kind: 'versioned';
  cases: (Span & { node: Node })[];
}

export type Node = RefNode | StringNode | IntegerNode | BooleanNode | ObjectNode | ArrayNode | AnyNode | VersionedNode;

export interface Definition extends Span {
  node: Node;
}

export interface DocumentSource extends Span {
  kind: DocumentKind;
  title: string;
  description: string;
  root: ObjectNode;
  definitions: Record<string, Definition>;
  /**
   * Every property that is not required may also be `null` (the features document:
   * "All properties ... except ociVersionMin and ociVersionMax MAY either be absent or have the null value").
   */
  optionalMayBeNull?: DeviationId;
}

// ---- builders -------------------------------------------------------------------------------

type Opts<T> = Omit<T, 'kind'>;

export const ref = (name: string, o: Annotated = {}): RefNode => ({ kind: 'ref', name, ...o });
export const str = (o: Opts<StringNode> = {}): StringNode => ({ kind: 'string', ...o });
export const int = (o: Opts<IntegerNode> = {}): IntegerNode => ({ kind: 'integer', ...o });
export const bool = (o: Annotated = {}): BooleanNode => ({ kind: 'boolean', ...o });
export const any = (o: Annotated = {}): AnyNode => ({ kind: 'any', ...o });
export const arr = (items: Node, o: Omit<Opts<ArrayNode>, 'items'> = {}): ArrayNode => ({
  kind: 'array',
  ...o,
  items,
});
export const obj = (properties: Record<string, Property | Node>, o: Omit<Opts<ObjectNode>, 'properties'> = {}): ObjectNode => ({
  kind: 'object',
  ...o,
  properties: Object.fromEntries(Object.entries(properties).map(([k, p]) => [k, isProperty(p) ? p : { node: p }])),
});
/** A map from free keys to values of one shape. */
export const map = (values: Node | 'any', o: Omit<Opts<ObjectNode>, 'properties' | 'values'> = {}): ObjectNode => ({
  kind: 'object',
  properties: {},
  values,
  ...o,
});
export const versioned = (...cases: (Span & { node: Node })[]): VersionedNode => ({ kind: 'versioned', cases });

/** A property with extra facts (versions, required, description) around a node. */
export const prop = (node: Node, o: Omit<Property, 'node'> = {}): Property => ({ node, ...o });
export const required = (node: Node, o: Omit<Property, 'node' | 'required'> = {}): Property => ({ node, required: true, ...o });

export const strings = (o: Omit<Opts<ArrayNode>, 'items'> = {}): ArrayNode => arr(str(), o);
export const since = (v: SpecVersion): Span => ({ since: v });
export const until = (v: SpecVersion): Span => ({ until: v });

function isProperty(p: Property | Node): p is Property {
  return 'node' in p;
}

/** The names of the integer range definitions every generated document carries. */
export const INTEGER_RANGES = {
  int8: [-(2n ** 7n), 2n ** 7n - 1n],
  int16: [-(2n ** 15n), 2n ** 15n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 2n ** 8n - 1n],
  uint16: [0n, 2n ** 16n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
} as const satisfies Record<string, readonly [bigint, bigint]>;
export type IntegerRange = keyof typeof INTEGER_RANGES;

export const int8 = (o: Annotated = {}) => ref('int8', o);
export const int32 = (o: Annotated = {}) => ref('int32', o);
export const int64 = (o: Annotated = {}) => ref('int64', o);
export const uint8 = (o: Annotated = {}) => ref('uint8', o);
export const uint16 = (o: Annotated = {}) => ref('uint16', o);
export const uint32 = (o: Annotated = {}) => ref('uint32', o);
export const uint64 = (o: Annotated = {}) => ref('uint64', o);
