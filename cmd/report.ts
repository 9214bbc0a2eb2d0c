// oci-conformance report: render, bundle, verify, diff, matrix and merge reports. Flag parsing
// only; the work is in reports/.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandArgs, oneOf } from './args.js';
import { CliError, EXIT_FAIL, EXIT_OK } from './cli-error.js';
import { CATALOGUE } from '../validation/cases/index.js';
import { PACKAGE } from '../schema/package-root.js';
import { loadReport, ReportLoadError } from '../reports/load.js';
import { OutputError, RENDERED_FILES, renderAll, writeFiles } from '../reports/outputs.js';
import { BundleError, renderBundle } from '../reports/bundle.js';
import { loadProduct, ProductError } from '../reports/product.js';
import { formatChecks, verifyDirectory } from '../reports/verify.js';
import { diffIsClean, diffReports, renderDiffMd, renderDiffText } from '../reports/diff.js';
import { renderMatrixHtml, renderMatrixMd } from '../reports/matrix.js';
import { mergeReports, ShardError } from '../reports/shards.js';
import { catalogueDigest } from '../reports/provenance.js';
import type { Report } from '../reports/model.js';

const HELP = `Usage: oci-conformance report <subcommand> [options]

Subcommands:
  render DIR [--out OUTDIR]            re-render results.tap, junit.xml, report.html and summary.md
                                       from DIR/report.json (into DIR unless --out)
  bundle DIR [--product PRODUCT.yaml] [--out OUTDIR]
                                       write a submission folder (default DIR/submission) from a
                                       certification run: PRODUCT.yaml, README.md, every rendering,
                                       raw environment captures, SHA256SUMS
  verify DIR [--require-pass]          check a run directory or a submission bundle: schema,
                                       digests, TAP and JSON agree, renderings, recomputed verdict
                                       and counts, completeness against this suite's catalogue,
                                       certification rules; one line per check
  diff A B [--format text|md|json]     compare two reports (directories or report.json files) by
                                       test ID: regressions, fixes, new, removed, skip reasons,
                                       environment
  matrix DIR... [--format md|html] [--out FILE]
                                       runtimes x spec versions x areas from several reports
  merge DIR... --out OUTDIR            join the reports of a sharded run (run --shard K/N) into one

Exit codes: 0 success; 1 verify found a problem, or diff found a regression; 2 bad input
(unreadable directory, malformed report, unknown reportVersion, usage).
`;

interface Flags {
  out?: string;
  product?: string;
  format?: string;
  'require-pass'?: boolean;
}

function load(path: string): Report {
  try {
    return loadReport(path);
  } catch (e) {
    if (e instanceof ReportLoadError) throw new CliError(e.message);
    throw e;
  }
}

function write(dir: string, files: Record<string, string>): void {
  try {
    writeFiles(dir, files);
  } catch (e) {
    if (e instanceof OutputError) throw new CliError(e.message);
    throw e;
  }
}

function needArgs(sub: string, args: string[], min: number, max = Infinity): void {
  if (args.length < min) throw new CliError(`report ${sub}: expected ${min === 1 ? 'a directory' : `${min} arguments`}${max > min ? ' or more' : ''} (see oci-conformance report --help)`);
  if (args.length > max) throw new CliError(`report ${sub}: unexpected argument "${args[max]}"`);
}

function emptyOrAbsent(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length) throw new CliError(`${dir} exists and is not empty; remove it or choose another --out`);
}

export const VERIFIER_SUITE = () => ({ name: PACKAGE.name, version: PACKAGE.version, catalogueDigest: catalogueDigest(CATALOGUE), catalogue: CATALOGUE });

export async function main(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help') {
    process.stdout.write(HELP);
    return sub === undefined ? 2 : EXIT_OK;
  }
  const { values, positionals: args, help } = parseCommandArgs<Flags>(rest, {
    out: { type: 'string' },
    product: { type: 'string' },
    format: { type: 'string' },
    'require-pass': { type: 'boolean' },
  });
  if (help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  const allowed: Record<string, (keyof Flags)[]> = {
    render: ['out'],
    bundle: ['out', 'product'],
    verify: ['require-pass'],
    diff: ['format'],
    matrix: ['format', 'out'],
    merge: ['out'],
  };
  if (!(sub in allowed)) throw new CliError(`unknown report subcommand "${sub}"; subcommands: ${Object.keys(allowed).join(', ')}`);
  for (const k of Object.keys(values) as (keyof Flags)[]) {
    if (values[k] !== undefined && !allowed[sub].includes(k)) throw new CliError(`report ${sub} does not take --${k}`);
  }

  switch (sub) {
    case 'render': {
      needArgs(sub, args, 1, 1);
      const report = load(args[0]);
      const all = renderAll(report);
      write(values.out ?? args[0], Object.fromEntries(RENDERED_FILES.map((f) => [f, all[f]])));
      process.stderr.write(`oci-conformance: rendered ${RENDERED_FILES.join(', ')} into ${values.out ?? args[0]}\n`);
      return EXIT_OK;
    }
    case 'bundle': {
      needArgs(sub, args, 1, 1);
      const report = load(args[0]);
      let product;
      try {
        product = values.product ? loadProduct(values.product) : undefined;
      } catch (e) {
        if (e instanceof ProductError) throw new CliError(e.message);
        throw e;
      }
      const out = values.out ?? join(args[0], 'submission');
      emptyOrAbsent(out);
      let files;
      try {
        files = renderBundle(report, product);
      } catch (e) {
        if (e instanceof BundleError) throw new CliError(e.message);
        throw e;
      }
      write(out, files);
      process.stderr.write(`oci-conformance: submission bundle written to ${out} (${Object.keys(files).length} files); check it with: oci-conformance report verify ${out}\n`);
      return EXIT_OK;
    }
    case 'verify': {
      needArgs(sub, args, 1, 1);
      if (!existsSync(args[0])) throw new CliError(`cannot read ${args[0]}: ENOENT`);
      let checks;
      try {
        checks = await verifyDirectory(args[0], VERIFIER_SUITE(), { requirePass: values['require-pass'] });
      } catch (e) {
        if (e instanceof ReportLoadError) throw new CliError(e.message);
        if ((e as NodeJS.ErrnoException).code) throw new CliError(`cannot read ${args[0]}: ${(e as NodeJS.ErrnoException).code}`);
        throw e;
      }
      process.stdout.write(formatChecks(checks));
      const bad = checks.filter((c) => !c.ok).length;
      process.stdout.write(bad ? `${bad} of ${checks.length} checks failed\n` : `all ${checks.length} checks hold\n`);
      return bad ? EXIT_FAIL : EXIT_OK;
    }
    case 'diff': {
      needArgs(sub, args, 2, 2);
      const format = oneOf('--format', values.format, ['text', 'md', 'json'] as const, 'text');
      const d = diffReports(load(args[0]), load(args[1]));
      const names: [string, string] = [args[0], args[1]];
      process.stdout.write(format === 'json' ? JSON.stringify(d, null, 2) + '\n' : format === 'md' ? renderDiffMd(d, names) : renderDiffText(d, names));
      return diffIsClean(d) ? EXIT_OK : EXIT_FAIL;
    }
    case 'matrix': {
      needArgs(sub, args, 1);
      const format = oneOf('--format', values.format, ['md', 'html'] as const, 'md');
      const reports = args.map(load);
      const text = format === 'html' ? renderMatrixHtml(reports) : renderMatrixMd(reports);
      if (values.out) {
        try {
          writeFileSync(values.out, text);
        } catch (e) {
          throw new CliError(`cannot write ${values.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
      } else process.stdout.write(text);
      return EXIT_OK;
    }
    case 'merge': {
      needArgs(sub, args, 1);
      if (!values.out) throw new CliError('report merge needs --out OUTDIR');
      emptyOrAbsent(values.out);
      let merged;
      try {
        merged = mergeReports(args.map(load), { ids: CATALOGUE.map((c) => c.id), digest: catalogueDigest(CATALOGUE) });
      } catch (e) {
        if (e instanceof ShardError) throw new CliError(e.message);
        throw e;
      }
      write(values.out, renderAll(merged));
      process.stderr.write(`oci-conformance: merged ${args.length} shards (${merged.tests.length} tests) into ${values.out}\n`);
      return EXIT_OK;
    }
  }
  return EXIT_OK;
}
