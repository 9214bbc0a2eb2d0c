// docs/coverage.md is current, and the coverage table is honest: a row naming requirements has
// tests citing them, every in-container requirement of the catalogue has a row, and a row
// without tests says why.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { packagePath } from '../../schema/package-root.js';
import { catalogueEntries } from '../../reports/catalogue-output.js';
import { casesFor, renderCoverageMd } from '../../reports/coverage-md.js';
import { CATALOGUE } from '../../validation/cases/index.js';
import { CONFIG_FIELD_COVERAGE } from '../../validation/requirements/config-coverage.js';
import { CONFIG_FIELD_REQUIREMENTS } from '../../validation/requirements/config-fields.js';
import { requirement } from '../../validation/requirements/index.js';

const entries = catalogueEntries(CATALOGUE);

t.test('docs/coverage.md is what `list --format md` prints', async (t) => {
  const committed = readFileSync(packagePath('docs/coverage.md'), 'utf8');
  t.equal(committed, renderCoverageMd(CONFIG_FIELD_COVERAGE, entries), 'regenerate: node dist/cmd/main.js list --format md > docs/coverage.md');
});

t.test('every row is covered by tests or says why not', async (t) => {
  for (const row of CONFIG_FIELD_COVERAGE) {
    for (const id of row.requirements) t.doesNotThrow(() => requirement(id), `${row.field}: ${id} is a catalogue requirement`);
    if (row.requirements.length) {
      t.ok(casesFor(row, entries).length > 0, `${row.field}: some test cites ${row.requirements.join(', ')}`);
      t.notOk(row.why, `${row.field}: covered, so no reason for having no tests`);
    } else t.ok(row.why && row.why.length > 10, `${row.field}: says why no test checks it`);
  }
  const fields = CONFIG_FIELD_COVERAGE.map((r) => r.field);
  t.same(fields.filter((f, i) => fields.indexOf(f) !== i), [], 'each field once');
});

t.test('every in-container config requirement appears in the table', async (t) => {
  const listed = new Set(CONFIG_FIELD_COVERAGE.flatMap((r) => r.requirements));
  for (const r of CONFIG_FIELD_REQUIREMENTS.filter((x) => x.testability === 'in-container')) t.ok(listed.has(r.id), `${r.id} has a coverage row`);
});
