// Shared fixtures for the prose-rule tests: base documents per kind, a fake SourceDocument, and
// helpers to run one rule or a whole rule set. Imported by the *.test.ts files next to it; when tap
// runs this file by itself it checks its own base documents instead of reporting "no tests".
import { pathToFileURL } from 'node:url';
import type { DocumentKind, SourceDocument } from '../../../schema/document.js';
import { SPEC_VERSIONS, compareVersions, versionInRange, type SpecVersion } from '../../../schema/versions.js';
import type { Finding, Rule } from '../../../schema/rules/rule.js';
import { rulesFor } from '../../../schema/rules/index.js';

// Test documents are loose JSON; `any` keeps the mutation callbacks short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
/** A document built for one spec version (so ociVersion matches the version it is checked at). */
export type DocFn = (v: SpecVersion) => Json;

export function fakeDoc(value: unknown, bigIntegers: Map<string, bigint> = new Map()): SourceDocument {
  return {
    name: 'test.json',
    format: 'json',
    text: '',
    value,
    bigIntegers,
    duplicates: [],
    positionOf: () => undefined,
  };
}

export function runRule(rule: Rule, value: unknown, version: SpecVersion, bigIntegers?: Map<string, bigint>): Finding[] {
  return rule.check(value, { version, doc: fakeDoc(value, bigIntegers) });
}

export interface RuleFinding extends Finding {
  rule: string;
  level: Rule['level'];
}

/** All findings of every rule that applies to `kind` at `version`. */
export function runAll(kind: DocumentKind, version: SpecVersion, value: unknown, bigIntegers?: Map<string, bigint>): RuleFinding[] {
  const ctx = { version, doc: fakeDoc(value, bigIntegers) };
  const out: RuleFinding[] = [];
  for (const r of rulesFor(kind, version)) {
    for (const f of r.check(value, ctx)) out.push({ ...f, rule: r.id, level: r.level });
  }
  return out;
}

export function versionsOf(rule: Rule): SpecVersion[] {
  return SPEC_VERSIONS.filter((v) => versionInRange(v, rule.since, rule.until));
}

export function previousVersion(v: SpecVersion): SpecVersion | undefined {
  const i = SPEC_VERSIONS.indexOf(v);
  return i > 0 ? SPEC_VERSIONS[i - 1] : undefined;
}

export function atLeast(v: SpecVersion, min: SpecVersion): boolean {
  return compareVersions(v, min) >= 0;
}

// ---- base documents ------------------------------------------------------------------------

/** A small, clean Linux config: every rule is satisfied at every version. */
export function linuxConfig(v: SpecVersion): Json {
  return {
    ociVersion: v,
    root: { path: 'rootfs', readonly: true },
    process: {
      terminal: false,
      user: { uid: 1000, gid: 1000, additionalGids: [5] },
      args: ['/bin/sh', '-c', 'true'],
      env: ['PATH=/usr/bin:/bin'],
      cwd: '/',
      capabilities: { bounding: ['CAP_KILL'], effective: ['CAP_KILL'], permitted: ['CAP_KILL'] },
      rlimits: [{ type: 'RLIMIT_NOFILE', soft: 1024, hard: 4096 }],
      noNewPrivileges: true,
    },
    hostname: 'box',
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/tmp', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'mode=1777'] },
    ],
    hooks: { poststop: [{ path: '/usr/bin/cleanup', timeout: 5 }] },
    annotations: { 'com.example.key': 'value' },
    linux: {
      namespaces: [{ type: 'pid' }, { type: 'network' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }],
      maskedPaths: ['/proc/kcore'],
      readonlyPaths: ['/proc/sys'],
      sysctl: { 'net.ipv4.ip_forward': '1' },
      devices: [{ path: '/dev/fuse', type: 'c', major: 10, minor: 229, fileMode: 438 }],
      resources: { devices: [{ allow: false, access: 'rwm' }], pids: { limit: 100 } },
    },
  };
}

export function windowsConfig(v: SpecVersion): Json {
  return {
    ociVersion: v,
    root: { path: '\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\' },
    process: { cwd: 'C:\\', args: ['cmd.exe'], user: { username: 'ContainerUser' } },
    mounts: [{ destination: 'C:\\data', source: 'C:\\host\\data', options: ['ro'] }],
    windows: { layerFolders: ['C:\\layers\\base'] },
  };
}

export function stateDoc(v: SpecVersion): Json {
  return { ociVersion: v, id: 'c1', status: 'running', pid: 4242, bundle: '/run/bundles/c1', annotations: { 'com.example.k': 'v' } };
}

export function featuresDoc(v: SpecVersion): Json {
  return {
    ociVersionMin: '1.0.0',
    ociVersionMax: v,
    hooks: ['createRuntime', 'poststop'],
    mountOptions: ['ro', 'rw', 'bind'],
    annotations: { 'org.example.runtime.version': '1.0' },
    linux: { namespaces: ['pid', 'mount'], capabilities: ['CAP_KILL'], seccomp: { enabled: true } },
  };
}

/** `base(v)`, copied and changed by `edit`. */
export function from(base: DocFn, edit?: (d: Json, v: SpecVersion) => void): DocFn {
  return (v) => {
    const d = structuredClone(base(v));
    edit?.(d, v);
    return d;
  };
}

export const cfg = (edit?: (d: Json, v: SpecVersion) => void): DocFn => from(linuxConfig, edit);
export const win = (edit?: (d: Json, v: SpecVersion) => void): DocFn => from(windowsConfig, edit);
export const st = (edit?: (d: Json, v: SpecVersion) => void): DocFn => from(stateDoc, edit);
export const feat = (edit?: (d: Json, v: SpecVersion) => void): DocFn => from(featuresDoc, edit);

export const BASES: Record<DocumentKind, DocFn[]> = {
  config: [linuxConfig, windowsConfig],
  state: [stateDoc],
  features: [featuresDoc],
};

// Run as a test file of its own: the base documents are clean at every version.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { default: t } = await import('tap');
  for (const kind of Object.keys(BASES) as DocumentKind[]) {
    for (const base of BASES[kind]) {
      for (const v of SPEC_VERSIONS) {
        t.same(runAll(kind, v, base(v)), [], `${base.name} is clean at ${v}`);
      }
    }
  }
}
