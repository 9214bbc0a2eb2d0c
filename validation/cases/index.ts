// The test catalogue, in the order tests run and are reported.
import type { TestCase } from '../harness/case.js';
import { cases as state } from './state.js';
import { cases as create } from './create.js';
import { cases as start } from './start.js';
import { cases as kill } from './kill.js';
import { cases as del } from './delete.js';
import { cases as hooks } from './hooks.js';
import { cases as runtimeLinux } from './runtime-linux.js';
import { cases as features } from './features.js';
import { cases as configProcess } from './config-process.js';
import { cases as configLinux } from './config-linux.js';
import { cases as configNamespaces } from './config-namespaces.js';
import { cases as configSeccomp } from './config-seccomp.js';
import { cases as configUnknown } from './config-unknown.js';
import { cases as configDevices } from './config-devices.js';
import { cases as configMisc } from './config-misc.js';
import { cases as configMounts } from './config-mounts.js';
import { cases as configCgroups } from './config-cgroups.js';

/** Version of the catalogue's shape and ID scheme; individual tests carry their own revision. */
export const CATALOGUE_VERSION = 1;

export const CATALOGUE: readonly TestCase[] = [...state, ...create, ...start, ...kill, ...del, ...hooks, ...runtimeLinux, ...features, ...configProcess, ...configLinux, ...configMounts, ...configNamespaces, ...configSeccomp, ...configUnknown, ...configDevices, ...configMisc, ...configCgroups];
