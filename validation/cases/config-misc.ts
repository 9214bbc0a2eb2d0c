// Config application, kernel-facing settings of the process and its namespaces: sysctl
// (config-linux.md), domainname (config.md, 1.1.0), the scheduler and I/O priority of the process
// (config.md "Linux Process", 1.1.0) and the execution personality (config-linux.md, 1.0.2).
import { probeCase, type ProbeCase } from '../harness/probe-runs.js';
import type { Answer } from '../probe/parse.js';

// Namespaced parameters whose value in a new namespace is the kernel default whatever the host
// has set: kernel.msgmax is 8192 in a new ipc namespace, ip_unprivileged_port_start 1024 in a
// new network namespace (both are new in the base config).
const SYSCTL: Record<string, string> = {
  'kernel.msgmax': '12345',
  'net.ipv4.ip_unprivileged_port_start': '1000',
};

const DOMAINNAME = 'oci-probe.example';

// SCHED_BATCH and a positive nice need no privilege and disturb nothing; neither is a default.
const SCHEDULER = { policy: 'SCHED_BATCH', nice: 7 };
/** Policy numbers of sched(7), as /proc/<pid>/stat field 41 shows them. */
const SCHED_BATCH = 3;

// A class and level no process has unless it was set: an unset priority reads "none".
const IO_PRIORITY = { class: 'IOPRIO_CLASS_BE', priority: 6 };

/** PER_LINUX32 of <linux/personality.h>. */
const PER_LINUX32 = 0x0008;
/** Machine names of 64-bit kernels; under LINUX32 uname reports the 32-bit one (i686, armv8l, ...). */
const MACHINES_64 = ['x86_64', 'aarch64', 'arm64', 'ppc64', 'ppc64le', 's390x', 'riscv64', 'mips64', 'loongarch64', 'sparc64', 'ia64', 'alpha'];

/** Fields of a /proc/<pid>/stat line by their proc(5) number (1-based), the comm field skipped safely. */
export function statField(line: string | undefined, n: number): string | undefined {
  if (!line) return undefined;
  const end = line.lastIndexOf(')');
  if (end < 0 || n < 3) return undefined;
  return line.slice(end + 2).split(' ')[n - 3];
}

function first(a: Answer | undefined): string | undefined {
  return a && a.exit === 0 ? a.output[0]?.trim() : undefined;
}

export const cases: ProbeCase[] = [
  probeCase({
    id: 'config.sysctl',
    revision: 1,
    title: 'linux.sysctl: namespaced kernel parameters have the configured values under /proc/sys',
    area: 'config',
    requirements: ['config-linux.sysctl'],
    probe: {
      // The parameters belong to the ipc and network namespaces the base config makes new.
      fields: ['/linux/sysctl', '/linux/namespaces'],
      edit(c) {
        c.linux.sysctl = { ...c.linux.sysctl, ...SYSCTL };
      },
      asks: Object.fromEntries(Object.keys(SYSCTL).map((k) => [k, `cat /proc/sys/${k.replace(/\./g, '/')}`])),
      verify(t, facts) {
        for (const [k, v] of Object.entries(SYSCTL)) {
          t.equal('config-linux.sysctl', `${k} is ${v}`, first(facts.answers[k]) ?? facts.answers[k] ?? null, v);
        }
      },
    },
  }),
  probeCase({
    id: 'config.domainname',
    revision: 1,
    title: 'domainname is the NIS domain name of the container\'s uts namespace',
    area: 'config',
    requirements: ['config.domainname'],
    since: '1.1.0',
    probe: {
      // Set in the container's own uts namespace (new in the base config).
      fields: ['/domainname', '/linux/namespaces'],
      edit(c) {
        c.domainname = DOMAINNAME;
      },
      asks: { domainname: 'cat /proc/sys/kernel/domainname' },
      verify(t, facts) {
        const a = facts.answers.domainname;
        // busybox has no applet that prints uname(2)'s domainname, so this file is the only view.
        if (a && a.exit !== 0 && /No such file/.test(a.output.join(' '))) {
          t.skip('environment', `the container's kernel has no /proc/sys/kernel/domainname (${a.output.join(' ')}) and no busybox applet prints the NIS domain name, so it cannot be observed`);
        }
        t.equal('config.domainname', `domain name is ${DOMAINNAME}`, first(a) ?? a ?? null, DOMAINNAME);
      },
    },
  }),
  probeCase({
    id: 'config.process.scheduler',
    revision: 1,
    title: 'process.scheduler: the process has the configured policy and nice value',
    area: 'config',
    requirements: ['config.process.scheduler'],
    since: '1.1.0',
    probe: {
      fields: ['/process/scheduler'],
      edit(c) {
        c.process.scheduler = { ...SCHEDULER };
      },
      // Fields 19 (nice) and 41 (policy) of proc(5); busybox has no chrt.
      asks: { stat: 'cat /proc/$$/stat' },
      verify(t, facts) {
        const line = first(facts.answers.stat);
        if (line === undefined) t.error(`/proc/<pid>/stat could not be read: ${JSON.stringify(facts.answers.stat ?? null)}`);
        t.equal('config.process.scheduler', `policy is SCHED_BATCH (${SCHED_BATCH})`, statField(line, 41) ?? null, String(SCHED_BATCH));
        t.equal('config.process.scheduler', `nice is ${SCHEDULER.nice}`, statField(line, 19) ?? null, String(SCHEDULER.nice));
      },
    },
  }),
  probeCase({
    id: 'config.process.io-priority',
    revision: 1,
    title: 'process.ioPriority: the process has the configured I/O scheduling class and level',
    area: 'config',
    requirements: ['config.process.io-priority'],
    since: '1.1.0',
    probe: {
      fields: ['/process/ioPriority'],
      edit(c) {
        c.process.ioPriority = { ...IO_PRIORITY };
      },
      // busybox ionice -p prints the class and level ioprio_get(2) returns, e.g. "best-effort: prio 6".
      asks: { ionice: 'ionice -p $$' },
      verify(t, facts) {
        const a = facts.answers.ionice;
        // /proc has no I/O priority file: ioprio_get(2) is the only view.
        if (a && a.exit !== 0 && /ioprio_get/.test(a.output.join(' '))) {
          t.skip('environment', `ioprio_get(2) fails inside the container (${a.output.join(' ')}), so the I/O priority cannot be observed`);
        }
        const want = `best-effort: prio ${IO_PRIORITY.priority}`;
        t.equal('config.process.io-priority', `I/O priority is ${want}`, first(a) ?? a ?? null, want);
      },
    },
  }),
  probeCase({
    id: 'config.personality',
    revision: 1,
    title: 'linux.personality LINUX32: the execution domain is PER_LINUX32 and uname reports a 32-bit machine',
    area: 'config',
    requirements: ['config-linux.personality'],
    since: '1.0.2',
    probe: {
      fields: ['/linux/personality'],
      edit(c) {
        c.linux.personality = { domain: 'LINUX32' };
      },
      asks: { machine: 'uname -m', personality: 'cat /proc/self/personality' },
      verify(t, facts) {
        const machine = first(facts.answers.machine);
        t.check('config-linux.personality', 'uname -m names a 32-bit machine', !!machine && !MACHINES_64.includes(machine), { expected: `none of ${MACHINES_64.join(', ')}`, actual: machine ?? facts.answers.machine ?? null });
        // Not every kernel (gVisor's) has /proc/<pid>/personality; uname says enough without it.
        const p = first(facts.answers.personality);
        if (p !== undefined && /^[0-9a-f]+$/i.test(p)) {
          t.equal('config-linux.personality', 'the execution domain of /proc/self/personality is PER_LINUX32', parseInt(p, 16) & 0xff, PER_LINUX32);
        }
      },
    },
  }),
];
