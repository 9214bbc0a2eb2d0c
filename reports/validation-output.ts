// Renderings of validation results: pure functions from results to text.
import type { Diagnostic } from '../schema/diagnostics.js';
import type { ValidationResult } from '../schema/validator.js';

export type ValidationFormat = 'text' | 'json' | 'tap';
export const VALIDATION_FORMATS: readonly ValidationFormat[] = ['text', 'json', 'tap'];

function where(r: ValidationResult, d: Diagnostic): string {
  return d.line ? `${r.file}:${d.line}:${d.column}` : r.file;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderText(results: readonly ValidationResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const from = { option: '--spec-version', document: versionFieldText(r), fallback: 'no usable version in the document; newest assumed' }[r.versionSource];
    const schemas = r.schemaSource === 'built-in' ? 'built-in schemas' : r.schemaSource;
    lines.push(`${r.file}: ${r.valid ? 'valid' : 'INVALID'} ${r.kind}, runtime-spec ${r.specVersion} (${from}; ${schemas})`);
    for (const d of [...r.errors, ...r.warnings]) {
      lines.push(`  ${where(r, d)}: ${d.severity} ${d.pointer || '/'}: ${d.message} [${d.level} ${d.rule}] ${d.reference}`);
    }
  }
  const invalid = results.filter((r) => !r.valid).length;
  const errors = results.reduce((n, r) => n + r.errors.length, 0);
  const warnings = results.reduce((n, r) => n + r.warnings.length, 0);
  lines.push(
    `${plural(results.length, 'document')}: ${results.length - invalid} valid, ${invalid} invalid; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
  );
  return lines.join('\n') + '\n';
}

function versionFieldText(r: ValidationResult): string {
  return r.kind === 'features' ? 'from ociVersionMax' : 'from ociVersion';
}

export function renderJson(results: readonly ValidationResult[]): string {
  return JSON.stringify({ results }, null, 2) + '\n';
}

/** Async because TAP's YAML writer (js-yaml) is loaded only when TAP is asked for. */
export async function renderTap(results: readonly ValidationResult[]): Promise<string> {
  const { tapDescription, tapYamlBlock } = await import('./tap-yaml.js');
  let out = `TAP version 14\n1..${results.length}\n`;
  results.forEach((r, i) => {
    out += `${r.valid ? 'ok' : 'not ok'} ${i + 1} - ${tapDescription(r.file)}\n`;
    if (!r.valid || r.warnings.length) {
      out += tapYamlBlock({
        kind: r.kind,
        specVersion: r.specVersion,
        versionSource: r.versionSource,
        schemaSource: r.schemaSource,
        errors: r.errors,
        warnings: r.warnings,
      });
    }
  });
  return out;
}

export async function renderValidation(results: readonly ValidationResult[], format: ValidationFormat): Promise<string> {
  return format === 'json' ? renderJson(results) : format === 'tap' ? renderTap(results) : renderText(results);
}
