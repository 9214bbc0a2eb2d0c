// Config application, root and Linux fields: hostname, read-only root, masked and read-only
// paths, and which namespaces are new, seen from inside the container.
import type { TestCase } from '../harness/case.js';
import { runProbe } from './probe-run.js';

export const cases: TestCase[] = [
  {
    id: 'config.hostname-and-root-readonly',
    revision: 1,
    title: 'hostname is the container host name; root.readonly makes / read-only',
    area: 'config',
    requirements: ['config.hostname', 'config.root.readonly'],
    async run(t) {
      const { facts } = await runProbe(t, (c) => {
        c.hostname = 'probe-host';
        c.root.readonly = true;
      });
      t.equal('config.hostname', 'host name', facts.hostname, 'probe-host');
      t.equal('config.root.readonly', 'writing to / fails', facts.rootWritable, false);
    },
  },
  {
    id: 'config.masked-and-readonly-paths',
    revision: 2,
    title: 'maskedPaths cannot be read; readonlyPaths cannot be written',
    area: 'config',
    requirements: ['config-linux.masked-paths', 'config-linux.readonly-paths'],
    async run(t) {
      // /proc/cpuinfo and /sys/kernel exist in every container with /proc and /sys; /tmp and
      // /dev/shm are writable tmpfs mounts in the base config, so read-only there is the
      // runtime's doing (a /proc directory would refuse new files anyway and prove nothing).
      const masked = ['/proc/cpuinfo', '/sys/kernel'];
      const readonly = ['/tmp', '/dev/shm'];
      const { facts } = await runProbe(
        t,
        (c) => {
          c.linux.maskedPaths = masked;
          c.linux.readonlyPaths = readonly;
        },
        [...masked, ...readonly],
      );
      for (const p of masked) {
        const f = facts.paths[p];
        t.check('config-linux.masked-paths', `${p} shows no content`, !!f && (!f.exists || f.content === 0), { expected: 'absent or empty', actual: f ?? null });
      }
      for (const p of readonly) {
        const f = facts.paths[p];
        t.check('config-linux.readonly-paths', `${p} cannot be written`, !!f && f.exists && !f.writable, { expected: 'exists, not writable', actual: f ?? null });
      }
    },
  },
  {
    id: 'config.namespaces-new',
    revision: 1,
    title: 'each listed namespace type is new: the container sees its own pid 1, host name and network',
    area: 'config',
    requirements: ['config-linux.namespaces'],
    needs: ['host-pid'],
    async run(t) {
      const { readlinkSync } = await import('node:fs');
      const { facts } = await runProbe(t, (c) => {
        c.linux.namespaces = [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }, { type: 'network' }];
      });
      for (const type of ['pid', 'ipc', 'uts', 'net']) {
        const host = readlinkSync(`/proc/self/ns/${type}`);
        t.check('config-linux.namespaces', `${type} namespace differs from the runtime's`, !!facts.ns[type] && facts.ns[type] !== host, { expected: `not ${host}`, actual: facts.ns[type] ?? null });
      }
    },
  },
  {
    id: 'config.namespaces-inherited',
    revision: 1,
    title: 'a namespace type not listed is inherited from the runtime',
    area: 'config',
    requirements: ['config-linux.namespaces'],
    needs: ['host-pid'],
    async run(t) {
      const { readlinkSync } = await import('node:fs');
      const { facts } = await runProbe(t, (c) => {
        // No network and no ipc namespace: both must be the runtime's own.
        c.linux.namespaces = [{ type: 'pid' }, { type: 'uts' }, { type: 'mount' }];
      });
      for (const type of ['net', 'ipc']) {
        const host = readlinkSync(`/proc/self/ns/${type}`);
        t.equal('config-linux.namespaces', `${type} namespace is the runtime's`, facts.ns[type] ?? null, host);
      }
    },
  },
];
