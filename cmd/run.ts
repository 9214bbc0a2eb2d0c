// oci-conformance run: flags in; validation/ runs the cases, reports/ renders TAP and report.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandArgs } from './args.js';
import { CliError, EXIT_FAIL, EXIT_OK } from './cli-error.js';
import { CATALOGUE } from '../validation/cases/index.js';
import { ProfileError, resolveProfile } from '../validation/harness/profile.js';
import { RootfsError } from '../validation/harness/rootfs.js';
import { RunSetupError, runSuite } from '../validation/harness/runner.js';
import { killAllGroups } from '../validation/harness/invoke.js';
import { tapFooter, tapHeader, tapTestPoint } from '../reports/tap-stream.js';
import { PACKAGE } from '../schema/package-root.js';
import { SPEC_VERSIONS, isSpecVersion } from '../schema/versions.js';

const HELP = `Usage: oci-conformance run --runtime NAME|PATH [options]

Drive a runtime through the OCI runtime command line (create, start, state, kill, delete,
features) and check every verdict against the runtime-spec. TAP 14 goes to stdout.

Options:
  --runtime NAME|PATH   runtime to test; a NAME with a built-in profile (runc, crun, runsc,
                        youki, kata) uses it, anything else is run as a native runtime binary
  --runtime-arg ARG     extra global argument for the runtime (repeatable)
  --profile FILE        runtime profile (YAML, profileVersion 1)
  --spec-version V      spec version whose expectations apply (${SPEC_VERSIONS.join(', ')});
                        default: the runtime's features ociVersionMax, else the profile's
  --only PATTERN        run only test IDs matching PATTERN ("*" wildcard; repeatable)
  --skip PATTERN        leave out test IDs matching PATTERN (repeatable)
  --jobs N              cases run in parallel (default 1)
  --timeout SECONDS     time limit of one case (default 120); runtime calls have their own
  --out DIR             write report.json and results.tap to DIR
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
  timeout?: string;
  out?: string;
  rootfs?: string;
  'keep-temp'?: boolean;
}

function positiveInt(flag: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag} must be a positive whole number (got "${v}")`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseCommandArgs<Flags>(argv, {
    runtime: { type: 'string' },
    'runtime-arg': { type: 'string', multiple: true },
    profile: { type: 'string' },
    'spec-version': { type: 'string' },
    only: { type: 'string', multiple: true },
    skip: { type: 'string', multiple: true },
    jobs: { type: 'string' },
    timeout: { type: 'string' },
    out: { type: 'string' },
    rootfs: { type: 'string' },
    'keep-temp': { type: 'boolean' },
  });
  if (help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
  const sv = values['spec-version'];
  if (sv !== undefined && !isSpecVersion(sv)) {
    throw new CliError(`unsupported --spec-version "${sv}"; supported: ${SPEC_VERSIONS.join(', ')}`);
  }
  const jobs = positiveInt('--jobs', values.jobs, 1);
  const caseTimeout = positiveInt('--timeout', values.timeout, 120);

  let profile;
  try {
    profile = resolveProfile(values.runtime, values.profile);
  } catch (e) {
    if (e instanceof ProfileError) throw new CliError(e.message);
    throw e;
  }
  if (values['runtime-arg']?.length) profile = { ...profile, globalArgs: [...(profile.globalArgs ?? []), ...values['runtime-arg']] };
  if (values.out) mkdirSync(values.out, { recursive: true });

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
  let report;
  try {
    report = await runSuite({
      profile,
      cases: CATALOGUE,
      specVersion: sv as (typeof SPEC_VERSIONS)[number] | undefined,
      only: values.only,
      skip: values.skip,
      jobs,
      caseTimeout,
      rootfs: values.rootfs,
      signal: controller.signal,
      keepTemp: values['keep-temp'],
      onKeptTemp: (dir) => process.stderr.write(`oci-conformance: kept bundles and runtime output in ${dir}\n`),
      onStart: (info) =>
        emit(tapHeader({ suite: `${PACKAGE.name} ${PACKAGE.version}`, runtime: profile.name, specVersion: info.specVersion, reason: info.reason, total: info.total })),
      onResult: (r, i, total) => {
        emit(tapTestPoint(r, i + 1));
        if (progress) process.stderr.write(`\r[${i + 1}/${total}] ${r.status.padEnd(5)} ${r.id}`.padEnd(80).slice(0, 100));
      },
    });
  } catch (e) {
    if (e instanceof RunSetupError || e instanceof RootfsError || e instanceof ProfileError) throw new CliError(e.message);
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (progress) process.stderr.write('\n');
  }
  emit(tapFooter(report));
  if (values.out) {
    writeFileSync(join(values.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    writeFileSync(join(values.out, 'results.tap'), tap);
    process.stderr.write(`oci-conformance: report written to ${join(values.out, 'report.json')}\n`);
  }
  if (interruptedBy) return interruptedBy === 'SIGINT' ? 130 : 143;
  return report.summary.verdict === 'pass' ? EXIT_OK : EXIT_FAIL;
}
