// The files of a run directory: every rendering of one report, by file name. `run --out` and
// `report render` write exactly these; `report verify` re-renders them to compare.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from './model.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderSummaryMd } from './summary-md.js';
import { renderTapReport } from './tap-stream.js';

export const RENDERED_FILES = ['results.tap', 'junit.xml', 'report.html', 'summary.md'] as const;
export type RenderedFile = (typeof RENDERED_FILES)[number];

export function reportJson(r: Report): string {
  return JSON.stringify(r, null, 2) + '\n';
}

export function renderAll(r: Report): Record<'report.json' | RenderedFile, string> {
  return {
    'report.json': reportJson(r),
    'results.tap': renderTapReport(r),
    'junit.xml': renderJunit(r),
    'report.html': renderHtml(r),
    'summary.md': renderSummaryMd(r),
  };
}

export class OutputError extends Error {}

/**
 * Write files into dir, each through a temporary name and a rename so that a reader never sees
 * half a file. Any failure is an OutputError naming the file: a report that was asked for and
 * not written is a failed run, never a silent success.
 */
export function writeFiles(dir: string, files: Record<string, string>): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new OutputError(`cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    try {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(`${path}.tmp`, text);
      renameSync(`${path}.tmp`, path);
    } catch (e) {
      throw new OutputError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    written.push(path);
  }
  return written;
}
