// docs/compatibility.md is generated (test/tools/render-compat-doc.ts); it must match what the
// current schemas, rules and requirement catalogue produce.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { packagePath } from '../../schema/package-root.js';
import { COMPAT_DOC, renderCompatibilityDoc } from '../tools/render-compat-doc.js';

t.test('docs/compatibility.md is current', async (t) => {
  let committed = '';
  try {
    committed = readFileSync(packagePath(COMPAT_DOC), 'utf8');
  } catch {
    // reported by the comparison below
  }
  t.ok(committed === renderCompatibilityDoc(), `${COMPAT_DOC} matches; regenerate with: node dist/test/tools/render-compat-doc.js --write`);
});

t.test('the document covers every consecutive pair and says what each needs', async (t) => {
  const text = renderCompatibilityDoc();
  for (const pair of ['1.0.0 → 1.0.1', '1.0.1 → 1.0.2', '1.0.2 → 1.1.0', '1.1.0 → 1.2.0', '1.2.0 → 1.2.1', '1.2.1 → 1.3.0']) {
    t.match(text, new RegExp(`^## ${pair.replace(/\./g, '\\.')}\\n\\nVerdict: \\*\\*(major|minor|patch)\\*\\*\\.`, 'm'), pair);
  }
  t.notMatch(text, /unclassified \(counted as major\) \|/, 'no unclassified change between released versions');
});
