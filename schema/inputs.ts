// Turning what the user named (a file, a bundle directory, "-") into documents.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDocument, type SourceDocument } from './document.js';
import { SourceSyntaxError } from './json-source.js';

export class InputError extends Error {}

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
  }
}

function parse(name: string, bytes: Uint8Array, bundleDir?: string): SourceDocument {
  try {
    return readDocument(name, bytes, bundleDir);
  } catch (e) {
    if (e instanceof SourceSyntaxError) {
      throw new InputError(`${name}:${e.position.line}:${e.position.column}: ${e.message.replace(/ at line \d+, column \d+$/, '')}`);
    }
    throw e;
  }
}

/**
 * Read one input. A directory is a bundle: its config.json is validated and root.path is
 * checked against it. `stdin` supplies the bytes for "-".
 */
export function readInput(path: string, stdin: () => Uint8Array = () => readFileSync(0)): SourceDocument {
  if (path === '-') return parse('-', stdin());
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // readBytes reports the error with the path.
  }
  if (isDir) {
    const configPath = join(path, 'config.json');
    return parse(configPath, readBytes(configPath), resolve(path));
  }
  return parse(path, readBytes(path));
}
