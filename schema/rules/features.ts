// The features document (features.md, features-linux.md), from 1.1.0.
import { LATEST_SPEC_VERSION, compareSemVer, compareVersions, isSpecVersion, parseSemVer, type SemVer, type SpecVersion } from '../versions.js';
import { arr, has, obj, str, type Rule, type RuleContext } from './rule.js';
import { emptyAnnotationKeys } from './annotations.js';
import { NONE, eachItem, ptr, q } from './helpers.js';

const VERSION = { file: 'features.md', anchor: 'featuresSpecificationVersion' };
const LATEST = parseSemVer(LATEST_SPEC_VERSION) as SemVer;

/** Features members added after features.md first appeared (1.1.0), with the release that defined them. */
const LATER_MEMBERS: readonly (readonly [path: readonly string[], since: SpecVersion])[] = [
  [['potentiallyUnsafeConfigAnnotations'], '1.2.0'],
  [['linux', 'mountExtensions'], '1.2.0'],
  [['linux', 'memoryPolicy'], '1.3.0'],
  [['linux', 'netDevices'], '1.3.0'],
  [['linux', 'intelRdt', 'schemata'], '1.3.0'],
  [['linux', 'intelRdt', 'monitoring'], '1.3.0'],
];

/**
 * The release whose definitions bound the document: its ociVersionMax, pre-release and build
 * suffixes dropped ("1.2.0-rc.1" counts as 1.2.0, as resolveSpecVersion does), or the validated
 * version when ociVersionMax is unusable. Versions beyond the newest we know bound nothing we check.
 */
function declaredMax(value: unknown, ctx: RuleContext): SpecVersion | 'newer' {
  const sv = parseSemVer(str(value, 'ociVersionMax') ?? '');
  if (!sv) return ctx.version;
  const core = `${sv.major}.${sv.minor}.${sv.patch}`;
  if (isSpecVersion(core)) return core;
  return compareSemVer({ ...sv, prerelease: [], build: [] }, LATEST) > 0 ? 'newer' : ctx.version;
}

function member(value: unknown, path: readonly string[]): boolean {
  let o: unknown = value;
  for (let i = 0; i < path.length - 1; i++) o = obj(o, path[i]);
  return has(o, path[path.length - 1]);
}

export const rules: Rule[] = [
  {
    id: 'features.version.semver',
    kind: 'features',
    level: 'MUST',
    ref: VERSION,
    since: '1.1.0',
    summary: 'ociVersionMin and ociVersionMax are SemVer 2.0.0 versions, as config.json ociVersion values must be.',
    check(value) {
      return eachItem(['ociVersionMin', 'ociVersionMax'] as const, (k) => {
        const v = str(value, k);
        if (v === undefined || parseSemVer(v)) return undefined;
        return { pointer: `/${k}`, message: `${k} ${q(v)} is not a SemVer 2.0.0 version; the runtime must accept it as a config ociVersion` };
      });
    },
  },
  {
    id: 'features.version.min-not-above-max',
    kind: 'features',
    level: 'MUST NOT',
    ref: VERSION,
    since: '1.1.0',
    summary: 'ociVersionMax is not less than ociVersionMin.',
    check(value) {
      const min = parseSemVer(str(value, 'ociVersionMin') ?? '');
      const max = parseSemVer(str(value, 'ociVersionMax') ?? '');
      if (!min || !max || compareSemVer(max, min) >= 0) return NONE;
      return [{ pointer: '/ociVersionMax', message: `ociVersionMax ${q(str(value, 'ociVersionMax'))} is less than ociVersionMin ${q(str(value, 'ociVersionMin'))}` }];
    },
  },
  {
    id: 'features.version.undefined-property',
    kind: 'features',
    level: 'MUST NOT',
    ref: VERSION,
    since: '1.1.0',
    summary: 'The document has no members that its ociVersionMax does not define (e.g. linux.netDevices before 1.3.0).',
    check(value, ctx) {
      const max = declaredMax(value, ctx);
      if (max === 'newer') return NONE;
      return eachItem(LATER_MEMBERS, ([path, since]) =>
        compareVersions(max, since) >= 0 || !member(value, path)
          ? undefined
          : { pointer: ptr(...path), message: `${path.join('.')} is defined from ${since} on, but ociVersionMax is ${q(str(value, 'ociVersionMax') ?? max)}` },
      );
    },
  },
  {
    id: 'features.annotations.key-non-empty',
    kind: 'features',
    level: 'MUST NOT',
    ref: { file: 'features.md', anchor: 'featuresAnnotations' },
    since: '1.1.0',
    summary: 'Annotation keys are not empty strings (features annotations follow the config.json annotation conventions).',
    check(value) {
      return emptyAnnotationKeys(value, 'annotations');
    },
  },
  {
    id: 'features.mount-options.no-data-options',
    kind: 'features',
    level: 'SHOULD NOT',
    ref: { file: 'features.md', anchor: 'featuresMountOptions' },
    since: '1.1.0',
    summary: 'mountOptions lists option names, not filesystem-specific data options such as "mode=755".',
    check(value) {
      return eachItem(arr(value, 'mountOptions'), (o, i) =>
        typeof o !== 'string' || !o.includes('=')
          ? undefined
          : { pointer: ptr('mountOptions', i), message: `mountOptions[${i}] ${q(o)} is a filesystem-specific data option; list recognised option names only` },
      );
    },
  },
];
