// oci-conformance run: flags in; validation/ runs the cases, reports/ renders TAP and report.json.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandArgs } from './args.js';
import { CliError, EXIT_FAIL, EXIT_OK } from './cli-error.js';
import { CATALOGUE } from '../validation/cases/index.js';
import { ProfileError, resolveProfile } from '../validation/harness/profile.js';
import { RootfsError } from '../validation/harness/rootfs.js';
import { RunSetupError, runSuite, runSuiteAllVersions, type RunOptions } from '../validation/harness/runner.js';
import { killAllGroups } from '../validation/harness/invoke.js';
import { trace } from '../validation/harness/trace.js';
import { tapFooter, tapHeader, tapIndent, tapTestPoint, tapVersionEnd, tapVersionsFooter, tapVersionsHeader, tapVersionStart } from '../reports/tap-stream.js';
import type { Report } from '../reports/model.js';
import { PACKAGE } from '../schema/package-root.js';
import { SPEC_VERSIONS, isSpecVersion } from '../schema/versions.js';
import { parseShard, ShardError } from '../reports/shards.js';
import { prefetchProvenance } from '../reports/provenance.js';
import type { Product, ShardRef } from '../reports/model.js';

const HELP = `Usage: oci-conformance run --runtime NAME|PATH [options]

Drive a runtime through the OCI runtime command line (create, start, state, kill, delete,
features) and check every verdict against the runtime-spec. TAP 14 goes to stdout.

Options:
  --runtime NAME|PATH   runtime to test; a NAME with a built-in profile (runc, crun, runsc,
                        youki, kata) uses it, anything else is run as a native runtime binary
  --runtime-arg ARG     extra global argument for the runtime (repeatable)
  --profile FILE        runtime profile (YAML, profileVersion 1)
  --spec-version V      spec version whose expectations apply (${SPEC_VERSIONS.join(', ')});
                        default: the runtime's features ociVersionMax, else the profile's;
                        "all": every version the runtime supports (its features range, else
                        1.0.0 up to the profile's), one TAP subtest and --out DIR/<version>/
                        each, plus DIR/matrix.md; a test whose expectations do not change
                        between two versions runs once and its result is reused
  --only PATTERN        run only test IDs matching PATTERN ("*" wildcard; repeatable)
  --skip PATTERN        leave out test IDs matching PATTERN (repeatable)
  --jobs N              cases run in parallel (default 1)
  --repeat N            run each case N times in a row (default 1); a case's status is the
                        worst seen, and one whose status changed is marked flaky
  --timeout SECONDS     time limit of one case (default 120); runtime calls have their own
  --no-merge            give every config-application case a container of its own (by
                        default cases setting disjoint config fields share container runs)
  --out DIR             write report.json, results.tap, junit.xml, report.html and summary.md
  --certify             certification run: refuses --only/--skip, needs --out, and fails
                        (exit 2) when any output cannot be written
  --product FILE        PRODUCT.yaml of the product certified (recorded in the report)
  --bundle DIR          also write a submission bundle to DIR (implies --certify; needs --product)
  --shard K/N           run only shard K of N of the catalogue (merge with \`report merge\`)
  --rootfs DIR          use DIR as the container root filesystem instead of the busybox one
  --keep-temp           keep bundles, results and runtime output for inspection (containers
                        are still deleted); the directory is printed on stderr
  -h, --help            show this help

Exit codes: 0 every applicable test passed, 1 any failed, 2 the suite could not run
(usage, runtime not found, rootfs cannot be built), 130/143 interrupted.
`;

interface Flags {
  runtime?: string;
  'runtime-arg'?: string[];
  profile?: string;
  'spec-version'?: string;
  only?: string[];
  skip?: string[];
  jobs?: string;
  repeat?: string;
  timeout?: string;
  out?: string;
  rootfs?: string;
  'keep-temp'?: boolean;
  'no-merge'?: boolean;
  certify?: boolean;
  product?: string;
  bundle?: string;
  shard?: string;
}

function positiveInt(flag: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag} must be a positive whole number (got "${v}")`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  trace({ kind: 'mark', name: 'imported' });
  const { values, positionals, help } = parseCommandArgs<Flags>(argv, {
    runtime: { type: 'string' },
    'runtime-arg': { type: 'string', multiple: true },
    profile: { type: 'string' },
    'spec-version': { type: 'string' },
    only: { type: 'string', multiple: true },
    skip: { type: 'string', multiple: true },
    jobs: { type: 'string' },
    repeat: { type: 'string' },
    timeout: { type: 'string' },
    out: { type: 'string' },
    rootfs: { type: 'string' },
    'keep-temp': { type: 'boolean' },
    'no-merge': { type: 'boolean' },
    certify: { type: 'boolean' },
    product: { type: 'string' },
    bundle: { type: 'string' },
    shard: { type: 'string' },
  });
  if (help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
  const sv = values['spec-version'];
  if (sv !== undefined && sv !== 'all' && !isSpecVersion(sv)) {
    throw new CliError(`unsupported --spec-version "${sv}"; supported: ${SPEC_VERSIONS.join(', ')}, all`);
  }
  const allVersions = sv === 'all';
  const jobs = positiveInt('--jobs', values.jobs, 1);
  const repeat = positiveInt('--repeat', values.repeat, 1);
  const caseTimeout = positiveInt('--timeout', values.timeout, 120);
  // Certification: the whole catalogue (or a shard of it) and every output, or nothing.
  const certify = values.certify === true || values.bundle !== undefined;
  if (certify && (values.only?.length || values.skip?.length)) throw new CliError('--certify refuses --only and --skip: a certification run runs every test');
  if (certify && !values.out) throw new CliError('--certify needs --out DIR: a certification run must write its reports');
  if (values.bundle !== undefined && !values.product) throw new CliError('--bundle needs --product PRODUCT.yaml');
  if (values.bundle !== undefined && values.shard !== undefined) throw new CliError('--bundle needs a complete run: bundle the merged shards with `report bundle` instead');
  if (allVersions && (certify || values.shard !== undefined)) {
    throw new CliError('--spec-version all cannot be combined with --certify, --bundle or --shard: certify one version per run');
  }
  if (values.bundle !== undefined && existsSync(values.bundle) && readdirSync(values.bundle).length) {
    throw new CliError(`--bundle ${values.bundle} exists and is not empty; remove it or choose another directory`);
  }
  let shard: ShardRef | undefined;
  let product: Product | undefined;
  try {
    shard = values.shard !== undefined ? parseShard(values.shard) : undefined;
  } catch (e) {
    if (e instanceof ShardError) throw new CliError(e.message);
    throw e;
  }
  // The product reader (js-yaml, Ajv), the renderers and the bundle writer are loaded only by
  // runs that use them: their imports are a large part of a run's start.
  if (values.product) {
    const { loadProduct, ProductError } = await import('../reports/product.js');
    try {
      product = loadProduct(values.product);
    } catch (e) {
      if (e instanceof ProductError) throw new CliError(e.message);
      throw e;
    }
  }

  let profile;
  try {
    profile = resolveProfile(values.runtime, values.profile);
  } catch (e) {
    if (e instanceof ProfileError) throw new CliError(e.message);
    throw e;
  }
  if (values['runtime-arg']?.length) profile = { ...profile, globalArgs: [...(profile.globalArgs ?? []), ...values['runtime-arg']] };
  if (values.out) {
    try {
      mkdirSync(values.out, { recursive: true });
      // Find an unwritable output before the run, not after it.
      writeFileSync(join(values.out, '.write-test'), '');
      rmSync(join(values.out, '.write-test'));
    } catch (e) {
      throw new CliError(`cannot write to --out ${values.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  // Interrupts: stop scheduling, kill running runtime calls; the runner still deletes every
  // container it made and removes its temp dirs. A second interrupt exits at once.
  const controller = new AbortController();
  let interruptedBy: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (interruptedBy) {
      killAllGroups();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    }
    interruptedBy = sig;
    process.stderr.write(`oci-conformance: ${sig}: stopping, cleaning up containers and temp dirs\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const progress = process.stderr.isTTY;
  let tap = '';
  const emit = (s: string) => {
    tap += s;
    process.stdout.write(s);
  };
  const runOptions: RunOptions = {
    profile,
    cases: CATALOGUE,
    specVersion: allVersions ? undefined : (sv as (typeof SPEC_VERSIONS)[number] | undefined),
    only: values.only,
    skip: values.skip,
    jobs,
    repeat,
    caseTimeout,
    rootfs: values.rootfs,
    signal: controller.signal,
    keepTemp: values['keep-temp'],
    mergeProbes: values['no-merge'] !== true,
    shard,
    certification: certify,
    product,
    argv,
    onKeptTemp: (dir) => process.stderr.write(`oci-conformance: kept bundles and runtime output in ${dir}\n`),
  };
  const suite = `${PACKAGE.name} ${PACKAGE.version}`;
  // Computed, and loaded, while the first cases run, not after the last.
  prefetchProvenance(profile.command);
  const outputs = values.out ? import('../reports/outputs.js') : undefined;
  const bundler = values.bundle !== undefined ? import('../reports/bundle.js') : undefined;
  const matrix = values.out && allVersions ? import('../reports/matrix.js') : undefined;
  for (const p of [outputs, bundler, matrix]) p?.catch(() => undefined); // awaited (and thrown) below
  let reports: Report[];
  try {
    if (allVersions) {
      // One stream: a subtest per spec version, its test points indented one level.
      let headerDone = false;
      reports = await runSuiteAllVersions({
        ...runOptions,
        onStart: (info) => {
          if (!headerDone) {
            trace({ kind: 'mark', name: 'setup-done' });
            emit(tapVersionsHeader({ suite, runtime: profile.name, versions: info.versions, reason: info.reason }));
            headerDone = true;
          }
          emit(tapVersionStart(info.specVersion, info.total));
        },
        onResult: (r, i, total) => {
          emit(tapIndent(tapTestPoint(r, i + 1)));
          if (progress) process.stderr.write(`\r[${i + 1}/${total}] ${r.status.padEnd(5)} ${r.id}`.padEnd(80).slice(0, 100));
        },
        onPassEnd: (r, pass) => emit(tapVersionEnd(r, pass + 1)),
      });
    } else {
      reports = [
        await runSuite({
          ...runOptions,
          onStart: (info) => {
            trace({ kind: 'mark', name: 'setup-done' });
            emit(tapHeader({ suite, runtime: profile.name, specVersion: info.specVersion, reason: info.reason, total: info.total }));
          },
          onResult: (r, i, total) => {
            emit(tapTestPoint(r, i + 1));
            if (progress) process.stderr.write(`\r[${i + 1}/${total}] ${r.status.padEnd(5)} ${r.id}`.padEnd(80).slice(0, 100));
          },
        }),
      ];
    }
  } catch (e) {
    if (e instanceof RunSetupError || e instanceof RootfsError || e instanceof ProfileError) throw new CliError(e.message);
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (progress) process.stderr.write('\n');
  }
  trace({ kind: 'mark', name: 'run-done' });
  if (allVersions) {
    emit(tapVersionsFooter(reports));
    if (values.out) {
      const { OutputError, renderAll, writeFiles } = await outputs!;
      const { renderMatrixMd } = await matrix!;
      try {
        for (const r of reports) writeFiles(join(values.out, r.specVersion), renderAll(r));
        writeFiles(values.out, { 'results.tap': tap, 'matrix.md': renderMatrixMd(reports, `# ${profile.name} at every supported runtime-spec version`) });
      } catch (e) {
        if (e instanceof OutputError) throw new CliError(e.message);
        throw e;
      }
      trace({ kind: 'mark', name: 'outputs-written' });
      process.stderr.write(`oci-conformance: reports written to ${values.out}/<version>/report.json for ${reports.map((r) => r.specVersion).join(', ')} (with matrix.md and results.tap in ${values.out})\n`);
    }
  } else {
    const report = reports[0];
    emit(tapFooter(report));
    if (values.out) {
      // Every rendering is a function of the report; results.tap is exactly what was printed.
      // An output that was asked for and not written fails the run (exit 2), never passes silently.
      const { OutputError, renderAll, writeFiles } = await outputs!;
      const { BundleError, renderBundle } = bundler ? await bundler : { BundleError: undefined, renderBundle: undefined };
      try {
        writeFiles(values.out, { ...renderAll(report), 'results.tap': tap });
        if (values.bundle !== undefined) writeFiles(values.bundle, renderBundle!(report, product));
      } catch (e) {
        if (e instanceof OutputError || (BundleError && e instanceof BundleError)) throw new CliError(e.message);
        throw e;
      }
      trace({ kind: 'mark', name: 'outputs-written' });
      process.stderr.write(`oci-conformance: report written to ${join(values.out, 'report.json')} (with results.tap, junit.xml, report.html, summary.md)${values.bundle !== undefined ? `; submission bundle in ${values.bundle}` : ''}\n`);
    }
  }
  if (interruptedBy) return interruptedBy === 'SIGINT' ? 130 : 143;
  return reports.every((r) => r.summary.verdict === 'pass') ? EXIT_OK : EXIT_FAIL;
}
