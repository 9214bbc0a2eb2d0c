// Config application, process fields (config.md "Process", "User", "POSIX process", "Linux
// process"): each field is set to a non-default value and the probe reports what the process got.
import { probeCase, PROBE_ARGS, type ProbeCase } from '../harness/probe-runs.js';
import { decodeCapabilities } from '../probe/parse.js';

const CAPS = ['CAP_CHOWN', 'CAP_KILL', 'CAP_NET_BIND_SERVICE', 'CAP_SETUID', 'CAP_SETGID'];

/** Extra argument the args case adds, so the argv check sees more than the script path. */
export const PROBE_ARG = 'probe arg with spaces';

export const cases: ProbeCase[] = [
  probeCase({
    id: 'config.process.args-cwd-env',
    revision: 1,
    title: 'process.args, cwd and env reach the container process',
    area: 'config',
    requirements: ['config.process.args', 'config.process.cwd', 'config.process.env'],
    probe: {
      fields: ['/process/args', '/process/cwd', '/process/env'],
      edit(c) {
        c.process.args.push(PROBE_ARG);
        c.process.cwd = '/tmp';
        c.process.env = [...c.process.env, 'OCI_PROBE=value with = and spaces', 'EMPTY='];
      },
      verify(t, facts) {
        t.equal('config.process.args', 'argv equals process.args', facts.args, [...PROBE_ARGS, PROBE_ARG]);
        t.equal('config.process.cwd', 'working directory is process.cwd', facts.cwd, '/tmp');
        for (const e of ['OCI_PROBE=value with = and spaces', 'EMPTY=', 'PATH=/bin:/usr/bin:/sbin:/usr/sbin']) {
          t.check('config.process.env', `environment has ${e}`, facts.environ.includes(e), { expected: e, actual: facts.environ });
        }
      },
    },
  }),
  probeCase({
    id: 'config.process.user',
    revision: 1,
    title: 'user.uid, user.gid and additionalGids are the process credentials',
    area: 'config',
    requirements: ['config.process.user'],
    probe: {
      // A non-root exec clears the permitted and effective capability sets.
      fields: ['/process/user', '/process/capabilities'],
      edit(c) {
        c.process.user = { uid: 1000, gid: 1001, additionalGids: [5, 1002] };
      },
      verify(t, facts) {
        t.equal('config.process.user', 'real, effective, saved and fs uid are 1000', facts.status.Uid?.split(/\s+/), ['1000', '1000', '1000', '1000']);
        t.equal('config.process.user', 'real, effective, saved and fs gid are 1001', facts.status.Gid?.split(/\s+/), ['1001', '1001', '1001', '1001']);
        const groups = (facts.status.Groups ?? '').split(/\s+/).filter(Boolean).map(Number).sort((a, b) => a - b);
        t.check('config.process.user', 'supplementary groups include 5 and 1002', groups.includes(5) && groups.includes(1002), { expected: [5, 1002], actual: groups });
      },
    },
  }),
  probeCase({
    id: 'config.process.umask',
    revision: 1,
    title: 'user.umask is the umask of the process',
    area: 'config',
    requirements: ['config.process.umask'],
    since: '1.0.2',
    probe: {
      fields: ['/process/user/umask'],
      edit(c) {
        c.process.user.umask = 0o027;
      },
      verify(t, facts) {
        t.equal('config.process.umask', 'umask is 0027', facts.umask, '0027');
      },
    },
  }),
  probeCase({
    id: 'config.process.rlimits',
    revision: 1,
    title: 'rlimits set the soft and hard limit of each type',
    area: 'config',
    requirements: ['config.process.rlimits'],
    probe: {
      fields: ['/process/rlimits'],
      edit(c) {
        c.process.rlimits = [
          { type: 'RLIMIT_NOFILE', soft: 512, hard: 768 },
          { type: 'RLIMIT_NPROC', soft: 1000, hard: 2000 },
          { type: 'RLIMIT_CORE', soft: 4096, hard: 8192 },
        ];
      },
      verify(t, facts) {
        // The shell's ulimit works in every kernel; /proc/<pid>/limits adds the byte-valued ones.
        t.equal('config.process.rlimits', 'RLIMIT_NOFILE 512/768', facts.ulimit.nofile ?? null, ['512', '768']);
        t.equal('config.process.rlimits', 'RLIMIT_NPROC 1000/2000', facts.ulimit.nproc ?? null, ['1000', '2000']);
        if (facts.limits['Max core file size']) {
          t.equal('config.process.rlimits', 'RLIMIT_CORE 4096/8192', facts.limits['Max core file size'], ['4096', '8192']);
        }
      },
    },
  }),
  probeCase({
    id: 'config.process.capabilities',
    revision: 1,
    title: 'each capability set is exactly the configured list',
    area: 'config',
    requirements: ['config.process.capabilities'],
    probe: {
      fields: ['/process/capabilities', '/process/user/uid'],
      edit(c) {
        c.process.capabilities = { bounding: CAPS, effective: CAPS.slice(0, 3), permitted: CAPS.slice(0, 3), inheritable: CAPS.slice(0, 2) };
      },
      verify(t, facts) {
        const sorted = (l: string[]) => [...l].sort();
        t.equal('config.process.capabilities', 'bounding set', decodeCapabilities(facts.status.CapBnd ?? ''), sorted(CAPS));
        t.equal('config.process.capabilities', 'effective set', decodeCapabilities(facts.status.CapEff ?? ''), sorted(CAPS.slice(0, 3)));
        t.equal('config.process.capabilities', 'permitted set', decodeCapabilities(facts.status.CapPrm ?? ''), sorted(CAPS.slice(0, 3)));
        t.equal('config.process.capabilities', 'inheritable set', decodeCapabilities(facts.status.CapInh ?? ''), sorted(CAPS.slice(0, 2)));
      },
    },
  }),
  probeCase({
    id: 'config.process.no-new-privileges',
    revision: 1,
    title: 'noNewPrivileges sets the no_new_privs bit',
    area: 'config',
    requirements: ['config.process.no-new-privileges'],
    probe: {
      fields: ['/process/noNewPrivileges'],
      edit(c) {
        c.process.noNewPrivileges = true;
      },
      verify(t, facts) {
        if (facts.status.NoNewPrivs === undefined) {
          t.skip('environment', "the container's kernel does not report NoNewPrivs in /proc/<pid>/status, so the bit cannot be observed");
        }
        t.equal('config.process.no-new-privileges', 'NoNewPrivs is 1', facts.status.NoNewPrivs, '1');
      },
    },
  }),
  probeCase({
    id: 'config.process.oom-score-adj',
    revision: 1,
    title: 'oomScoreAdj sets oom_score_adj',
    area: 'config',
    requirements: ['config.process.oom-score-adj'],
    probe: {
      fields: ['/process/oomScoreAdj'],
      edit(c) {
        c.process.oomScoreAdj = 123;
      },
      verify(t, facts) {
        t.equal('config.process.oom-score-adj', 'oom_score_adj is 123', facts.oomScoreAdj ?? null, 123);
      },
    },
  }),
];
