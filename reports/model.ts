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
  /**
   * Set when the run repeated each case (`run --repeat N`): how often each status was seen. The
   * test's status is the worst of them, and its checks and invocations are those of that run.
   */
  repeat?: RepeatRecord;
  /**
   * All-versions runs: this result was measured at that earlier spec version, where the test's
   * expectations are the same, and was not run again at this one.
   */
  reusedFrom?: string;
  /** Probe cases: the other tests whose checks came from the same container run as this one's. */
  sharedRun?: { with: string[] };
}

export interface RepeatRecord {
  runs: number;
  statuses: Partial<Record<TestStatus, number>>;
  /** The status differed between runs. */
  flaky: boolean;
}

/** Worst first: a repeated test's status is the first of these seen in any of its runs. */
export const STATUS_SEVERITY: readonly TestStatus[] = ['error', 'fail', 'warn', 'skip', 'pass'];

export type SpecVersionSource = 'option' | 'features' | 'profile';

/** The product a vendor certifies (PRODUCT.yaml, validated by schema/suite/product-1.schema.json). */
export interface Product {
  vendor: string;
  name: string;
  version: string;
  website_url: string;
  repo_url?: string;
  documentation_url: string;
  product_logo_url?: string;
  type: 'runtime' | 'distribution' | 'hosted platform' | 'installer';
  description: string;
  contact_email_address: string;
}

/** The executable that was hashed to identify the runtime under test. */
export interface RuntimeBinary {
  /** The command element as the profile gives it, e.g. "crun". */
  element: string;
  /** Its index in runtime.command (a wrapper such as `unshare … crun` hashes its last executable element). */
  commandIndex: number;
  /** Where it was found (PATH lookup), and that path with symlinks resolved. */
  path: string;
  realPath: string;
  sha256: string;
  size: number;
}

/** One shard of a sharded run (1-based index of count). */
export interface ShardRef {
  index: number;
  count: number;
}

/** What a merged report keeps of each shard it was joined from. */
export interface ShardRecord extends ShardRef {
  startedAt: string;
  finishedAt: string;
  jobs: number;
  suiteVersion: string;
  catalogueDigest: string;
  runtimeSha256: string | null;
  environmentClass: string;
  /** The IDs the shard ran, in order. */
  tests: string[];
}

export interface Report {
  reportVersion: typeof REPORT_VERSION;
  suite: {
    name: string;
    version: string;
    /** sha256 of the test catalogue's IDs, revisions, requirements and version ranges (reports/provenance.ts). */
    catalogueDigest: string;
    /** The suite's git commit and whether its work tree had changes, when it runs from a checkout. */
    commit?: string;
    treeDirty?: boolean;
  };
  product?: Product;
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
    /** The hashed executable; absent (with binaryError) when none of the command resolved. */
    binary?: RuntimeBinary;
    binaryError?: string;
    /** The effective profile the run used (declarations, timeouts, isolation), for review and reproduction. */
    profileDefinition: Record<string, unknown>;
  };
  environment: {
    kernel: string;
    arch: string;
    cgroupMode: 'v1' | 'v2' | 'hybrid' | 'unknown';
    root: boolean;
    /** PRETTY_NAME from /etc/os-release, when readable. */
    distro?: string;
    /** Active Linux security modules (/sys/kernel/security/lsm); absent when securityfs is not readable. */
    lsms?: string[];
    /** Not uid 0, or uid 0 inside a user namespace that does not map the whole host uid range. */
    rootless: boolean;
    isolation: 'native' | 'sandbox' | 'vm';
    /** Verbatim host files and command output the fields above were read from, by name. */
    captures: Record<string, string>;
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
    /** Processes and cgroups the runtime left behind after its containers were deleted, removed by the suite. */
    strayProcesses: string[];
    /** Empty cgroup directories the runtime left behind after deleting its containers, removed by the suite. */
    leftCgroups?: string[];
    /** Seconds: the limit of one case, and the deadline of each runtime operation. */
    timeouts: { case: number; operations: Record<string, number> };
    /**
     * Probe (config-application) cases: whether they shared container runs, how many applied,
     * and how many containers answered them (split runs after a failed shared create included).
     */
    probeRuns?: { merged: boolean; cases: number; containerRuns: number };
    /** Run with --certify: no filters, every output written. */
    certification: boolean;
    /** The arguments given to `oci-conformance run`, for reproduction. */
    argv?: string[];
    /** This report is one shard of a sharded run. */
    shard?: ShardRef;
    /** This report was merged from these shards (`report merge`). */
    shards?: ShardRecord[];
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
