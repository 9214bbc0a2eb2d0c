// TAP 14 building blocks: test point lines and YAML diagnostic blocks.
import { dump } from 'js-yaml';

/** A TAP description may not contain "#" unescaped or a newline. */
export function tapDescription(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/[\r\n]+/g, ' ');
}

/** A YAML diagnostic block indented for a test point at `indent` spaces. */
export function tapYamlBlock(data: Record<string, unknown>, indent = 0): string {
  const pad = ' '.repeat(indent + 2);
  const body = dump(data, { lineWidth: -1, noRefs: true, sortKeys: false, skipInvalid: true })
    .trimEnd()
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
  return `${pad}---\n${body}\n${pad}...\n`;
}
