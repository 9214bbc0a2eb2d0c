// Config application, root and Linux fields: hostname, read-only root, masked and read-only
// paths (namespaces: config-namespaces.ts).
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
];
