// A submission bundle: one folder a vendor hands to reviewers. Every file is a rendering of the
// report (plus the product and the raw captures it holds), and SHA256SUMS covers them all.
import type { Product, Report } from './model.js';
import { renderAll } from './outputs.js';
import { renderProductYaml } from './product.js';
import { sha256 } from './provenance.js';
import { isComplete, runLabels, runtimeVersionLine, shellQuote, subjectName } from './evidence.js';

export class BundleError extends Error {}

/** Files of a bundle besides the renderings and env/, each with what it is. */
export const BUNDLE_FILES: Record<string, string> = {
  'PRODUCT.yaml': 'the product certified (vendor, name, version, links, contact)',
  'README.md': 'this file: what was tested and how to reproduce it',
  'report.json': 'the result model; every other file is computed from it',
  'results.tap': 'TAP 14, as the run printed it',
  'junit.xml': 'JUnit XML for CI test panels',
  'report.html': 'the human-readable report (self-contained, printable)',
  'summary.md': 'a short Markdown summary',
  'runtime-profile.yaml': 'the effective runtime profile the run used (pass it with --profile)',
  SHA256SUMS: 'sha256 of every other file (`sha256sum -c SHA256SUMS`)',
};

/** The raw environment captures as files under env/, from the model. */
export function envFiles(r: Report): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(r.environment.captures)) files[`env/${name}.txt`] = text;
  if (r.runtime.versionOutput !== undefined) files['env/runtime-version.txt'] = r.runtime.versionOutput;
  if (r.runtime.features) files['env/runtime-features.json'] = JSON.stringify(r.runtime.features, null, 2) + '\n';
  return files;
}

/**
 * The `run` arguments to reproduce the run from inside the bundle folder: file arguments point at
 * the bundle's own copies, output goes to ./rerun. Without recorded arguments, built from the report.
 */
export function reproductionArgv(r: Report): string[] {
  const src = r.run.argv ?? ['--runtime', r.runtime.profile, '--spec-version', r.specVersion, '--jobs', String(r.run.jobs), ...(r.run.certification ? ['--certify'] : [])];
  const out: string[] = [];
  const replaced: Record<string, string | null> = { '--product': 'PRODUCT.yaml', '--out': 'rerun', '--bundle': 'rerun-bundle', '--profile': 'runtime-profile.yaml', '--keep-temp': null };
  for (let i = 0; i < src.length; i++) {
    const [flag, inline] = src[i].split(/=(.*)/s);
    if (flag in replaced) {
      const v = replaced[flag];
      const takesValue = flag !== '--keep-temp';
      if (takesValue && inline === undefined) i++;
      if (v !== null) out.push(flag, v);
      continue;
    }
    out.push(src[i]);
  }
  if (!out.includes('--out')) out.push('--out', 'rerun');
  if (r.run.shard && !out.includes('--shard')) out.push('--shard', `${r.run.shard.index}/${r.run.shard.count}`);
  return out;
}

export function renderBundleReadme(r: Report): string {
  const s = r.summary;
  const e = r.environment;
  const bin = r.runtime.binary;
  const argv = reproductionArgv(r);
  const lines: string[] = [];
  lines.push(`# OCI runtime conformance: ${subjectName(r)}, runtime-spec ${r.specVersion}`, '');
  if (r.product) lines.push(`Submitted by ${r.product.vendor} (${r.product.contact_email_address}) for ${r.product.name} ${r.product.version}: ${r.product.description}`, '');
  lines.push(`Result: **${s.verdict.toUpperCase()}** — ${s.pass} pass, ${s.fail} fail, ${s.warn} warn, ${s.skip} skip, ${s.error} error (${s.total} tests).`);
  lines.push(`Run: ${runLabels(r).join('; ')}; ${isComplete(r) || r.run.shards ? 'every test of the catalogue ran' : 'NOT every test of the catalogue ran'}.`, '');
  lines.push('## What was tested', '');
  lines.push(`- Runtime: \`${shellQuote(r.runtime.command)}\` (profile ${r.runtime.profile}, isolation ${r.runtime.isolation}), version: ${runtimeVersionLine(r)}`);
  lines.push(bin ? `- Binary: \`${bin.realPath}\`, sha256 \`${bin.sha256}\` (${bin.size} bytes)` : `- Binary: not hashed (${r.runtime.binaryError})`);
  lines.push(`- Spec version: ${r.specVersion} (${r.specVersionReason})`);
  lines.push(`- Suite: ${r.suite.name} ${r.suite.version}${r.suite.commit ? ` at commit ${r.suite.commit}${r.suite.treeDirty ? ' (with local changes)' : ''}` : ''}, catalogue sha256 \`${r.suite.catalogueDigest}\``);
  lines.push(`- Host: ${e.distro ?? 'unknown distribution'}, kernel ${e.kernel}, ${e.arch}, cgroup ${e.cgroupMode}, LSMs ${e.lsms ? e.lsms.join(',') || 'none' : 'unknown'}, ${e.root ? 'root' : 'not root'}${e.rootless ? ' (rootless)' : ''}`);
  lines.push(`- Run: ${r.run.startedAt} to ${r.run.finishedAt} (UTC), ${r.run.jobs} job(s), case timeout ${r.run.timeouts.case} s`, '');
  lines.push('## How to reproduce', '');
  lines.push(`1. Use a host like the one above (\`env/\` holds the raw captures: os-release, uname, cgroup mounts, LSMs, the runtime's version output and features).`);
  lines.push(bin ? `2. Install the runtime so that \`${bin.element}\` resolves to a file whose \`sha256sum\` is \`${bin.sha256}\`.` : '2. Install the runtime under test.');
  lines.push(`3. Get ${r.suite.name} ${r.suite.version}${r.suite.commit ? ` (commit ${r.suite.commit})` : ''} and install what it needs: \`bash cmd/bootstrap.sh\` (as root on Debian).`);
  lines.push('4. From this folder, run exactly:', '', '```sh', `npx oci-conformance run ${shellQuote(argv)}`, '```', '');
  if (r.run.shards) lines.push(`   This report was merged from ${r.run.shards.length} shards: run the command once per shard with \`--shard K/${r.run.shards[0].count}\` for K = 1..${r.run.shards[0].count}, then \`npx oci-conformance report merge --out rerun DIR1 DIR2 …\`.`, '');
  lines.push('5. Check this folder (and your rerun) with:', '', '```sh', 'npx oci-conformance report verify .', 'npx oci-conformance report diff . rerun', '```', '');
  lines.push('## Files', '', '| file | what it is |', '| --- | --- |');
  for (const [f, what] of Object.entries(BUNDLE_FILES)) lines.push(`| \`${f}\` | ${what} |`);
  lines.push('| `env/` | raw captures of the host and the runtime, verbatim |');
  return lines.join('\n') + '\n';
}

export function sha256sums(files: Record<string, string>): string {
  return (
    Object.keys(files)
      .filter((f) => f !== 'SHA256SUMS')
      .sort()
      .map((f) => `${sha256(files[f])}  ${f}`)
      .join('\n') + '\n'
  );
}

/**
 * Every file of the bundle for a certification report. The product given here is added to the
 * report when the run named none; a different product than the run's is refused.
 */
export function renderBundle(report: Report, product?: Product): Record<string, string> {
  if (!report.run.certification) throw new BundleError('the report is not from a certification run; run it with --certify (a submission must be one)');
  if (!isComplete(report) && !report.run.shards) {
    throw new BundleError(`the run is not complete (${runLabels(report).filter((l) => l !== 'certification run').join('; ')}): a submission needs the whole catalogue`);
  }
  if (report.product && product && JSON.stringify(report.product) !== JSON.stringify(product)) {
    throw new BundleError(`the report names product "${report.product.name} ${report.product.version}"; PRODUCT.yaml names "${product.name} ${product.version}"`);
  }
  const p = report.product ?? product;
  if (!p) throw new BundleError('no product: pass --product PRODUCT.yaml');
  const r: Report = report.product ? report : { ...report, product: p };
  const files: Record<string, string> = {
    'PRODUCT.yaml': renderProductYaml(p),
    'README.md': renderBundleReadme(r),
    ...renderAll(r),
    'runtime-profile.yaml': JSON.stringify(r.runtime.profileDefinition, null, 2) + '\n',
    ...envFiles(r),
  };
  files['SHA256SUMS'] = sha256sums(files);
  return files;
}
