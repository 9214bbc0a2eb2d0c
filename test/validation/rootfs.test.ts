// The run-time rootfs (validation/harness/rootfs.ts): busybox's applets are hard links to the
// rootfs's own copy of busybox (never to the host's binary), and a shell chrooted into it runs
// applets by those names.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBusyboxRootfs, findStaticBusybox } from '../../validation/harness/rootfs.js';
import { cannotRun } from '../support/run-sandbox.js';

const missing: string[] = [];
let busybox = '';
try {
  busybox = findStaticBusybox();
} catch (e) {
  missing.push((e as Error).message);
}
if (process.getuid?.() !== 0) missing.push('chroot needs root');

if (missing.length) cannotRun(t, 'the busybox rootfs', missing);
else {
  t.test('the busybox rootfs', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'rootfs-test-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const root = join(dir, 'root');
    buildBusyboxRootfs(root, busybox);
    const own = statSync(join(root, 'bin/busybox'));
    t.not(own.ino, statSync(busybox).ino, "busybox is a copy: no container can reach the host's binary through it");
    const applets = readdirSync(join(root, 'bin')).filter((n) => n !== 'busybox');
    t.ok(applets.length > 100 && applets.includes('sh') && applets.includes('cat'), `an entry per applet (${applets.length})`);
    const others = applets.filter((a) => statSync(join(root, 'bin', a)).ino !== own.ino);
    t.same(others, [], 'every applet is the rootfs copy of busybox');
    // The temp dir's filesystem takes hard links (ext4, tmpfs): no symlink fallback here.
    const symlinks = applets.filter((a) => lstatSync(join(root, 'bin', a)).isSymbolicLink());
    t.same(symlinks, [], 'as hard links, not symlinks (one inode each, slow to create)');
    const r = spawnSync('chroot', [root, '/bin/sh', '-c', '/bin/cat /etc/group; ls /bin/sh'], { encoding: 'utf8' });
    t.equal(r.status, 0, `the shell runs in the rootfs (stderr: ${r.stderr})`);
    t.match(r.stdout, /^root:x:0:\nnogroup:x:65534:\n\/bin\/sh\n$/, 'applets run by their names');
  });
}
