// oci-conformance list: the test catalogue.
import { parseCommandArgs, oneOf } from './args.js';
import { CliError, EXIT_OK } from './cli-error.js';
import { CATALOGUE } from '../validation/cases/index.js';
import { catalogueEntries, renderCatalogueJson, renderCatalogueText } from '../reports/catalogue-output.js';
import { renderCoverageMd } from '../reports/coverage-md.js';
import { CONFIG_FIELD_COVERAGE } from '../validation/requirements/config-coverage.js';

const HELP = `Usage: oci-conformance list [--format text|json|md]

Print the test catalogue: test ID, revision, title, requirement IDs with their level, the spec
versions each test applies to, and what it needs from the runtime or host. --format md prints
the config field coverage instead (docs/coverage.md): every config field whose effect a
container can see, with the tests that check it or the reason none does.
`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseCommandArgs<{ format?: string }>(argv, { format: { type: 'string' } });
  if (help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
  const format = oneOf('--format', values.format, ['text', 'json', 'md'] as const, 'text');
  const entries = catalogueEntries(CATALOGUE);
  const render = { text: renderCatalogueText, json: renderCatalogueJson, md: (e: typeof entries) => renderCoverageMd(CONFIG_FIELD_COVERAGE, e) }[format];
  process.stdout.write(render(entries));
  return EXIT_OK;
}
