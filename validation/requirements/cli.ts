// The runtime command-line contract: opencontainers/runtime-tools docs/command-line-interface.md,
// "OCI Runtime Command Line Interface 1.0.1". runtime-spec itself leaves the caller interface
// out of scope; runtime-tools' compliance-testing document makes this CLI the API a runtime must
// offer to be tested. The document is versioned on its own, has not changed since 2018 (commit
// 7f50875) and applies at every spec version, so no entry has since/until.
//
// Not requirements, so not listed: `delete --force`, `features`, `run`, `exec`, `--root` and the
// like are extensions (allowed, but portable callers must not rely on them), and the container's
// own exit code is out of the contract's scope.
import type { Requirement } from './types.js';

export const CLI_DOC_FILE = 'docs/command-line-interface.md';
/** The runtime-tools tag whose copy of the CLI document we link to (same text as 7f50875 and HEAD). */
export const CLI_DOC_REF = 'v0.9.0';
export const CLI_DOC_URL = `https://github.com/opencontainers/runtime-tools/blob/${CLI_DOC_REF}/${CLI_DOC_FILE}`;
/** GitHub heading slugs of the document that entries may use as anchors. */
export const CLI_DOC_ANCHORS: readonly string[] = [
  'global-usage',
  'global-options',
  'character-encodings',
  'create',
  'console-socket',
  'start',
  'state',
  'kill',
  'delete',
];

const doc = { source: 'runtime-cli', file: CLI_DOC_FILE } as const;
const usage = { ...doc, anchor: 'global-usage' } as const;
const options = { ...doc, anchor: 'global-options' } as const;
const create = { ...doc, anchor: 'create' } as const;
const start = { ...doc, anchor: 'start' } as const;
const state = { ...doc, anchor: 'state' } as const;
const kill = { ...doc, anchor: 'kill' } as const;
const del = { ...doc, anchor: 'delete' } as const;

const EXIT_NOTE =
  'The exit-code lines carry no RFC 2119 keyword; they are part of the API that the document requires a runtime to implement in full.';
const OPTION_NOTE =
  'Options are described without a keyword of their own; the document requires the whole API to be implemented.';

export const CLI_REQUIREMENTS: readonly Requirement[] = [
  // Global usage
  {
    ...usage,
    id: 'cli.executable',
    level: 'MUST',
    summary: 'The runtime is one executable taking `[global-options] <command> [command-options] <arguments>`.',
    testability: 'cli',
  },
  {
    ...usage,
    id: 'cli.entire-api',
    level: 'MUST',
    summary: 'The runtime implements every command and option of the contract: create, start, state, kill and delete.',
    testability: 'cli',
  },
  {
    ...options,
    id: 'cli.command-parsing',
    level: 'MUST',
    summary: 'Command names never start with a hyphen, and `<runtime> <command>` always parses as that command.',
    testability: 'cli',
  },
  {
    ...options,
    id: 'cli.unknown-command',
    level: 'MUST',
    summary: 'An unrecognized command exits with a non-zero code.',
    testability: 'cli',
  },
  {
    ...doc,
    anchor: 'character-encodings',
    id: 'cli.locale-encoding',
    level: 'SHOULD',
    summary: 'Output follows the operating system\'s locale encoding, e.g. the state is written as UTF-8 in a UTF-8 locale.',
    testability: 'cli',
  },

  // create
  {
    ...create,
    id: 'cli.create.bundle',
    level: 'MUST',
    summary: '`create --bundle <path> <id>` takes the bundle from path; without --bundle the current directory is the bundle.',
    testability: 'cli',
    note: OPTION_NOTE,
  },
  {
    ...create,
    id: 'cli.create.pid-file',
    level: 'MUST',
    summary: '`create --pid-file <path>` writes the container process ID to path.',
    testability: 'cli',
  },
  {
    ...create,
    id: 'cli.create.console-socket',
    level: 'MUST',
    summary: '`create --console-socket <fd>` sends the pseudoterminal master over the socket at that descriptor.',
    testability: 'partial',
    note: 'runc, crun and others take a socket path instead of a descriptor; terminal tests depend on the runtime profile.',
  },
  {
    ...doc,
    anchor: 'console-socket',
    id: 'cli.create.console-socket-request',
    level: 'MUST',
    summary: 'The console-socket request is UTF-8 JSON {"type": "terminal", "container": <id>} with the pty master in the first SCM_RIGHTS message.',
    testability: 'partial',
    note: 'Real runtimes send only the descriptor, without the JSON exchange.',
  },
  {
    ...create,
    id: 'cli.create.terminal-no-stdin',
    level: 'MUST NOT',
    summary: 'With process.terminal true, create does not read from its stdin.',
    testability: 'partial',
  },
  {
    ...create,
    id: 'cli.create.stdin-passthrough',
    level: 'MUST',
    summary: 'With process.terminal not true, create hands its stdin to the container process untouched (no read, write, seek, ioctl or close).',
    testability: 'cli',
  },
  {
    ...create,
    id: 'cli.create.stdout-passthrough',
    level: 'MUST',
    summary: 'With process.terminal not true, create hands its stdout to the container process untouched, so the program\'s output reaches the stdout given to create.',
    testability: 'cli',
  },
  {
    ...create,
    id: 'cli.create.stderr-passthrough',
    level: 'MUST',
    summary: 'With process.terminal not true and a zero exit, create hands its stderr to the container process untouched.',
    testability: 'cli',
  },
  {
    ...create,
    id: 'cli.create.listen-fds',
    level: 'MUST',
    summary: 'With LISTEN_FDS=N in its environment, create passes descriptors 3 to 3+N-1 on to the container process.',
    testability: 'in-container',
  },
  {
    ...create,
    id: 'cli.create.exit-code',
    level: 'MUST',
    summary: 'create exits 0 when the container was created and non-zero on error.',
    testability: 'cli',
    note: EXIT_NOTE,
  },

  // start
  {
    ...start,
    id: 'cli.start.no-stdin',
    level: 'MUST NOT',
    summary: 'start does not read from its stdin.',
    testability: 'cli',
  },
  {
    ...start,
    id: 'cli.start.exit-code',
    level: 'MUST',
    summary: 'start exits 0 when the program was started and non-zero on error.',
    testability: 'cli',
    note: EXIT_NOTE,
  },

  // state
  {
    ...state,
    id: 'cli.state.no-stdin',
    level: 'MUST NOT',
    summary: 'state does not read from its stdin.',
    testability: 'cli',
  },
  {
    ...state,
    id: 'cli.state.stdout',
    level: 'MUST',
    summary: 'state prints the state JSON on its stdout.',
    testability: 'cli',
  },
  {
    ...state,
    id: 'cli.state.exit-code',
    level: 'MUST',
    summary: 'state exits 0 only when it wrote the state to stdout, and non-zero on error.',
    testability: 'cli',
    note: EXIT_NOTE,
  },

  // kill
  {
    ...kill,
    id: 'cli.kill.signal-option',
    level: 'MUST',
    summary: '`kill --signal <name> <id>` sends the named signal; without --signal it sends TERM.',
    testability: 'cli',
    note:
      OPTION_NOTE +
      ' runc, crun, runsc and youki take the signal as a positional argument after the ID instead, as runtime-tools\' own harness does; the runtime profile says which form to use.',
  },
  {
    ...kill,
    id: 'cli.kill.term-and-kill',
    level: 'MUST',
    summary: 'kill supports TERM and KILL with their POSIX meaning.',
    testability: 'in-container',
  },
  {
    ...kill,
    id: 'cli.kill.posix-signals',
    level: 'MUST',
    summary: 'On a platform with POSIX signals, kill is implemented with POSIX signals.',
    testability: 'in-container',
  },
  {
    ...kill,
    id: 'cli.kill.no-stdin',
    level: 'MUST NOT',
    summary: 'kill does not read from its stdin.',
    testability: 'cli',
  },
  {
    ...kill,
    id: 'cli.kill.exit-code',
    level: 'MUST',
    summary: 'kill exits 0 when the signal was sent (not necessarily handled) and non-zero on error.',
    testability: 'cli',
    note: EXIT_NOTE,
  },

  // delete
  {
    ...del,
    id: 'cli.delete.no-stdin',
    level: 'MUST NOT',
    summary: 'delete does not read from its stdin.',
    testability: 'cli',
  },
  {
    ...del,
    id: 'cli.delete.exit-code',
    level: 'MUST',
    summary: 'delete exits 0 when the container was deleted and non-zero on error.',
    testability: 'cli',
    note: EXIT_NOTE + ' `delete --force` is an extension and is not part of the contract.',
  },
];
