// Renderings of a compat report: text for people at a terminal, JSON (the report as it is),
// Markdown for documents. Pure functions; the section helpers are shared with the generated
// docs/compatibility.md.
import type { Bump, Change, ChangeClass, CompatReport, ExpectationChange, RuleChange, SideInfo, UpstreamDifference, Witness } from './types.js';
import { verdictOf } from './compare.js';

export type CompatFormat = 'text' | 'json' | 'md';
export const COMPAT_FORMATS: readonly CompatFormat[] = ['text', 'json', 'md'];

const MEANING: Record<Bump, (from: string, to: string) => string> = {
  major: (a, b) => `a document or runtime that conformed to ${a} can fail, or lose the meaning of a member, under ${b}`,
  minor: (a, b) => `only additions and loosenings: what conformed to ${a} still conforms to ${b}`,
  patch: () => 'nothing changes for documents or runtimes',
};

function classLabel(c: ChangeClass): string {
  return c === 'unclassified' ? 'unclassified (counted as major)' : c;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The bump of one section (schema changes, rules, expectations); "none" when it is empty. */
export function sectionBump(classes: readonly string[]): Bump | 'none' {
  return classes.length ? verdictOf(classes).bump : 'none';
}

function sideName(s: SideInfo): string {
  return s.label;
}

/** One sentence on what the witness shows. */
export function witnessClaim(w: Witness, from: string, to: string): string {
  const [yes, no] = w.accepts === 'from' ? [from, to] : [to, from];
  return w.other === 'rejects'
    ? `valid under ${yes}, rejected by ${no}`
    : `valid under ${yes}; ${no} also accepts it but does not define ${w.pointer}`;
}

function textChange(c: Change, from: string, to: string): string[] {
  const lines = [`  ${classLabel(c.class).padEnd(6)} ${c.pointer || '/'}  ${c.change}: ${show(c.from)} -> ${show(c.to)}`];
  const pad = '         ';
  if (c.witness) {
    lines.push(`${pad}witness (${witnessClaim(c.witness, from, to)}): ${JSON.stringify(c.witness.document)}`);
    const other = c.witness.accepts === 'from' ? to : from;
    for (const e of c.witness.errors) lines.push(`${pad}  ${other}: ${e}`);
  } else {
    lines.push(`${pad}no witness found`);
  }
  if (c.note) lines.push(`${pad}note: ${c.note}`);
  return lines;
}

function entryText(e: { id: string; level: string }): string {
  return `${e.id} (${e.level})`;
}

export function renderCompatText(r: CompatReport): string {
  const from = sideName(r.from);
  const to = sideName(r.to);
  const out: string[] = [];
  out.push(`compat ${r.kind}: ${from} -> ${to} (${[r.from, r.to].map((s) => (s.source === 'built-in' ? 'built-in' : 'folder')).join(' -> ')})`);
  out.push('');
  const counts = (classes: string[]) => {
    const v = verdictOf(classes);
    return [v.major && `${v.major} major`, v.unclassified && `${v.unclassified} unclassified`, v.minor && `${v.minor} minor`].filter(Boolean).join(', ');
  };
  out.push(`Schema changes: ${r.changes.length}${r.changes.length ? ` (${counts(r.changes.map((c) => c.class))})` : ''}`);
  for (const c of r.changes) out.push(...textChange(c, from, to));
  if (r.rules) {
    out.push('');
    out.push(`Prose rules of ${r.kind} documents whose versions differ (schema/rules): ${r.rules.length}`);
    for (const c of r.rules) out.push(`  ${c.class.padEnd(6)} ${c.change} ${entryText(c.rule)}: ${c.rule.summary}`);
  }
  if (r.expectations) {
    out.push('');
    out.push(`Runtime expectations that change (requirement catalogue): ${r.expectations.length}`);
    for (const e of r.expectations) {
      if (e.change === 'changed') {
        out.push(`  ${e.class.padEnd(6)} changed ${e.from.map(entryText).join(', ')} -> ${e.to.map(entryText).join(', ')}`);
        for (const x of e.from) out.push(`           ${from}: ${x.summary}`);
        for (const x of e.to) out.push(`           ${to}: ${x.summary}`);
      } else {
        const x = (e.change === 'added' ? e.to : e.from)[0];
        out.push(`  ${e.class.padEnd(6)} ${e.change} ${entryText(x)}: ${x.summary}`);
      }
    }
  }
  if (r.upstreamDifferences?.length) {
    out.push('');
    out.push(`Deliberate differences from upstream's schemas at only one of the two versions (schema/README.md; upstream's own schemas change differently here): ${r.upstreamDifferences.length}`);
    for (const d of r.upstreamDifferences) out.push(`  ${d.id} (at ${d.at}, ${d.where}): upstream ${d.upstream}; ours ${d.ours}`);
  }
  for (const n of r.notes) out.push('', `Note: ${n}`);
  out.push('');
  out.push(verdictLine(r));
  return out.join('\n') + '\n';
}

export function verdictLine(r: CompatReport): string {
  const parts = [`schema ${sectionBump(r.changes.map((c) => c.class))}`];
  if (r.rules) parts.push(`prose rules ${sectionBump(r.rules.map((c) => c.class))}`);
  if (r.expectations) parts.push(`runtime expectations ${sectionBump(r.expectations.map((c) => c.class))}`);
  const v = r.verdict;
  const counts = `${plural(v.major, 'major change')}, ${v.unclassified} unclassified, ${v.minor} minor`;
  return `Verdict: ${v.bump} (${parts.join(', ')}; ${counts}): ${MEANING[v.bump](sideName(r.from), sideName(r.to))}`;
}

export function renderCompatJson(r: CompatReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

// ---- Markdown --------------------------------------------------------------------------------

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text: string): string {
  const t = cell(text);
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

export function markdownChanges(changes: readonly Change[], from: string, to: string): string {
  if (!changes.length) return 'No change.\n';
  const out = ['| Class | Pointer | Change | From | To | Witness |', '| --- | --- | --- | --- | --- | --- |'];
  for (const c of changes) {
    let witness = 'no witness found';
    if (c.witness) {
      const other = c.witness.accepts === 'from' ? to : from;
      witness = `${code(JSON.stringify(c.witness.document))} ${cell(witnessClaim(c.witness, from, to))}`;
      if (c.witness.errors.length) witness += ` (${cell(other)}: ${c.witness.errors.map(code).join('; ')})`;
    }
    if (c.note) witness += `. Note: ${cell(c.note)}`;
    out.push(`| ${classLabel(c.class)} | ${code(c.pointer || '/')} | ${c.change} | ${code(show(c.from))} | ${code(show(c.to))} | ${witness} |`);
  }
  return out.join('\n') + '\n';
}

export function markdownRules(rules: readonly (RuleChange & { kind?: string })[]): string {
  if (!rules.length) return 'No change.\n';
  const kinds = rules.some((c) => c.kind !== undefined);
  const out = [`| Class | Change | ${kinds ? 'Document | ' : ''}Rule | Level | Summary |`, `| --- | --- | ${kinds ? '--- | ' : ''}--- | --- | --- |`];
  for (const c of rules) out.push(`| ${c.class} | ${c.change} | ${kinds ? `${c.kind ?? ''} | ` : ''}${code(c.rule.id)} | ${c.rule.level} | ${cell(c.rule.summary)} |`);
  return out.join('\n') + '\n';
}

export function markdownExpectations(exps: readonly ExpectationChange[], from: string, to: string): string {
  if (!exps.length) return 'No change.\n';
  const out = [`| Class | Change | At ${from} | At ${to} |`, '| --- | --- | --- | --- |'];
  const side = (xs: ExpectationChange['from']) => (xs.length ? xs.map((x) => `${code(x.id)} (${x.level}): ${cell(x.summary)}`).join('<br>') : '—');
  for (const e of exps) out.push(`| ${e.class} | ${e.change} | ${side(e.from)} | ${side(e.to)} |`);
  return out.join('\n') + '\n';
}

export function markdownUpstreamDifferences(diffs: readonly UpstreamDifference[]): string {
  if (!diffs.length) return 'None.\n';
  const out = ['| Deviation | At | Where | Upstream | Ours |', '| --- | --- | --- | --- | --- |'];
  for (const d of diffs) out.push(`| ${code(d.id)} | ${d.at} | ${cell(d.where)} | ${cell(d.upstream)} | ${cell(d.ours)} |`);
  return out.join('\n') + '\n';
}

export function renderCompatMarkdown(r: CompatReport): string {
  const from = sideName(r.from);
  const to = sideName(r.to);
  const out = [`# ${r.kind}: ${from} → ${to}`, '', `**${verdictLine(r)}**`, '', '## Schema changes', '', markdownChanges(r.changes, from, to)];
  if (r.rules) out.push(`## Prose rules of ${r.kind} documents`, '', markdownRules(r.rules));
  if (r.expectations) out.push('## Runtime expectations (requirement catalogue)', '', markdownExpectations(r.expectations, from, to));
  if (r.upstreamDifferences?.length) out.push("## Deliberate differences from upstream's schemas at one of the two versions", '', markdownUpstreamDifferences(r.upstreamDifferences));
  if (r.notes.length) out.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}

export function renderCompat(r: CompatReport, format: CompatFormat): string {
  return format === 'json' ? renderCompatJson(r) : format === 'md' ? renderCompatMarkdown(r) : renderCompatText(r);
}
