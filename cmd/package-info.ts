import { readFileSync } from 'node:fs';
import { packagePath } from '../schema/package-root.js';

export const PACKAGE: { name: string; version: string } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8'));
