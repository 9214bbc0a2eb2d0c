// TAP 14 building blocks: test point lines and YAML diagnostic blocks. js-yaml is loaded on the
// first YAML block, not on import: a run's TAP stream starts without it (~20 ms).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A TAP description may not contain "#" unescaped or a newline. */
export function tapDescription(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/[\r\n]+/g, ' ');
}

/** A YAML diagnostic block indented for a test point at `indent` spaces. */
export function tapYamlBlock(data: Record<string, unknown>, indent = 0): string {
  const pad = ' '.repeat(indent + 2);
  const { dump } = require('js-yaml') as typeof import('js-yaml');
  const body = dump(data, { lineWidth: -1, noRefs: true, sortKeys: false, skipInvalid: true })
    .trimEnd()
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
  return `${pad}---\n${body}\n${pad}...\n`;
}
