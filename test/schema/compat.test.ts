// compat's classifier and witnesses: pairs of tiny synthetic schema folders, one per change
// class, then the real built-in version pairs and their known breaks. Every witness any report
// here prints is re-checked at the end with validators compiled afresh, independent of the ones
// compat used.
import t from 'tap';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { BUILTIN_AJV_OPTIONS, builtinSchema } from '../../schema/builtin.js';
import type { DocumentKind } from '../../schema/document.js';
import { loadExternalSchemas, entryPointFile } from '../../schema/external.js';
import { findUnknownProperties } from '../../schema/schema-walk.js';
import { SPEC_VERSIONS, type SpecVersion } from '../../schema/versions.js';
import { bundleExternal } from '../../schema/compat/bundle.js';
import { expectationChanges, ruleChanges } from '../../schema/compat/catalogue.js';
import { compareArgs, compareSides } from '../../schema/compat/compare.js';
import { diffSchemas, similarNames } from '../../schema/compat/diff.js';
import { samplesOf } from '../../schema/compat/regex-sample.js';
import { builtinSide, folderSide } from '../../schema/compat/sides.js';
import type { Change, CompatReport } from '../../schema/compat/types.js';
import { errorsConcern, findWitness } from '../../schema/compat/witness.js';
import type { Requirement } from '../../validation/requirements/index.js';
import type { Rule } from '../../schema/rules/rule.js';

const root = mkdtempSync(join(tmpdir(), 'compat-test-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

type Json = Record<string, unknown>;
let counter = 0;

/** A schema folder holding one config-schema.json (and any other files given). */
function folder(config: Json, others: Record<string, Json> = {}): string {
  const dir = join(root, `set-${++counter}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config-schema.json'), JSON.stringify(config, null, 2));
  for (const [name, content] of Object.entries(others)) writeFileSync(join(dir, name), JSON.stringify(content, null, 2));
  return dir;
}

const obj = (properties: Json, extra: Json = {}): Json => ({ type: 'object', properties, ...extra });

interface Compared {
  report: CompatReport;
  from: string;
  to: string;
}
/** Every report made here, with how to reach its two sides, for the final witness check. */
const made: Compared[] = [];

function compare(from: Json, to: Json): CompatReport {
  const a = folder(from);
  const b = folder(to);
  const report = compareArgs(a, b, 'config');
  made.push({ report, from: a, to: b });
  return report;
}

type TapTest = Parameters<Parameters<typeof t.test>[0]>[0];

function only(t: TapTest, report: CompatReport, change: string): Change {
  const found = report.changes.filter((c) => c.change === change);
  t.equal(found.length, 1, `one ${change}, got ${report.changes.map((c) => `${c.change}@${c.pointer}`).join(', ') || 'nothing'}`);
  return found[0];
}

t.test('identical schemas: no change, patch', async (t) => {
  const s = obj({ a: { type: 'string' }, b: { type: 'array', items: { type: 'integer', minimum: 0 } } }, { required: ['a'] });
  const r = compare(s, s);
  t.same(r.changes, []);
  t.equal(r.verdict.bump, 'patch');
});

t.test('a property added as optional: minor; its witness is valid under --to and undeclared under --from', async (t) => {
  const r = compare(obj({ a: { type: 'string' } }), obj({ a: { type: 'string' }, b: { type: 'integer' } }));
  const c = only(t, r, 'property-added');
  t.match(c, { pointer: '/b', class: 'minor', from: null, to: 'integer' });
  t.match(c.witness, { accepts: 'to', other: 'ignores', pointer: '/b', document: { b: 0 } });
  t.equal(r.verdict.bump, 'minor');
});

t.test('a property added as required: major; the witness leaves it out', async (t) => {
  const r = compare(obj({ a: { type: 'string' } }), obj({ a: { type: 'string' }, b: { type: 'integer' } }, { required: ['b'] }));
  const c = only(t, r, 'property-added-required');
  t.equal(c.class, 'major');
  t.match(c.witness, { accepts: 'from', other: 'rejects', pointer: '/b' });
  t.notOk('b' in (c.witness!.document as Json));
  t.equal(r.verdict.bump, 'major');
});

t.test('a property removed: major; under an open object the witness is merely ignored, under a closed one rejected', async (t) => {
  const open = compare(obj({ a: { type: 'string' }, b: { type: 'boolean' } }), obj({ a: { type: 'string' } }));
  const c = only(t, open, 'property-removed');
  t.match(c, { pointer: '/b', class: 'major', from: 'boolean', to: null });
  t.match(c.witness, { accepts: 'from', other: 'ignores', document: { b: false } });
  t.match(c.note, /no longer defined/);

  const closed = compare(obj({ a: { type: 'string' }, b: { type: 'boolean' } }, { additionalProperties: false }), obj({ a: { type: 'string' } }, { additionalProperties: false }));
  const d = only(t, closed, 'property-removed');
  t.match(d.witness, { accepts: 'from', other: 'rejects', pointer: '/b' });
  t.match(d.witness!.errors.join(), /\/b: must NOT have additional properties/);
});

t.test('a rename is a removal plus an addition; close names are reported as one rename', async (t) => {
  const similar = compare(obj({ throttleReadIopsDevice: { type: 'array' } }), obj({ throttleReadIOPSDevice: { type: 'array' } }));
  const c = only(t, similar, 'property-renamed');
  t.match(c, { pointer: '/throttleReadIopsDevice', class: 'major', from: 'throttleReadIopsDevice', to: 'throttleReadIOPSDevice' });
  t.match(c.witness, { accepts: 'from', other: 'ignores', pointer: '/throttleReadIopsDevice' });

  const different = compare(obj({ enableCMT: { type: 'boolean' } }), obj({ enableMonitoring: { type: 'boolean' } }));
  t.same(different.changes.map((x) => [x.change, x.pointer, x.class]), [
    ['property-removed', '/enableCMT', 'major'],
    ['property-added', '/enableMonitoring', 'minor'],
  ]);
  t.ok(similarNames('readOnly', 'readonly'));
  t.ok(similarNames('memBwSchema', 'memBWSchem'), 'two edits apart');
  t.notOk(similarNames('enableMBM', 'enableCMT'), 'three edits apart');
  t.notOk(similarNames('enableCMT', 'enableMonitoring'));
  t.notOk(similarNames('uid', 'gid'), 'short names need equality ignoring case');
});

t.test('type narrowed, widened and changed', async (t) => {
  const narrowed = compare(obj({ a: { type: ['string', 'integer'] } }), obj({ a: { type: 'string' } }));
  const c = only(t, narrowed, 'type-narrowed');
  t.match(c, { class: 'major', from: ['string', 'integer'], to: ['string'] });
  t.match(c.witness, { accepts: 'from', other: 'rejects', document: { a: Number } });

  const widened = compare(obj({ a: { type: 'string' } }), obj({ a: { type: ['string', 'null'] } }));
  t.match(only(t, widened, 'type-widened'), { class: 'minor', witness: { accepts: 'to', other: 'rejects', document: { a: null } } });

  const changed = compare(obj({ a: { type: 'string' } }), obj({ a: { type: 'integer' } }));
  t.match(only(t, changed, 'type-changed'), { class: 'major', witness: { accepts: 'from', document: { a: String } } });

  const integers = compare(obj({ a: { type: 'number' } }), obj({ a: { type: 'integer' } }));
  t.match(only(t, integers, 'type-narrowed'), { witness: { document: { a: 0.5 } } }, 'number to integer loses the fractions');
});

t.test('enum values removed and added, an enum introduced and dropped', async (t) => {
  const removed = compare(obj({ a: { type: 'string', enum: ['x', 'y', 'z'] } }), obj({ a: { type: 'string', enum: ['x', 'y'] } }));
  t.match(only(t, removed, 'enum-value-removed'), { pointer: '/a', class: 'major', from: 'z', witness: { accepts: 'from', other: 'rejects', document: { a: 'z' } } });

  const added = compare(obj({ a: { type: 'string', enum: ['x'] } }), obj({ a: { type: 'string', enum: ['x', 'time'] } }));
  t.match(only(t, added, 'enum-value-added'), { class: 'minor', to: 'time', witness: { accepts: 'to', document: { a: 'time' } } });

  const introduced = compare(obj({ a: { type: 'string' } }), obj({ a: { type: 'string', enum: ['SCMP_ACT_KILL'] } }));
  const c = only(t, introduced, 'enum-added');
  t.equal(c.class, 'major');
  t.not((c.witness!.document as Json).a, 'SCMP_ACT_KILL');

  const dropped = compare(obj({ a: { type: 'string', enum: ['x'] } }), obj({ a: { type: 'string' } }));
  t.match(only(t, dropped, 'enum-removed'), { class: 'minor', witness: { accepts: 'to' } });
});

t.test('patterns: added, removed, tightened, loosened, changed', async (t) => {
  const added = compare(obj({ a: { type: 'string' } }), obj({ a: { type: 'string', pattern: '^[1-9][0-9]*[KMG]B$' } }));
  t.match(only(t, added, 'pattern-added'), { class: 'major', witness: { accepts: 'from', other: 'rejects' } });

  const removed = compare(obj({ a: { type: 'string', pattern: '^MB:' } }), obj({ a: { type: 'string' } }));
  t.match(only(t, removed, 'pattern-removed'), { class: 'minor', witness: { accepts: 'to' } });

  const tightened = compare(obj({ a: { type: 'string', pattern: '^[a-z]+$' } }), obj({ a: { type: 'string', pattern: '^[a-z]{2,}$' } }));
  const c = only(t, tightened, 'pattern-tightened');
  t.match(c, { class: 'major', from: '^[a-z]+$', to: '^[a-z]{2,}$' });
  t.match(c.witness!.document, { a: /^[a-z]$/ }, 'a one-letter string');

  const loosened = compare(obj({ a: { type: 'string', pattern: '^[a-z]{2,}$' } }), obj({ a: { type: 'string', pattern: '^[a-z]+$' } }));
  t.match(only(t, loosened, 'pattern-loosened'), { class: 'minor', witness: { accepts: 'to' } });

  const changed = compare(obj({ a: { type: 'string', pattern: '^a+$' } }), obj({ a: { type: 'string', pattern: '^b+$' } }));
  t.match(only(t, changed, 'pattern-changed'), { class: 'major', witness: { accepts: 'from', document: { a: /^a+$/ } } });

  const unsampled = compare(obj({ a: { type: 'string', pattern: '^(a)\\1$' } }), obj({ a: { type: 'string', pattern: '^(b)\\1$' } }));
  t.match(only(t, unsampled, 'unclassified'), { class: 'unclassified', witness: undefined });
  t.equal(unsampled.verdict.bump, 'major', 'unclassified counts as major');
});

t.test('numeric, length and item bounds', async (t) => {
  const raised = compare(obj({ a: { type: 'integer', minimum: 0 } }), obj({ a: { type: 'integer', minimum: 1 } }));
  t.match(only(t, raised, 'minimum-raised'), { class: 'major', from: 0, to: 1, witness: { document: { a: 0 } } });

  const lowered = compare(obj({ a: { type: 'integer', maximum: 512 } }), obj({ a: { type: 'integer', maximum: 511 } }));
  t.match(only(t, lowered, 'maximum-lowered'), { class: 'major', witness: { document: { a: 512 } } });

  const added = compare(obj({ a: { type: 'integer' } }), obj({ a: { type: 'integer', minimum: 0, maximum: 65535 } }));
  t.match(only(t, added, 'minimum-added'), { class: 'major', witness: { document: { a: -1 } } });
  t.match(only(t, added, 'maximum-added'), { class: 'major', witness: { document: { a: 65536 } } });

  const loosened = compare(obj({ a: { type: 'integer', minimum: 1 } }), obj({ a: { type: 'integer', minimum: 0 } }));
  t.match(only(t, loosened, 'minimum-lowered'), { class: 'minor', witness: { accepts: 'to', document: { a: 0 } } });

  const items = compare(obj({ a: { type: 'array', items: { type: 'string' } } }), obj({ a: { type: 'array', items: { type: 'string' }, minItems: 1 } }));
  t.match(only(t, items, 'minItems-added'), { class: 'major', witness: { document: { a: [] } } });

  const length = compare(obj({ a: { type: 'string', maxLength: 8 } }), obj({ a: { type: 'string', maxLength: 4 } }));
  t.match(only(t, length, 'maxLength-lowered'), { class: 'major', witness: { document: { a: /^.{5,8}$/ } } });
});

t.test('a change no document can show gets "no witness found", not a wrong witness', async (t) => {
  // Between 10 and 10.5 there is no integer: the two schemas accept the same documents.
  const r = compare(obj({ a: { type: 'integer', maximum: 10 } }), obj({ a: { type: 'integer', maximum: 10.5 } }));
  const c = only(t, r, 'maximum-raised');
  t.equal(c.class, 'minor');
  t.equal(c.witness, undefined);
});

t.test('required added and removed on a property both sides declare', async (t) => {
  const added = compare(obj({ limit: { type: 'integer' } }), obj({ limit: { type: 'integer' } }, { required: ['limit'] }));
  t.match(only(t, added, 'required-added'), { pointer: '/limit', class: 'major', witness: { accepts: 'from', other: 'rejects', document: {} } });
  const removed = compare(obj({ limit: { type: 'integer' } }, { required: ['limit'] }), obj({ limit: { type: 'integer' } }));
  t.match(only(t, removed, 'required-removed'), { class: 'minor', witness: { accepts: 'to', document: {} } });
});

t.test('additionalProperties tightened and loosened; map values compared as `*`', async (t) => {
  const closed = compare(obj({ a: { type: 'string' } }), obj({ a: { type: 'string' } }, { additionalProperties: false }));
  const c = only(t, closed, 'additionalProperties-closed');
  t.match(c, { pointer: '/*', class: 'major', witness: { accepts: 'from', other: 'rejects' } });
  const opened = compare(obj({ a: { type: 'string' } }, { additionalProperties: false }), obj({ a: { type: 'string' } }));
  t.match(only(t, opened, 'additionalProperties-opened'), { class: 'minor', witness: { accepts: 'to' } });

  const map = compare(obj({ m: { type: 'object', additionalProperties: { type: 'string' } } }), obj({ m: { type: 'object', additionalProperties: { type: 'integer' } } }));
  t.match(only(t, map, 'type-changed'), { pointer: '/m/*', witness: { document: { m: { 'x-key': String } } } });
});

t.test('anyOf branches removed and added; const changed', async (t) => {
  const removed = compare(obj({ a: { anyOf: [{ type: 'string' }, { type: 'integer' }] } }), obj({ a: { anyOf: [{ type: 'string' }] } }));
  t.match(only(t, removed, 'anyOf-branch-removed'), { class: 'major', witness: { document: { a: Number } } });
  const added = compare(obj({ a: { type: 'string' } }), obj({ a: { anyOf: [{ type: 'string' }, { type: 'null' }] } }));
  t.match(only(t, added, 'anyOf-branch-added'), { class: 'minor', witness: { accepts: 'to', document: { a: null } } });
  const constant = compare(obj({ a: { const: 'v1' } }), obj({ a: { const: 'v2' } }));
  t.match(only(t, constant, 'const-changed'), { class: 'major', witness: { document: { a: 'v1' } } });
});

t.test('member names, tuple-form items, and places that accepted anything', async (t) => {
  const names = compare(obj({ m: { type: 'object', additionalProperties: { type: 'string' } } }), obj({ m: { type: 'object', additionalProperties: { type: 'string' }, propertyNames: { minLength: 1 } } }));
  t.match(only(t, names, 'propertyNames-added'), { pointer: '/m', class: 'major', to: 'minLength 1', witness: { other: 'rejects', pointer: '/m/', document: { m: { '': '' } } } });

  // A one-schema tuple checks only the first element; a single items schema checks them all.
  const tuple = compare(obj({ a: { type: 'array', items: [{ type: 'string' }] } }), obj({ a: { type: 'array', items: { type: 'string' } } }));
  const c = only(t, tuple, 'type-narrowed');
  t.match(c, { pointer: '/a/1', class: 'major', from: 'any', to: ['string'], witness: { pointer: '/a/1', document: { a: ['', {}] } } });

  const freeForm = compare(obj({ o: { type: 'object' } }), obj({ o: { type: 'object', properties: { n: { type: 'integer' } } } }));
  t.match(only(t, freeForm, 'type-narrowed'), { pointer: '/o/n', class: 'major', witness: { accepts: 'from', other: 'rejects' } }, 'a member of a free-form object gets a type');
  t.equal(freeForm.changes.length, 1, 'one change, not an addition');

  const constrained = compare(obj({ a: {} }), obj({ a: { minLength: 2 } }));
  t.match(only(t, constrained, 'constrained'), { class: 'major', from: 'any', to: 'minLength 2', witness: { document: { a: 'x' } } });
  const freed = compare(obj({ a: { minLength: 2 } }), obj({ a: {} }));
  t.match(only(t, freed, 'unconstrained'), { class: 'minor', witness: { accepts: 'to', document: { a: 'x' } } });
});

t.test('what the comparison cannot reason about is unclassified, counted as major, without a witness', async (t) => {
  const r = compare(obj({ a: { not: { type: 'string' } } }), obj({ a: { not: { type: 'integer' } } }));
  const c = only(t, r, 'unclassified');
  t.match(c, { pointer: '/a', class: 'unclassified', witness: undefined, note: /keyword "not" changed/ });
  t.equal(r.verdict.bump, 'major');
  t.match(r.notes.join(), /counted as major/);
});

t.test('nested places: the witness carries what the path requires on both sides', async (t) => {
  const item = (modes: string[]) => ({
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', pattern: '^[a-z]+$' }, mode: { type: 'string', enum: modes } },
  });
  const r = compare(obj({ list: { type: 'array', minItems: 1, items: item(['a', 'b']) } }, { required: ['list'] }), obj({ list: { type: 'array', minItems: 1, items: item(['a']) } }, { required: ['list'] }));
  const c = only(t, r, 'enum-value-removed');
  t.equal(c.pointer, '/list/*/mode');
  t.same(c.witness?.document, { list: [{ id: 'a', mode: 'b' }] });
  t.equal(c.witness?.pointer, '/list/0/mode');
});

t.test('an upstream-style folder (draft-04, ids, references between files): the IOPS rename through $ref', async (t) => {
  const draft04 = 'http://json-schema.org/draft-04/schema#';
  const defs = { definitions: { uint64: { type: 'integer', minimum: 0 }, rate: { type: 'object', properties: { rate: { $ref: '#/definitions/uint64' } } } } };
  const make = (name: string) =>
    folder(
      { $schema: draft04, id: 'https://example.invalid/config', type: 'object', properties: { linux: { $ref: 'config-linux.json#/linux' } } },
      {
        'defs-linux.json': defs,
        'config-linux.json': {
          linux: { id: 'https://example.invalid/linux', type: 'object', properties: { blockIO: { type: 'object', properties: { [name]: { type: 'array', items: { $ref: 'defs-linux.json#/definitions/rate' } } } } } },
        },
      },
    );
  const a = make('throttleReadIopsDevice');
  const b = make('throttleReadIOPSDevice');
  const r = compareArgs(a, b, 'config');
  made.push({ report: r, from: a, to: b });
  const c = only(t, r, 'property-renamed');
  t.match(c, { pointer: '/linux/blockIO/throttleReadIopsDevice', witness: { other: 'ignores', document: { linux: { blockIO: { throttleReadIopsDevice: [] } } } } });
  t.match(r.notes.join(' '), /stripped .* "id" keyword/, 'the repairs are reported');
  t.match(r.notes.join(' '), /no version/, 'folders have no version: no catalogue comparison');
  t.equal(r.rules, undefined);
  t.equal(r.expectations, undefined);
});

t.test('witness checks: errors must concern the changed place; a probe whose values do not behave yields nothing', async (t) => {
  const e = (keyword: string, instancePath: string, params: Json = {}) => ({ keyword, instancePath, params, schemaPath: '' }) as ErrorObject;
  t.ok(errorsConcern([e('maximum', '/a/b')], '/a/b'));
  t.ok(errorsConcern([e('required', '/a', { missingProperty: 'b' })], '/a/b'));
  t.ok(errorsConcern([e('type', '/a/b/c')], '/a/b'), 'inside the value');
  t.notOk(errorsConcern([e('type', '/a/b'), e('required', '', { missingProperty: 'x' })], '/a/b'), 'an unrelated error elsewhere');
  t.notOk(errorsConcern([e('type', '/a')], '/a/b'), 'an error above the place, outside any combinator');
  t.ok(errorsConcern([e('type', '/a'), e('anyOf', '/a')], '/a/b'), 'a failed anyOf branch above the place');

  const a = folder(obj({ a: { type: 'integer', maximum: 5 } }));
  const b = folder(obj({ a: { type: 'integer', maximum: 3 } }));
  const from = folderSide(a, 'config');
  const to = folderSide(b, 'config');
  const [finding] = diffSchemas({ from, to });
  t.equal(finding.change.change, 'maximum-lowered');
  const pair = { from, to };
  t.ok(findWitness(from, to, pair, finding.probe!, 'from'), 'the real probe finds one');
  t.equal(findWitness(from, to, pair, { ...finding.probe!, values: () => [2, 7, 'x'] }, 'from'), undefined, 'values both accept, both reject, or neither');
  t.equal(findWitness(from, to, pair, finding.probe!, 'to'), undefined, 'the claim in the wrong direction');
});

t.test('regular-expression samples match their pattern; unsupported syntax gives none', async (t) => {
  for (const p of ['^[1-9][0-9]*[KMG]B$', '^MB:[^\\n]*$', '^[0-9, -]*$', '^CAP_[A-Z_]+$', '^(?:a|bc){2,3}x?$', '^\\d{3}-\\w+\\.\\s$']) {
    const s = samplesOf(p);
    t.ok(s.length > 0, `samples for ${p}`);
    t.ok(s.every((x) => new RegExp(p, 'u').test(x)), `all match ${p}`);
  }
  t.same(samplesOf('^(a)\\1$'), []);
  t.same(samplesOf('(?=a)a'), []);
  t.same(samplesOf('[unclosed'), []);
});

t.test('catalogue: supersedes chains make one changed expectation; other differences are added or removed', async (t) => {
  const r = (id: string, extra: Partial<Requirement> = {}): Requirement => ({ id, level: 'MUST', source: 'runtime-spec', file: 'runtime.md', summary: id, testability: 'cli', ...extra });
  const catalogue = [
    r('a', { until: '1.0.2' }),
    r('b', { since: '1.0.2', until: '1.1.0', supersedes: 'a' }),
    r('c', { since: '1.1.0', supersedes: 'b' }),
    r('new', { since: '1.1.0', level: 'SHOULD' }),
    r('gone', { until: '1.1.0' }),
    r('always'),
  ];
  t.same(
    expectationChanges('1.0.0', '1.1.0', catalogue).map((x) => [x.change, x.class, x.from.map((e) => e.id), x.to.map((e) => e.id)]),
    [
      ['changed', 'major', ['a'], ['c']],
      ['removed', 'minor', ['gone'], []],
      ['added', 'minor', [], ['new']],
    ],
    'a → c through b, which applies at neither end',
  );
  t.same(
    expectationChanges('1.1.0', '1.0.2', catalogue).map((x) => [x.change, x.from.map((e) => e.id), x.to.map((e) => e.id)]),
    [
      ['changed', ['c'], ['b']],
      ['removed', ['new'], []],
      ['added', [], ['gone']],
    ],
    'backwards',
  );
  t.same(expectationChanges('1.1.0', '1.3.0', catalogue), []);

  const rule = (id: string, extra: Partial<Rule>): Rule => ({ id, kind: 'config', level: 'MUST', ref: { file: 'config.md' }, summary: id, check: () => [], ...extra });
  const rules = [rule('must-new', { since: '1.0.1' }), rule('should-new', { since: '1.0.1', level: 'SHOULD' }), rule('old', { until: '1.0.1' }), rule('state-rule', { kind: 'state', since: '1.0.1' })];
  t.same(
    ruleChanges('config', '1.0.0', '1.0.1', rules).map((x) => [x.change, x.class, x.rule.id]),
    [
      ['added', 'major', 'must-new'],
      ['added', 'minor', 'should-new'],
      ['removed', 'minor', 'old'],
    ],
  );
});

/** Compare two built-in versions and keep the report for the witness check. */
function builtin(from: SpecVersion, to: SpecVersion, kind: DocumentKind = 'config'): CompatReport {
  const report = compareSides(builtinSide(from, kind), builtinSide(to, kind));
  made.push({ report, from, to });
  return report;
}

const has = (r: CompatReport, change: string, pointer: string) => r.changes.find((c) => c.change === change && c.pointer === pointer);

t.test('real pairs: the known breaks of each release', async (t) => {
  const r01 = builtin('1.0.0', '1.0.1');
  t.ok(r01.rules?.some((c) => c.rule.id === 'config.namespaces.path-absolute' && c.class === 'major'), '1.0.1: namespace paths must be absolute');
  t.ok(r01.upstreamDifferences?.some((d) => d.id === 'blockio-iops-spelling'), '1.0.1: the IOPS rename is upstream-only, named as such');

  const r02 = builtin('1.0.1', '1.0.2');
  t.match(has(r02, 'enum-added', '/linux/seccomp/defaultAction'), { class: 'major', witness: { accepts: 'from', other: 'rejects' } });
  t.match(has(r02, 'maximum-added', '/linux/resources/blockIO/weight'), { class: 'major', witness: { document: { linux: { resources: { blockIO: { weight: 65536 } } } } } });
  t.match(has(r02, 'pattern-added', '/linux/resources/hugepageLimits/*/pageSize'), { class: 'major' });
  t.match(has(r02, 'required-removed', '/process/args'), { class: 'minor' });
  t.ok(r02.expectations?.some((e) => e.change === 'changed' && e.to.some((x) => x.id === 'config.hooks.prestart-during-start-or-create')), 'prestart timing');

  const r11 = builtin('1.0.2', '1.1.0');
  t.notOk(r11.changes.some((c) => c.class !== 'minor'), '1.1.0 only added to the config schema');
  const changed = (r11.expectations ?? []).filter((e) => e.change === 'changed').flatMap((e) => e.to.map((x) => x.id));
  t.ok(changed.includes('config.hooks.prestart-during-create'), 'prestart runs during create');
  t.ok(changed.includes('config.process.capabilities-ungrantable-warn'), 'capability failures become warnings');
  t.equal(r11.verdict.bump, 'major');

  const r121 = builtin('1.2.0', '1.2.1');
  t.match(has(r121, 'property-removed', '/zos/devices'), { class: 'major', witness: { other: 'ignores' } });

  const r13 = builtin('1.2.1', '1.3.0');
  for (const key of ['enableCMT', 'enableMBM']) {
    t.match(has(r13, 'property-removed', `/linux/intelRdt/${key}`), { class: 'major', witness: { accepts: 'from', other: 'ignores' } }, `intelRdt.${key} removed`);
  }
  t.ok(has(r13, 'property-added', '/linux/intelRdt/enableMonitoring'));
  t.match(has(r13, 'maximum-lowered', '/linux/devices/*/fileMode'), { from: 512, to: 511, witness: { document: { linux: { devices: [{ fileMode: 512 }] } } } });
  t.match(has(r13, 'required-removed', '/linux/resources/pids/limit'), { class: 'minor' });
  t.ok(r13.expectations?.some((e) => e.change === 'changed' && e.to.some((x) => x.id === 'config.hooks.poststart-failure-error')), 'poststart failure is an error');
  t.ok(r13.expectations?.some((e) => e.change === 'added' && e.to.some((x) => x.id === 'config-linux.pids.limit-zero')), 'pids.limit 0 is a real limit');
  t.equal(r13.verdict.bump, 'major');

  const back = builtin('1.3.0', '1.2.1');
  t.match(has(back, 'required-added', '/linux/resources/pids/limit'), { class: 'major' }, 'backwards the loosening is a break');
  t.match(has(back, 'property-added', '/linux/intelRdt/enableCMT'), { class: 'minor' });

  t.equal(builtin('1.2.1', '1.3.0', 'state').changes.length, 0, 'the state schema did not change');
  t.equal(builtin('1.2.0', '1.2.1', 'features').verdict.bump, 'minor', 'features 1.2.1 only added architectures');
  const same = builtin('1.1.0', '1.1.0');
  t.same([same.changes, same.rules, same.expectations, same.verdict.bump], [[], [], [], 'patch']);
});

t.test('every consecutive pair and kind compares without unclassified changes', async (t) => {
  for (let i = 1; i < SPEC_VERSIONS.length; i++) {
    for (const kind of ['config', 'state', 'features'] as const) {
      if (!builtinSchema(kind, SPEC_VERSIONS[i - 1])) continue;
      const r = builtin(SPEC_VERSIONS[i - 1], SPEC_VERSIONS[i], kind);
      t.same(r.changes.filter((c) => c.class === 'unclassified'), [], `${kind} ${SPEC_VERSIONS[i - 1]} → ${SPEC_VERSIONS[i]}`);
    }
  }
});

// ---- every witness printed above, re-checked with validators compiled here ----------------

interface Checker {
  valid(doc: unknown): boolean;
  walkable: Json;
}

function checker(side: string, kind: DocumentKind): Checker {
  if ((SPEC_VERSIONS as readonly string[]).includes(side)) {
    const schema = builtinSchema(kind, side as SpecVersion)!;
    const v = new Ajv({ ...BUILTIN_AJV_OPTIONS }).compile(schema);
    return { valid: (d) => v(d) as boolean, walkable: schema };
  }
  const set = loadExternalSchemas(side);
  const v = set.validator(kind)!;
  return { valid: (d) => v(d) as boolean, walkable: bundleExternal(set.files, entryPointFile(kind)) };
}

t.test('every printed witness behaves as claimed', async (t) => {
  let checked = 0;
  let missing = 0;
  for (const { report, from, to } of made) {
    const a = checker(from, report.kind);
    const b = checker(to, report.kind);
    for (const c of report.changes) {
      const w = c.witness;
      if (!w) {
        missing++;
        continue;
      }
      checked++;
      const [yes, no] = w.accepts === 'from' ? [a, b] : [b, a];
      const where = `${report.kind} ${from} → ${to} ${c.change} ${c.pointer}`;
      t.equal(w.accepts, c.class === 'minor' ? 'to' : 'from', `${where}: direction follows the class`);
      t.ok(yes.valid(w.document), `${where}: the accepting side accepts it`);
      if (w.other === 'rejects') t.notOk(no.valid(w.document), `${where}: the other side rejects it`);
      else {
        t.ok(no.valid(w.document), `${where}: the other side accepts it`);
        t.ok(findUnknownProperties(no.walkable, w.document).some((u) => u.pointer === w.pointer), `${where}: ... without defining ${w.pointer}`);
        t.notOk(findUnknownProperties(yes.walkable, w.document).some((u) => u.pointer === w.pointer), `${where}: the accepting side defines it`);
      }
    }
  }
  t.ok(checked > 100, `${checked} witnesses checked (${missing} changes without one)`);
});
