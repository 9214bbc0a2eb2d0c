// One place that constructs Ajv, so that options stay the same for built-in and external schemas.
// Ajv is CommonJS and is loaded on the first call, not on import: its import alone costs ~60 ms,
// which a `run` whose validators are precompiled never needs to pay.
import { createRequire } from 'node:module';
import type { Ajv, Options } from 'ajv';

const require = createRequire(import.meta.url);

export function newAjv(options: Options = {}): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  return new AjvClass({ allErrors: true, ...options });
}
