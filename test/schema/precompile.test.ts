// The validators the build precompiles (schema/precompile.ts): present and current after
// `npm run build`, used by the built-in schema source, and equal in verdict and errors to what
// Ajv compiles from the same schema at run time.
import t from 'tap';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import { BUILTIN_AJV_OPTIONS, builtinSchema, builtinSchemaSha256, precompiledValidatorPath } from '../../schema/builtin.js';
import { DOCUMENT_KINDS, readDocument } from '../../schema/document.js';
import { packagePath } from '../../schema/package-root.js';
import { recordedSha256 } from '../../schema/precompile.js';
import { BUILTIN_SCHEMAS } from '../../schema/validator.js';
import { SPEC_VERSIONS } from '../../schema/versions.js';

const require = createRequire(import.meta.url);

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
      t.equal(recordedSha256(precompiledValidatorPath(kind, version)), sha, `${kind} ${version} (npm run build writes it)`);
    }
  }
  t.equal(n, 18, '7 versions × config and state, 4 versions × features');
});

t.test('the built-in source uses the precompiled validators', async (t) => {
  const fn = BUILTIN_SCHEMAS.validator('config', '1.3.0') as ValidateFunction & { schemaSha256?: string };
  t.equal(fn, require(precompiledValidatorPath('config', '1.3.0')), 'the module the build wrote');
  t.equal(fn.schemaSha256, builtinSchemaSha256('config', '1.3.0'));
  t.equal(BUILTIN_SCHEMAS.validator('config', '1.3.0'), fn, 'loaded once');
});

t.test('precompiled and run-time compiled validators agree', async (t) => {
  for (const version of SPEC_VERSIONS) {
    for (const kind of DOCUMENT_KINDS) {
      const schema = builtinSchema(kind, version);
      if (!schema) continue;
      const pre = require(precompiledValidatorPath(kind, version)) as ValidateFunction;
      const fresh = new Ajv({ ...BUILTIN_AJV_OPTIONS }).compile(schema);
      for (const [i, doc] of samples(kind).entries()) {
        const verdict = pre(clone(doc));
        t.equal(verdict, fresh(clone(doc)), `${kind} ${version} sample ${i}: same verdict`);
        t.same(pre.errors ?? null, fresh.errors ?? null, `${kind} ${version} sample ${i}: same errors`);
      }
    }
  }
});

t.test('a file without a recorded hash is not current', async (t) => {
  t.equal(recordedSha256(packagePath('package.json')), undefined);
  t.equal(recordedSha256(packagePath('no', 'such', 'file.cjs')), undefined);
});
