// runtime-linux.md: file descriptors and /dev symlinks, seen from inside the container.
import { join } from 'node:path';
import type { TestCase } from '../harness/case.js';
import { R } from './programs.js';

// The shell is the configured process. `exec 1>` replaces fd 1 without saving a copy (a plain
// `> file` on a command makes busybox sh park the old stdout on fd 10), and `ls` runs as a child
// listing the shell's descriptors, so neither adds a descriptor of its own to the listing.
const FD_PROGRAM = `exec 1>${R}/fds.tmp; ls /proc/$$/fd; mv ${R}/fds.tmp ${R}/fds`;
const LINKS = ['/dev/fd', '/dev/stdin', '/dev/stdout', '/dev/stderr'];
const LINK_PROGRAM = LINKS.map((l) => `echo "${l} $(readlink ${l})" >> ${R}/links.tmp`).join('; ') + `; mv ${R}/links.tmp ${R}/links`;
const EXPECTED_LINKS: Record<string, string> = {
  '/dev/fd': '/proc/self/fd',
  '/dev/stdin': '/proc/self/fd/0',
  '/dev/stdout': '/proc/self/fd/1',
  '/dev/stderr': '/proc/self/fd/2',
};

export const cases: TestCase[] = [
  {
    id: 'runtime-linux.file-descriptors',
    revision: 1,
    title: 'the container process starts with only file descriptors 0, 1 and 2 open',
    area: 'runtime-linux',
    requirements: ['runtime-linux.fds.default-set'],
    async run(t) {
      const b = t.bundle(FD_PROGRAM);
      const id = t.newId();
      await t.mustCreate(id, b);
      await t.mustStart(id);
      const text = await t.waitForFile(join(b.results, 'fds'));
      if (text === undefined) return t.error('the program did not report its descriptors');
      const fds = text.trim().split(/\s+/).filter(Boolean).map(Number).sort((a, b) => a - b);
      t.equal('runtime-linux.fds.default-set', 'open descriptors are exactly 0, 1, 2', fds, [0, 1, 2]);
    },
  },
  {
    id: 'runtime-linux.dev-symlinks',
    revision: 1,
    title: '/dev/fd, /dev/stdin, /dev/stdout and /dev/stderr are the standard symlinks',
    area: 'runtime-linux',
    requirements: ['runtime-linux.dev-symlinks'],
    async run(t) {
      const b = t.bundle(LINK_PROGRAM);
      const id = t.newId();
      await t.mustCreate(id, b);
      await t.mustStart(id);
      const text = await t.waitForFile(join(b.results, 'links'));
      if (text === undefined) return t.error('the program did not report the links');
      const seen = Object.fromEntries(text.trim().split('\n').map((l) => l.split(' ', 2) as [string, string]));
      for (const [link, target] of Object.entries(EXPECTED_LINKS)) {
        t.equal('runtime-linux.dev-symlinks', `${link} -> ${target}`, seen[link] ?? null, target);
      }
    },
  },
];
