// The root filesystem object (config.md "Root").
import { has, isObj, obj, type Finding, type Rule } from './rule.js';
import { NONE, configPlatform, q } from './helpers.js';

const ROOT = { file: 'config.md', anchor: 'configRoot' };

// \\?\Volume{GUID}\ — the Windows volume GUID path form; the trailing backslash is tolerated either way.
const VOLUME_GUID = /^\\\\\?\\Volume\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}\\?$/;

function isHyperV(value: unknown): boolean {
  return has(obj(value, 'windows'), 'hyperv');
}

export const rules: Rule[] = [
  {
    id: 'config.root.required',
    kind: 'config',
    level: 'REQUIRED',
    ref: ROOT,
    summary: 'root is required on every platform except Windows Hyper-V containers (Windows Server containers need it too).',
    check(value) {
      if (!isObj(value) || has(value, 'root')) return NONE;
      const platform = configPlatform(value);
      if (platform === 'windows') {
        if (isHyperV(value)) return NONE;
        return [{ pointer: '/root', message: 'root is missing; Windows Server containers (no windows.hyperv) require it' }];
      }
      return [{ pointer: '/root', message: `root is missing; it is required on ${platform === 'vm' ? 'non-Windows' : platform} configs` }];
    },
  },
  {
    id: 'config.root.hyperv-not-set',
    kind: 'config',
    level: 'MUST NOT',
    ref: ROOT,
    summary: 'root is not set for Windows Hyper-V containers.',
    check(value) {
      if (!isObj(value) || !has(value, 'root') || configPlatform(value) !== 'windows' || !isHyperV(value)) return NONE;
      return [{ pointer: '/root', message: 'root is set, but Hyper-V containers (windows.hyperv present) must not set it' }];
    },
  },
  {
    id: 'config.root.path-required',
    kind: 'config',
    level: 'REQUIRED',
    ref: ROOT,
    summary: 'root.path names the root filesystem and is not empty.',
    check(value) {
      const root = obj(value, 'root');
      if (!root) return NONE;
      if (!has(root, 'path')) return [{ pointer: '/root/path', message: 'root.path is missing; it names the container root filesystem' }];
      if (root.path === '') return [{ pointer: '/root/path', message: 'root.path is empty; it must name the container root filesystem' }];
      return NONE;
    },
  },
  {
    id: 'config.root.windows-volume-path',
    kind: 'config',
    level: 'MUST',
    ref: ROOT,
    summary: 'On Windows, root.path is a volume GUID path (\\\\?\\Volume{GUID}\\).',
    check(value) {
      const path = obj(value, 'root')?.path;
      if (typeof path !== 'string' || path === '' || configPlatform(value) !== 'windows' || VOLUME_GUID.test(path)) return NONE;
      return [{ pointer: '/root/path', message: `root.path ${q(path)} is not a Windows volume GUID path like "\\\\?\\Volume{<GUID>}\\"` }];
    },
  },
  {
    id: 'config.root.windows-readonly',
    kind: 'config',
    level: 'MUST',
    ref: ROOT,
    summary: 'On Windows, root.readonly is omitted or false.',
    check(value) {
      const root = obj(value, 'root');
      if (!root || root.readonly !== true || configPlatform(value) !== 'windows') return NONE;
      const f: Finding = { pointer: '/root/readonly', message: 'root.readonly is true, but on Windows it must be omitted or false' };
      return [f];
    },
  },
];
