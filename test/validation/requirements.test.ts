import t from 'tap';
import { readFileSync } from 'node:fs';
import { packagePath } from '../../schema/package-root.js';
import { SPEC_VERSIONS, compareVersions, isSpecVersion, type SpecVersion } from '../../schema/versions.js';
import {
  REQUIREMENTS,
  REQUIREMENT_AREAS,
  requirement,
  requirementsAt,
  requirementUrl,
  versionsOf,
} from '../../validation/requirements/index.js';
import { CLI_DOC_ANCHORS, CLI_DOC_FILE } from '../../validation/requirements/cli.js';
import { renderRequirementsMarkdown } from '../../validation/requirements/render-md.js';

const anchors = JSON.parse(readFileSync(packagePath('schema/spec-anchors.json'), 'utf8')) as Record<
  string,
  Record<string, string[]>
>;

const ID_RE = /^(runtime|runtime-linux|config|config-linux|features|cli)(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;
const LEVELS = ['MUST', 'MUST NOT', 'REQUIRED', 'SHALL', 'SHOULD', 'SHOULD NOT', 'RECOMMENDED', 'NOT RECOMMENDED', 'MAY', 'OPTIONAL'];

t.test('IDs are unique and well-formed', async (t) => {
  const seen = new Set<string>();
  for (const r of REQUIREMENTS) {
    t.notOk(seen.has(r.id), `${r.id} is unique`);
    seen.add(r.id);
    t.match(r.id, ID_RE, `${r.id} is well-formed`);
    t.ok(r.id.split('.').length >= 2, `${r.id} has an area and a name`);
    if (r.source === 'runtime-cli') t.ok(r.id.startsWith('cli.'), `${r.id}: CLI entries are cli.*`);
    else t.notOk(r.id.startsWith('cli.'), `${r.id}: only CLI entries are cli.*`);
  }
  t.equal(seen.size, REQUIREMENTS.length);
  t.equal(REQUIREMENTS.length, REQUIREMENT_AREAS.reduce((n, g) => n + g.requirements.length, 0));
});

t.test('fields are sensible', async (t) => {
  for (const r of REQUIREMENTS) {
    t.ok(LEVELS.includes(r.level), `${r.id}: an RFC 2119 level`);
    t.ok(r.summary.length > 10 && !r.summary.includes('\n') && r.summary === r.summary.trim(), `${r.id}: one-line summary`);
    if (r.since) t.ok(isSpecVersion(r.since), `${r.id}: since is a released version`);
    if (r.until) t.ok(isSpecVersion(r.until), `${r.id}: until is a released version`);
    if (r.since && r.until) t.ok(compareVersions(r.since, r.until) < 0, `${r.id}: since < until`);
    t.ok(versionsOf(r).length > 0, `${r.id}: applies at some version`);
    if (r.source === 'runtime-cli') {
      t.equal(r.file, CLI_DOC_FILE, `${r.id}: CLI document`);
      t.equal(r.since, undefined, `${r.id}: the CLI contract is not tied to spec versions`);
      t.equal(r.until, undefined, `${r.id}: the CLI contract is not tied to spec versions`);
      if (r.anchor) t.ok(CLI_DOC_ANCHORS.includes(r.anchor), `${r.id}: #${r.anchor} is a heading of the CLI document`);
    } else {
      t.match(r.file, /^[a-z-]+\.md$/, `${r.id}: a spec file`);
      t.ok(r.anchor, `${r.id}: has an anchor`);
    }
  }
});

t.test('every runtime-spec anchor exists at every version in range', async (t) => {
  for (const r of REQUIREMENTS) {
    if (r.source !== 'runtime-spec' || !r.anchor) continue;
    for (const v of versionsOf(r)) {
      const list = anchors[v]?.[r.file] ?? [];
      t.ok(list.includes(r.anchor), `${r.id}: ${r.file}#${r.anchor} at ${v}`);
    }
  }
});

t.test('the spec sections the catalogue is built from are all cited', async (t) => {
  const cited = new Set(REQUIREMENTS.map((r) => `${r.file}#${r.anchor}`));
  const expected = [
    'runtime.md#runtimeScopeContainer',
    'runtime.md#runtimeState',
    'runtime.md#runtimeLifecycle',
    'runtime.md#runtimeErrors',
    'runtime.md#runtimeWarnings',
    'runtime.md#runtimeOperations',
    'runtime.md#runtimeQueryState',
    'runtime.md#runtimeCreate',
    'runtime.md#runtimeStart',
    'runtime.md#runtimeKill',
    'runtime.md#runtimeDelete',
    'runtime-linux.md#runtimeLinuxFileDescriptors',
    'runtime-linux.md#runtimeLinuxDevSymbolicLinks',
    'config.md#configHooks',
    'config.md#configHooksPrestart',
    'config.md#configHooksCreateRuntime',
    'config.md#configHooksCreateContainer',
    'config.md#configHooksStartContainer',
    'config.md#configHooksPoststart',
    'config.md#configHooksPoststop',
  ];
  for (const e of expected) t.ok(cited.has(e), e);
});

t.test('requirement() looks up and fails loudly', async (t) => {
  t.equal(requirement('runtime.create.duplicate-id').anchor, 'runtimeCreate');
  t.throws(() => requirement('nope'), /unknown requirement ID "nope"/);
  t.throws(() => requirement('runtime.create.duplicate-ID'));
});

t.test('version-split entries follow one another without overlap or gap', async (t) => {
  const supersededBy = new Map<string, string>();
  for (const r of REQUIREMENTS) {
    if (!r.supersedes) continue;
    const old = requirement(r.supersedes);
    t.notOk(supersededBy.has(old.id), `${old.id} is replaced only once`);
    supersededBy.set(old.id, r.id);
    t.ok(r.since, `${r.id} says when it starts`);
    t.equal(old.until, r.since, `${old.id} ends exactly where ${r.id} starts`);
    t.equal(old.source, r.source, `${r.id}: same source as ${old.id}`);
    for (const v of SPEC_VERSIONS) {
      const a = versionsOf(old).includes(v);
      const b = versionsOf(r).includes(v);
      t.notOk(a && b, `${old.id} and ${r.id} do not both apply at ${v}`);
    }
  }
  // An entry that stops applying must be continued by another: requirements do not vanish silently.
  for (const r of REQUIREMENTS) {
    if (r.until) t.ok(supersededBy.has(r.id), `${r.id} (until ${r.until}) is continued by a later entry`);
  }
  // Each chain covers a contiguous run of versions up to the latest.
  for (const r of REQUIREMENTS) {
    if (r.supersedes || !supersededBy.has(r.id)) continue;
    const covered: SpecVersion[] = [];
    for (let id: string | undefined = r.id; id; id = supersededBy.get(id)) covered.push(...versionsOf(requirement(id)));
    const start = SPEC_VERSIONS.indexOf(covered[0]);
    t.same(covered, SPEC_VERSIONS.slice(start), `chain from ${r.id} has no gap`);
  }
});

t.test('the version-dependent requirements of the brief', async (t) => {
  const ids = (v: SpecVersion) => new Set(requirementsAt(v).map((r) => r.id));
  const only = (v: SpecVersion, chain: string[]) => chain.filter((id) => ids(v).has(id));

  t.ok(ids('1.2.1').has('config.hooks.poststart-failure-warn'));
  t.notOk(ids('1.2.1').has('config.hooks.poststart-failure-error'));
  t.ok(ids('1.3.0').has('config.hooks.poststart-failure-error'));
  t.notOk(ids('1.3.0').has('config.hooks.poststart-failure-warn'));

  const prestart = ['config.hooks.prestart-during-start', 'config.hooks.prestart-during-start-or-create', 'config.hooks.prestart-during-create'];
  t.same(only('1.0.0', prestart), ['config.hooks.prestart-during-start']);
  t.same(only('1.0.1', prestart), ['config.hooks.prestart-during-start']);
  t.same(only('1.0.2', prestart), ['config.hooks.prestart-during-start-or-create']);
  for (const v of ['1.1.0', '1.2.0', '1.2.1', '1.3.0'] as const) t.same(only(v, prestart), ['config.hooks.prestart-during-create'], v);

  t.ok(ids('1.0.2').has('config.process.capabilities-unmappable-error'));
  t.ok(ids('1.1.0').has('config.process.capabilities-ungrantable-warn'));
  t.ok(ids('1.1.0').has('config.process.capabilities-ungrantable-no-fail'));
  t.notOk(ids('1.1.0').has('config.process.capabilities-unmappable-error'));

  t.notOk(ids('1.2.1').has('config-linux.pids.limit-zero'));
  t.ok(ids('1.3.0').has('config-linux.pids.limit-zero'));

  for (const id of ['config.hooks.create-runtime-run', 'config.hooks.create-container-run', 'config.hooks.start-container-run']) {
    t.notOk(ids('1.0.1').has(id), `${id} not at 1.0.1`);
    t.ok(ids('1.0.2').has(id), `${id} at 1.0.2`);
  }
  t.ok(ids('1.0.2').has('runtime.state.pid-host-view'));
  t.ok(ids('1.1.0').has('runtime.state.pid-hook-view'));
  t.ok(ids('1.0.2').has('runtime.state.json-format'));
  t.ok(ids('1.1.0').has('runtime.state.schema'));
  t.notOk(ids('1.1.0').has('runtime.state.json-format'));
});

t.test('links are pinned to the tag', async (t) => {
  const r = requirement('runtime.create.duplicate-id');
  t.equal(
    requirementUrl(r, '1.0.1'),
    'https://github.com/opencontainers/runtime-spec/blob/v1.0.1/runtime.md#runtimeCreate',
  );
  t.equal(
    requirementUrl(requirement('config.hooks.poststart-failure-error'), '1.3.0'),
    'https://github.com/opencontainers/runtime-spec/blob/v1.3.0/runtime.md#runtimeLifecycle',
  );
  t.throws(() => requirementUrl(requirement('config.hooks.poststart-failure-error'), '1.2.1'), RangeError);
  const cli = requirement('cli.state.stdout');
  t.equal(
    requirementUrl(cli, '1.0.0'),
    'https://github.com/opencontainers/runtime-tools/blob/v0.9.0/docs/command-line-interface.md#state',
  );
  t.equal(requirementUrl(cli, '1.0.0'), requirementUrl(cli, '1.3.0'), 'the CLI document is the same at every spec version');
});

t.test('docs/requirements.md is current', async (t) => {
  let committed = '';
  try {
    committed = readFileSync(packagePath('docs/requirements.md'), 'utf8');
  } catch {
    // reported by the comparison below
  }
  t.ok(
    committed === renderRequirementsMarkdown(),
    'docs/requirements.md matches; regenerate with: node dist/validation/requirements/render-md.js > docs/requirements.md',
  );
});
