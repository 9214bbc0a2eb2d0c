// Config application, namespaces (config-linux.md "Namespaces", "User namespace mappings",
// "Offset for Time Namespace"): which namespaces are new, inherited or joined, seen from inside
// the container and, for native runtimes, against the runtime's own; the uid/gid maps of a new
// user namespace; time namespace offsets; and the namespace configs create must refuse.
import { spawn } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import type { CaseContext, TestCase } from '../harness/case.js';
import { CreateRefused, probeAlone, probeCase, type ProbeCase } from '../harness/probe-runs.js';
import type { Config } from '../harness/bundle.js';
import { describe } from '../harness/case.js';
import { expectCreateRefused, failed } from './programs.js';

/** The base config's namespaces, fresh each time: cases that set /linux/namespaces start here. */
function baseNamespaces(...more: string[]): { type: string }[] {
  return ['pid', 'ipc', 'uts', 'mount', 'network', ...more].map((type) => ({ type }));
}

// A new cgroup namespace changes how every cgroup of the process looks from inside: cases that
// set cgroup fields must not share its container.
const CGROUP_VIEW = ['/linux/namespaces', '/linux/cgroupsPath', '/linux/resources'];

const UID_MAPPINGS = [{ containerID: 0, hostID: 100000, size: 65536 }];
// Two ranges, so an entry dropped or merged shows.
const GID_MAPPINGS = [
  { containerID: 0, hostID: 200000, size: 1000 },
  { containerID: 1000, hostID: 300000, size: 10 },
];

// Offsets no clock has by chance; nanosecs too, so a runtime that drops it shows.
const TIME_OFFSETS: Record<string, { secs: number; nanosecs: number }> = {
  monotonic: { secs: 3 * 86400, nanosecs: 0 },
  boottime: { secs: 7 * 86400, nanosecs: 500 },
};

/** "4 0 100000 65536"-style map lines as the probe normalises them. */
function mapLines(m: { containerID: number; hostID: number; size: number }[]): string[] {
  return m.map((e) => `${e.containerID} ${e.hostID} ${e.size}`);
}

/** Interface names listed in /proc/net/dev output (the lines after the two header lines). */
export function interfaces(netDev: string[]): string[] {
  return netDev
    .slice(2)
    .map((l) => l.split(':')[0].trim())
    .filter(Boolean);
}

/** The cgroup paths of /proc/<pid>/cgroup lines ("4:memory:/a/b" → "/a/b"). */
export function cgroupPaths(lines: string[]): string[] {
  return lines.filter((l) => /^\d+:/.test(l)).map((l) => l.slice(l.indexOf(':', l.indexOf(':') + 1) + 1));
}

/** /proc/<pid>/timens_offsets ("monotonic 259200 0") as clock → [secs, nanosecs]. */
export function timeOffsets(lines: string[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const l of lines) {
    const [clock, secs, nsecs] = l.trim().split(/\s+/);
    if (clock && secs !== undefined && nsecs !== undefined) out[clock] = [Number(secs), Number(nsecs)];
  }
  return out;
}

type HostNs = 'net' | 'ipc' | 'uts';

/**
 * A host process in new namespaces of the given types, for a container to join: `unshare`
 * (util-linux) without --fork execs sleep in the same process, so the child holds them. It is
 * killed when the case ends, whatever happens (the runner runs the cleanup), and sleeps for
 * ten minutes at most should the suite itself be killed. Returns its pid and namespace links.
 */
async function holdNamespaces(t: CaseContext, types: HostNs[]): Promise<{ pid: number; links: Record<string, string> }> {
  const own = Object.fromEntries(types.map((n) => [n, readlinkSync(`/proc/self/ns/${n}`)]));
  let spawnError: string | undefined;
  const child = spawn('unshare', [...types.map((n) => `--${n}`), 'sleep', '600'], { stdio: 'ignore' });
  const ended = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (e) => {
      spawnError = e.message;
      resolve();
    });
  });
  t.onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null && !spawnError) child.kill('SIGKILL');
    await ended;
  });
  const links = await t.waitFor('the namespace holder', async () => {
    if (spawnError || child.exitCode !== null) return null;
    try {
      const l = Object.fromEntries(types.map((n) => [n, readlinkSync(`/proc/${child.pid}/ns/${n}`)]));
      return types.every((n) => l[n] !== own[n]) ? l : undefined;
    } catch {
      return undefined;
    }
  });
  if (spawnError?.includes('ENOENT')) t.skip('environment', 'util-linux unshare is not installed: no namespace to join can be made (cmd/bootstrap.sh installs it)');
  if (!links) t.error(`could not start a host process in new ${types.join(', ')} namespaces (unshare ${types.map((n) => `--${n}`).join(' ')}): ${spawnError ?? `exit ${child.exitCode}`}`);
  return { pid: child.pid!, links };
}

const probeCases: ProbeCase[] = [
  probeCase({
    id: 'config.namespaces-new',
    revision: 2,
    title: 'each listed namespace type is new: its link differs from the runtime\'s (pid, ipc, uts, network, cgroup)',
    area: 'config',
    requirements: ['config-linux.namespaces'],
    needs: ['host-pid'],
    probe: {
      fields: CGROUP_VIEW,
      edit(c) {
        c.linux.namespaces = baseNamespaces('cgroup');
      },
      verify(t, facts) {
        for (const type of ['pid', 'ipc', 'uts', 'net', 'cgroup']) {
          const host = readlinkSync(`/proc/self/ns/${type}`);
          t.check('config-linux.namespaces', `${type} namespace differs from the runtime's`, !!facts.ns[type] && facts.ns[type] !== host, { expected: `not ${host}`, actual: facts.ns[type] ?? null });
        }
      },
    },
  }),
  probeCase({
    id: 'config.namespaces-inherited',
    revision: 1,
    title: 'a namespace type not listed is inherited from the runtime',
    area: 'config',
    requirements: ['config-linux.namespaces'],
    needs: ['host-pid'],
    probe: {
      fields: ['/linux/namespaces'],
      edit(c) {
        // No network and no ipc namespace: both must be the runtime's own.
        c.linux.namespaces = [{ type: 'pid' }, { type: 'uts' }, { type: 'mount' }];
      },
      verify(t, facts) {
        for (const type of ['net', 'ipc']) {
          const host = readlinkSync(`/proc/self/ns/${type}`);
          t.equal('config-linux.namespaces', `${type} namespace is the runtime's`, facts.ns[type] ?? null, host);
        }
      },
    },
  }),
  probeCase({
    id: 'config.namespaces.new-seen-inside',
    revision: 1,
    title: 'new pid and network namespaces, seen from inside: the process is pid 1 and only lo exists',
    area: 'config',
    requirements: ['config-linux.namespaces'],
    probe: {
      fields: ['/linux/namespaces'],
      edit(c) {
        c.linux.namespaces = baseNamespaces();
      },
      asks: { netdev: 'cat /proc/net/dev' },
      verify(t, facts) {
        // The probe is the container process: in a new pid namespace it is the first one.
        t.equal('config-linux.namespaces', 'pid namespace is new: the container process is pid 1', facts.status.Pid ?? null, '1');
        const ifs = interfaces(facts.answers.netdev?.output ?? []);
        t.equal('config-linux.namespaces', 'network namespace is new: lo is the only interface', ifs, ['lo']);
      },
    },
  }),
  probeCase({
    id: 'config.namespaces.cgroup-seen-inside',
    revision: 1,
    title: 'a new cgroup namespace, seen from inside: every cgroup of the process is its root, /',
    area: 'config',
    requirements: ['config-linux.namespaces'],
    probe: {
      fields: CGROUP_VIEW,
      edit(c) {
        c.linux.namespaces = baseNamespaces('cgroup');
      },
      asks: { cgroup: 'cat /proc/self/cgroup' },
      verify(t, facts) {
        const paths = cgroupPaths(facts.answers.cgroup?.output ?? []);
        // A native kernel always lists the process's cgroups; a sandbox kernel may list none.
        if (paths.length === 0) t.skip('not-applicable', 'the container sees no cgroup membership (/proc/self/cgroup is empty): there is no cgroup view for a namespace to isolate');
        t.check('config-linux.namespaces', 'cgroup namespace is new: /proc/self/cgroup shows each cgroup as /', paths.every((p) => p === '/'), { expected: '/ for every hierarchy', actual: facts.answers.cgroup?.output });
      },
    },
  }),
  probeCase({
    id: 'config.namespaces.user-mappings',
    revision: 1,
    title: 'a new user namespace maps ids as uidMappings and gidMappings say',
    area: 'config',
    requirements: ['config-linux.user-namespace-mappings'],
    probe: {
      fields: ['/linux/namespaces', '/linux/uidMappings', '/linux/gidMappings'],
      // A user namespace changes what every other probe sees: the credentials and capabilities
      // of the process, file ownership, which device nodes and sysctls it may touch.
      alone: true,
      edit(c) {
        c.linux.namespaces = baseNamespaces('user');
        c.linux.uidMappings = UID_MAPPINGS;
        c.linux.gidMappings = GID_MAPPINGS;
      },
      verify(t, facts) {
        // The host's own maps are the identity ("0 0 4294967295"): these can only come from a
        // new user namespace.
        t.equal('config-linux.user-namespace-mappings', 'uid_map is uidMappings', facts.uidMap, mapLines(UID_MAPPINGS));
        t.equal('config-linux.user-namespace-mappings', 'gid_map is gidMappings', facts.gidMap, mapLines(GID_MAPPINGS));
      },
    },
  }),
];

const plainCases: TestCase[] = [
  {
    id: 'config.namespaces.join-path',
    revision: 1,
    title: 'namespaces entries with a path join those namespaces (network, ipc, uts of a host process)',
    area: 'config',
    requirements: ['config-linux.namespaces.path-join'],
    needs: ['host-pid'],
    async run(t) {
      const joined: [string, HostNs][] = [
        ['network', 'net'],
        ['ipc', 'ipc'],
        ['uts', 'uts'],
      ];
      const holder = await holdNamespaces(
        t,
        joined.map(([, link]) => link),
      );
      const { facts } = await probeAlone(t, {
        fields: ['/linux/namespaces'],
        edit(c: Config) {
          c.linux.namespaces = [{ type: 'pid' }, { type: 'mount' }, ...joined.map(([type, link]) => ({ type, path: `/proc/${holder.pid}/ns/${link}` }))];
        },
        verify() {},
      });
      for (const [type, link] of joined) {
        t.equal('config-linux.namespaces.path-join', `${type} namespace is the one at the path (the holder's)`, facts.ns[link] ?? null, holder.links[link]);
      }
    },
  },
  {
    id: 'config.namespaces.path-wrong-type',
    revision: 1,
    title: 'a namespace path of another type (an ipc namespace given as uts) makes create fail',
    area: 'config',
    requirements: ['config-linux.namespaces.path-wrong-type', 'runtime.errors.no-side-effects'],
    async run(t) {
      // The suite's own ipc namespace: a real namespace file in the runtime's mount namespace.
      const ipc = `/proc/${process.pid}/ns/ipc`;
      await expectCreateRefused(t, 'config-linux.namespaces.path-wrong-type', 'with a uts entry whose path is an ipc namespace (the suite\'s own)', (c) => {
        c.linux.namespaces = c.linux.namespaces.map((n: { type: string }) => (n.type === 'uts' ? { type: 'uts', path: ipc } : n));
      });
    },
  },
  {
    id: 'config.namespaces.duplicate-type',
    revision: 1,
    title: 'two namespaces entries of the same type make create fail',
    area: 'config',
    requirements: ['config-linux.namespaces.duplicate-type', 'runtime.errors.no-side-effects'],
    async run(t) {
      await expectCreateRefused(t, 'config-linux.namespaces.duplicate-type', 'with the uts namespace listed twice', (c) => {
        c.linux.namespaces = [...c.linux.namespaces, { type: 'uts' }];
      });
    },
  },
  {
    id: 'config.namespaces.time-offsets',
    revision: 1,
    title: 'a new time namespace gets linux.timeOffsets, or create fails; never a namespace without them',
    area: 'config',
    requirements: ['config-linux.time-offsets', 'config-linux.namespaces.types-supported', 'runtime.errors.no-side-effects'],
    since: '1.1.0',
    async run(t) {
      // Without the kernel's time namespaces (Linux 5.6+) a refusal would be the host's doing.
      if (!existsSync('/proc/self/ns/time')) t.skip('environment', 'the host kernel has no time namespaces (/proc/self/ns/time is missing; Linux 5.6 added them)');
      let offsets: Record<string, [number, number]> | undefined;
      let refused: CreateRefused | undefined;
      try {
        const { facts } = await probeAlone(t, {
          fields: ['/linux/namespaces', '/linux/timeOffsets'],
          edit(c: Config) {
            c.linux.namespaces = baseNamespaces('time');
            c.linux.timeOffsets = TIME_OFFSETS;
          },
          asks: { offsets: 'cat /proc/self/timens_offsets' },
          verify() {},
        });
        offsets = timeOffsets(facts.answers.offsets?.output ?? []);
      } catch (e) {
        if (!(e instanceof CreateRefused)) throw e;
        refused = e;
      }
      const expected = Object.fromEntries(Object.entries(TIME_OFFSETS).map(([clock, o]) => [clock, [o.secs, o.nanosecs]]));
      const applied = offsets !== undefined && Object.keys(expected).every((clock) => offsets![clock]?.[0] === expected[clock][0] && offsets![clock]?.[1] === expected[clock][1]);
      t.check('config-linux.time-offsets', 'the container\'s clocks have the configured offsets, or create fails', refused !== undefined || applied, {
        expected: { timens_offsets: expected, or: 'create exits non-zero' },
        actual: refused ? describe(refused.invocation) : (offsets ?? null),
      });
      // A runtime whose features document leaves out the time type has declared it unsupported:
      // refusing it is then the expected answer, not a shortfall.
      const declared = (t.env.features?.linux as { namespaces?: unknown } | undefined)?.namespaces;
      const declaredUnsupported = Array.isArray(declared) && !declared.includes('time');
      if (!declaredUnsupported) {
        t.check('config-linux.namespaces.types-supported', 'a config with a time namespace is accepted (the runtime does not declare the type unsupported)', refused === undefined, {
          expected: 'create succeeds',
          actual: refused ? describe(refused.invocation) : 'created',
        });
      }
      if (refused) {
        const id = refused.invocation.argv[refused.invocation.argv.length - 1];
        const st = await t.state(id);
        t.check('runtime.errors.no-side-effects', 'after the refused create, no container is left: state of the ID fails', failed(st.invocation), {
          expected: 'state exits non-zero',
          actual: st.state ?? st.invocation.exitCode,
        });
      }
    },
  },
];

export const cases: TestCase[] = [...probeCases, ...plainCases];
