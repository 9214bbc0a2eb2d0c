// The probe parser on output recorded from runc, crun and runsc (test/fixtures/probe/, from the
// config.process.user case: uid 1000, gid 1001, additionalGids 5 and 1002), and on broken output.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { packagePath } from '../../schema/package-root.js';
import { decodeCapabilities, parseProbe } from '../../validation/probe/parse.js';

for (const rt of ['runc', 'crun', 'runsc']) {
  t.test(`recorded ${rt} output`, async (t) => {
    const facts = parseProbe(readFileSync(packagePath(`test/fixtures/probe/${rt}-user.out`), 'utf8'));
    t.same(facts.args, ['/bin/sh', '/oci-conformance/probe.sh'], 'argv');
    t.ok(facts.environ.includes('PATH=/bin:/usr/bin:/sbin:/usr/sbin'), 'environment');
    t.equal(facts.cwd, '/', 'cwd');
    t.equal(facts.umask, '0022', 'umask');
    t.same(facts.status.Uid?.split(/\s+/), ['1000', '1000', '1000', '1000'], 'uids');
    t.same(facts.status.Gid?.split(/\s+/), ['1001', '1001', '1001', '1001'], 'gids');
    t.same((facts.status.Groups ?? '').trim().split(/\s+/), ['5', '1002'], 'supplementary groups');
    t.same(facts.ulimit.nofile, ['1024', '1024'], 'ulimit nofile');
    t.equal(facts.hostname, 'oci-conformance', 'hostname');
    t.equal(facts.rootWritable, false, 'read-only root');
    t.ok(Object.keys(facts.ns).length >= 7, 'namespace links listed');
  });
}

t.test('native runtimes report /proc limits and mountinfo', async (t) => {
  const facts = parseProbe(readFileSync(packagePath('test/fixtures/probe/runc-user.out'), 'utf8'));
  t.same(facts.limits['Max open files'], ['1024', '1024']);
  t.ok(facts.mountinfo.some((l) => l.includes(' /proc ')), 'mountinfo has /proc');
  t.match(facts.ns.net, /^net:\[\d+\]$/);
});

t.test('capability masks decode to names', async (t) => {
  t.same(decodeCapabilities('0000000000000000'), []);
  t.same(decodeCapabilities('0000000000000421'), ['CAP_CHOWN', 'CAP_KILL', 'CAP_NET_BIND_SERVICE']);
  t.same(decodeCapabilities('0000000000200000'), ['CAP_SYS_ADMIN']);
  t.same(decodeCapabilities('0000010000000000'), ['CAP_CHECKPOINT_RESTORE']);
});

t.test('broken output is refused, not guessed', async (t) => {
  t.throws(() => parseProbe(''), /not probe output/);
  t.throws(() => parseProbe('@probe 1\n@end\n'), /format 2/);
  t.throws(() => parseProbe('@probe 2\n@args\n/bin/sh\n'), /truncated/);
  t.throws(() => parseProbe('@probe 2\n@ask x\n|partial\n@end\n'), /answer to x has no exit status/);
  const minimal = parseProbe('@probe 2\n@paths\n/x exists=yes kind=file content=0 writable=no\n@end\n');
  t.same(minimal.paths['/x'], { exists: true, kind: 'file', content: 0, writable: false }, 'path facts');
  t.equal(minimal.oomScoreAdj, undefined, 'absent facts stay absent');
});

t.test('answers keep their output apart from the sections, and their exit status', async (t) => {
  const facts = parseProbe('@probe 2\n@ask a/one\n|@end is output here\n|second\nexit 0\n@ask a/two\nexit 17\n@end\n');
  t.same(facts.answers['a/one'], { output: ['@end is output here', 'second'], exit: 0 });
  t.same(facts.answers['a/two'], { output: [], exit: 17 });
});
