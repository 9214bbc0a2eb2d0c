// The validators the build precompiles (schema/precompile.ts): present and current after
// `npm run build`, used by the built-in schema source, and equal in verdict and errors to what
// Ajv compiles from the same schema at run time.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import { load as loadYaml } from 'js-yaml';
import {
  BUILTIN_AJV_OPTIONS,
  builtinSchema,
  builtinSchemaSha256,
  codeCacheFile,
  codeCachePath,
  loadPrecompiled,
  precompiledScript,
  parsedProfilesPath,
  precompiledSuiteValidatorPath,
  precompiledValidatorPath,
  sha256,
  SUITE_AJV_OPTIONS,
  suiteSchemaPath,
} from '../../schema/builtin.js';
import { DOCUMENT_KINDS, readDocument } from '../../schema/document.js';
import { packagePath } from '../../schema/package-root.js';
import { parsedProfilesSource, recordedSha256 } from '../../schema/precompile.js';
import { BUILTIN_SCHEMAS } from '../../schema/validator.js';
import { SPEC_VERSIONS } from '../../schema/versions.js';

const load = (kind: 'config' | 'state' | 'features', version: (typeof SPEC_VERSIONS)[number]) =>
  loadPrecompiled(precompiledValidatorPath(kind, version))!.exports as ValidateFunction & { schemaSha256?: string };

type Json = Record<string, unknown>;
const clone = <T>(x: T): T => structuredClone(x);

function example(name: string): Json {
  return readDocument(name, readFileSync(packagePath('examples', name))).value as Json;
}

/** Documents that exercise many keywords: valid ones and broken copies of them. */
function samples(kind: string): unknown[] {
  if (kind === 'state') {
    const s = example('state-created.json');
    return [s, { ...s, pid: -1 }, { ...s, status: 3, id: 7 }, { ociVersion: '1.0.0' }, [], null];
  }
  if (kind === 'features') {
    const f = example('features-runc-like.json');
    const broken = clone(f);
    (broken.linux as Json).namespaces = ['pid', 'nope'];
    (broken.linux as Json).seccomp = { enabled: 'yes', actions: [1] };
    return [f, broken, { ...f, hooks: 'prestart' }, {}, 'features'];
  }
  const full = example('full-1.2.0.yaml');
  const broken = clone(full);
  const linux = broken.linux as Json;
  (linux.resources as Json).memory = { limit: 'a lot', swappiness: -1 };
  linux.namespaces = [{ type: 'pid' }, { type: 'nope' }, { path: 1 }];
  (broken.process as Json).rlimits = [{ type: 'RLIMIT_NOFILE' }];
  broken.mounts = [{ destination: 5 }];
  (broken.hooks as Json).poststop = [{ path: '/x', timeout: 0 }];
  return [full, broken, example('minimal-1.3.0.json'), example('invalid-common-mistakes.json'), { ociVersion: 1 }, 42];
}

t.test('every built-in schema has a current precompiled validator', async (t) => {
  let n = 0;
  for (const version of SPEC_VERSIONS) {
    for (const kind of DOCUMENT_KINDS) {
      const sha = builtinSchemaSha256(kind, version);
      if (!sha) continue;
      n++;
      const path = precompiledValidatorPath(kind, version);
      t.equal(recordedSha256(path), sha, `${kind} ${version} (npm run build writes it)`);
      t.equal(readFileSync(codeCachePath(path), 'latin1').slice(0, 64), sha256(readFileSync(path, 'utf8')), `${kind} ${version} has a code cache of this module`);
    }
  }
  t.equal(n, 18, '7 versions × config and state, 4 versions × features');
});

t.test('the built-in source uses the precompiled validators', async (t) => {
  const fn = BUILTIN_SCHEMAS.validator('config', '1.3.0') as ValidateFunction & { schemaSha256?: string };
  t.equal(fn.schemaSha256, builtinSchemaSha256('config', '1.3.0'), 'the module the build wrote');
  t.equal(BUILTIN_SCHEMAS.validator('config', '1.3.0'), fn, 'loaded once');
});

t.test('V8 takes the code cache in a plain node process', async (t) => {
  const builtin = pathToFileURL(packagePath('dist', 'schema', 'builtin.js')).href;
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `import { loadPrecompiled, precompiledValidatorPath } from ${JSON.stringify(builtin)}; console.log(loadPrecompiled(precompiledValidatorPath('config', '1.3.0')).cacheUsed);`],
    { env, encoding: 'utf8' },
  );
  t.equal(r.stdout.trim(), 'true', r.stderr);
});

t.test('a code cache made for other source is not given to V8', async (t) => {
  // Beside the real modules, so that the copy resolves Ajv's runtime helpers as they do.
  const dir = mkdtempSync(join(packagePath('dist', 'schema', 'compiled'), '.test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const real = precompiledValidatorPath('state', '1.3.0');
  const source = readFileSync(real, 'utf8');
  const cache = readFileSync(codeCachePath(real)).subarray(65);
  // Same length, other text: V8 checks only the length, and takes the cache of the original.
  const edited = source.replace('do not edit', 'do NOT edit');
  t.equal(edited.length, source.length);
  t.equal(precompiledScript(join(dir, 'probe.cjs'), edited, cache).script.cachedDataRejected, false, 'V8 alone would take it');
  const path = join(dir, 'state.cjs');
  writeFileSync(path, edited);
  writeFileSync(codeCachePath(path), codeCacheFile(source, cache));
  const loaded = loadPrecompiled(path)!;
  t.equal(loaded.cacheUsed, false, 'the recorded hash refuses it');
  t.equal((loaded.exports as ValidateFunction)({ ociVersion: '1.3.0', id: 'c', status: 'created', bundle: '/b' }), true, 'the module still works');
  t.equal(loadPrecompiled(join(dir, 'missing.cjs')), undefined, 'no module: undefined');
});

t.test('precompiled and run-time compiled validators agree', async (t) => {
  for (const version of SPEC_VERSIONS) {
    for (const kind of DOCUMENT_KINDS) {
      const schema = builtinSchema(kind, version);
      if (!schema) continue;
      const pre = load(kind, version);
      const fresh = new Ajv({ ...BUILTIN_AJV_OPTIONS }).compile(schema);
      for (const [i, doc] of samples(kind).entries()) {
        const verdict = pre(clone(doc));
        t.equal(verdict, fresh(clone(doc)), `${kind} ${version} sample ${i}: same verdict`);
        t.same(pre.errors ?? null, fresh.errors ?? null, `${kind} ${version} sample ${i}: same errors`);
      }
    }
  }
});

t.test('the runtime profile schema has a current precompiled validator that agrees with Ajv', async (t) => {
  const text = readFileSync(suiteSchemaPath('profile-1'), 'utf8');
  const path = precompiledSuiteValidatorPath('profile-1');
  t.equal(recordedSha256(path), sha256(text), 'npm run build writes it');
  const pre = loadPrecompiled(path)!.exports as ValidateFunction;
  const fresh = new Ajv({ ...SUITE_AJV_OPTIONS }).compile(JSON.parse(text));
  const good = { profileVersion: 1, name: 'x', command: ['x'], isolation: 'native', timeouts: { create: 5 }, unsupported: [{ feature: 'f', reason: 'r' }] };
  const samples: unknown[] = [
    good,
    { ...good, command: [] },
    { ...good, command: [''], isolation: 'container', extra: 1 },
    { ...good, profileVersion: 2, timeouts: { create: 0, start: 7200, nope: 1 } },
    { ...good, unsupported: [{ feature: '' }], specVersion: '9.9.9', name: 'Upper' },
    [],
    null,
  ];
  for (const [i, doc] of samples.entries()) {
    t.equal(pre(clone(doc)), fresh(clone(doc)), `sample ${i}: same verdict`);
    t.same(pre.errors ?? null, fresh.errors ?? null, `sample ${i}: same errors`);
  }
});

t.test('the built-in runtime profiles are parsed ahead, exactly as js-yaml parses them', async (t) => {
  const ahead = JSON.parse(readFileSync(parsedProfilesPath(), 'utf8')) as Record<string, unknown>;
  t.equal(readFileSync(parsedProfilesPath(), 'utf8'), parsedProfilesSource(), 'npm run build writes it');
  const dir = packagePath('validation', 'profiles');
  const names = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  t.ok(names.length >= 5);
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'utf8');
    t.strictSame(ahead[sha256(text)], loadYaml(text), `${name}: same value`);
  }
});

t.test('a file without a recorded hash is not current', async (t) => {
  t.equal(recordedSha256(packagePath('package.json')), undefined);
  t.equal(recordedSha256(packagePath('no', 'such', 'file.cjs')), undefined);
});
