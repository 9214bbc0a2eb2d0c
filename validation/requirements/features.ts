// The features document (features.md, since 1.1.0): what a runtime's `features` output promises.
import type { Requirement } from './types.js';

const version = { source: 'runtime-spec', file: 'features.md', anchor: 'featuresSpecificationVersion', since: '1.1.0' } as const;

export const FEATURES_REQUIREMENTS: readonly Requirement[] = [
  {
    ...version,
    anchor: 'features',
    id: 'features.document-valid',
    level: 'REQUIRED',
    summary: 'The features document has the required fields with valid values (ociVersionMin, ociVersionMax and the typed optional sections).',
    testability: 'cli',
  },
  {
    ...version,
    id: 'features.no-undefined-properties',
    level: 'MUST NOT',
    summary: 'The features document contains no property that its ociVersionMax does not define.',
    testability: 'cli',
  },
  {
    ...version,
    id: 'features.version-range',
    level: 'MUST NOT',
    summary: 'ociVersionMax is not less than ociVersionMin.',
    testability: 'cli',
  },
  {
    ...version,
    id: 'features.versions-accepted',
    level: 'MUST',
    summary: 'The runtime accepts both ociVersionMin and ociVersionMax as the ociVersion of config.json.',
    testability: 'cli',
  },
  {
    ...version,
    anchor: 'featuresHooks',
    id: 'features.hooks-supported',
    level: 'MUST',
    summary: 'The runtime supports every hook kind its features document lists.',
    testability: 'cli',
    note: 'The hook tests run for every listed kind; a listed kind that fails its tests is reported there.',
  },
];
