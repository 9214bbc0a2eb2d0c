// The generated schema files: current with their source, strict-mode compilable, self-contained,
// and built by the rules other modules rely on (names of integer ranges, exact 64-bit bounds,
// no closed objects), plus the README table and the spec anchors it links to.
import t from 'tap';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { Ajv } from 'ajv';
import { builtinSchema, builtinSchemaPath } from '../../schema/builtin.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../schema/document.js';
import { README_PATH, generatedSchemaFiles, readmeWithTable } from '../../schema/generate.js';
import { packagePath } from '../../schema/package-root.js';
import { DEVIATIONS, DEVIATION_IDS, DOCUMENT_SOURCES, type DeviationId } from '../../schema/source/index.js';
import type { Node } from '../../schema/source/dsl.js';
import { SPEC_VERSIONS, type SpecVersion, compareVersions, isSpecVersion, versionInRange } from '../../schema/versions.js';

const INTEGER_NAMES = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64'];

t.test('the generated files are current', async (t) => {
  const files = generatedSchemaFiles();
  t.equal(files.size, 18, '7 versions × config and state, 4 versions × features');
  for (const [rel, text] of files) {
    t.equal(readFileSync(packagePath(rel), 'utf8'), text, `${rel} matches its source (run npm run schema:generate)`);
  }
  const onDisk = readdirSync(packagePath('schema/json')).flatMap((v) =>
    readdirSync(packagePath('schema/json', v)).map((f) => `schema/json/${v}/${f}`),
  );
  t.same(onDisk.sort(), [...files.keys()].sort(), 'no stale files in schema/json');
  const readme = readFileSync(packagePath(README_PATH), 'utf8');
  t.equal(readme, readmeWithTable(readme), 'the deviation table in schema/README.md is current');
});

t.test('every schema compiles with ajv in strict mode', async (t) => {
  for (const v of SPEC_VERSIONS) {
    for (const kind of DOCUMENT_KINDS) {
      const schema = builtinSchema(kind, v);
      if (kind === 'features' && compareVersions(v, '1.1.0') < 0) {
        t.equal(schema, undefined, `${kind} ${v} does not exist`);
        t.notOk(existsSync(builtinSchemaPath(kind, v)), `no ${kind} file at ${v}`);
        continue;
      }
      t.ok(schema, `${kind} ${v} exists`);
      const ajv = new Ajv({ allErrors: true, strict: true });
      t.doesNotThrow(() => ajv.compile(schema!), `${kind} ${v} compiles`);
    }
  }
});

t.test('builtinSchema reads each file once', async (t) => {
  t.equal(builtinSchema('config', '1.3.0'), builtinSchema('config', '1.3.0'), 'same object on repeated calls');
  t.equal(builtinSchemaPath('state', '1.0.0'), packagePath('schema/json/1.0.0/state.schema.json'));
});

function* walkJson(x: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (typeof x !== 'object' || x === null) return;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) yield* walkJson(x[i], `${path}/${i}`);
    return;
  }
  yield [path, x as Record<string, unknown>];
  for (const [k, v] of Object.entries(x)) yield* walkJson(v, `${path}/${k}`);
}

t.test('structure of every file', async (t) => {
  for (const v of SPEC_VERSIONS) {
    for (const kind of DOCUMENT_KINDS) {
      const schema = builtinSchema(kind, v);
      if (!schema) continue;
      const label = `${kind} ${v}`;
      const text = readFileSync(builtinSchemaPath(kind, v), 'utf8');
      t.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', `${label}: draft-07`);
      t.equal(schema.$id, `urn:oci-runtime-conformance:schema:${v}:${kind}`, `${label}: $id`);
      t.match(text, /"int64": \{\n\s+"type": "integer",\n\s+"minimum": -9223372036854775808,\n\s+"maximum": 9223372036854775807\n/, `${label}: exact int64 bounds`);
      t.match(text, /"uint64": \{\n\s+"type": "integer",\n\s+"minimum": 0,\n\s+"maximum": 18446744073709551615\n/, `${label}: exact uint64 bounds`);
      const defs = schema.definitions as Record<string, Record<string, unknown>>;
      for (const n of INTEGER_NAMES) t.ok(defs[n], `${label}: definitions.${n}`);
      let refs = 0;
      const bad: string[] = [];
      for (const [path, node] of walkJson(schema, '')) {
        if (node.additionalProperties === false) bad.push(`${path}: additionalProperties false`);
        if (typeof node.$ref === 'string') {
          refs++;
          const m = /^#\/definitions\/([A-Za-z0-9]+)$/.exec(node.$ref);
          if (!m || !defs[m[1]]) bad.push(`${path}: $ref ${node.$ref}`);
        }
        // An integer with a 64/32/16/8-bit range must be a $ref to the named definition.
        const isRangeDef = /^\/definitions\/u?int\d+$/.test(path);
        if (node.type === 'integer' && !isRangeDef && typeof node.minimum === 'number' && typeof node.maximum === 'number') {
          const range = `${node.minimum}..${node.maximum}`;
          for (const n of INTEGER_NAMES) {
            const d = defs[n];
            if (`${d.minimum}..${d.maximum}` === range) bad.push(`${path}: inline ${n} range`);
          }
        }
      }
      // Integer fields refer to the range names directly, never through an alias definition.
      for (const [name, d] of Object.entries(defs)) if (typeof d.$ref === 'string') bad.push(`/definitions/${name}: alias of ${d.$ref}`);
      t.ok(refs > 0, `${label}: uses $ref`);
      t.same(bad, [], `${label}: self-contained, no closed objects, integer ranges by name`);
      // Deterministic layout: what JSON.stringify would write, apart from the exact big integers.
      const reparsed = JSON.stringify(JSON.parse(text), null, 2) + '\n';
      const normalise = (s: string) => s.replace(/-?\d{17,}/g, 'BIG');
      t.equal(normalise(text), normalise(reparsed), `${label}: 2-space layout with trailing newline`);
    }
  }
});

t.test('the source of truth is consistent', async (t) => {
  // Every version named in the source is a released version, and every versioned node has exactly one case per version.
  const problems: string[] = [];
  const checkSpan = (where: string, s: { since?: string; until?: string }) => {
    for (const x of [s.since, s.until]) if (x !== undefined && !isSpecVersion(x)) problems.push(`${where}: ${x}`);
  };
  const visit = (n: Node, where: string): void => {
    for (const id of 'deviations' in n ? (n.deviations ?? []) : []) if (!DEVIATIONS[id]) problems.push(`${where}: deviation ${id}`);
    switch (n.kind) {
      case 'versioned':
        n.cases.forEach((c, i) => {
          checkSpan(`${where}[${i}]`, c);
          visit(c.node, `${where}[${i}]`);
        });
        for (const v of SPEC_VERSIONS) {
          const k = n.cases.filter((c) => versionInRange(v, c.since, c.until)).length;
          if (k !== 1) problems.push(`${where}: ${k} cases at ${v}`);
        }
        break;
      case 'object':
        for (const [name, p] of Object.entries(n.properties)) {
          checkSpan(`${where}.${name}`, p);
          if (typeof p.required === 'object') checkSpan(`${where}.${name} required`, p.required);
          visit(p.node, `${where}.${name}`);
        }
        if (n.values && n.values !== 'any') visit(n.values, `${where}.*`);
        break;
      case 'array':
        visit(n.items, `${where}[]`);
        break;
      case 'string':
        for (const e of n.enum ?? []) if (typeof e !== 'string') checkSpan(`${where} enum ${e.value}`, e);
        break;
    }
  };
  for (const kind of DOCUMENT_KINDS) {
    const doc = DOCUMENT_SOURCES[kind];
    checkSpan(kind, doc);
    visit(doc.root, kind);
    for (const [name, d] of Object.entries(doc.definitions)) {
      checkSpan(`${kind} #${name}`, d);
      visit(d.node, `${kind} #${name}`);
    }
  }
  t.same(problems, []);
});

t.test('every deviation is used, dated, and links to an anchor that exists at each of its versions', async (t) => {
  const anchors = JSON.parse(readFileSync(packagePath('schema/spec-anchors.json'), 'utf8')) as Record<
    SpecVersion,
    Record<string, string[]>
  >;
  const used = new Set<DeviationId>();
  for (const v of SPEC_VERSIONS) {
    for (const kind of DOCUMENT_KINDS) {
      const schema = builtinSchema(kind, v);
      if (!schema) continue;
      for (const m of JSON.stringify(schema).matchAll(/upstream [\d.]+ schema \(([^)]+)\)/g)) {
        for (const id of m[1].split(', ')) used.add(id as DeviationId);
      }
    }
  }
  for (const id of DEVIATION_IDS) {
    const d = DEVIATIONS[id];
    const versions = SPEC_VERSIONS.filter((v) => versionInRange(v, d.since, d.until));
    t.ok(versions.length > 0, `${id}: applies to at least one version`);
    for (const v of versions) {
      t.ok(anchors[v][d.ref.file]?.includes(d.ref.anchor), `${id}: ${d.ref.file}#${d.ref.anchor} exists at ${v}`);
    }
    // Every deviation is visible in the schemas it changes, except the bounds one (visible as exact numbers).
    if (id !== 'int64-uint64-bounds') t.ok(used.has(id), `${id}: marked with $comment in a generated schema`);
    t.ok(d.quote.length > 0 && d.quote.length < 200, `${id}: a short quotation`);
  }
});

t.test('a kind exists exactly when its source says so', async (t) => {
  for (const kind of DOCUMENT_KINDS as readonly DocumentKind[]) {
    for (const v of SPEC_VERSIONS) {
      const doc = DOCUMENT_SOURCES[kind];
      t.equal(builtinSchema(kind, v) !== undefined, versionInRange(v, doc.since, doc.until), `${kind} ${v}`);
    }
  }
});
