// Config-application cases as data, and the container runs that answer them. A probe case says
// which config fields it sets, how, and what it asks the in-container probe; it then judges the
// facts. Cases whose fields do not overlap share one container run (one probe answers them all);
// when a shared run fails, it is split until every failure belongs to one case's own fields.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../../schema/package-root.js';
import { parseProbe, ProbeParseError, type ProbeFacts } from '../probe/parse.js';
import type { Config } from './bundle.js';
import { CaseContext, CaseStop, describe, type TestCase } from './case.js';
import type { Invocation } from './invoke.js';
import { RESULTS_MOUNT } from './rootfs.js';

const PROBE_SOURCE = packagePath('validation/probe/probe.sh');

/** The probe's argv in every probe container: the script, run by the rootfs's shell. */
export const PROBE_ARGS = ['/bin/sh', `${RESULTS_MOUNT}/probe.sh`];

export interface ProbeSpec {
  /**
   * JSON pointers of the config fields this case sets, and of fields whose value would change
   * what it observes (the user case lists /process/capabilities: a non-root exec clears them).
   * Two cases share a container only when no pointer of one equals or contains one of the other.
   */
  fields: string[];
  /**
   * JSON pointers of config entries this case adds with the same value as every other case that
   * lists them here (the read-only cgroup mount of the cgroup cases): such cases may share a
   * container with each other, never with a case that lists an overlapping pointer in `fields`.
   * The edit must add the entry only when it is not there yet.
   */
  shared?: string[];
  /**
   * Needs a container of its own: the case changes something every other case's probe depends
   * on (a seccomp filter, a tiny pids limit). Prefer precise fields where they suffice.
   */
  alone?: boolean;
  /**
   * Change the base config; touch only the fields listed above. `host` names the run's bundle
   * directory, where a case may create what its config points at (bind mount sources), and the
   * ID of the container the config is for (a case naming a host resource after it, such as a
   * cgroupsPath, lets the suite find what a runtime leaves behind); each container run (a split
   * run too) gets its own. The run's files belong to the case that started it and may be gone
   * when another member verifies: judge from the facts only.
   */
  edit(c: Config, host: ProbeHost): void;
  /** Container paths the probe reports on (existence, kind, content size, writability). */
  paths?: string[];
  /** One-line shell commands the probe runs, by name; answers arrive in facts.answers[name]. */
  asks?: Record<string, string>;
  /** Judge the facts; `config` is the config the container actually ran with (merged). */
  verify(t: CaseContext, facts: ProbeFacts, config: Config): void | Promise<void>;
}

/** Host paths of one container run. */
export interface ProbeHost {
  /** The bundle directory: config.json, and anything a case's edit created there. */
  bundle: string;
  /** The results directory, mounted at RESULTS_MOUNT in the container. */
  results: string;
  /** The ID of the container this config is for. */
  id: string;
}

export interface ProbeCase extends TestCase {
  probe: ProbeSpec;
}

export function isProbeCase(c: TestCase): c is ProbeCase {
  return (c as Partial<ProbeCase>).probe !== undefined;
}

/** A probe case: its metadata plus its spec; running it means asking the run's scheduler. */
export function probeCase(def: Omit<ProbeCase, 'run'>): ProbeCase {
  const c: ProbeCase = {
    ...def,
    async run(t) {
      // Without a run's scheduler (a case run on its own), the case is a group of one.
      const scheduler = t.env.probes ?? new ProbeScheduler([[c]]);
      const answer = await scheduler.answer(t);
      await def.probe.verify(t, answer.facts, answer.config);
    },
  };
  return c;
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** Whether two cases may share a container: none of their fields overlap. */
export function compatible(a: ProbeSpec, b: ProbeSpec): boolean {
  if (a.alone || b.alone) return false;
  const own = (x: ProbeSpec) => x.fields;
  const all = (x: ProbeSpec) => [...x.fields, ...(x.shared ?? [])];
  // Two shared pointers never conflict (the same entry, added once); anything else that overlaps does.
  return !own(a).some((f) => all(b).some((g) => overlaps(f, g))) && !own(b).some((f) => all(a).some((g) => overlaps(f, g)));
}

/** Groups of cases that share a container: first fit, in catalogue order, so plans are stable. */
export function planGroups(cases: readonly ProbeCase[]): ProbeCase[][] {
  const groups: ProbeCase[][] = [];
  for (const c of cases) {
    const home = groups.find((g) => g.every((m) => compatible(m.probe, c.probe)));
    if (home) home.push(c);
    else groups.push([c]);
  }
  return groups;
}

/** What one case gets from the container run that answered it. */
export interface ProbeAnswer {
  facts: ProbeFacts;
  config: Config;
  invocations: Invocation[];
  /** The other cases answered by the same container run. */
  sharedWith: string[];
}

type Outcome = { ok: true; answer: ProbeAnswer } | { ok: false; message: string; invocations: Invocation[]; refused?: Invocation };

/** The runtime refused to create the container (create exited non-zero): the failed call. */
export class CreateRefused extends CaseStop {
  constructor(
    message: string,
    readonly invocation: Invocation,
  ) {
    super('error', message);
  }
}

/** The facts as one case sees them: only its own answers, under its own names. */
export function viewFor(c: ProbeCase, facts: ProbeFacts): ProbeFacts {
  const answers: ProbeFacts['answers'] = {};
  for (const name of Object.keys(c.probe.asks ?? {})) {
    const a = facts.answers[`${c.id}/${name}`];
    if (a) answers[name] = a;
  }
  return { ...facts, answers };
}

const SCRATCH_CASE: TestCase = { id: 'probe.run', revision: 1, title: 'probe container run', area: 'probe', requirements: [], run: async () => {} };

/**
 * Answers probe cases from shared container runs. One scheduler serves one pass over the
 * catalogue (a repeated run gets a fresh one); the first member of a group to ask runs the
 * group's container in its own case directory, and the others wait for the same answer.
 */
export class ProbeScheduler {
  private readonly groupOf = new Map<string, ProbeCase[]>();
  private readonly pending = new Map<ProbeCase[], Promise<Map<string, Outcome>>>();
  /** Container runs started so far, split runs included. */
  containerRuns = 0;

  constructor(groups: ProbeCase[][]) {
    for (const g of groups) for (const c of g) this.groupOf.set(c.id, g);
  }

  async answer(t: CaseContext): Promise<ProbeAnswer> {
    const c = t.testCase as ProbeCase;
    const group = this.groupOf.get(c.id) ?? [c];
    let run = this.pending.get(group);
    if (!run) {
      run = this.resolve(t, group);
      this.pending.set(group, run);
    }
    const outcome = (await run).get(c.id)!;
    t.invocations.push(...(outcome.ok ? outcome.answer.invocations : outcome.invocations));
    if (!outcome.ok) throw outcome.refused ? new CreateRefused(outcome.message, outcome.refused) : new CaseStop('error', outcome.message);
    t.sharedWith = outcome.answer.sharedWith;
    return outcome.answer;
  }

  /** Run the members together; on failure split in halves until each failure has one owner. */
  private async resolve(t: CaseContext, members: ProbeCase[]): Promise<Map<string, Outcome>> {
    const r = await this.runContainer(t, members);
    if (r.ok || members.length === 1) {
      return new Map(
        members.map((m) => [
          m.id,
          r.ok
            ? { ok: true, answer: { ...r.answer, facts: viewFor(m, r.answer.facts), sharedWith: members.filter((o) => o !== m).map((o) => o.id) } }
            : r,
        ]),
      );
    }
    const half = Math.ceil(members.length / 2);
    const [a, b] = [await this.resolve(t, members.slice(0, half)), await this.resolve(t, members.slice(half))];
    return new Map([...a, ...b]);
  }

  private async runContainer(t: CaseContext, members: ProbeCase[]): Promise<Outcome> {
    const n = ++this.containerRuns;
    // A context of its own keeps this run's calls apart as evidence; its containers are handed
    // to the asking case, whose end destroys them like any other.
    const scratch = new CaseContext(SCRATCH_CASE, { ...t.env, idPrefix: `${t.env.idPrefix}p${n}` }, join(t.dir, `probe-${n}`));
    const fail = (message: string, refused?: Invocation): Outcome => ({ ok: false, message, invocations: scratch.invocations, ...(refused ? { refused } : {}) });
    try {
      const id = scratch.newId();
      const b = scratch.bundle('', (c, results, bundle) => {
        c.process.args = [...PROBE_ARGS];
        for (const m of members) m.probe.edit(c, { bundle, results, id });
      });
      copyFileSync(PROBE_SOURCE, join(b.results, 'probe.sh'));
      const questions = members.flatMap((m) => [
        ...(m.probe.paths ?? []).map((p) => `path\t${p}`),
        ...Object.entries(m.probe.asks ?? {}).map(([name, cmd]) => `ask\t${m.id}/${name}\t${cmd}`),
      ]);
      writeFileSync(join(b.results, 'probe.in'), questions.length ? `${questions.join('\n')}\n` : '');
      const created = await scratch.create(id, b);
      if (created.exitCode !== 0) return fail(`create of a valid bundle failed (${describe(created)})`, created);
      const started = await scratch.start(id);
      if (started.exitCode !== 0) return fail(`start of a created container failed (${describe(started)})`);
      const text = await scratch.waitForFile(join(b.results, 'probe.out'));
      if (text === undefined) return fail('the probe wrote no output within the deadline');
      try {
        const facts = parseProbe(text);
        return { ok: true, answer: { facts, config: JSON.parse(readFileSync(b.configPath, 'utf8')), invocations: scratch.invocations, sharedWith: [] } };
      } catch (e) {
        if (e instanceof ProbeParseError) return fail(`unusable probe output: ${e.message}`);
        throw e;
      }
    } catch (e) {
      if (e instanceof CaseStop) return fail(e.message);
      throw e;
    } finally {
      for (const id of scratch.containers) t.containers.add(id);
    }
  }
}

/**
 * One container run for a case of its own, outside the shared plan: for a plain case that must
 * prepare something on the host first (a namespace to join) or that accepts a refusal as an
 * answer. Throws CreateRefused when the runtime refuses the config.
 */
export function probeAlone(t: CaseContext, probe: ProbeSpec): Promise<ProbeAnswer> {
  const self: ProbeCase = { ...t.testCase, probe };
  return new ProbeScheduler([[self]]).answer(t);
}
