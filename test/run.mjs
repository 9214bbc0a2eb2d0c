#!/usr/bin/env node
// Runs the compiled self-tests with tap and ends with one plain "N passed, N failed" line,
// which CI reads (tap's own summary is a YAML-ish comment).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

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
