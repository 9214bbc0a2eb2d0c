// Rules see documents before (or regardless of) the schema verdict, so they must survive any JSON
// shape: scalars at the top, wrong types at every depth, and random deep JSON. Also a speed check.
import t from 'tap';
import { DOCUMENT_KINDS, readDocument } from '../../../schema/document.js';
import { ALL_RULES, rulesFor } from '../../../schema/rules/index.js';
import type { Rule } from '../../../schema/rules/rule.js';
import { SPEC_VERSIONS } from '../../../schema/versions.js';
import { fakeDoc, featuresDoc, linuxConfig, stateDoc, type Json } from './fixtures.js';

/** A config that reaches every section some rule reads. */
function richConfig(): Json {
  const d = linuxConfig('1.3.0');
  d.domainname = 'example.test';
  d.process.consoleSize = { height: 25, width: 80 };
  d.process.capabilities.ambient = ['CAP_TEST'];
  d.process.capabilities.inheritable = ['CAP_KILL'];
  d.process.ioPriority = { class: 'IOPRIO_CLASS_BE', priority: 9 };
  d.process.commandLine = 'sh';
  d.process.scheduler = { policy: 'SCHED_DEADLINE', priority: 3, nice: 40, runtime: 5, deadline: 1, period: 0 };
  d.hooks = {
    prestart: [{ path: 'a', timeout: 0 }],
    createRuntime: [{ path: '/b' }],
    createContainer: [{ path: '/c' }],
    startContainer: [{ path: 'd' }],
    poststart: [{ path: '/e' }],
    poststop: [{ path: '/f', timeout: 3 }],
  };
  d.mounts.push({ destination: 'rel', options: ['idmap'], uidMappings: [{ containerID: 0, hostID: 1, size: 1 }] });
  d.annotations[''] = 'x';
  d.annotations['org.opencontainers.x'] = 'y';
  d.annotations['org.opencontainers.image.created'] = 'now';
  d.annotations['org.opencontainers.image.stopSignal'] = 'TERM';
  d.linux.uidMappings = [{ containerID: 0, hostID: 1, size: 1 }];
  d.linux.gidMappings = [{ containerID: 0, hostID: 1, size: 1 }];
  d.linux.timeOffsets = { boottime: { secs: 1 } };
  d.linux.netDevices = { eth0: { name: 'lo' }, eth1: {} };
  d.linux.devices.push({ path: 'rel', type: 'b' }, { path: '/dev/fuse', type: 'p' });
  d.linux.resources = {
    devices: [{ allow: true, type: 'x', access: 'rwx' }],
    blockIO: { weightDevice: [{ major: 8, minor: 0 }] },
    rdma: { mlx: {} },
    cpu: { quota: 1, burst: 2 },
    memory: { kernel: 1, kernelTCP: 1 },
  };
  d.linux.seccomp = {
    defaultAction: 'SCMP_ACT_NOTIFY',
    defaultErrnoRet: 1,
    listenerMetadata: 'm',
    syscalls: [{ names: ['x'], action: 'SCMP_ACT_KILL', errnoRet: 1 }],
  };
  d.linux.maskedPaths.push('rel');
  d.linux.readonlyPaths.push('rel');
  d.linux.personality = { flags: ['X'] };
  d.linux.memoryPolicy = { nodes: '0' };
  d.linux.intelRdt = { l3CacheSchema: 'x', schemata: ['a\nb'] };
  d.linux.sysctl['kernel.shmmax'] = '1';
  d.vm = { hypervisor: { path: 'h' }, kernel: { path: 'k', initrd: 'i' }, image: { path: 'i', format: 'raw' } };
  d.zos = { namespaces: [{ type: 'pid', path: 'p' }, { type: 'pid' }] };
  d.windows = { hyperv: {}, layerFolders: [] };
  return d;
}

const SEEDS: Record<string, Json[]> = {
  config: [richConfig(), linuxConfig('1.3.0')],
  state: [stateDoc('1.3.0'), { ...stateDoc('1.3.0'), status: 'Running', pid: 0, bundle: 'x', id: '' }],
  features: [{ ...featuresDoc('1.3.0'), ociVersionMax: '1.1.0', potentiallyUnsafeConfigAnnotations: [], annotations: { '': '' } }],
};

const WRONG: Json[] = [null, 0, -1, 1.5, 1e308, true, '', 'x', '/abs', [], [null, 1, 'x', [], {}], {}, { '': null, __proto__x: 1 }];

/** Every JSON pointer path (as token arrays) inside `v`. */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k], [...prefix, k], out);
  return out;
}

function replaced(doc: Json, path: (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(doc);
  let cur = copy;
  for (const tok of path.slice(0, -1)) cur = cur[tok];
  cur[path[path.length - 1]] = value;
  return copy;
}

/** Small deterministic PRNG (mulberry32), so a failure can be reproduced from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// Member names the rules look at, plus a few that are awkward in JavaScript.
const KEYS = [
  'ociVersion', 'ociVersionMin', 'ociVersionMax', 'root', 'path', 'readonly', 'process', 'cwd', 'args', 'commandLine',
  'user', 'uid', 'gid', 'terminal', 'consoleSize', 'rlimits', 'type', 'soft', 'hard', 'capabilities', 'bounding',
  'effective', 'inheritable', 'permitted', 'ambient', 'ioPriority', 'priority', 'hooks', 'prestart', 'createRuntime',
  'poststop', 'timeout', 'mounts', 'destination', 'options', 'uidMappings', 'gidMappings', 'annotations', 'hostname',
  'domainname', 'linux', 'namespaces', 'sysctl', 'timeOffsets', 'netDevices', 'name', 'devices', 'major', 'minor',
  'resources', 'access', 'blockIO', 'weightDevice', 'rdma', 'cpu', 'quota', 'burst', 'memory', 'kernel', 'seccomp',
  'defaultAction', 'defaultErrnoRet', 'listenerPath', 'listenerMetadata', 'syscalls', 'action', 'errnoRet',
  'maskedPaths', 'readonlyPaths', 'personality', 'memoryPolicy', 'mode', 'nodes', 'intelRdt', 'l3CacheSchema',
  'schemata', 'vm', 'hypervisor', 'image', 'initrd', 'zos', 'windows', 'hyperv', 'solaris', 'id', 'status', 'pid',
  'bundle', 'scheduler', 'policy', 'nice', 'deadline', 'period', 'runtime', 'flags', 'mountOptions', 'potentiallyUnsafeConfigAnnotations', 'mountExtensions', 'monitoring', '',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'length',
];
const STRINGS = ['', 'x', '/a', 'a/b', 'CAP_X', 'RLIMIT_X', 'SCMP_ACT_NOTIFY', 'SCMP_ACT_ERRNO', 'idmap', 'c', 'p', '%d', 'lo', 'net.x', 'kernel.sem', 'L3:\n', 'MPOL_BIND', 'running', 'Running', '1.0.0', 'x.y', 'org.opencontainers.z', 'C:\\x'];

function randomJson(rand: () => number, depth: number): Json {
  const r = rand();
  if (depth <= 0 || r < 0.3) {
    const s = rand();
    if (s < 0.15) return null;
    if (s < 0.3) return rand() < 0.5;
    if (s < 0.55) return [0, -1, 1, 7, 8, 1.5, 2 ** 60, -(2 ** 63), 1e308][Math.floor(rand() * 9)];
    return STRINGS[Math.floor(rand() * STRINGS.length)];
  }
  if (r < 0.55) {
    const n = Math.floor(rand() * 5);
    return Array.from({ length: n }, () => randomJson(rand, depth - 1));
  }
  const o: Record<string, unknown> = {};
  const n = Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) {
    const k = KEYS[Math.floor(rand() * KEYS.length)];
    // defineProperty, as the lossless reader does, so "__proto__" stays a plain member.
    Object.defineProperty(o, k, { value: randomJson(rand, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return o;
}

function survives(rule: Rule, docs: Json[]): string | undefined {
  for (const v of SPEC_VERSIONS) {
    for (const doc of docs) {
      try {
        const found = rule.check(doc, { version: v, doc: fakeDoc(doc) });
        if (!Array.isArray(found)) return `returned ${typeof found} at ${v}`;
        for (const f of found) {
          if (typeof f.pointer !== 'string' || typeof f.message !== 'string' || /[\r\n]/.test(f.message)) {
            return `malformed finding ${JSON.stringify(f)} at ${v}`;
          }
        }
      } catch (e) {
        return `threw ${(e as Error).stack ?? e} at ${v} on ${JSON.stringify(doc)?.slice(0, 300)}`;
      }
    }
  }
  return undefined;
}

const SCALARS: Json[] = [null, undefined, 0, 42, NaN, '', 'config', true, [], [{}], {}];

t.test('scalars and empty shapes at the top', async (t) => {
  for (const rule of ALL_RULES) t.equal(survives(rule, SCALARS), undefined, rule.id);
});

t.test('a wrong type at every depth of a document that reaches every rule', async (t) => {
  for (const kind of DOCUMENT_KINDS) {
    const docs: Json[] = [];
    for (const seed of SEEDS[kind]) {
      for (const p of paths(seed)) for (const w of WRONG) docs.push(replaced(seed, p, w));
    }
    for (const rule of ALL_RULES.filter((r) => r.kind === kind)) {
      t.equal(survives(rule, docs), undefined, `${rule.id} survives ${docs.length} variants`);
    }
  }
});

t.test('random deep JSON', async (t) => {
  const rand = prng(0x0c1);
  const docs: Json[] = Array.from({ length: 400 }, () => randomJson(rand, 7));
  // Random members grafted onto real documents, so the rules get past their first guard.
  for (const kind of DOCUMENT_KINDS) {
    for (const seed of SEEDS[kind]) {
      for (let i = 0; i < 100; i++) {
        const ps = paths(seed);
        docs.push(replaced(seed, ps[Math.floor(rand() * ps.length)], randomJson(rand, 4)));
      }
    }
  }
  for (const rule of ALL_RULES) t.equal(survives(rule, docs), undefined, rule.id);
});
