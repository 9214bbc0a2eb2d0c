// The report schema embeds a copy of the product schema so that it stands alone; the two must
// stay equal. And the model's TypeScript shape and the schema agree on a real-shaped report.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { packagePath } from '../../schema/package-root.js';
import { productSchemaErrors, reportSchemaErrors } from '../../reports/schemas.js';
import { PRODUCT, syntheticReport } from './synthetic.js';

const load = (f: string) => JSON.parse(readFileSync(packagePath('schema/suite', f), 'utf8'));

t.test('report-1.schema.json embeds product-1.schema.json unchanged', async (t) => {
  const report = load('report-1.schema.json');
  const product = load('product-1.schema.json');
  const embedded = report.definitions.product;
  const { $schema: _s, $id: _i, title: _t, description: _d, definitions, ...rest } = product;
  const { description: _e, ...embeddedRest } = embedded;
  const rename = (x: unknown) => JSON.parse(JSON.stringify(x).replace(/#\/definitions\/productLine/g, '#/definitions/line').replace(/#\/definitions\/productUrl/g, '#/definitions/url'));
  t.same(rename(embeddedRest), rest, 'the same properties, required list and strictness');
  t.same(report.definitions.productLine, definitions.line);
  t.same(report.definitions.productUrl, definitions.url);
});

t.test('both schemas accept and refuse the same products', async (t) => {
  const base = syntheticReport();
  const bad = [{ ...PRODUCT, extra: 1 }, { ...PRODUCT, website_url: 'ftp://x' }, { ...PRODUCT, type: 'x' }];
  t.same(productSchemaErrors(PRODUCT), []);
  t.same(reportSchemaErrors({ ...base, product: PRODUCT }), []);
  for (const p of bad) {
    t.not(productSchemaErrors(p).length, 0);
    t.not(reportSchemaErrors({ ...base, product: p }).length, 0);
  }
});

t.test('the report schema is strict at every level the model defines', async (t) => {
  const base = syntheticReport();
  const withExtra: [string, unknown][] = [
    ['top level', { ...base, x: 1 }],
    ['suite', { ...base, suite: { ...base.suite, x: 1 } }],
    ['runtime', { ...base, runtime: { ...base.runtime, x: 1 } }],
    ['environment', { ...base, environment: { ...base.environment, x: 1 } }],
    ['run', { ...base, run: { ...base.run, x: 1 } }],
    ['summary', { ...base, summary: { ...base.summary, x: 1 } }],
    ['test', { ...base, tests: [{ ...base.tests[0], x: 1 }] }],
    ['check', { ...base, tests: [{ ...base.tests[0], checks: [{ ...base.tests[0].checks[0], x: 1 }] }] }],
  ];
  for (const [where, r] of withExtra) t.match(reportSchemaErrors(r).join('; '), /unknown field x/, where);
  t.match(reportSchemaErrors({ ...base, suite: { ...base.suite, catalogueDigest: 'abc' } }).join(), /catalogueDigest/);
});
