// config.json annotations (config.md "Annotations").
import { obj, type Finding, type Rule } from './rule.js';
import { NONE, eachKey, ptr, q } from './helpers.js';

const ANNOTATIONS = { file: 'config.md', anchor: 'configAnnotations' };

/** The org.opencontainers keys config.md defines from 1.2.0 on; every other key in that namespace is reserved. */
const DEFINED_OCI_KEYS: ReadonlySet<string> = new Set([
  'org.opencontainers.image.os',
  'org.opencontainers.image.os.version',
  'org.opencontainers.image.os.features',
  'org.opencontainers.image.architecture',
  'org.opencontainers.image.variant',
  'org.opencontainers.image.author',
  'org.opencontainers.image.created',
  'org.opencontainers.image.stopSignal',
]);

// RFC 3339 date-time (the image spec's "created"), e.g. 2024-02-13T10:00:00Z or with an offset.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
// The image spec's StopSignal: a name such as SIGKILL or SIGRTMIN+3; numbers are accepted by the tools too.
const SIGNAL = /^(SIG[A-Z0-9]+([+-]\d+)?|\d+)$/;

// Reverse domain notation: a DNS-like first label, then at least one more dot-separated part.
const REVERSE_DOMAIN = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.[^.]/;

/** The "annotation keys are not empty" check, shared with state and features documents. */
export function emptyAnnotationKeys(value: unknown, what: string): Finding[] {
  const a = obj(value, 'annotations');
  if (!a || !Object.prototype.hasOwnProperty.call(a, '')) return NONE;
  return [{ pointer: ptr('annotations', ''), message: `${what} has an empty key; keys must not be empty strings` }];
}

export const rules: Rule[] = [
  {
    id: 'config.annotations.key-non-empty',
    kind: 'config',
    level: 'MUST NOT',
    ref: ANNOTATIONS,
    summary: 'Annotation keys are not empty strings.',
    check(value) {
      return emptyAnnotationKeys(value, 'annotations');
    },
  },
  {
    id: 'config.annotations.key-reverse-domain',
    kind: 'config',
    level: 'SHOULD',
    ref: ANNOTATIONS,
    summary: 'Annotation keys use reverse domain notation, e.g. com.example.myKey.',
    check(value) {
      return eachKey(obj(value, 'annotations'), (k) =>
        k === '' || REVERSE_DOMAIN.test(k)
          ? undefined
          : { pointer: ptr('annotations', k), message: `annotation key ${q(k)} is not in reverse domain notation (e.g. "com.example.key")` },
      );
    },
  },
  {
    id: 'config.annotations.reserved-namespace',
    kind: 'config',
    level: 'SHOULD NOT',
    ref: ANNOTATIONS,
    since: '1.2.0',
    summary: 'Keys in the reserved org.opencontainers namespace are only the ones config.md defines (org.opencontainers.image.os, ...).',
    check(value) {
      return eachKey(obj(value, 'annotations'), (k) =>
        !(k === 'org.opencontainers' || k.startsWith('org.opencontainers.')) || DEFINED_OCI_KEYS.has(k)
          ? undefined
          : { pointer: ptr('annotations', k), message: `annotation key ${q(k)} is in the reserved org.opencontainers namespace but is not one the spec defines` },
      );
    },
  },
  {
    id: 'config.annotations.image-values',
    kind: 'config',
    level: 'MUST',
    ref: ANNOTATIONS,
    since: '1.2.0',
    summary: 'org.opencontainers.image.created is an RFC 3339 date-time and org.opencontainers.image.stopSignal a signal, as the image spec defines them.',
    check(value) {
      const a = obj(value, 'annotations');
      if (!a) return NONE;
      let out: Finding[] | undefined;
      const created = a['org.opencontainers.image.created'];
      if (typeof created === 'string' && !RFC3339.test(created)) {
        (out ??= []).push({ pointer: ptr('annotations', 'org.opencontainers.image.created'), message: `org.opencontainers.image.created ${q(created)} is not an RFC 3339 date-time` });
      }
      const signal = a['org.opencontainers.image.stopSignal'];
      if (typeof signal === 'string' && !SIGNAL.test(signal)) {
        (out ??= []).push({ pointer: ptr('annotations', 'org.opencontainers.image.stopSignal'), message: `org.opencontainers.image.stopSignal ${q(signal)} is not a signal name like "SIGTERM" or "SIGRTMIN+3" (or a number)` });
      }
      return out ?? NONE;
    },
  },
];
