// An opt-in trace of what a run does, for test/bench/run-bench.ts: with OCI_CONFORMANCE_TRACE
// set to a file, every process the harness spawns, every bundle config at create, every signal
// file the host writes for a container program and every wait for a file a container writes is
// recorded, with times
// (ms since the process started), and written to that file as JSON lines when the process
// exits. The bench replays the recorded runtime calls bare with the same host writes and waits
// in between, and splits the suite's wall time into calls, waits and the rest. Without the
// variable this costs one boolean test per event; nothing in report.json depends on it.
import { writeFileSync } from 'node:fs';

export type TraceEvent =
  /** A command the harness ran (runtime calls, recorded or not, and anything else). */
  | { kind: 'call'; argv: string[]; t: number; ms: number }
  /**
   * A bundle's config.json as it was when create was called (a case may edit it afterwards), and
   * what its results directory (mounted at RESULTS_MOUNT) held then: files the host put there.
   */
  | { kind: 'bundle'; configPath: string; text: string; results?: { dir: string; entries: string[] }; t: number }
  /** The host wrote a file a container program waits for (results/go). */
  | { kind: 'write'; path: string; t: number }
  /** The host waited for a file a container program or hook writes. */
  | { kind: 'wait'; path: string; found: boolean; t: number; ms: number }
  /** A point in the CLI's run (imports done, cases done, outputs written). */
  | { kind: 'mark'; name: string; t: number };

const file = process.env.OCI_CONFORMANCE_TRACE;
const events: TraceEvent[] = [];

/** True when a trace is being taken; callers may skip building an event otherwise. */
export const tracing = file !== undefined && file !== '';

type Untimed<E> = E extends TraceEvent ? Omit<E, 't'> & { t?: number } : never;

export function trace(e: Untimed<TraceEvent>): void {
  if (tracing) events.push({ t: round(performance.now()), ...e } as TraceEvent);
}

export function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

if (tracing) {
  process.on('exit', () => {
    try {
      writeFileSync(file!, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    } catch {
      // A trace is a measurement aid; failing to write it must not change the run's outcome.
    }
  });
}
