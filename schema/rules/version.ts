// config.json's ociVersion.
import { isSemVer } from '../versions.js';
import { str, type Rule } from './rule.js';
import { NONE, q } from './helpers.js';

export const rules: Rule[] = [
  {
    id: 'config.version.semver',
    kind: 'config',
    level: 'MUST',
    ref: { file: 'config.md', anchor: 'configSpecificationVersion' },
    summary: 'ociVersion is a SemVer 2.0.0 version string.',
    check(value) {
      const v = str(value, 'ociVersion');
      if (v === undefined || isSemVer(v)) return NONE;
      return [{ pointer: '/ociVersion', message: `ociVersion ${q(v)} is not a SemVer 2.0.0 version (e.g. "1.2.0", "1.3.0+dev")` }];
    },
  },
];
