// The delete operation (runtime.md "Delete", lifecycle steps 12-13).
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import type { TestCase } from '../harness/case.js';
import { spawn } from 'node:child_process';
import { RUN_MARKER_THEN_WAIT, createWaiting, failed, startRunning, stopByRelease } from './programs.js';

/**
 * Whether a host process is alive and staying so: not a zombie, not exiting, no SIGKILL
 * pending. A kill(2) returns before its target is gone, so "its /proc entry still exists" alone
 * would let a runtime that has just killed the process pass.
 */
function survives(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command: state is the 3rd field, flags the 9th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, flags] = [fields[0], Number(fields[6])];
    const PF_EXITING = 0x4;
    if (state === 'Z' || state === 'X' || flags & PF_EXITING) return false;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const SIGKILL_BIT = 1n << 8n;
    for (const key of ['SigPnd', 'ShdPnd']) {
      const m = new RegExp(`^${key}:\\s*([0-9a-f]+)`, 'm').exec(status);
      if (m && BigInt(`0x${m[1]}`) & SIGKILL_BIT) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** cgroup directories of a host pid, on every hierarchy the host has mounted. */
function cgroupDirs(pid: number): string[] {
  const dirs: string[] = [];
  for (const line of readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n')) {
    const [, controllers, path] = line.split(':');
    if (path === '/' || path === undefined) continue;
    const names = controllers === '' ? ['unified', ''] : controllers.split(',').map((c) => c.replace(/^name=/, ''));
    for (const name of names) {
      const dir = name === '' ? `/sys/fs/cgroup${path}` : `/sys/fs/cgroup/${name}${path}`;
      if (existsSync(dir)) {
        dirs.push(dir);
        break;
      }
    }
  }
  return [...new Set(dirs)];
}

export const cases: TestCase[] = [
  {
    id: 'delete.on-created',
    revision: 1,
    title: 'delete of a created container fails and has no effect',
    area: 'delete',
    requirements: ['runtime.delete.not-stopped-error', 'runtime.delete.not-stopped-no-effect'],
    async run(t) {
      const { id } = await createWaiting(t);
      const inv = await t.delete(id);
      t.check('runtime.delete.not-stopped-error', 'delete exits non-zero', failed(inv), { actual: inv.exitCode });
      const st = await t.state(id);
      t.equal('runtime.delete.not-stopped-no-effect', 'the container is still created', st.state?.status ?? null, 'created');
    },
  },
  {
    id: 'delete.on-running',
    revision: 1,
    title: 'delete of a running container fails and has no effect',
    area: 'delete',
    requirements: ['runtime.delete.not-stopped-error', 'runtime.delete.not-stopped-no-effect'],
    async run(t) {
      const { id } = await startRunning(t);
      const inv = await t.delete(id);
      t.check('runtime.delete.not-stopped-error', 'delete exits non-zero', failed(inv), { actual: inv.exitCode });
      const st = await t.state(id);
      t.equal('runtime.delete.not-stopped-no-effect', 'the container is still running', st.state?.status ?? null, 'running');
    },
  },
  {
    id: 'delete.stopped',
    revision: 1,
    title: 'delete of a stopped container removes it',
    area: 'delete',
    requirements: ['runtime.lifecycle.destroy', 'runtime.delete.remove-resources'],
    async run(t) {
      const { b, id } = await startRunning(t);
      await stopByRelease(t, b, id);
      const inv = await t.delete(id);
      t.check('runtime.lifecycle.destroy', 'delete of a stopped container exits 0', inv.exitCode === 0, { actual: inv.exitCode });
      const st = await t.state(id);
      t.check('runtime.delete.remove-resources', 'state of the deleted ID fails', failed(st.invocation), { actual: st.state ?? st.invocation.exitCode });
    },
  },
  {
    id: 'delete.host-resources',
    revision: 2,
    title: 'delete removes the cgroups create made and keeps a namespace it only joined',
    area: 'delete',
    requirements: ['runtime.delete.remove-resources', 'runtime.delete.keep-foreign-resources'],
    needs: ['host-pid'],
    async run(t) {
      // A foreign network namespace, held by a helper the suite owns. unshare without --fork
      // execs sleep in the same process, so the child's pid is the holder's.
      const holder = spawn('unshare', ['--net', 'sleep', '600'], { stdio: 'ignore' });
      const holderPid = await t.waitFor('namespace holder', async () => {
        try {
          return readlinkSync(`/proc/${holder.pid}/ns/net`) !== readlinkSync('/proc/self/ns/net') ? holder.pid : undefined;
        } catch {
          return undefined;
        }
      });
      if (!holderPid) {
        holder.kill('SIGKILL');
        t.error('could not start a helper process in its own network namespace (unshare --net)');
      }
      try {
        const nsPath = `/proc/${holderPid}/ns/net`;
        const nsBefore = readlinkSync(nsPath);
        const b = t.bundle(RUN_MARKER_THEN_WAIT, (c) => {
          c.linux.namespaces = c.linux.namespaces.map((n: { type: string }) => (n.type === 'network' ? { type: 'network', path: nsPath } : n));
        });
        const id = t.newId();
        await t.mustCreate(id, b);
        const st = await t.state(id);
        const pid = st.state?.pid as number;
        const joined = readlinkSync(`/proc/${pid}/ns/net`);
        const cgroups = cgroupDirs(pid);
        await t.mustStart(id);
        await t.kill(id, 'KILL');
        await t.waitForStatus(id, 'stopped');
        const del = await t.delete(id);
        t.check('runtime.delete.remove-resources', 'delete exits 0', del.exitCode === 0, { actual: del.exitCode });
        const left = cgroups.filter((d) => existsSync(d));
        t.check('runtime.delete.remove-resources', 'the container cgroups are gone', cgroups.length > 0 && left.length === 0, {
          expected: 'every cgroup directory of the container removed',
          actual: { cgroups, left },
        });
        const holderSurvives = survives(holderPid!);
        t.check('runtime.delete.keep-foreign-resources', 'the joined network namespace survives with its holder', joined === nsBefore && holderSurvives && existsSync(nsPath) && readlinkSync(nsPath) === nsBefore, {
          expected: { namespace: nsBefore, holder: 'alive, not exiting' },
          actual: { joinedByContainer: joined, afterDelete: existsSync(nsPath) ? readlinkSync(nsPath) : null, holderSurvives },
        });
      } finally {
        holder.kill('SIGKILL');
      }
    },
  },
  {
    id: 'delete.errors',
    revision: 1,
    title: 'delete without an ID and with an unknown ID fails',
    area: 'delete',
    requirements: ['runtime.delete.missing-id', 'runtime.delete.not-stopped-error'],
    async run(t) {
      const none = await t.raw('delete', ['delete']);
      t.check('runtime.delete.missing-id', 'delete with no ID exits non-zero', failed(none), { actual: none.exitCode });
      const unknown = await t.delete(t.newId());
      t.check('runtime.delete.not-stopped-error', 'delete of an unknown ID exits non-zero', failed(unknown), { actual: unknown.exitCode });
    },
  },
];
