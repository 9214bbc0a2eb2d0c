#!/usr/bin/env node
// oci-conformance: parses the command line and hands over; all logic lives in schema/, validation/, reports/.
import { CliError, EXIT_USAGE, errorMessage } from './cli-error.js';
import { PACKAGE } from '../schema/package-root.js';

interface Command {
  summary: string;
  load(): Promise<{ main(argv: string[]): Promise<number> }>;
}

const COMMANDS: Record<string, Command> = {
  validate: { summary: 'validate config.json, state or features documents against a runtime-spec version', load: () => import('./validate.js') },
  run: { summary: 'run conformance scenarios against a runtime binary (TAP 14 on stdout)', load: () => import('./run.js') },
  list: { summary: 'print the test catalogue', load: () => import('./list.js') },
  report: { summary: 'render, bundle, verify, diff, matrix and merge run reports', load: () => import('./report.js') },
  compat: { summary: 'compare two spec versions (or schema folders): changes, witnesses, SemVer bump', load: () => import('./compat.js') },
};

const HELP = `Usage: oci-conformance <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Options:
  -h, --help     show help (also: oci-conformance <command> --help)
  -v, --version  print the suite version

Exit codes: 0 success, 1 conformance or validation failure, 2 usage error or unusable input.
`;

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    process.stdout.write(HELP);
    return first === undefined ? EXIT_USAGE : 0;
  }
  if (first === '-v' || first === '--version') {
    process.stdout.write(`${PACKAGE.name} ${PACKAGE.version}\n`);
    return 0;
  }
  const cmd = COMMANDS[first];
  if (!cmd) throw new CliError(`unknown command "${first}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
  return (await cmd.load()).main(rest);
}

/** Set by cmd/oci-conformance, which starts node without NODE_EXTRA_CA_CERTS (see there). */
const SAVED_CA_CERTS = 'OCI_CONFORMANCE_NODE_EXTRA_CA_CERTS';

/** Give the caller's NODE_EXTRA_CA_CERTS back, so every program the suite starts sees it as set. */
function restoreCallerEnvironment(env: NodeJS.ProcessEnv): void {
  const saved = env[SAVED_CA_CERTS];
  if (saved === undefined) return;
  env.NODE_EXTRA_CA_CERTS = saved;
  delete env[SAVED_CA_CERTS];
}

restoreCallerEnvironment(process.env);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (!(e instanceof CliError)) {
      // A bug in the suite, not bad input: keep the stack for the report, still exit 2.
      process.stderr.write(`oci-conformance: internal error: ${e instanceof Error ? e.stack : errorMessage(e)}\n`);
    } else {
      process.stderr.write(`oci-conformance: ${e.message}\n`);
    }
    process.exitCode = EXIT_USAGE;
  },
);
