// Properties every rule must have: a stable well-formed ID, a level, an anchor that exists in the
// spec text at every version the rule covers, a one-line summary, and a sane version range.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { severityOf, type Level } from '../../../schema/diagnostics.js';
import { DOCUMENT_KINDS } from '../../../schema/document.js';
import { packagePath } from '../../../schema/package-root.js';
import { ALL_RULES, rulesFor } from '../../../schema/rules/index.js';
import { SPEC_VERSIONS, compareVersions } from '../../../schema/versions.js';
import { versionsOf } from './fixtures.js';

const anchors = JSON.parse(readFileSync(packagePath('schema/spec-anchors.json'), 'utf8')) as Record<string, Record<string, string[]>>;

const ID = /^(config|state|features)\.[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LEVELS: Level[] = ['MUST', 'MUST NOT', 'REQUIRED', 'SHOULD', 'SHOULD NOT', 'NOT RECOMMENDED', 'DEPRECATED'];

t.test('rule IDs are unique and well formed', async (t) => {
  const seen = new Set<string>();
  for (const r of ALL_RULES) {
    t.match(r.id, ID, `${r.id} matches <kind>.<area>.<what>`);
    t.equal(r.id.split('.')[0], r.kind, `${r.id} starts with its kind`);
    t.notOk(seen.has(r.id), `${r.id} is unique`);
    seen.add(r.id);
  }
});

t.test('levels, summaries and ranges', async (t) => {
  for (const r of ALL_RULES) {
    t.ok(LEVELS.includes(r.level), `${r.id} has a known level (${r.level})`);
    t.ok(r.summary.length > 10 && !/[\r\n]/.test(r.summary), `${r.id} summary is one line`);
    t.ok(versionsOf(r).length > 0, `${r.id} applies to at least one version`);
    if (r.since && r.until) t.ok(compareVersions(r.since, r.until) < 0, `${r.id} since < until`);
    if (r.kind === 'features') t.ok(r.since && compareVersions(r.since, '1.1.0') >= 0, `${r.id} starts no earlier than features.md (1.1.0)`);
  }
  const must = ALL_RULES.filter((r) => severityOf(r.level) === 'error').length;
  t.ok(must > 0 && must < ALL_RULES.length, `errors (${must}) and warnings (${ALL_RULES.length - must}) both exist`);
});

t.test('every anchor exists in its file at every version of the rule', async (t) => {
  for (const r of ALL_RULES) {
    for (const v of versionsOf(r)) {
      const list = anchors[v]?.[r.ref.file];
      t.ok(list, `${r.id}: ${r.ref.file} exists at ${v}`);
      if (r.ref.anchor) t.ok(list?.includes(r.ref.anchor), `${r.id}: ${r.ref.file}#${r.ref.anchor} exists at ${v}`);
    }
  }
});

t.test('rulesFor returns exactly the rules in range, in a stable order', async (t) => {
  for (const kind of DOCUMENT_KINDS) {
    for (const v of SPEC_VERSIONS) {
      const got = rulesFor(kind, v);
      const want = ALL_RULES.filter((r) => r.kind === kind && versionsOf(r).includes(v));
      t.same(got.map((r) => r.id), want.map((r) => r.id), `${kind}@${v}`);
      t.equal(rulesFor(kind, v), got, `${kind}@${v} is precomputed (same array each call)`);
      t.ok(Object.isFrozen(got), `${kind}@${v} cannot be changed by callers`);
    }
  }
  t.same(rulesFor('features', '1.0.2'), [], 'no features rules before features.md existed');
});
