// Reading a report.json back: from a run directory or the file itself. Unknown report versions
// are refused, never guessed; every problem is one line (ReportLoadError).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_VERSION, type Report } from './model.js';
import { reportSchemaErrors } from './schemas.js';

export class ReportLoadError extends Error {}

/** The report.json of a directory, or the path itself when it is a file. */
export function reportPath(pathOrDir: string): string {
  let st;
  try {
    st = statSync(pathOrDir);
  } catch (e) {
    throw new ReportLoadError(`cannot read ${pathOrDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return st.isDirectory() ? join(pathOrDir, 'report.json') : pathOrDir;
}

/**
 * Parse a report's text. Not JSON, not a report, or a reportVersion this suite does not read:
 * ReportLoadError. Schema problems are returned, so a verifier can report them as a check.
 */
export function parseReportText(text: string, source: string): { report: Report; schemaErrors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReportLoadError(`${source}: not JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ReportLoadError(`${source}: not a report (expected a JSON object)`);
  const version = (data as { reportVersion?: unknown }).reportVersion;
  if (version === undefined) throw new ReportLoadError(`${source}: not a report (no reportVersion)`);
  if (version !== REPORT_VERSION) {
    throw new ReportLoadError(`${source}: reportVersion ${JSON.stringify(version)} is not supported; this suite reads reportVersion ${REPORT_VERSION}`);
  }
  return { report: data as Report, schemaErrors: reportSchemaErrors(data) };
}

/** A schema-valid report, or ReportLoadError naming the first problem. */
export function loadReport(pathOrDir: string): Report {
  const path = reportPath(pathOrDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ReportLoadError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { report, schemaErrors } = parseReportText(text, path);
  if (schemaErrors.length) throw new ReportLoadError(`${path}: does not match report-1.schema.json: ${schemaErrors[0]}`);
  return report;
}
