// Running the in-container probe: a bundle whose process is the probe script (copied into the
// results directory), create, start, and the parsed facts once the probe has written them.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import type { Config } from '../harness/bundle.js';
import type { CaseContext } from '../harness/case.js';
import { parseProbe, ProbeParseError, type ProbeFacts } from '../probe/parse.js';
import { R } from './programs.js';

const PROBE_SOURCE = packagePath('validation/probe/probe.sh');

/** Extra argument every probe run gets, so argv checks see more than the script path. */
export const PROBE_ARG = 'probe arg with spaces';

export interface ProbeRun {
  facts: ProbeFacts;
  config: Config;
}

/**
 * Run the probe in a container built from the base config changed by `edit`; `paths` are
 * container paths the probe reports on. A runtime that cannot run it ends the case as an error.
 */
export async function runProbe(t: CaseContext, edit: (c: Config) => void, paths: string[] = []): Promise<ProbeRun> {
  const b = t.bundle('', (c) => {
    c.process.args = ['/bin/sh', `${R}/probe.sh`, ...paths];
    edit(c);
  });
  copyFileSync(PROBE_SOURCE, join(b.results, 'probe.sh'));
  const id = t.newId();
  await t.mustCreate(id, b);
  await t.mustStart(id);
  const text = await t.waitForFile(join(b.results, 'probe.out'));
  if (text === undefined) return t.error('the probe wrote no output within the deadline');
  try {
    return { facts: parseProbe(text), config: JSON.parse(readFileSync(b.configPath, 'utf8')) };
  } catch (e) {
    if (e instanceof ProbeParseError) return t.error(`unusable probe output: ${e.message}`);
    throw e;
  }
}
