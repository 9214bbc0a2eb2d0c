// oci-conformance list: the test catalogue.
import { parseCommandArgs, oneOf } from './args.js';
import { CliError, EXIT_OK } from './cli-error.js';
import { CATALOGUE } from '../validation/cases/index.js';
import { catalogueEntries, renderCatalogueJson, renderCatalogueText } from '../reports/catalogue-output.js';

const HELP = `Usage: oci-conformance list [--format text|json]

Print the test catalogue: test ID, revision, title, requirement IDs with their level, the spec
versions each test applies to, and what it needs from the runtime or host.
`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseCommandArgs<{ format?: string }>(argv, { format: { type: 'string' } });
  if (help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
  const format = oneOf('--format', values.format, ['text', 'json'] as const, 'text');
  const entries = catalogueEntries(CATALOGUE);
  process.stdout.write(format === 'json' ? renderCatalogueJson(entries) : renderCatalogueText(entries));
  return EXIT_OK;
}
