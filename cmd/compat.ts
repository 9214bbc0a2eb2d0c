// oci-conformance compat: flags in, schema/compat/ does the work.
import { parseCommandArgs, oneOf } from './args.js';
import { CliError, EXIT_FAIL, EXIT_OK } from './cli-error.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../schema/document.js';
import { compareArgs } from '../schema/compat/compare.js';
import { COMPAT_FORMATS, renderCompat } from '../schema/compat/render.js';
import { CompatInputError } from '../schema/compat/sides.js';
import { SPEC_VERSIONS } from '../schema/versions.js';

const HELP = `Usage: oci-conformance compat --from V|DIR --to V|DIR [options]

List every change between two schema sets with its class (major, minor, or unclassified,
counted as major), a checked witness document for each change where one exists, the prose
rules and runtime expectations that differ between the two versions, and the SemVer bump needed.
V is a built-in version (${SPEC_VERSIONS.join(', ')}); DIR is a runtime-spec schema/ folder.

Options:
  --from V|DIR   the older side
  --to V|DIR     the newer side
  --kind K       config (default), state or features
  --format F     text (default), json or md
  -h, --help     show this help

Exit codes: 0 patch or minor, 1 major, 2 usage error, unknown version or unusable folder.
`;

interface Flags {
  from?: string;
  to?: string;
  kind?: string;
  format?: string;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseCommandArgs<Flags>(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    kind: { type: 'string' },
    format: { type: 'string' },
  });
  if (help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length) throw new CliError(`compat takes no positional arguments (got "${positionals[0]}"); use --from and --to`);
  if (values.from === undefined || values.to === undefined) throw new CliError('compat needs --from V|DIR and --to V|DIR');
  const kind = oneOf<DocumentKind>('--kind', values.kind, DOCUMENT_KINDS, 'config');
  const format = oneOf('--format', values.format, COMPAT_FORMATS, 'text');
  let report;
  try {
    report = compareArgs(values.from, values.to, kind);
  } catch (e) {
    if (e instanceof CompatInputError) throw new CliError(e.message);
    throw e;
  }
  process.stdout.write(renderCompat(report, format));
  return report.verdict.bump === 'major' ? EXIT_FAIL : EXIT_OK;
}
