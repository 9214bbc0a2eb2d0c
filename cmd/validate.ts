// oci-conformance validate: flags in, schema/ does the work, reports/ renders.
import { parseCommandArgs, oneOf } from './args.js';
import { CliError, EXIT_FAIL, EXIT_OK } from './cli-error.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../schema/document.js';
import { InputError, readInput } from '../schema/inputs.js';
import { BUILTIN_SCHEMAS, UnsupportedVersionError, validateDocument, type SchemaSource, type ValidationResult } from '../schema/validator.js';
import { renderValidation, VALIDATION_FORMATS } from '../reports/validation-output.js';
import { SPEC_VERSIONS, isSpecVersion, type SpecVersion } from '../schema/versions.js';

const HELP = `Usage: oci-conformance validate [options] PATH...

Validate runtime-spec documents: the JSON schema of the version, plus the rules the spec's prose
states that the schema misses. PATH is a file (JSON or YAML), a bundle directory (its config.json;
root.path must exist in it), or "-" for standard input.

Options:
  --spec-version V   validate against V instead of the document's ociVersion
                     (${SPEC_VERSIONS.join(', ')})
  --kind K           config (default), state or features
  --schema-dir DIR   use a runtime-spec schema/ folder instead of the built-in schemas
  --format F         text (default), json or tap
  -h, --help         show this help

Exit codes: 0 all valid (warnings allowed), 1 any invalid, 2 usage error or unreadable input.
`;

interface Flags {
  'spec-version'?: string;
  kind?: string;
  'schema-dir'?: string;
  format?: string;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseCommandArgs<Flags>(argv, {
    'spec-version': { type: 'string' },
    kind: { type: 'string' },
    'schema-dir': { type: 'string' },
    format: { type: 'string' },
  });
  if (help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new CliError('validate needs at least one PATH (a file, a bundle directory, or - for stdin)');
  const kind = oneOf<DocumentKind>('--kind', values.kind, DOCUMENT_KINDS, 'config');
  const format = oneOf('--format', values.format, VALIDATION_FORMATS, 'text');
  let specVersion: SpecVersion | undefined;
  if (values['spec-version'] !== undefined) {
    if (!isSpecVersion(values['spec-version'])) {
      throw new CliError(`unsupported --spec-version "${values['spec-version']}"; supported: ${SPEC_VERSIONS.join(', ')}`);
    }
    specVersion = values['spec-version'];
  }
  let schemas: SchemaSource = BUILTIN_SCHEMAS;
  if (values['schema-dir'] !== undefined) {
    try {
      // Loaded only when asked for: it brings Ajv's compiler, which the built-in schemas do without.
      const { externalSchemaSource } = await import('../schema/external-source.js');
      schemas = externalSchemaSource(values['schema-dir']);
    } catch (e) {
      if (e instanceof InputError) throw new CliError(e.message);
      throw e;
    }
  }

  const results: ValidationResult[] = [];
  const unusable: string[] = [];
  for (const path of positionals) {
    try {
      results.push(validateDocument(readInput(path), { kind, specVersion, schemas }));
    } catch (e) {
      if (e instanceof InputError || e instanceof UnsupportedVersionError) unusable.push(e.message);
      else throw e;
    }
  }
  if (results.length) process.stdout.write(await renderValidation(results, format));
  if (unusable.length) throw new CliError(unusable.join('; '));
  return results.every((r) => r.valid) ? EXIT_OK : EXIT_FAIL;
}
