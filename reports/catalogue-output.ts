// Renderings of the test catalogue (oci-conformance list).
import type { TestCase } from '../validation/harness/case.js';
import { requirement } from '../validation/requirements/index.js';
import { SPEC_VERSIONS, versionInRange } from '../schema/versions.js';

export interface CatalogueEntry {
  id: string;
  revision: number;
  title: string;
  area: string;
  requirements: { id: string; level: string }[];
  specVersions: string[];
  needs: string[];
}

export function catalogueEntries(cases: readonly TestCase[]): CatalogueEntry[] {
  return cases.map((c) => ({
    id: c.id,
    revision: c.revision,
    title: c.title,
    area: c.area,
    requirements: c.requirements.map((id) => ({ id, level: requirement(id).level })),
    specVersions: SPEC_VERSIONS.filter((v) => versionInRange(v, c.since, c.until)),
    needs: c.needs ?? [],
  }));
}

function versionRange(vs: string[]): string {
  if (vs.length === SPEC_VERSIONS.length) return 'all';
  return vs.length ? `${vs[0]}..${vs[vs.length - 1]}` : 'none';
}

export function renderCatalogueText(entries: readonly CatalogueEntry[]): string {
  const lines = entries.map(
    (e) =>
      `${e.id}@${e.revision}  ${e.title}\n    requirements: ${e.requirements.map((r) => `${r.id} (${r.level})`).join(', ')}\n` +
      `    spec versions: ${versionRange(e.specVersions)}${e.needs.length ? `; needs: ${e.needs.join(', ')}` : ''}`,
  );
  return lines.join('\n') + `\n${entries.length} tests\n`;
}

export function renderCatalogueJson(entries: readonly CatalogueEntry[]): string {
  return JSON.stringify({ catalogueVersion: 1, tests: entries }, null, 2) + '\n';
}
