// The process object (config.md "Process", "POSIX process", "Linux Process", "User").
import { compareVersions } from '../versions.js';
import { arr, has, isObj, obj, type Finding, type Rule, type RuleContext } from './rule.js';
import { CAPABILITY_SETS, LINUX_CAPABILITIES } from './data/capabilities.js';
import { LINUX_RLIMITS } from './data/rlimits.js';
import { NONE, configPlatform, duplicates, eachItem, eachListItem, exactInt, greater, isAbsoluteWindows, isAbsolutePosix, isLinux, isPosix, ptr, q } from './helpers.js';

const PROCESS = { file: 'config.md', anchor: 'configProcess' };
const POSIX_PROCESS = { file: 'config.md', anchor: 'configPOSIXProcess' };
const LINUX_PROCESS = { file: 'config.md', anchor: 'configLinuxProcess' };
const POSIX_USER = { file: 'config.md', anchor: 'configPOSIXUser' };

function unknownCapabilities(value: unknown, verb: string): Finding[] {
  const caps = obj(obj(value, 'process'), 'capabilities');
  if (!caps || !isLinux(value)) return NONE;
  return eachListItem(caps, CAPABILITY_SETS, (set, name, i) =>
    typeof name !== 'string' || LINUX_CAPABILITIES.has(name)
      ? undefined
      : {
          pointer: ptr('process', 'capabilities', set, i),
          message: `process.capabilities.${set} entry ${q(name)} is not a capability known to capabilities(7); ${verb}`,
        },
  );
}

function softAboveHard(ctx: RuleContext, index: number, e: Record<string, unknown>): boolean {
  const soft = exactInt(ctx, e.soft, () => ptr('process', 'rlimits', index, 'soft'));
  const hard = exactInt(ctx, e.hard, () => ptr('process', 'rlimits', index, 'hard'));
  return soft !== undefined && hard !== undefined && greater(soft, hard);
}

/** The first scheduler member that sched_setattr(2) would refuse for the policy, and why. */
function schedulerProblem(s: Record<string, unknown>): [member: string, why: string] | undefined {
  const realtime = s.policy === 'SCHED_FIFO' || s.policy === 'SCHED_RR';
  const priority = s.priority === undefined ? 0 : s.priority;
  if (typeof priority === 'number') {
    if (realtime && (priority < 1 || priority > 99)) return ['priority', `is ${q(priority)} but ${s.policy} needs a priority of 1 to 99`];
    if (!realtime && priority !== 0) return ['priority', `is ${q(priority)} but only SCHED_FIFO and SCHED_RR take a non-zero priority`];
  }
  if (typeof s.nice === 'number' && (s.nice < -20 || s.nice > 19)) return ['nice', `${q(s.nice)} is outside -20..19`];
  if (s.policy === 'SCHED_DEADLINE') {
    const { runtime, deadline, period } = s;
    if (typeof deadline === 'number' && deadline <= 0) return ['deadline', 'is 0 but SCHED_DEADLINE needs a deadline'];
    if (typeof runtime === 'number' && typeof deadline === 'number' && runtime > deadline) return ['runtime', `${q(runtime)} is larger than deadline ${q(deadline)}`];
    if (typeof deadline === 'number' && typeof period === 'number' && period !== 0 && deadline > period) return ['deadline', `${q(deadline)} is larger than period ${q(period)}`];
  }
  return undefined;
}

export const rules: Rule[] = [
  {
    id: 'config.process.required-for-start',
    kind: 'config',
    level: 'SHOULD',
    ref: PROCESS,
    summary: 'process is present; it is optional for create but REQUIRED when start is called.',
    check(value) {
      if (!isObj(value) || has(value, 'process')) return NONE;
      return [{ pointer: '/process', message: 'process is missing; the container can be created but start will fail without it' }];
    },
  },
  {
    id: 'config.process.cwd-absolute',
    kind: 'config',
    level: 'MUST',
    ref: PROCESS,
    summary: 'process.cwd is an absolute path.',
    check(value) {
      const cwd = obj(value, 'process')?.cwd;
      if (typeof cwd !== 'string') return NONE;
      const windows = configPlatform(value) === 'windows';
      if (windows ? isAbsoluteWindows(cwd) : isAbsolutePosix(cwd)) return NONE;
      return [{ pointer: '/process/cwd', message: `process.cwd ${q(cwd)} is not an absolute path` }];
    },
  },
  {
    id: 'config.process.args-required',
    kind: 'config',
    level: 'REQUIRED',
    ref: PROCESS,
    summary: 'On non-Windows platforms process.args has at least one entry (used like execvp\'s file).',
    check(value, ctx) {
      const proc = obj(value, 'process');
      if (!proc || !isPosix(value)) return NONE;
      const args = proc.args;
      if (Array.isArray(args)) {
        if (args.length > 0) return NONE;
        return [{ pointer: '/process/args', message: 'process.args is empty; at least one entry (the program to run) is required' }];
      }
      // Before 1.0.2 the schema itself requires args, and reports its absence.
      if (args === undefined && compareVersions(ctx.version, '1.0.2') >= 0) {
        return [{ pointer: '/process/args', message: 'process.args is missing; at least one entry (the program to run) is required' }];
      }
      return NONE;
    },
  },
  {
    id: 'config.process.command-line-required',
    kind: 'config',
    level: 'REQUIRED',
    ref: PROCESS,
    since: '1.0.2',
    summary: 'On Windows, process.commandLine is required when process.args is omitted.',
    check(value) {
      const proc = obj(value, 'process');
      if (!proc || configPlatform(value) !== 'windows') return NONE;
      const args = proc.args;
      if (Array.isArray(args) && args.length > 0) return NONE;
      if (args !== undefined && !Array.isArray(args)) return NONE;
      if (typeof proc.commandLine === 'string' && proc.commandLine !== '') return NONE;
      return [{ pointer: '/process/commandLine', message: 'process has neither args nor commandLine; on Windows commandLine is required when args is omitted' }];
    },
  },
  {
    id: 'config.process.user-ids-required',
    kind: 'config',
    level: 'REQUIRED',
    ref: POSIX_USER,
    summary: 'On POSIX platforms process.user has uid and gid.',
    check(value) {
      const proc = obj(value, 'process');
      if (!proc || !isPosix(value)) return NONE;
      if (!has(proc, 'user')) {
        return [{ pointer: '/process/user', message: 'process.user is missing; POSIX platforms require user.uid and user.gid' }];
      }
      const user = obj(proc, 'user');
      if (!user) return NONE;
      return eachItem(['uid', 'gid'] as const, (k) =>
        has(user, k) ? undefined : { pointer: ptr('process', 'user', k), message: `process.user.${k} is missing; it is required on POSIX platforms` },
      );
    },
  },
  {
    id: 'config.process.console-size-without-terminal',
    kind: 'config',
    level: 'SHOULD NOT',
    ref: PROCESS,
    summary: 'process.consoleSize is only set together with terminal: true; runtimes ignore it otherwise.',
    check(value) {
      const proc = obj(value, 'process');
      if (!proc || !has(proc, 'consoleSize') || proc.terminal === true) return NONE;
      return [{ pointer: '/process/consoleSize', message: 'process.consoleSize is set but process.terminal is not true; runtimes ignore it' }];
    },
  },
  {
    id: 'config.process.rlimits-unique',
    kind: 'config',
    level: 'MUST',
    ref: POSIX_PROCESS,
    summary: 'process.rlimits has at most one entry per type.',
    check(value) {
      const dups = duplicates(arr(obj(value, 'process'), 'rlimits'), 'type');
      if (!dups || !isPosix(value)) return NONE;
      return dups.map(([i, first, type]) => ({ pointer: ptr('process', 'rlimits', i, 'type'), message: `process.rlimits type ${q(type)} is repeated (first at index ${first}); runtimes must reject duplicates` }));
    },
  },
  {
    id: 'config.process.rlimits-known',
    kind: 'config',
    level: 'MUST',
    ref: POSIX_PROCESS,
    summary: 'On Linux, each process.rlimits type is a resource getrlimit(2) knows; runtimes reject others.',
    check(value) {
      const list = arr(obj(value, 'process'), 'rlimits');
      if (!list || !isLinux(value)) return NONE;
      return eachItem(list, (e, i) => {
        const t = isObj(e) ? e.type : undefined;
        if (typeof t !== 'string' || LINUX_RLIMITS.has(t)) return undefined;
        return { pointer: ptr('process', 'rlimits', i, 'type'), message: `process.rlimits type ${q(t)} is not a Linux resource limit (RLIMIT_NOFILE, RLIMIT_NPROC, ...)` };
      });
    },
  },
  {
    id: 'config.process.rlimits-soft-within-hard',
    kind: 'config',
    level: 'SHOULD',
    ref: POSIX_PROCESS,
    summary: 'A process.rlimits soft value does not exceed its hard value (setrlimit rejects it, so the limit cannot be applied).',
    check(value, ctx) {
      const list = arr(obj(value, 'process'), 'rlimits');
      if (!list || !isPosix(value)) return NONE;
      return eachItem(list, (e, i) =>
        !isObj(e) || !softAboveHard(ctx, i, e)
          ? undefined
          : { pointer: ptr('process', 'rlimits', i, 'soft'), message: `process.rlimits ${q(e.type)} soft ${q(e.soft)} is above hard ${q(e.hard)}; setrlimit(2) cannot apply it` },
      );
    },
  },
  {
    id: 'config.process.capability-unknown-error',
    kind: 'config',
    level: 'MUST',
    ref: LINUX_PROCESS,
    until: '1.1.0',
    summary: 'Capability names are valid capabilities(7) names; before 1.1.0 an unmappable one MUST make the runtime fail.',
    check(value) {
      return unknownCapabilities(value, 'runtimes must fail on it');
    },
  },
  {
    id: 'config.process.capability-unknown-warning',
    kind: 'config',
    level: 'SHOULD',
    ref: LINUX_PROCESS,
    since: '1.1.0',
    summary: 'Capability names are valid capabilities(7) names; from 1.1.0 an unmappable one is logged as a warning and skipped.',
    check(value) {
      return unknownCapabilities(value, 'runtimes log a warning and do not grant it');
    },
  },
  {
    id: 'config.process.io-priority-required',
    kind: 'config',
    level: 'REQUIRED',
    ref: LINUX_PROCESS,
    since: '1.1.0',
    summary: 'process.ioPriority has a priority.',
    check(value) {
      const io = obj(obj(value, 'process'), 'ioPriority');
      if (!io || has(io, 'priority') || !isLinux(value)) return NONE;
      return [{ pointer: '/process/ioPriority/priority', message: 'process.ioPriority.priority is missing; it is required with ioPriority' }];
    },
  },
  {
    id: 'config.process.io-priority-range',
    kind: 'config',
    level: 'SHOULD',
    ref: LINUX_PROCESS,
    since: '1.1.0',
    summary: 'process.ioPriority.priority lies in 0 (highest) to 7 (lowest).',
    check(value) {
      const p = obj(obj(value, 'process'), 'ioPriority')?.priority;
      if (typeof p !== 'number' || (p >= 0 && p <= 7) || !isLinux(value)) return NONE;
      return [{ pointer: '/process/ioPriority/priority', message: `process.ioPriority.priority ${q(p)} is outside 0..7; the kernel rejects it` }];
    },
  },
  {
    id: 'config.process.scheduler-parameters',
    kind: 'config',
    level: 'SHOULD',
    ref: LINUX_PROCESS,
    since: '1.1.0',
    summary: 'process.scheduler values fit the policy as sched_setattr(2) requires (priority 1..99 only for SCHED_FIFO/SCHED_RR, nice -20..19, runtime <= deadline <= period).',
    check(value) {
      const s = obj(obj(value, 'process'), 'scheduler');
      if (!s || typeof s.policy !== 'string' || !isLinux(value)) return NONE;
      const problem = schedulerProblem(s);
      if (!problem) return NONE;
      return [{ pointer: ptr('process', 'scheduler', problem[0]), message: `process.scheduler.${problem[0]} ${problem[1]}; sched_setattr(2) rejects it` }];
    },
  },
];
