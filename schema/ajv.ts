// One place that constructs Ajv, so that options stay the same for built-in and external schemas.
import { Ajv, type Options } from 'ajv';

export function newAjv(options: Options = {}): Ajv {
  return new Ajv({ allErrors: true, ...options });
}
