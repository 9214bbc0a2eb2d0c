// The result model of a run: the single source every report rendering is computed from.
// Its shape is versioned (reportVersion) and described by schema/suite/report-1.schema.json.
import type { Level } from '../schema/diagnostics.js';
import type { SpecVersion } from '../schema/versions.js';

export const REPORT_VERSION = 1;

export type TestStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'error';

/**
 * Why a test did not run: the host lacks something (environment), the runtime's features say it
 * does not support it (unsupported), the profile declares it unsupported (declared), or the test
 * does not apply to this isolation kind or spec version (not-applicable).
 */
export type SkipCategory = 'environment' | 'unsupported' | 'declared' | 'not-applicable';

export interface RequirementCitation {
  id: string;
  level: Level;
  url: string;
}

export interface CheckRecord {
  requirement: string;
  level: Level;
  name: string;
  ok: boolean;
  expected?: unknown;
  actual?: unknown;
}

export interface InvocationRecord {
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  timedOut: boolean;
  spawnError?: string;
  stdoutTail: string;
  stderrTail: string;
}

export interface TestResult {
  id: string;
  revision: number;
  title: string;
  area: string;
  requirements: RequirementCitation[];
  status: TestStatus;
  skip?: { category: SkipCategory; reason: string };
  /** For status error: what went wrong in the harness or the runtime's basic operation. */
  error?: string;
  durationMs: number;
  checks: CheckRecord[];
  invocations: InvocationRecord[];
}

export type SpecVersionSource = 'option' | 'features' | 'profile';

export interface Report {
  reportVersion: typeof REPORT_VERSION;
  suite: { name: string; version: string };
  specVersion: SpecVersion;
  specVersionSource: SpecVersionSource;
  specVersionReason: string;
  runtime: {
    profile: string;
    command: string[];
    isolation: 'native' | 'sandbox' | 'vm';
    versionOutput?: string;
    features?: Record<string, unknown>;
    featuresError?: string;
  };
  environment: {
    kernel: string;
    arch: string;
    cgroupMode: 'v1' | 'v2' | 'hybrid' | 'unknown';
    root: boolean;
  };
  run: {
    startedAt: string;
    finishedAt: string;
    jobs: number;
    only: string[];
    skip: string[];
    /** True when filters left out part of the catalogue. */
    partial: boolean;
    interrupted: boolean;
    /** Processes the runtime left behind after all its containers were deleted, killed by the suite. */
    strayProcesses: string[];
  };
  summary: Summary;
  tests: TestResult[];
}

export interface Summary {
  total: number;
  pass: number;
  fail: number;
  warn: number;
  skip: number;
  error: number;
  verdict: 'pass' | 'fail';
}

export function summarize(tests: readonly TestResult[], interrupted = false): Summary {
  const s = { total: tests.length, pass: 0, fail: 0, warn: 0, skip: 0, error: 0 };
  for (const t of tests) s[t.status]++;
  return { ...s, verdict: s.fail === 0 && s.error === 0 && !interrupted ? 'pass' : 'fail' };
}
