// loadExternalSchemas against small synthetic folders in upstream's layout (entry points,
// defs.json, a config-linux.json wrapper), one per repair and per failure mode.
// The real upstream tags are checked by hand with schema/tools/check-upstream-schemas.ts.
import t from 'tap';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExternalSchemaError, loadExternalSchemas } from '../../schema/external.js';

const DRAFT04 = 'http://json-schema.org/draft-04/schema#';

const root = mkdtempSync(join(tmpdir(), 'external-schema-test-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** Write a folder; object values are serialized, strings are written as they are. */
function folder(files: Record<string, unknown>): string {
  const dir = join(root, `set-${++counter}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

function configSchema(extra: Record<string, unknown> = {}) {
  return {
    $schema: DRAFT04,
    description: 'test config schema',
    type: 'object',
    required: ['ociVersion'],
    properties: {
      ociVersion: { $ref: 'defs.json#/definitions/ociVersion' },
      hostname: { type: 'string' },
      linux: { $ref: 'config-linux.json#/linux' },
    },
    ...extra,
  };
}

function defs(extra: Record<string, unknown> = {}) {
  return {
    description: 'test definitions',
    definitions: {
      ociVersion: { type: 'string' },
      uint32: { type: 'integer', minimum: 0, maximum: 4294967295 },
      ...extra,
    },
  };
}

const configLinux = {
  linux: {
    type: 'object',
    properties: {
      pidsLimit: { $ref: 'defs.json#/definitions/uint32' },
      names: { type: 'array', items: { type: 'string' } },
    },
  },
};

const stateSchema = {
  $schema: DRAFT04,
  type: 'object',
  required: ['ociVersion', 'id', 'status', 'bundle'],
  properties: {
    ociVersion: { $ref: 'defs.json#/definitions/ociVersion' },
    id: { type: 'string' },
    status: { type: 'string', enum: ['creating', 'created', 'running', 'stopped'] },
    bundle: { type: 'string' },
  },
};

const goodConfig = { ociVersion: '1.0.0', hostname: 'h', linux: { pidsLimit: 5, names: ['a'] } };
const goodState = { ociVersion: '1.0.0', id: 'c1', status: 'created', bundle: '/b' };

/** The object tap passes to a subtest callback (the last overload of t.test takes only the callback). */
type TapTest = Parameters<Parameters<typeof t.test>[0]>[0];

function expectError(t: TapTest, fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
    t.fail(`expected an ExternalSchemaError matching ${pattern}`);
  } catch (e) {
    t.ok(e instanceof ExternalSchemaError, 'an ExternalSchemaError');
    const message = (e as Error).message;
    t.match(message, pattern);
    t.notMatch(message, /\n/, 'one line');
  }
}

t.test('a clean folder in upstream layout', async (t) => {
  const dir = folder({
    'config-schema.json': configSchema(),
    'state-schema.json': stateSchema,
    'defs.json': defs(),
    'config-linux.json': configLinux,
    // Fixtures live in test/ and are never read, even when they are not JSON.
    'test/config/bad/invalid-json.json': '{]',
    'README.md': 'not json',
  });
  const set = loadExternalSchemas(dir);
  t.equal(set.dir, dir);
  t.same(set.kinds, ['config', 'state']);
  t.same(set.repairs, [
    'removed 2 "$schema" keywords (the files declare draft-04; they are loaded as draft-07)',
  ]);
  t.equal(set.validator('features'), undefined, 'no features-schema.json');

  const config = set.validator('config')!;
  t.equal(config, set.validator('config'), 'cached');
  t.equal(config(goodConfig), true, 'good config');
  t.equal(config({ hostname: 'h' }), false, 'ociVersion missing');
  t.equal(config({ ociVersion: 1 }), false, 'ref into defs.json');
  t.equal(config({ ociVersion: '1.0.0', linux: { pidsLimit: -1 } }), false, 'ref from the wrapper into defs.json');
  t.equal(config({ ociVersion: '1.0.0', linux: { names: [1] } }), false, 'wrapper content checked');
  t.equal(config({ ociVersion: '1.0.0', unknownKey: true }), true, 'unknown properties allowed');

  const errors = (() => {
    config({ ociVersion: 2, linux: { pidsLimit: -1 } });
    return config.errors ?? [];
  })();
  t.ok(errors.length >= 2, 'allErrors: every violation is reported');

  const state = set.validator('state')!;
  t.equal(state(goodState), true);
  t.equal(state({ ...goodState, status: 'paused' }), false);
});

t.test('nested draft-04 ids are stripped', async (t) => {
  const base = 'https://opencontainers.org/schema/bundle';
  const withIds = configSchema({ id: base });
  (withIds.properties as Record<string, Record<string, unknown>>).hostname.id = `${base}/hostname`;
  (withIds.properties as Record<string, Record<string, unknown>>).linux.id = `${base}/linux`;
  const linux = structuredClone(configLinux) as { linux: Record<string, unknown> & { properties: Record<string, Record<string, unknown>> } };
  linux.linux.id = `${base}/linux`;
  linux.linux.properties.pidsLimit.id = `${base}/linux/pidsLimit`;
  const state = structuredClone(stateSchema) as Record<string, unknown>;
  state.id = 'https://opencontainers.org/schema/state';
  // A literal value holding an "id" member is data, not a schema keyword: it stays.
  const stateWithEnum = {
    ...state,
    properties: { ...(state.properties as object), owner: { enum: [{ id: 'keep-me' }] } },
  };
  const dir = folder({
    'config-schema.json': withIds,
    'state-schema.json': stateWithEnum,
    'defs.json': defs(),
    'config-linux.json': linux,
  });
  const set = loadExternalSchemas(dir);
  t.equal(set.repairs.length, 2);
  t.match(set.repairs[1], /^stripped 6 "id" keywords from config-linux\.json, config-schema\.json, state-schema\.json \(/);
  const config = set.validator('config')!;
  t.equal(config(goodConfig), true);
  t.equal(config({ ociVersion: '1.0.0', linux: { pidsLimit: 'x' } }), false, 'refs below a stripped id still resolve');
  const validState = set.validator('state')!;
  t.equal(validState(goodState), true, 'the "id" property definition is kept');
  t.equal(validState({ ...goodState, id: 7 }), false, 'and still checked');
  t.equal(validState({ ...goodState, owner: { id: 'keep-me' } }), true, 'enum data untouched');
  t.equal(validState({ ...goodState, owner: {} }), false);
});

t.test('the malformed "#definitions/" ref of v1.3.0 is repaired', async (t) => {
  const dir = folder({
    'config-schema.json': configSchema(),
    'defs.json': defs({ pidsLimit: { $ref: '#definitions/uint32' } }),
    'config-linux.json': {
      linux: { type: 'object', properties: { pidsLimit: { $ref: 'defs.json#/definitions/pidsLimit' } } },
    },
  });
  const set = loadExternalSchemas(dir);
  t.same(set.kinds, ['config']);
  t.match(set.repairs.join('\n'), /fixed 1 malformed \$ref in defs\.json/);
  const config = set.validator('config')!;
  t.equal(config({ ociVersion: '1.0.0', linux: { pidsLimit: 10 } }), true);
  t.equal(config({ ociVersion: '1.0.0', linux: { pidsLimit: -10 } }), false);
});

t.test('boolean exclusiveMinimum/exclusiveMaximum become numeric', async (t) => {
  const dir = folder({
    'config-schema.json': configSchema({
      properties: {
        ociVersion: { $ref: 'defs.json#/definitions/ociVersion' },
        percent: { $ref: 'defs.json#/definitions/percentBelow100' },
        positive: { $ref: 'defs.json#/definitions/positive' },
      },
    }),
    'defs.json': defs({
      percentBelow100: { type: 'integer', minimum: 0, exclusiveMinimum: false, maximum: 100, exclusiveMaximum: true },
      positive: { type: 'number', minimum: 0, exclusiveMinimum: true },
    }),
  });
  const set = loadExternalSchemas(dir);
  t.match(set.repairs.join('\n'), /converted 3 boolean exclusiveMinimum\/exclusiveMaximum keywords to the numeric draft-06\+ form/);
  const config = set.validator('config')!;
  t.equal(config({ ociVersion: '1', percent: 0 }), true, 'exclusiveMinimum false keeps minimum inclusive');
  t.equal(config({ ociVersion: '1', percent: 99 }), true);
  t.equal(config({ ociVersion: '1', percent: 100 }), false, 'exclusiveMaximum true excludes the maximum');
  t.equal(config({ ociVersion: '1', positive: 0 }), false, 'exclusiveMinimum true excludes the minimum');
  t.equal(config({ ociVersion: '1', positive: 0.5 }), true);
});

t.test('unusable folders', async (t) => {
  expectError(t, () => loadExternalSchemas(join(root, 'no-such-folder')), /no-such-folder does not exist/);

  const file = join(root, 'plain-file.json');
  writeFileSync(file, '{}');
  expectError(t, () => loadExternalSchemas(file), /is not a folder/);

  const empty = folder({});
  expectError(t, () => loadExternalSchemas(empty), /has no config-schema\.json, state-schema\.json, features-schema\.json/);

  const onlyDefs = folder({ 'defs.json': defs(), 'test/config-schema.json': configSchema() });
  expectError(t, () => loadExternalSchemas(onlyDefs), /has no config-schema\.json/);

  const broken = folder({
    'config-schema.json': configSchema(),
    'defs.json': '{\n  "definitions": {\n    "uint32": ]\n  }\n}\n',
  });
  expectError(t, () => loadExternalSchemas(broken), /\/defs\.json: invalid JSON: .* at line 3, column 15$/);

  const notObject = folder({ 'config-schema.json': configSchema(), 'defs.json': '[1, 2]' });
  expectError(t, () => loadExternalSchemas(notObject), /\/defs\.json: not a JSON object/);

  const badMeta = folder({ 'config-schema.json': configSchema(), 'defs.json': { definitions: { x: { type: 'integr' } } } });
  expectError(t, () => loadExternalSchemas(badMeta), /\/defs\.json: not a usable schema: /);
});

t.test('an entry point that does not compile fails when it is first used', async (t) => {
  const dir = folder({
    'config-schema.json': configSchema(),
    'state-schema.json': stateSchema,
    'defs.json': { definitions: { uint32: { type: 'integer' } } }, // ociVersion is missing
    'config-linux.json': configLinux,
  });
  const set = loadExternalSchemas(dir);
  expectError(t, () => set.validator('config'), /^config-schema\.json in .* does not compile: can't resolve reference defs\.json#\/definitions\/ociVersion from id config-schema\.json$/);
  expectError(t, () => set.validator('state'), /^state-schema\.json in .* does not compile/);
});
