// Running OCI hooks from a wrapper, the way config.md describes them: `path` executed with
// `args` (args[0] as argv[0]) and exactly `env`, the state on stdin, killed after `timeout`.
//   node hooks.mjs HOOKS_FILE KIND STATE_FILE MODE [--exec-in RUNC ROOT ID]
// HOOKS_FILE holds {"<kind>": [hook, ...]}. MODE decides what a failing hook does:
//   warn     log it, run the rest, exit 0        stop     stop there, exit 1
//   all      run the rest, exit 1 at the end     stop-ok  stop there, exit 0
// --exec-in runs each hook inside a container with `RUNC --root ROOT exec` (argv[0] is lost).
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const [file, kind, stateFile, mode, ...rest] = process.argv.slice(2);
let hooks = [];
try {
  hooks = JSON.parse(readFileSync(file, 'utf8'))[kind] ?? [];
} catch {
  hooks = [];
}
const state = readFileSync(stateFile);
let failedAny = false;
for (const [i, hook] of hooks.entries()) {
  const args = hook.args?.length ? hook.args : [hook.path];
  const env = hook.env ? Object.fromEntries(hook.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)])) : process.env;
  let file = hook.path;
  let argv = args.slice(1);
  let argv0 = args[0];
  if (rest[0] === '--exec-in') {
    const [, runc, root, id] = rest;
    file = runc;
    argv = ['--root', root, 'exec', ...(hook.env ?? []).flatMap((e) => ['--env', e]), id, hook.path, ...args.slice(1)];
    argv0 = runc;
  }
  const r = spawnSync(file, argv, {
    argv0,
    env,
    input: state,
    stdio: ['pipe', 'ignore', 'pipe'],
    timeout: hook.timeout ? hook.timeout * 1000 : undefined,
    killSignal: 'SIGKILL',
  });
  const ok = !r.error && r.status === 0;
  if (!ok) {
    failedAny = true;
    const why = r.error?.code === 'ETIMEDOUT' ? `timed out after ${hook.timeout} s` : r.error ? r.error.message : `exit ${r.status ?? r.signal}`;
    process.stderr.write(`${kind} hook #${i} (${hook.path}) failed: ${why} ${String(r.stderr ?? '').trim()}\n`);
    if (mode === 'stop') process.exit(1);
    if (mode === 'stop-ok') process.exit(0);
  }
}
process.exit(mode === 'all' && failedAny ? 1 : 0);
