// One real certification run of runc, reused by every check that needs real output: all files
// written, the bundle verifies, `report render` reproduces every file, the runtime digest is the
// binary's, the real junit.xml validates, Chromium shows the report, and two real shards merge
// into a report that verifies.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import type { Report } from '../../reports/model.js';
import { RENDERED_FILES } from '../../reports/outputs.js';
import { resolveExecutable, sha256 } from '../../reports/provenance.js';
import { findExecutable } from '../../validation/harness/profile.js';
import { chromiumPath, dumpDom, screenshot, visibleText } from '../support/chromium.js';
import { leftoversUnder } from '../support/leftovers.js';

const main = packagePath('dist/cmd/main.js');

if (!findExecutable('runc')) {
  if (process.env.CI) t.fail('runc is not installed; CI must install it (cmd/bootstrap.sh)');
  else t.plan(0, 'runc is not installed here (CI installs it)');
} else {
  const work = mkdtempSync(join(tmpdir(), 'real-run-'));
  // runc's containers get a rootfs under TMPDIR: every directory above it must be traversable.
  chmodSync(work, 0o755);
  const runTmp = join(work, 'tmp');
  mkdirSync(runTmp, { mode: 0o755 });
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  const env = { ...process.env, TMPDIR: runTmp };
  const cli = (args: string[]) => spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', env, timeout: 600_000 });
  const out = join(work, 'out');
  const bundle = join(work, 'bundle');
  const run = cli(['run', '--runtime', 'runc', '--jobs', '2', '--certify', '--product', packagePath('test/fixtures/PRODUCT.yaml'), '--out', out, '--bundle', bundle]);

  t.test('a certification run writes every output and a bundle that verifies', async (t) => {
    t.ok(run.status === 0 || run.status === 1, `run exits 0 or 1 (got ${run.status}: ${run.stderr.slice(-400)})`);
    t.same(readdirSync(out).sort(), ['junit.xml', 'report.html', 'report.json', 'results.tap', 'summary.md']);
    t.equal(readFileSync(join(out, 'results.tap'), 'utf8'), run.stdout, 'results.tap is what was printed');
    const v = cli(['report', 'verify', bundle]);
    t.equal(v.status, 0, `the bundle verifies:\n${v.stdout}`);
    t.match(v.stdout, /^ok {3}certification: /m);
    const vo = cli(['report', 'verify', out]);
    t.equal(vo.status, 0, `the run directory verifies:\n${vo.stdout}`);
    t.same(leftoversUnder(runTmp), [], 'nothing left behind');
  });

  t.test('report render reproduces every rendering from report.json', async (t) => {
    const again = join(work, 'rendered');
    const r = cli(['report', 'render', out, '--out', again]);
    t.equal(r.status, 0, r.stderr);
    for (const f of RENDERED_FILES) t.equal(readFileSync(join(again, f), 'utf8'), readFileSync(join(out, f), 'utf8'), `${f} is the same`);
  });

  t.test('the report names the binary that ran, by digest, and the host', async (t) => {
    const report: Report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const path = resolveExecutable('runc')!;
    t.equal(report.runtime.binary?.path, path);
    t.equal(report.runtime.binary?.sha256, sha256(readFileSync(realpathSync(path))), 'sha256 of the runc on PATH');
    t.equal(report.run.certification, true);
    t.equal(report.product?.vendor, 'Example Runtimes Ltd');
    t.equal(report.environment.captures['os-release'], readFileSync('/etc/os-release', 'utf8'), 'os-release captured verbatim');
    t.equal(report.environment.kernel, spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim());
    t.equal(report.run.timeouts.case, 120);
    t.same(report.run.argv?.slice(0, 2), ['--runtime', 'runc']);
  });

  t.test('the real junit.xml validates against the JUnit XSD', async (t) => {
    if (!resolveExecutable('xmllint')) {
      if (process.env.CI) t.fail('xmllint is not installed; cmd/bootstrap.sh installs libxml2-utils');
      else t.plan(0, 'xmllint is not installed here');
      return;
    }
    const r = spawnSync('xmllint', ['--noout', '--schema', packagePath('test/fixtures/junit.xsd'), join(out, 'junit.xml')], { encoding: 'utf8' });
    t.equal(r.status, 0, r.stderr);
  });

  t.test('what a reviewer sees in the real report (headless Chromium)', async (t) => {
    if (!chromiumPath()) {
      if (process.env.CI) t.fail('chromium is not installed; cmd/bootstrap.sh installs it');
      else t.plan(0, 'chromium is not installed here');
      return;
    }
    const report: Report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const text = visibleText(await dumpDom(join(out, 'report.html')));
    const s = report.summary;
    t.match(text, new RegExp(`^\\s*${s.verdict.toUpperCase()} `), 'the verdict comes first');
    t.match(text, `${s.pass} pass · ${s.fail} fail`);
    t.match(text, 'Example runc build');
    t.match(text, report.runtime.binary!.sha256);
    for (const x of report.tests.filter((y) => y.status === 'fail')) t.match(text, x.id, `failure ${x.id} shown`);
    const png = join(work, 'shot.png');
    await screenshot(join(out, 'report.html'), png, '1280,1600');
    const head = readFileSync(png);
    t.equal(head.subarray(1, 4).toString(), 'PNG', 'a PNG screenshot');
    t.equal(head.readUInt32BE(16), 1280, 'of the requested width');
    t.ok(head.length > 20_000, 'with content on it');
  });

  t.test('two real shards merge into a report that verifies', async (t) => {
    const dirs = [1, 2].map((k) => join(work, `shard-${k}`));
    for (const [i, d] of dirs.entries()) {
      const r = cli(['run', '--runtime', 'runc', '--jobs', '2', '--certify', '--shard', `${i + 1}/2`, '--out', d]);
      t.ok(r.status === 0 || r.status === 1, `shard ${i + 1}/2 ran (${r.stderr.slice(-300)})`);
      t.match(readFileSync(join(d, 'summary.md'), 'utf8'), `SHARD ${i + 1}/2`, 'labelled as a shard');
    }
    const single = cli(['report', 'verify', dirs[0]]);
    t.equal(single.status, 1, 'one shard alone does not verify as a complete run');
    const merged = join(work, 'merged');
    const m = cli(['report', 'merge', '--out', merged, ...dirs]);
    t.equal(m.status, 0, m.stderr);
    const v = cli(['report', 'verify', merged]);
    t.equal(v.status, 0, `the merged report verifies:\n${v.stdout}`);
    t.match(v.stdout, /^ok {3}shards: 2 shards cover the catalogue exactly once/m);
    const whole: Report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const joined: Report = JSON.parse(readFileSync(join(merged, 'report.json'), 'utf8'));
    t.same(joined.tests.map((x) => x.id), whole.tests.map((x) => x.id), 'the same tests as the unsharded run, in order');
    const d = cli(['report', 'diff', out, merged]);
    t.match(d.stdout, /^environment differences: 0$/m, 'same host, same binary');
    t.same(leftoversUnder(runTmp), [], 'nothing left behind');
  });
}
