// Unit tests of the two walks along our schemas: unknown properties and exact integer ranges.
import t from 'tap';
import { builtinSchema } from '../../schema/builtin.js';
import { findIntegersOutOfRange, findUnknownProperties } from '../../schema/schema-walk.js';

const config = builtinSchema('config', '1.3.0')!;
const BASE = { ociVersion: '1.3.0', root: { path: 'rootfs' }, process: { cwd: '/', args: ['sh'], user: { uid: 0, gid: 0 } } };

t.test('typos get a declared sibling as suggestion', async (t) => {
  const doc = {
    ...BASE,
    root: { path: 'rootfs', readOnly: true },
    hostnme: 'x',
    process: { ...BASE.process, noNewPrivilege: true, user: { UID: 0, gid: 0, xyz: 1 } },
    linux: { resources: { memory: { limt: 1 }, blockIO: { throttleReadIopsDevice: [] } }, namespace: [] },
  };
  t.same(findUnknownProperties(config, doc), [
    { pointer: '/root/readOnly', name: 'readOnly', suggestion: 'readonly' },
    { pointer: '/process/user/UID', name: 'UID', suggestion: 'uid' },
    { pointer: '/process/user/xyz', name: 'xyz' },
    { pointer: '/process/noNewPrivilege', name: 'noNewPrivilege', suggestion: 'noNewPrivileges' },
    { pointer: '/hostnme', name: 'hostnme', suggestion: 'hostname' },
    { pointer: '/linux/resources/memory/limt', name: 'limt', suggestion: 'limit' },
    { pointer: '/linux/resources/blockIO/throttleReadIopsDevice', name: 'throttleReadIopsDevice', suggestion: 'throttleReadIOPSDevice' },
    { pointer: '/linux/namespace', name: 'namespace', suggestion: 'namespaces' },
  ]);
});

t.test('no suggestion when nothing is close, or the name is short', async (t) => {
  const doc = { ...BASE, process: { ...BASE.process, user: { uid: 0, gid: 0, gud: 1 } }, banana: 1, mounds: [] };
  t.same(findUnknownProperties(config, doc), [
    { pointer: '/process/user/gud', name: 'gud' },
    { pointer: '/banana', name: 'banana' },
    { pointer: '/mounds', name: 'mounds', suggestion: 'mounts' },
  ]);
});

t.test('free-form maps are not flagged, but typed map values are walked', async (t) => {
  const doc = {
    ...BASE,
    annotations: { 'com.example/any~key': 'v', '': 'empty key is a schema matter' },
    linux: {
      sysctl: { 'kernel.shm_rmid_forced': '1' },
      resources: { unified: { 'io.max': '8:0 rbps=1' }, rdma: { mlx5_1: { hcaHandles: 1, hcaObject: 2 } } },
      netDevices: { 'eth/0': { name: 'x', nmae: 'y' } },
    },
    windows: { layerFolders: ['C:\\l'], credentialSpec: { Any: { Nested: ['thing'] } } },
  };
  t.same(findUnknownProperties(config, doc), [
    { pointer: '/linux/resources/rdma/mlx5_1/hcaObject', name: 'hcaObject', suggestion: 'hcaObjects' },
    { pointer: '/linux/netDevices/eth~10/nmae', name: 'nmae', suggestion: 'name' },
  ]);
});

t.test('array elements, nulls, primitives and wrong types are walked safely', async (t) => {
  const doc = {
    ...BASE,
    mounts: [{ destination: '/a', opts: [] }, null, 'x', [{ nested: 1 }]],
    linux: { namespaces: [{ type: 'pid', pth: '/p' }], devices: 'not-an-array', seccomp: null },
    hooks: { poststop: { path: '/x', wrong: 'shape' } },
  };
  t.same(findUnknownProperties(config, doc), [
    { pointer: '/mounts/0/opts', name: 'opts' },
    { pointer: '/linux/namespaces/0/pth', name: 'pth' },
  ]);
  t.same(findUnknownProperties(config, null), []);
  t.same(findUnknownProperties(config, 42), []);
  t.same(findUnknownProperties(config, [{ x: 1 }]), []);
});

t.test('a key is known when any allOf/anyOf/oneOf branch or pattern declares it', async (t) => {
  const schema = {
    type: 'object',
    definitions: { A: { type: 'object', properties: { alpha: { type: 'string' } } } },
    properties: {
      choice: {
        anyOf: [{ $ref: '#/definitions/A' }, { type: 'object', properties: { beta: { type: 'object', properties: { deep: { type: 'string' } } } } }],
      },
      both: { allOf: [{ properties: { one: {} } }, { oneOf: [{ properties: { two: {} } }, { properties: { three: {} } }] }] },
      patterned: { type: 'object', properties: { fixed: {} }, patternProperties: { '^x-': { type: 'object', properties: { ok: {} } } } },
      items: { type: 'array', items: { $ref: '#/definitions/A' } },
      tuple: { type: 'array', items: [{ $ref: '#/definitions/A' }], additionalItems: { type: 'object', properties: { rest: {} } } },
      open: { type: 'object' },
    },
  };
  const doc = {
    choice: { alpha: 'a', beta: { deep: 'd', deeper: 1 }, gamma: 1 },
    both: { one: 1, two: 2, three: 3, four: 4 },
    patterned: { fixed: 1, 'x-ext': { ok: 1, notOk: 2 }, other: 1 },
    items: [{ alpha: '', alfa: '' }],
    tuple: [{ alpha: '' }, { rest: 1, alpha: 1 }],
    open: { anything: { at: 'all' } },
  };
  t.same(findUnknownProperties(schema, doc), [
    { pointer: '/choice/beta/deeper', name: 'deeper', suggestion: 'deep' },
    { pointer: '/choice/gamma', name: 'gamma' },
    { pointer: '/both/four', name: 'four' },
    { pointer: '/patterned/x-ext/notOk', name: 'notOk' },
    { pointer: '/patterned/other', name: 'other' },
    { pointer: '/items/0/alfa', name: 'alfa', suggestion: 'alpha' },
    { pointer: '/tuple/1/alpha', name: 'alpha' },
  ]);
});

t.test('features: null values and nullable branches', async (t) => {
  const features = builtinSchema('features', '1.3.0')!;
  const doc = { ociVersionMin: '1.0.0', ociVersionMax: '1.3.0', linux: { seccomp: null, cgroup: { v2: null, v3: true }, intelRdt: { enable: true } } };
  t.same(findUnknownProperties(features, doc), [
    { pointer: '/linux/cgroup/v3', name: 'v3' },
    { pointer: '/linux/intelRdt/enable', name: 'enable', suggestion: 'enabled' },
  ]);
  t.same(findUnknownProperties(features, { ociVersionMin: '1.0.0', ociVersionMax: '1.3.0', linux: null }), []);
});

t.test('integer ranges: int64 at its exact limits', async (t) => {
  const p = '/linux/resources/memory/limit';
  const at = (value: bigint) => findIntegersOutOfRange(config, new Map([[p, value]]));
  const MAX = 2n ** 63n - 1n;
  const MIN = -(2n ** 63n);
  t.same(at(MAX - 1n), []);
  t.same(at(MAX), [], '2^63-1 is in');
  t.same(at(MAX + 1n), [{ pointer: p, type: 'int64', value: MAX + 1n, min: MIN, max: MAX }], '2^63 is out');
  t.same(at(MIN + 1n), []);
  t.same(at(MIN), [], '-2^63 is in');
  t.same(at(MIN - 1n), [{ pointer: p, type: 'int64', value: MIN - 1n, min: MIN, max: MAX }], '-2^63-1 is out');
});

t.test('integer ranges: uint64 at its exact limits', async (t) => {
  const p = '/process/rlimits/0/hard';
  const at = (value: bigint) => findIntegersOutOfRange(config, new Map([[p, value]]));
  const MAX = 2n ** 64n - 1n;
  t.same(at(MAX - 1n), []);
  t.same(at(18446744073709551615n), [], '18446744073709551615 is in');
  t.same(at(MAX + 1n), [{ pointer: p, type: 'uint64', value: MAX + 1n, min: 0n, max: MAX }], '2^64 is out');
  t.same(at(-1n), [{ pointer: p, type: 'uint64', value: -1n, min: 0n, max: MAX }], '-1 is out');
  t.same(at(0n), []);
});

t.test('integer ranges: resolution through refs, maps, arrays and alternatives', async (t) => {
  const big = 2n ** 60n;
  const found = findIntegersOutOfRange(
    config,
    new Map([
      ['/process/user/uid', big],
      ['/linux/resources/rdma/mlx5_1/hcaHandles', big],
      ['/linux/seccomp/syscalls/3/args/0/value', big],
      ['/linux/resources/blockIO/weight', big],
      ['/vm/hwConfig/irqs/1', big],
      ['/process/oomScoreAdj', big],
      ['/hostname', big],
      ['/no/such/place', big],
      ['/annotations/x', big],
    ]),
  );
  t.same(
    found.map((r) => [r.pointer, r.type]),
    [
      ['/process/user/uid', 'uint32'],
      ['/linux/resources/rdma/mlx5_1/hcaHandles', 'uint32'],
      ['/linux/resources/blockIO/weight', 'uint16'],
      ['/vm/hwConfig/irqs/1', 'uint32'],
    ],
    'uint64 syscall values fit; unbounded, non-integer and unknown places are not judged',
  );
  const either = {
    type: 'object',
    definitions: { int64: { type: 'integer' }, uint64: { type: 'integer' } },
    properties: { n: { anyOf: [{ $ref: '#/definitions/int64' }, { $ref: '#/definitions/uint64' }] } },
  };
  t.same(findIntegersOutOfRange(either, new Map([['/n', 2n ** 64n - 1n]])), [], 'fits one alternative');
  t.same(findIntegersOutOfRange(either, new Map([['/n', -1n]])), [], 'fits the other');
  t.equal(findIntegersOutOfRange(either, new Map([['/n', 2n ** 64n]])).length, 1, 'fits neither');
  t.same(findIntegersOutOfRange(config, new Map()), []);
});
