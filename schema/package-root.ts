// Files shipped beside the compiled code (schemas, probe script, profiles) are found from the
// package root, which is two levels above any compiled module in dist/<folder>/.
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('package root not found');
    dir = up;
  }
}

export const packageRoot = findRoot();

export function packagePath(...parts: string[]): string {
  return join(packageRoot, ...parts);
}

/** name and version from package.json, for reports and --version. */
export const PACKAGE: { name: string; version: string } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8'));
