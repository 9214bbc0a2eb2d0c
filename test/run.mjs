#!/usr/bin/env node
// Runs the compiled self-tests with tap and ends with one plain "N passed, N failed" line,
// which CI reads (tap's own summary is a YAML-ish comment).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// tap compiles its Test class with the plugins .taprc names (ours drops the ts-node loader, which
// cannot load TypeScript 7) only when `tap build` runs; a fresh install still has the default
// set, and its first run would fail. Rebuild whenever .taprc or tap itself changed.
const marker = 'node_modules/.oci-conformance-tap-build';
const wanted = createHash('sha256')
  .update(readFileSync('.taprc'))
  .update(readFileSync('node_modules/tap/package.json'))
  .digest('hex');
if (!existsSync(marker) || readFileSync(marker, 'utf8') !== wanted) {
  const built = spawnSync('npx', ['tap', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    console.error('test/run.mjs: `tap build` failed');
    process.exit(built.status ?? 1);
  }
  writeFileSync(marker, wanted);
}

// Only *.test.js files are tests: benchmarks, tools and support modules under dist/test are not.
function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.js') ? [join(dir, e.name)] : [],
  );
}

const args = process.argv.slice(2);
const targets = args.length ? args : testFiles('dist/test').sort();
const child = spawn('npx', ['tap', ...targets], { stdio: ['ignore', 'pipe', 'inherit'] });
let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4096);
});
child.on('close', (code, signal) => {
  const m = /# \{ total: (\d+)(?:, pass: (\d+))?(?:, fail: (\d+))?(?:, skip: (\d+))?/.exec(tail);
  if (m) {
    const pass = Number(m[2] ?? 0);
    const fail = Number(m[3] ?? 0);
    const skip = Number(m[4] ?? 0);
    console.log(`\ntests: ${pass} passed, ${fail} failed${skip ? `, ${skip} skipped` : ''}`);
  }
  process.exit(code ?? (signal ? 1 : 0));
});
