// A manual check (not run in CI, which has no network and no spec clone): every released
// runtime-spec tag's own schema/ folder loads with loadExternalSchemas, and the tag's own
// fixtures behave as upstream's Makefile expects (test/<kind>/good valid, test/<kind>/bad not).
//   node dist/schema/tools/check-upstream-schemas.js /path/to/runtime-spec/.git
// Prints one line per tag and exits non-zero when any tag fails to load or any fixture misbehaves.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPEC_VERSIONS, specTag } from '../versions.js';
import { loadExternalSchemas, ExternalSchemaError } from '../external.js';
import { decodeUtf8, parseJson } from '../json-source.js';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: check-upstream-schemas <runtime-spec git dir>');
  process.exit(2);
}

/** Parse a fixture; undefined when it is not JSON at all (upstream has such "bad" fixtures). */
function readFixture(path: string): { value: unknown } | undefined {
  try {
    return { value: parseJson(decodeUtf8(readFileSync(path))).value };
  } catch {
    return undefined;
  }
}

function jsonFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
}

const work = mkdtempSync(join(tmpdir(), 'oci-upstream-schemas-'));
let failed = false;
try {
  for (const v of SPEC_VERSIONS) {
    const tag = specTag(v);
    const dest = join(work, tag);
    mkdirSync(dest, { recursive: true });
    const archive = execFileSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', tag, 'schema'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', dest], { input: archive });
    const schemaDir = join(dest, 'schema');

    let line: string;
    try {
      const set = loadExternalSchemas(schemaDir);
      const parts: string[] = [];
      const problems: string[] = [];
      for (const kind of set.kinds) {
        const validate = set.validator(kind)!;
        let total = 0;
        let asExpected = 0;
        for (const expect of ['good', 'bad'] as const) {
          const dir = join(schemaDir, 'test', kind, expect);
          for (const f of jsonFiles(dir)) {
            total++;
            const doc = readFixture(join(dir, f));
            const valid = doc !== undefined && validate(doc.value) === true;
            if (valid === (expect === 'good')) asExpected++;
            else problems.push(`${kind}/${expect}/${f} ${valid ? 'accepted' : 'rejected'}`);
          }
        }
        // A control that does not depend on the fixtures: every entry point requires members,
        // so an empty object must fail (the older tags' only "bad" fixtures are not even JSON).
        if (validate({}) !== false) problems.push(`${kind}: {} accepted`);
        parts.push(`${kind} ${asExpected}/${total}`);
      }
      const repairs = set.repairs.length ? set.repairs.join('; ') : 'none';
      if (problems.length) failed = true;
      line =
        `${tag}: ${problems.length ? 'FAIL' : 'ok'} — fixtures as expected: ${parts.join(', ')}; control {} checked for each` +
        (problems.length ? ` — unexpected: ${problems.join(', ')}` : '') +
        ` — repairs: ${repairs}`;
    } catch (e) {
      if (!(e instanceof ExternalSchemaError)) throw e;
      failed = true;
      line = `${tag}: FAIL — ${e.message}`;
    }
    console.log(line);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
