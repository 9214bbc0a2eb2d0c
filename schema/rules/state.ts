// The state document (runtime.md "State").
// State carries no platform field, so the Linux-only requirement on pid is applied to every state
// document; a non-Linux runtime's state without pid will be reported by state.pid.required.
import { isSemVer } from '../versions.js';
import { has, isObj, str, type Rule } from './rule.js';
import { emptyAnnotationKeys } from './annotations.js';
import { NONE, isAbsolutePosix, isAbsoluteWindows, q } from './helpers.js';

const STATE = { file: 'runtime.md', anchor: 'runtimeState' };
const STANDARD_STATUSES: ReadonlySet<string> = new Set(['creating', 'created', 'running', 'stopped']);

function liveStatus(value: unknown): string | undefined {
  const s = str(value, 'status');
  return s === 'created' || s === 'running' ? s : undefined;
}

export const rules: Rule[] = [
  {
    id: 'state.version.semver',
    kind: 'state',
    level: 'MUST',
    ref: STATE,
    summary: 'ociVersion names the runtime-spec version the state complies with, which is a SemVer 2.0.0 version.',
    check(value) {
      const v = str(value, 'ociVersion');
      if (v === undefined || isSemVer(v)) return NONE;
      return [{ pointer: '/ociVersion', message: `ociVersion ${q(v)} is not a SemVer 2.0.0 version (e.g. "1.2.0")` }];
    },
  },
  {
    id: 'state.id.non-empty',
    kind: 'state',
    level: 'REQUIRED',
    ref: STATE,
    summary: 'id, the container ID, is not empty.',
    check(value) {
      if (str(value, 'id') !== '') return NONE;
      return [{ pointer: '/id', message: 'id is empty; it must be the container ID' }];
    },
  },
  {
    id: 'state.status.standard-name',
    kind: 'state',
    level: 'SHOULD',
    ref: STATE,
    summary: 'The four standard statuses are spelled exactly creating, created, running, stopped; extra values only name new runtime-defined states.',
    check(value) {
      const s = str(value, 'status');
      if (s === undefined || STANDARD_STATUSES.has(s)) return NONE;
      const lower = s.trim().toLowerCase();
      if (!STANDARD_STATUSES.has(lower)) return NONE;
      return [{ pointer: '/status', message: `status ${q(s)} looks like the standard status ${q(lower)}; standard states must use the exact standard name` }];
    },
  },
  {
    id: 'state.pid.required',
    kind: 'state',
    level: 'REQUIRED',
    ref: STATE,
    summary: 'pid is present when status is created or running (Linux; applied to every state document since state has no platform field).',
    check(value) {
      const s = liveStatus(value);
      if (!s || has(value, 'pid')) return NONE;
      return [{ pointer: '/pid', message: `pid is missing; it is required while status is ${q(s)} (on Linux)` }];
    },
  },
  {
    id: 'state.pid.positive',
    kind: 'state',
    level: 'SHOULD',
    ref: STATE,
    summary: 'While created or running, pid names a real process, so it is above 0.',
    check(value) {
      const s = liveStatus(value);
      if (!s || !isObj(value) || value.pid !== 0) return NONE;
      return [{ pointer: '/pid', message: `pid is 0 while status is ${q(s)}; it should be the container process ID` }];
    },
  },
  {
    id: 'state.bundle.absolute',
    kind: 'state',
    level: 'MUST',
    ref: STATE,
    summary: 'bundle is the absolute path of the container\'s bundle directory.',
    check(value) {
      const b = str(value, 'bundle');
      if (b === undefined || isAbsolutePosix(b) || isAbsoluteWindows(b)) return NONE;
      return [{ pointer: '/bundle', message: `bundle ${q(b)} is not an absolute path` }];
    },
  },
  {
    id: 'state.annotations.key-non-empty',
    kind: 'state',
    level: 'MUST NOT',
    ref: { file: 'config.md', anchor: 'configAnnotations' },
    summary: 'Annotation keys are not empty strings (the config annotation rules carry over to state).',
    check(value) {
      return emptyAnnotationKeys(value, 'annotations');
    },
  },
];
