// The features document (features.md, 1.1.0+): valid for its own ociVersionMax, min <= max,
// and a config declaring either bound is accepted.
import type { TestCase } from '../harness/case.js';
import { compareSemVer, parseSemVer, resolveSpecVersion } from '../../schema/versions.js';
import { RUN_MARKER_THEN_WAIT } from './programs.js';

export const cases: TestCase[] = [
  {
    id: 'features.document',
    revision: 1,
    title: 'features prints a valid document whose ociVersionMin and ociVersionMax are both accepted',
    area: 'features',
    requirements: ['features.document-valid', 'features.no-undefined-properties', 'features.version-range', 'features.versions-accepted'],
    since: '1.1.0',
    needs: ['features'],
    async run(t) {
      const doc = t.env.features!;
      const max = typeof doc.ociVersionMax === 'string' ? resolveSpecVersion(doc.ociVersionMax) : undefined;
      if (!max?.ok) {
        t.check('features.document-valid', 'ociVersionMax names a supported version', false, { actual: doc.ociVersionMax });
        return;
      }
      if (max.version === '1.0.0' || max.version === '1.0.1' || max.version === '1.0.2') {
        t.skip('not-applicable', `features ociVersionMax ${doc.ociVersionMax} predates the features document (1.1.0); there is no schema to check it against`);
      }
      const { validateDocument } = await import('../../schema/validator.js');
      const { readDocument } = await import('../../schema/document.js');
      const r = validateDocument(readDocument('features', Buffer.from(JSON.stringify(doc))), { kind: 'features', specVersion: max.version });
      const undefinedProps = r.errors.filter((e) => e.rule === 'features.unknown-property' || e.rule === 'features.version.undefined-property');
      const otherErrors = r.errors.filter((e) => !undefinedProps.includes(e));
      t.check('features.document-valid', `valid against the ${max.version} features schema and rules`, otherErrors.length === 0, { actual: otherErrors.map((e) => `${e.pointer}: ${e.message}`) });
      t.check('features.no-undefined-properties', `no property that ${max.version} does not define`, undefinedProps.length === 0, { actual: undefinedProps.map((e) => e.pointer) });
      const lo = parseSemVer(String(doc.ociVersionMin));
      const hi = parseSemVer(String(doc.ociVersionMax));
      t.check('features.version-range', 'ociVersionMin <= ociVersionMax', !!lo && !!hi && compareSemVer(lo, hi) <= 0, { actual: { min: doc.ociVersionMin, max: doc.ociVersionMax } });
      for (const v of [doc.ociVersionMin, doc.ociVersionMax]) {
        const b = t.bundle(RUN_MARKER_THEN_WAIT, (c) => (c.ociVersion = v));
        const id = t.newId();
        const inv = await t.create(id, b);
        t.check('features.versions-accepted', `a config with ociVersion ${v} is accepted`, inv.exitCode === 0, { actual: inv.exitCode });
      }
    },
  },
];
