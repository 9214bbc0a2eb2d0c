// Config application, devices (config-linux.md "Devices", "Default Devices", "Allowed Device
// list"): custom device nodes with their type, numbers, mode and owner; the devices every
// container gets; and the cgroup device allow-list, judged by what opening a node does.
import type { Config } from '../harness/bundle.js';
import type { CaseContext } from '../harness/case.js';
import { probeCase, type ProbeCase } from '../harness/probe-runs.js';
import type { Answer } from '../probe/parse.js';

/** One line per node: type, major and minor (hex), permission bits (octal), owner uid and gid. */
const STAT = `stat -c '%F|%t|%T|%a|%u|%g'`;

interface Node {
  type: 'c' | 'b' | 'p';
  major: number;
  minor: number;
  /** Permission bits, octal as `stat %a` prints them. */
  mode: string;
  uid: number;
  gid: number;
}

const KIND: Record<Node['type'], string> = { c: 'character special file', b: 'block special file', p: 'fifo' };

/** A stat line parsed into a node, or undefined when the path was not a device or fifo. */
export function parseStat(line: string | undefined): Node | undefined {
  const f = line?.split('|');
  if (!f || f.length !== 6) return undefined;
  const type = (Object.keys(KIND) as Node['type'][]).find((k) => KIND[k] === f[0]);
  if (!type) return undefined;
  return { type, major: parseInt(f[1], 16), minor: parseInt(f[2], 16), mode: f[3], uid: Number(f[4]), gid: Number(f[5]) };
}

function statOf(a: Answer | undefined): Node | undefined {
  return a && a.exit === 0 ? parseStat(a.output[0]) : undefined;
}

/** A linux.devices entry for `node` at `path`: fileMode is a number, written in JSON in decimal. */
function entry(path: string, n: Node): Config {
  const e: Config = { path, type: n.type, fileMode: parseInt(n.mode, 8), uid: n.uid, gid: n.gid };
  if (n.type !== 'p') Object.assign(e, { major: n.major, minor: n.minor });
  return e;
}

// Custom nodes. The char node has the numbers of /dev/null, so writing to it shows it is the
// real device; the block node (a loop device's numbers) is never opened; modes and owners differ
// from any default a runtime could fall back to (0666, root).
const CUSTOM: Record<string, Node> = {
  '/dev/oci-char': { type: 'c', major: 1, minor: 3, mode: '606', uid: 1000, gid: 1001 },
  '/dev/oci-block': { type: 'b', major: 7, minor: 0, mode: '640', uid: 0, gid: 6 },
  '/dev/oci-fifo': { type: 'p', major: 0, minor: 0, mode: '620', uid: 1002, gid: 1003 },
};
// Since 1.1.0 a device path may be anywhere. /tmp is a tmpfs of the container's own (a node in
// the shared read-only rootfs would be created on the host); it is nodev, so only stat it.
const OUTSIDE_DEV: Record<string, Node> = {
  '/tmp/oci-outside-dev': { type: 'c', major: 1, minor: 5, mode: '604', uid: 1004, gid: 1005 },
};

function checkNode(t: CaseContext, req: string, path: string, want: Node, got: Node | undefined): void {
  const actual = got ?? null;
  t.check(req, `${path} is a ${KIND[want.type]}`, got?.type === want.type, { expected: want.type, actual });
  if (want.type !== 'p') {
    t.check(req, `${path} is ${want.major}:${want.minor}`, got?.major === want.major && got?.minor === want.minor, { expected: `${want.major}:${want.minor}`, actual });
  }
  t.check(req, `${path} has mode ${want.mode} (fileMode ${parseInt(want.mode, 8)})`, got?.mode === want.mode, { expected: want.mode, actual });
  t.check(req, `${path} is owned by ${want.uid}:${want.gid}`, got?.uid === want.uid && got?.gid === want.gid, { expected: `${want.uid}:${want.gid}`, actual });
}

// Default devices: the kernel's numbers for each (Documentation/admin-guide/devices.txt).
const DEFAULTS: Record<string, [number, number]> = {
  '/dev/null': [1, 3],
  '/dev/zero': [1, 5],
  '/dev/full': [1, 7],
  '/dev/random': [1, 8],
  '/dev/urandom': [1, 9],
  '/dev/tty': [5, 0],
};

// The allow-list case. Minors 6, 10 and 12 of the memory devices (major 1) have no driver in any
// current kernel: opening one that the cgroup lets through fails with ENXIO from the driver,
// while one the cgroup refuses fails with EPERM before any driver is reached. Nothing real is
// ever opened.
const ALLOWED = '/dev/oci-allowed'; // c 1:6, allowed rw
const DENIED = '/dev/oci-denied'; // c 1:10, allowed rw, then denied rw by a later entry
const READ_ONLY = '/dev/oci-read-only'; // c 1:12, allowed r only
const ALLOW_NODES: Record<string, Node> = {
  [ALLOWED]: { type: 'c', major: 1, minor: 6, mode: '666', uid: 0, gid: 0 },
  [DENIED]: { type: 'c', major: 1, minor: 10, mode: '666', uid: 0, gid: 0 },
  [READ_ONLY]: { type: 'c', major: 1, minor: 12, mode: '666', uid: 0, gid: 0 },
};
/** The default devices and the pty slaves, which every container needs whatever else is denied. */
const DEFAULT_RULES = [
  ...Object.values(DEFAULTS).map(([major, minor]) => ({ allow: true, type: 'c', major, minor, access: 'rwm' })),
  { allow: true, type: 'c', major: 5, minor: 2, access: 'rwm' },
  { allow: true, type: 'c', major: 136, access: 'rwm' },
];

const EPERM = /Operation not permitted/;
const ENXIO = /No such device or address/;

/** The result of opening a node as one text: the shell's error message, or "opened". */
function opened(a: Answer | undefined): string {
  if (!a) return 'no answer';
  return a.exit === 0 ? 'opened' : a.output.join(' ') || `exit ${a.exit}`;
}

export const cases: ProbeCase[] = [
  probeCase({
    id: 'config.devices.custom',
    revision: 1,
    title: 'linux.devices: char, block and fifo nodes with their numbers, fileMode, uid and gid',
    area: 'config',
    requirements: ['config-linux.devices'],
    probe: {
      // Whether the char node can be opened depends on the device allow-list too.
      fields: ['/linux/devices', '/linux/resources/devices'],
      edit(c) {
        c.linux.devices = [...(c.linux.devices ?? []), ...Object.entries(CUSTOM).map(([p, n]) => entry(p, n))];
      },
      asks: {
        ...Object.fromEntries(Object.keys(CUSTOM).map((p) => [p, `${STAT} ${p}`])),
        // Only a char node counts: a redirection would create a regular file where none is.
        write: 'test -c /dev/oci-char && echo probe > /dev/oci-char',
      },
      verify(t, facts) {
        for (const [p, n] of Object.entries(CUSTOM)) checkNode(t, 'config-linux.devices', p, n, statOf(facts.answers[p]));
        const w = facts.answers.write;
        t.check('config-linux.devices', '/dev/oci-char (1:3, others rw) can be written like /dev/null', w?.exit === 0, { expected: 'exit 0', actual: w ?? null });
      },
    },
  }),
  probeCase({
    id: 'config.devices.outside-dev',
    revision: 1,
    title: 'linux.devices: a node whose path is outside /dev is created there',
    area: 'config',
    requirements: ['config-linux.devices-outside-dev'],
    since: '1.1.0',
    probe: {
      fields: ['/linux/devices'],
      edit(c) {
        c.linux.devices = [...(c.linux.devices ?? []), ...Object.entries(OUTSIDE_DEV).map(([p, n]) => entry(p, n))];
      },
      asks: Object.fromEntries(Object.keys(OUTSIDE_DEV).map((p) => [p, `${STAT} ${p}`])),
      verify(t, facts) {
        for (const [p, n] of Object.entries(OUTSIDE_DEV)) checkNode(t, 'config-linux.devices-outside-dev', p, n, statOf(facts.answers[p]));
      },
    },
  }),
  probeCase({
    id: 'config.devices.default',
    revision: 1,
    title: 'the default devices exist with their numbers and work; /dev/ptmx is the container\'s /dev/pts/ptmx',
    area: 'config',
    requirements: ['config-linux.default-devices'],
    probe: {
      // /dev/console is a default device only with a terminal; the allow-list decides access.
      fields: ['/process/terminal', '/linux/resources/devices'],
      edit() {},
      asks: {
        ...Object.fromEntries(Object.keys(DEFAULTS).map((p) => [p, `${STAT} ${p}`])),
        ptmx: `${STAT.replace('stat', 'stat -L')} /dev/ptmx`,
        'ptmx-same': "stat -L -c '%d:%i' /dev/ptmx /dev/pts/ptmx",
        zero: 'head -c 4 /dev/zero | od -An -tx1',
        null: 'echo probe > /dev/null',
        full: 'echo probe > /dev/full',
        random: 'head -c 8 /dev/random | wc -c',
        urandom: 'head -c 8 /dev/urandom | wc -c',
      },
      verify(t, facts) {
        const req = 'config-linux.default-devices';
        for (const [p, [major, minor]] of Object.entries(DEFAULTS)) {
          const got = statOf(facts.answers[p]);
          t.check(req, `${p} is the character device ${major}:${minor}`, got?.type === 'c' && got.major === major && got.minor === minor, { expected: `c ${major}:${minor}`, actual: got ?? facts.answers[p] ?? null });
        }
        const ptmx = statOf(facts.answers.ptmx);
        t.check(req, '/dev/ptmx is the character device 5:2', ptmx?.type === 'c' && ptmx.major === 5 && ptmx.minor === 2, { expected: 'c 5:2', actual: ptmx ?? facts.answers.ptmx ?? null });
        const same = facts.answers['ptmx-same'];
        t.check(req, '/dev/ptmx is a bind mount or symlink of /dev/pts/ptmx (same device and inode)', same?.exit === 0 && same.output.length === 2 && same.output[0] === same.output[1], { expected: 'two equal dev:inode lines', actual: same ?? null });
        const zero = facts.answers.zero;
        t.check(req, '/dev/zero reads zero bytes', zero?.exit === 0 && zero.output.join(' ').trim().split(/\s+/).join(' ') === '00 00 00 00', { expected: '00 00 00 00', actual: zero ?? null });
        t.check(req, '/dev/null accepts a write', facts.answers.null?.exit === 0, { expected: 'exit 0', actual: facts.answers.null ?? null });
        const full = facts.answers.full;
        t.check(req, '/dev/full refuses a write with ENOSPC', !!full && full.exit !== 0 && /No space left on device/.test(full.output.join(' ')), { expected: 'No space left on device', actual: full ?? null });
        for (const p of ['random', 'urandom']) {
          const a = facts.answers[p];
          t.check(req, `/dev/${p} gives 8 bytes`, a?.exit === 0 && a.output[0]?.trim() === '8', { expected: '8', actual: a ?? null });
        }
      },
    },
  }),
  probeCase({
    id: 'config.devices.allow-list',
    revision: 1,
    title: 'linux.resources.devices: after deny-all, an allowed node opens, a node denied by a later entry does not, access letters apply',
    area: 'config',
    requirements: ['config-linux.resources.devices', 'config-linux.resources.devices-allowed-list'],
    probe: {
      fields: ['/linux/devices', '/linux/resources/devices'],
      edit(c) {
        c.linux.devices = [...(c.linux.devices ?? []), ...Object.entries(ALLOW_NODES).map(([p, n]) => entry(p, n))];
        c.linux.resources = {
          ...c.linux.resources,
          devices: [
            { allow: false, access: 'rwm' },
            ...DEFAULT_RULES,
            // m (mknod) stays allowed for all three, so the runtime may create the nodes.
            { allow: true, type: 'c', major: 1, minor: 6, access: 'rwm' },
            { allow: true, type: 'c', major: 1, minor: 10, access: 'rwm' },
            { allow: false, type: 'c', major: 1, minor: 10, access: 'rw' },
            { allow: true, type: 'c', major: 1, minor: 12, access: 'rm' },
          ],
        };
      },
      asks: {
        ...Object.fromEntries(Object.keys(ALLOW_NODES).map((p) => [p, `${STAT} ${p}`])),
        'allowed-read': `: < ${ALLOWED}`,
        'allowed-write': `: > ${ALLOWED}`,
        'denied-read': `: < ${DENIED}`,
        'denied-write': `: > ${DENIED}`,
        'read-only-read': `: < ${READ_ONLY}`,
        'read-only-write': `: > ${READ_ONLY}`,
      },
      verify(t, facts) {
        // Cited as the 1.0.x entry; from 1.1.0 the check counts against the entry that replaces it.
        const listReq = 'config-linux.resources.devices';
        // Without the nodes there is nothing to open: config.devices.custom judges their absence.
        const missing = Object.entries(ALLOW_NODES).filter(([p, n]) => {
          const got = statOf(facts.answers[p]);
          return !(got?.type === 'c' && got.major === n.major && got.minor === n.minor);
        });
        if (missing.length) {
          t.error(`the runtime did not create the linux.devices nodes the allow-list is judged on (${missing.map(([p, n]) => `${p} c ${n.major}:${n.minor}: ${facts.answers[p]?.output.join(' ') ?? 'no answer'}`).join('; ')})`);
        }
        const through = (name: string, what: string) => {
          const r = opened(facts.answers[name]);
          // Let through by the cgroup: the driver answers (ENXIO for these minors).
          t.check(listReq, what, r === 'opened' || ENXIO.test(r), { expected: 'ENXIO from the driver (not EPERM)', actual: r });
        };
        const refused = (name: string, what: string) => {
          const r = opened(facts.answers[name]);
          t.check(listReq, what, EPERM.test(r), { expected: 'EPERM', actual: r });
        };
        through('allowed-read', `${ALLOWED} (allowed rw after deny-all) opens for reading`);
        through('allowed-write', `${ALLOWED} (allowed rw after deny-all) opens for writing`);
        refused('denied-read', `${DENIED} (allowed, then denied by a later entry) cannot be opened for reading`);
        refused('denied-write', `${DENIED} (allowed, then denied by a later entry) cannot be opened for writing`);
        through('read-only-read', `${READ_ONLY} (allowed r) opens for reading`);
        refused('read-only-write', `${READ_ONLY} (allowed r only) cannot be opened for writing`);
      },
    },
  }),
];
