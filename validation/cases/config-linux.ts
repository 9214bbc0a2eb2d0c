// Config application, root and Linux fields: hostname, read-only root, masked and read-only
// paths, and which namespaces are new, seen from inside the container.
import { readlinkSync } from 'node:fs';
import { probeCase, type ProbeCase } from '../harness/probe-runs.js';

const MASKED = ['/proc/cpuinfo', '/sys/kernel'];
// /tmp and /dev/shm are writable tmpfs mounts in the base config, so read-only there is the
// runtime's doing (a /proc directory would refuse new files anyway and prove nothing).
const READONLY = ['/tmp', '/dev/shm'];

export const cases: ProbeCase[] = [
  probeCase({
    id: 'config.hostname-and-root-readonly',
    revision: 1,
    title: 'hostname is the container host name; root.readonly makes / read-only',
    area: 'config',
    requirements: ['config.hostname', 'config.root.readonly'],
    probe: {
      fields: ['/hostname', '/root/readonly'],
      edit(c) {
        c.hostname = 'probe-host';
        c.root.readonly = true;
      },
      verify(t, facts) {
        t.equal('config.hostname', 'host name', facts.hostname, 'probe-host');
        t.equal('config.root.readonly', 'writing to / fails', facts.rootWritable, false);
      },
    },
  }),
  probeCase({
    id: 'config.masked-and-readonly-paths',
    revision: 2,
    title: 'maskedPaths cannot be read; readonlyPaths cannot be written',
    area: 'config',
    requirements: ['config-linux.masked-paths', 'config-linux.readonly-paths'],
    probe: {
      fields: ['/linux/maskedPaths', '/linux/readonlyPaths'],
      edit(c) {
        c.linux.maskedPaths = MASKED;
        c.linux.readonlyPaths = READONLY;
      },
      paths: [...MASKED, ...READONLY],
      verify(t, facts) {
        for (const p of MASKED) {
          const f = facts.paths[p];
          t.check('config-linux.masked-paths', `${p} shows no content`, !!f && (!f.exists || f.content === 0), { expected: 'absent or empty', actual: f ?? null });
        }
        for (const p of READONLY) {
          const f = facts.paths[p];
          t.check('config-linux.readonly-paths', `${p} cannot be written`, !!f && f.exists && !f.writable, { expected: 'exists, not writable', actual: f ?? null });
        }
      },
    },
  }),
  probeCase({
    id: 'config.namespaces-new',
    revision: 1,
    title: 'each listed namespace type is new: the container sees its own pid 1, host name and network',
    area: 'config',
    requirements: ['config-linux.namespaces'],
    needs: ['host-pid'],
    probe: {
      fields: ['/linux/namespaces'],
      edit(c) {
        c.linux.namespaces = [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }, { type: 'network' }];
      },
      verify(t, facts) {
        for (const type of ['pid', 'ipc', 'uts', 'net']) {
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
];
