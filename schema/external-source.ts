// Adapts an upstream schema/ folder (see external.ts) to the validator's SchemaSource.
import { ExternalSchemaError, loadExternalSchemas } from './external.js';
import type { SchemaSource } from './validator.js';
import { InputError } from './inputs.js';

export function externalSchemaSource(dir: string): SchemaSource {
  let set;
  try {
    set = loadExternalSchemas(dir);
  } catch (e) {
    if (e instanceof ExternalSchemaError) throw new InputError(`--schema-dir: ${e.message}`);
    throw e;
  }
  const repairs = set.repairs.length ? `, repaired: ${set.repairs.join('; ')}` : '';
  return {
    label: `schema folder ${set.dir}${repairs}`,
    // An external folder is one version, whatever the document declares; the prose rules still follow the document.
    validator: (kind) => set.validator(kind),
    walkable: () => undefined,
  };
}
