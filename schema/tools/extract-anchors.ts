// Regenerates schema/spec-anchors.json from a local git clone of opencontainers/runtime-spec:
//   node dist/schema/tools/extract-anchors.js /path/to/runtime-spec/.git
// The index lets self-tests prove that every reference the suite prints resolves at the
// version it is printed for. Only anchor names are recorded, no spec text.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { SPEC_VERSIONS, specTag } from '../versions.js';
import { packagePath } from '../package-root.js';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: extract-anchors <runtime-spec git dir>');
  process.exit(2);
}
const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' });

const index: Record<string, Record<string, string[]>> = {};
for (const v of SPEC_VERSIONS) {
  const tag = specTag(v);
  const files = git('ls-tree', '--name-only', tag).split('\n').filter((f) => f.endsWith('.md'));
  index[v] = {};
  for (const f of files.sort()) {
    const text = git('show', `${tag}:${f}`);
    const anchors = [...text.matchAll(/<a name="([^"]+)"/g)].map((m) => m[1]);
    if (anchors.length) index[v][f] = [...new Set(anchors)].sort();
  }
}
writeFileSync(packagePath('schema/spec-anchors.json'), JSON.stringify(index, null, 1) + '\n');
console.log(`wrote anchors for ${SPEC_VERSIONS.length} versions`);
