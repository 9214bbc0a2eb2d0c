// Config application, root and mounts (config.md "Root", "Mounts"; config-linux.md "Default
// Filesystems", "Rootfs Mount Propagation"): each case adds its own mounts and the probe reports
// mountinfo and what the process can do through them.
//
// Every mount these cases add is under /oci-mounts, an empty directory of the rootfs on which the
// first of them to edit a config mounts a tmpfs: the runtime creates their mount points in it,
// never in the shared, read-only rootfs, and no other case's readonlyPaths or maskedPaths (/tmp,
// say) covers them. Each case claims a '/mounts/<name>' key for its own entries (appended to
// mounts after the base ones and that tmpfs), so the cases share a container run. Directories a
// case writes to are world-writable (tmpfs mode=1777, host directories 0777): a case that
// changes process.user in the same run does not change what they show.
import { chmodSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { join, relative } from 'node:path';
import { probeCase, type ProbeCase } from '../harness/probe-runs.js';
import { MOUNTS_DIR } from '../harness/rootfs.js';
import type { Config } from '../harness/bundle.js';
import type { CaseContext } from '../harness/case.js';
import type { Answer } from '../probe/parse.js';
import { parseMountinfo, propagationOf, topMountAt, type MountRecord } from '../probe/mountinfo.js';
import { compareVersions, isSpecVersion } from '../../schema/versions.js';

/** Every mount of these cases goes under this directory (a tmpfs of their own). */
export const MOUNTS_BASE = MOUNTS_DIR;
const at = (name: string) => `${MOUNTS_BASE}/${name}`;
const MiB = 1024 * 1024;
/** The host ids the idmap case maps the suite's own uid and gid to. */
export const IDMAP_UID = 2345;
export const IDMAP_GID = 3456;

/** Append a case's mounts, after the tmpfs at MOUNTS_BASE (added by the first case to edit). */
function addMounts(c: Config, ...mounts: Config[]): void {
  c.mounts = c.mounts ?? [];
  if (!c.mounts.some((m: Config) => m.destination === MOUNTS_BASE)) {
    c.mounts.push({ destination: MOUNTS_BASE, type: 'tmpfs', source: 'oci-mounts', options: ['mode=755'] });
  }
  c.mounts.push(...mounts);
}

/** A host directory in the run's bundle, world-writable, with a marker file. */
function hostDir(bundle: string, name: string, marker: string): string {
  const dir = join(bundle, name);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  writeFileSync(join(dir, 'marker'), `${marker}\n`);
  return dir;
}

/** Size in bytes of a tmpfs `size=` value as mountinfo shows it: 1024k (Linux), 1m (gVisor). */
export function sizeBytes(value: string): number | undefined {
  const m = /^(\d+)([kmg]?)$/i.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * { '': 1, k: 1024, m: MiB, g: 1024 * MiB }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
}

/** The filesystem size `stat -f -c '%b %S'` printed (total blocks times block size), in bytes. */
function statfsBytes(a: Answer | undefined): number | null {
  if (!a || a.exit !== 0) return null;
  const [blocks, size] = (a.output[0] ?? '').trim().split(/\s+/).map(Number);
  return Number.isFinite(blocks) && Number.isFinite(size) ? blocks * size : null;
}

const statfs = (path: string) => `stat -f -c '%b %S' ${path}`;

function mounts(facts: { mountinfo: string[] }): MountRecord[] {
  return parseMountinfo(facts.mountinfo);
}

/** What a check reports about the mount at a path: its mountinfo line, or that there is none. */
function shown(r: MountRecord | undefined): unknown {
  return r ? { options: r.options, optional: r.optional, fstype: r.fstype, superOptions: r.superOptions } : 'no mount there';
}

// ---- root.path ------------------------------------------------------------------------------

/** Small text files of a rootfs whose content identifies it; the ones present are compared. */
const ROOT_MARKERS = ['/etc/passwd', '/etc/group', '/etc/hostname', '/etc/os-release'];
const MARKER_BYTES = 400;

/** What the probe's marker question prints for a root directory on the host ('' for none). */
export function rootMarkerText(root: string): string {
  let out = '';
  for (const f of ROOT_MARKERS) {
    const p = join(root, f);
    try {
      // Regular files only: a symlink would resolve against the host's root here.
      if (!lstatSync(p).isFile()) continue;
    } catch {
      continue;
    }
    out += `== ${f}\n${readFileSync(p).subarray(0, MARKER_BYTES).toString('latin1')}\n`;
  }
  return out.replace(/\n+$/, '');
}

const ROOT_MARKER_ASK = `for f in ${ROOT_MARKERS.join(' ')}; do [ -f "$f" ] && [ ! -L "$f" ] && { echo "== $f"; head -c ${MARKER_BYTES} "$f"; echo; }; done; true`;

// ---- rootfs propagation -----------------------------------------------------------------------

type Propagation = 'shared' | 'slave' | 'private' | 'unbindable';

/** One check of a mount's propagation type as config-linux.md (1.1.0) and sharedsubtree define it. */
function checkPropagation(t: CaseContext, req: string, name: string, r: MountRecord | undefined, want: Propagation): void {
  const p = r ? propagationOf(r) : undefined;
  const expected = {
    shared: 'shared:N in the optional fields',
    // A slave of a mount that propagates nothing is private: master:N shows only when the source
    // propagates, which this host's layout decides. Neither shared nor unbindable either way.
    slave: 'no shared:N and no unbindable (master:N when the source propagates)',
    private: 'no shared:N, master:N or unbindable',
    unbindable: 'unbindable in the optional fields',
  }[want];
  const ok =
    !!p &&
    { shared: p.shared, slave: !p.shared && !p.unbindable, private: !p.shared && !p.slave && !p.unbindable, unbindable: p.unbindable }[want];
  t.check(req, name, ok, { expected, actual: r ? r.optional : 'no mount there' });
}

function rootfsPropagationCase(value: Propagation): ProbeCase {
  return probeCase({
    id: `config.rootfs-propagation-${value}`,
    revision: 1,
    title: `linux.rootfsPropagation ${value} is the propagation type of the container's /`,
    area: 'config',
    requirements: ['config-linux.rootfs-propagation'],
    probe: {
      fields: ['/linux/rootfsPropagation'],
      edit(c) {
        c.linux.rootfsPropagation = value;
      },
      verify(t, facts) {
        checkPropagation(t, 'config-linux.rootfs-propagation', `/ is ${value}`, topMountAt(mounts(facts), '/'), value);
      },
    },
  });
}

// ---- the cases ---------------------------------------------------------------------------------

const ORDER: { path: string; size: number; what: string }[] = [
  { path: at('order'), size: 1, what: 'a tmpfs' },
  { path: at('order/sub'), size: 2, what: 'a tmpfs on a directory of the first' },
  { path: at('stack'), size: 3, what: 'a tmpfs' },
  { path: at('stack'), size: 4, what: 'a second tmpfs at the same destination' },
  { path: at('shadow/inner'), size: 5, what: 'a tmpfs' },
  { path: at('shadow'), size: 6, what: 'a tmpfs above the previous one' },
];

export const cases: ProbeCase[] = [
  probeCase({
    id: 'config.root-path',
    revision: 1,
    title: "root.path relative to the bundle is the container's root filesystem",
    area: 'config',
    requirements: ['config.root.path'],
    probe: {
      fields: ['/root/path'],
      edit(c, host) {
        // The same rootfs, named relative to the bundle: the form the spec calls conventional.
        c.root.path = relative(host.bundle, c.root.path);
      },
      asks: { markers: ROOT_MARKER_ASK },
      verify(t, facts) {
        const expected = rootMarkerText(t.env.rootfs);
        if (!expected) t.skip('environment', `the rootfs has none of ${ROOT_MARKERS.join(', ')} as a regular file, so nothing identifies it from inside`);
        const seen = (facts.answers.markers?.output ?? []).join('\n').replace(/\n+$/, '');
        t.check('config.root.path', "the files at / are root.path's (its /etc files, byte for byte)", seen === expected, { expected, actual: seen });
      },
    },
  }),
  probeCase({
    id: 'config.mounts.tmpfs',
    revision: 1,
    title: 'a tmpfs mount is at its destination with its size and mode',
    area: 'config',
    requirements: ['config.mounts.applied', 'config.mounts.options'],
    probe: {
      fields: ['/mounts/tmpfs'],
      edit(c) {
        addMounts(c, { destination: at('tmpfs'), type: 'tmpfs', source: 'oci-tmpfs', options: ['size=1m', 'mode=0710'] });
      },
      asks: { size: statfs(at('tmpfs')), mode: `stat -c %a ${at('tmpfs')}` },
      verify(t, facts) {
        const r = topMountAt(mounts(facts), at('tmpfs'));
        t.check('config.mounts.applied', `a tmpfs is mounted at ${at('tmpfs')}`, r?.fstype === 'tmpfs', { expected: 'tmpfs', actual: shown(r) });
        t.equal('config.mounts.options', 'size=1m: the filesystem holds 1 MiB', statfsBytes(facts.answers.size), MiB);
        t.equal('config.mounts.options', 'mode=0710: the mount root has mode 710', facts.answers.mode?.output[0] ?? null, '710');
      },
    },
  }),
  probeCase({
    id: 'config.mounts.flags',
    revision: 1,
    title: 'ro, nosuid, nodev and noexec are per-mount flags, and ro and noexec are enforced',
    area: 'config',
    requirements: ['config.mounts.options'],
    probe: {
      fields: ['/mounts/flags'],
      edit(c) {
        addMounts(
          c,
          { destination: at('ro'), type: 'tmpfs', source: 'oci-ro', options: ['ro', 'mode=1777'] },
          { destination: at('noexec'), type: 'tmpfs', source: 'oci-noexec', options: ['nosuid', 'nodev', 'noexec', 'mode=1777'] },
        );
      },
      paths: [at('ro')],
      asks: {
        // A script is enough to see noexec: execve of a file on a noexec mount fails (sh: 126).
        script: `printf '#!/bin/sh\\nexit 0\\n' > ${at('noexec')}/s && chmod 755 ${at('noexec')}/s`,
        exec: `${at('noexec')}/s`,
      },
      verify(t, facts) {
        const all = mounts(facts);
        const ro = topMountAt(all, at('ro'));
        const ne = topMountAt(all, at('noexec'));
        t.check('config.mounts.options', 'ro: the mount is read-only in mountinfo', !!ro?.options.includes('ro'), { expected: 'ro', actual: shown(ro) });
        const dir = facts.paths[at('ro')];
        t.check('config.mounts.options', 'ro: creating a file in it fails', !!dir?.exists && !dir.writable, { expected: 'exists, not writable', actual: dir ?? null });
        for (const flag of ['nosuid', 'nodev', 'noexec']) {
          t.check('config.mounts.options', `${flag}: the mount has ${flag} in mountinfo`, !!ne?.options.includes(flag), { expected: flag, actual: shown(ne) });
        }
        // The script must have been written for the exec refusal to mean anything.
        const script = facts.answers.script;
        const exec = facts.answers.exec;
        t.check('config.mounts.options', 'noexec: a script written to the mount cannot be executed', script?.exit === 0 && !!exec && exec.exit !== 0, {
          expected: 'script written (exit 0), its execution refused (non-zero exit)',
          actual: { script: script ?? null, exec: exec ?? null },
        });
      },
    },
  }),
  probeCase({
    id: 'config.mounts.atime',
    revision: 1,
    title: 'strictatime, noatime and relatime set the atime flag of each mount',
    area: 'config',
    requirements: ['config.mounts.options'],
    probe: {
      fields: ['/mounts/atime'],
      edit(c) {
        addMounts(
          c,
          { destination: at('strictatime'), type: 'tmpfs', source: 'oci-strictatime', options: ['strictatime'] },
          { destination: at('noatime'), type: 'tmpfs', source: 'oci-noatime', options: ['noatime'] },
          { destination: at('relatime'), type: 'tmpfs', source: 'oci-relatime', options: ['relatime'] },
        );
      },
      verify(t, facts) {
        const all = mounts(facts);
        const strict = topMountAt(all, at('strictatime'));
        const no = topMountAt(all, at('noatime'));
        const rel = topMountAt(all, at('relatime'));
        // mountinfo shows relatime or noatime; strictatime is the absence of both.
        t.check('config.mounts.options', 'strictatime: neither relatime nor noatime', !!strict && !strict.options.includes('relatime') && !strict.options.includes('noatime'), {
          expected: 'no relatime, no noatime',
          actual: shown(strict),
        });
        t.check('config.mounts.options', 'noatime: noatime in mountinfo', !!no?.options.includes('noatime'), { expected: 'noatime', actual: shown(no) });
        t.check('config.mounts.options', 'relatime: relatime in mountinfo', !!rel?.options.includes('relatime'), { expected: 'relatime', actual: shown(rel) });
      },
    },
  }),
  probeCase({
    id: 'config.mounts.bind',
    revision: 1,
    title: 'bind and rbind mounts show their host directory (absolute source, or relative to the bundle); ro is read-only',
    area: 'config',
    requirements: ['config.mounts.bind', 'config.mounts.options'],
    probe: {
      fields: ['/mounts/bind'],
      edit(c, host) {
        const dir = hostDir(host.bundle, 'oci-bind-src', 'oci-bind-src marker');
        addMounts(
          c,
          { destination: at('bind-ro'), type: 'bind', source: dir, options: ['bind', 'ro'] },
          // The same directory, relative to the bundle; type is a dummy for bind mounts.
          { destination: at('rbind'), type: 'none', source: 'oci-bind-src', options: ['rbind', 'rw'] },
        );
      },
      paths: [at('bind-ro')],
      asks: {
        roMarker: `cat ${at('bind-ro')}/marker`,
        rwMarker: `cat ${at('rbind')}/marker`,
        // Both mounts show the host directory itself, not copies: what one writes, the other
        // shows (the host's own view is not read: the run's files may be gone by then).
        written: `echo written through rbind > ${at('rbind')}/written && cat ${at('bind-ro')}/written`,
      },
      verify(t, facts) {
        t.equal('config.mounts.bind', 'the bind mount shows the source directory (absolute path)', facts.answers.roMarker?.output ?? null, ['oci-bind-src marker']);
        t.equal('config.mounts.bind', 'the rbind mount shows the source directory (path relative to the bundle)', facts.answers.rwMarker?.output ?? null, ['oci-bind-src marker']);
        const w = facts.answers.written;
        t.check('config.mounts.bind', 'a file written through the rbind mount shows through the bind mount of the same directory', w?.exit === 0 && w.output.join('\n') === 'written through rbind', {
          expected: 'written through rbind',
          actual: w ?? null,
        });
        const ro = topMountAt(mounts(facts), at('bind-ro'));
        t.check('config.mounts.options', 'the ro bind mount is read-only in mountinfo', !!ro?.options.includes('ro'), { expected: 'ro', actual: shown(ro) });
        const dir = facts.paths[at('bind-ro')];
        t.check('config.mounts.options', 'creating a file through the ro bind mount fails', !!dir?.exists && !dir.writable, { expected: 'exists, not writable', actual: dir ?? null });
      },
    },
  }),
  probeCase({
    id: 'config.mounts.order',
    revision: 1,
    title: 'mounts are made in the listed order: later entries cover earlier ones',
    area: 'config',
    requirements: ['config.mounts.order'],
    probe: {
      fields: ['/mounts/order'],
      edit(c) {
        addMounts(c, ...ORDER.map((m) => ({ destination: m.path, type: 'tmpfs', source: 'oci-order', options: [`size=${m.size}m`, 'mode=1777'] })));
      },
      paths: [at('shadow/inner')],
      asks: { order: statfs(at('order')), sub: statfs(at('order/sub')), stack: statfs(at('stack')), shadow: statfs(at('shadow')) },
      verify(t, facts) {
        const size = (name: string) => statfsBytes(facts.answers[name]);
        t.equal('config.mounts.order', `${at('order/sub')} is the 2 MiB tmpfs mounted on a directory of the earlier ${at('order')}`, size('sub'), 2 * MiB);
        t.equal('config.mounts.order', `${at('order')} is the 1 MiB tmpfs`, size('order'), MiB);
        t.equal('config.mounts.order', `${at('stack')} is the 4 MiB tmpfs, listed after the 3 MiB one at the same destination`, size('stack'), 4 * MiB);
        t.equal('config.mounts.order', `${at('shadow')} is the 6 MiB tmpfs, listed after the one at ${at('shadow/inner')}`, size('shadow'), 6 * MiB);
        const inner = facts.paths[at('shadow/inner')];
        t.check('config.mounts.order', `${at('shadow/inner')} is covered by the later mount at ${at('shadow')}`, !!inner && !inner.exists, { expected: 'does not exist', actual: inner ?? null });
        // A Linux kernel lists a namespace's mounts in the order they were made (gVisor lists its
        // own way), so there the listing shows the order directly. The first line of each
        // (destination, size) pair is the mount itself, not a copy a later bind made.
        if (t.isolation !== 'sandbox') {
          const seen: string[] = [];
          for (const r of mounts(facts)) {
            const s = sizeBytes(r.superOptions.find((o) => o.startsWith('size='))?.slice(5) ?? '');
            const m = ORDER.find((o) => o.path === r.mountPoint && s === o.size * MiB);
            if (m && !seen.includes(`${m.path} ${m.size}`)) seen.push(`${m.path} ${m.size}`);
          }
          t.equal('config.mounts.order', 'mountinfo lists the six mounts in config order', seen, ORDER.map((o) => `${o.path} ${o.size}`));
        }
      },
    },
  }),
  probeCase({
    id: 'config.mounts.propagation',
    revision: 1,
    title: 'the propagation options shared, rslave, rprivate and unbindable set the type of each mount',
    area: 'config',
    requirements: ['config.mounts.propagation'],
    probe: {
      // rootfsPropagation is applied to / after the mounts by some runtimes (recursively), so it
      // changes what these mounts show: never in the same run as a rootfsPropagation case.
      fields: ['/mounts/propagation', '/linux/rootfsPropagation'],
      edit(c) {
        addMounts(
          c,
          { destination: at('shared'), type: 'tmpfs', source: 'oci-shared', options: ['shared'] },
          { destination: at('slave'), type: 'tmpfs', source: 'oci-slave', options: ['rslave'] },
          { destination: at('private'), type: 'tmpfs', source: 'oci-private', options: ['rprivate'] },
          { destination: at('unbindable'), type: 'tmpfs', source: 'oci-unbindable', options: ['unbindable'] },
        );
      },
      verify(t, facts) {
        const all = mounts(facts);
        const req = 'config.mounts.propagation';
        checkPropagation(t, req, 'shared: the mount is in a peer group', topMountAt(all, at('shared')), 'shared');
        checkPropagation(t, req, 'rslave: the mount is not shared', topMountAt(all, at('slave')), 'slave');
        checkPropagation(t, req, 'rprivate: the mount is private', topMountAt(all, at('private')), 'private');
        checkPropagation(t, req, 'unbindable: the mount is unbindable', topMountAt(all, at('unbindable')), 'unbindable');
      },
    },
  }),
  rootfsPropagationCase('shared'),
  rootfsPropagationCase('slave'),
  rootfsPropagationCase('private'),
  rootfsPropagationCase('unbindable'),
  probeCase({
    id: 'config.default-filesystems',
    revision: 1,
    title: 'proc, sysfs, devpts and the /dev/shm tmpfs are mounted (SHOULD)',
    area: 'config',
    requirements: ['config-linux.default-filesystems'],
    probe: {
      // Observes the base config's mounts, which no case may remove: a key of its own.
      fields: ['/mounts/default-filesystems'],
      edit() {},
      verify(t, facts) {
        const all = mounts(facts);
        for (const [path, fstype] of [['/proc', 'proc'], ['/sys', 'sysfs'], ['/dev/pts', 'devpts'], ['/dev/shm', 'tmpfs']]) {
          const r = topMountAt(all, path);
          t.check('config-linux.default-filesystems', `${fstype} at ${path}`, r?.fstype === fstype, { expected: fstype, actual: shown(r) });
        }
      },
    },
  }),
  probeCase({
    id: 'config.mounts.relative-destination',
    revision: 1,
    title: 'a relative mount destination is mounted relative to / (1.2.0, deprecated)',
    area: 'config',
    requirements: ['config.mounts.relative-destination'],
    since: '1.2.0',
    probe: {
      fields: ['/mounts/relative'],
      edit(c) {
        addMounts(c, { destination: at('relative').slice(1), type: 'tmpfs', source: 'oci-relative', options: ['size=1m'] });
      },
      asks: { size: statfs(at('relative')) },
      verify(t, facts) {
        const r = topMountAt(mounts(facts), at('relative'));
        t.check('config.mounts.relative-destination', `${at('relative').slice(1)} is mounted at ${at('relative')}`, r?.fstype === 'tmpfs', { expected: 'tmpfs', actual: shown(r) });
        t.equal('config.mounts.relative-destination', `${at('relative')} is the 1 MiB tmpfs`, statfsBytes(facts.answers.size), MiB);
      },
    },
  }),
  probeCase({
    id: 'config.mounts.idmap',
    revision: 1,
    title: "a bind mount's uidMappings and gidMappings change the ownership seen through it (idmapped mount)",
    area: 'config',
    requirements: ['config.mounts.idmap'],
    since: '1.1.0',
    needs: ['idmapped-mounts'],
    probe: {
      fields: ['/mounts/idmap'],
      edit(c, host) {
        const dir = hostDir(host.bundle, 'oci-idmap', 'owned by the suite');
        const st = statSync(join(dir, 'marker'));
        const options = ['bind'];
        // From 1.2.0 the idmap option says the mapping is wanted (older runtimes then fail
        // instead of ignoring it); before, the option does not exist.
        if (typeof c.ociVersion === 'string' && isSpecVersion(c.ociVersion) && compareVersions(c.ociVersion, '1.2.0') >= 0) options.push('idmap');
        addMounts(c, {
          destination: at('idmap'),
          type: 'bind',
          source: dir,
          options,
          uidMappings: [{ containerID: st.uid, hostID: IDMAP_UID, size: 1 }],
          gidMappings: [{ containerID: st.gid, hostID: IDMAP_GID, size: 1 }],
        });
      },
      asks: { owner: `stat -c '%u %g' ${at('idmap')}/marker` },
      verify(t, facts) {
        if (t.isolation === 'native' && kernelBefore(release(), 5, 12)) {
          t.skip('environment', `idmapped mounts need Linux 5.12; this host runs ${release()}`);
        }
        t.equal('config.mounts.idmap', `a file the source has owned by the suite's uid and gid is owned by ${IDMAP_UID}:${IDMAP_GID}`, facts.answers.owner?.output[0] ?? null, `${IDMAP_UID} ${IDMAP_GID}`);
      },
    },
  }),
];


/** Whether a kernel release string (uname -r) is older than major.minor. */
export function kernelBefore(rel: string, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(rel);
  if (!m) return false;
  return Number(m[1]) < major || (Number(m[1]) === major && Number(m[2]) < minor);
}
