// cmd/oci-conformance, the command package.json installs: it starts node without
// NODE_EXTRA_CA_CERTS (node would read that file at every start) and the CLI gives the caller's
// value back to every program it starts.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE, packagePath } from '../../schema/package-root.js';
import { runSandbox } from '../support/run-sandbox.js';

const LAUNCHER = packagePath('cmd', 'oci-conformance');
const sb = runSandbox('launcher-');
t.teardown(() => sb.remove());

// As users run it: without the loaders tap puts in NODE_OPTIONS for its own children.
const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: sb.runTmp };
delete env.NODE_OPTIONS;
delete env.NODE_EXTRA_CA_CERTS; // each test sets it as it needs
// A file node cannot load: node warns on stderr at start if it is handed this.
const MISSING_CA = join(sb.dir, 'no-such-bundle.pem');

t.test('package.json installs the launcher as the command', async (t) => {
  const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8'));
  t.equal(pkg.bin['oci-conformance'], 'cmd/oci-conformance');
  t.ok(pkg.files.includes('cmd/oci-conformance'), 'and publishes it');
});

t.test('node starts without NODE_EXTRA_CA_CERTS, also through a symlink as npm links it', async (t) => {
  const link = join(sb.dir, 'oci-conformance');
  symlinkSync(LAUNCHER, link);
  for (const command of [LAUNCHER, link]) {
    const r = spawnSync(command, ['--version'], { encoding: 'utf8', env: { ...env, NODE_EXTRA_CA_CERTS: MISSING_CA } });
    t.equal(r.status, 0, `${command}: exit 0`);
    t.equal(r.stdout, `${PACKAGE.name} ${PACKAGE.version}\n`);
    t.equal(r.stderr, '', 'no warning about the certificate file: node never read it');
  }
  // The control: the same start through node itself does read the file.
  const direct = spawnSync(process.execPath, [packagePath('dist', 'cmd', 'main.js'), '--version'], { encoding: 'utf8', env: { ...env, NODE_EXTRA_CA_CERTS: MISSING_CA } });
  t.match(direct.stderr, /extra certs/i, 'node started directly warns about the missing file');
});

t.test('the runtime sees the caller NODE_EXTRA_CA_CERTS, and nothing of the launcher', async (t) => {
  const seen = join(sb.dir, 'runtime-env');
  const runtime = join(sb.dir, 'env-runtime');
  // Records its environment at every call and fails every call: the run is short.
  writeFileSync(runtime, `#!/bin/sh\nenv >> ${seen}\nexit 1\n`);
  chmodSync(runtime, 0o755);
  const profile = join(sb.dir, 'env-runtime.yaml');
  writeFileSync(profile, ['profileVersion: 1', 'name: env-runtime', `command: [${runtime}]`, 'isolation: native', 'specVersion: 1.0.2', 'featuresCommand: false'].join('\n') + '\n');
  for (const [label, extra] of [
    ['set', { NODE_EXTRA_CA_CERTS: MISSING_CA }],
    ['unset', {}],
  ] as const) {
    writeFileSync(seen, '');
    const r = spawnSync(LAUNCHER, ['run', '--profile', profile, '--only', 'create.missing-id', '--out', join(sb.dir, `out-${label}`)], {
      encoding: 'utf8',
      env: { ...env, ...extra },
    });
    t.not(r.status, 2, `${label}: the run ends with a verdict, not a harness error (stderr: ${r.stderr.slice(-300)})`);
    const lines = readFileSync(seen, 'utf8').split('\n');
    t.ok(lines.length > 1, `${label}: the runtime was called`);
    if (label === 'set') t.ok(lines.includes(`NODE_EXTRA_CA_CERTS=${MISSING_CA}`), 'the caller value, restored');
    else t.notOk(lines.some((l) => l.startsWith('NODE_EXTRA_CA_CERTS=')), 'still unset');
    t.notOk(lines.some((l) => l.startsWith('OCI_CONFORMANCE_NODE_EXTRA_CA_CERTS=')), 'the launcher variable is not passed on');
  }
});
