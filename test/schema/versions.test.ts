import t from 'tap';
import { compareSemVer, parseSemVer, resolveSpecVersion, versionInRange, isSemVer } from '../../schema/versions.js';

t.test('SemVer grammar', async (t) => {
  for (const ok of ['1.0.0', '1.0.2-dev', '1.3.0+dev', '1.1.0-rc.3', '1.0.0-alpha.1+build.5', '10.20.30']) {
    t.ok(isSemVer(ok), ok);
  }
  for (const bad of ['banana', '1.0', '01.0.0', '1.0.0-', '1.0.0+', '1.0.0-01', 'v1.0.0', '1.0.0 ', '']) {
    t.notOk(isSemVer(bad), JSON.stringify(bad));
  }
});

t.test('SemVer precedence', async (t) => {
  const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.2-dev', '1.0.2', '1.1.0'];
  for (let i = 1; i < order.length; i++) {
    t.equal(compareSemVer(parseSemVer(order[i - 1])!, parseSemVer(order[i])!), -1, `${order[i - 1]} < ${order[i]}`);
    t.equal(compareSemVer(parseSemVer(order[i])!, parseSemVer(order[i - 1])!), 1, `${order[i]} > ${order[i - 1]}`);
  }
  t.equal(compareSemVer(parseSemVer('1.3.0+dev')!, parseSemVer('1.3.0')!), 0, 'build metadata is ignored');
});

t.test('resolving a document version', async (t) => {
  t.match(resolveSpecVersion('1.2.1'), { ok: true, version: '1.2.1' });
  t.match(resolveSpecVersion('1.0.2-dev'), { ok: true, version: '1.0.2' });
  t.match(resolveSpecVersion('1.3.0+dev'), { ok: true, version: '1.3.0' });
  t.match(resolveSpecVersion('2.0.0'), { ok: false, reason: 'unsupported' });
  t.match(resolveSpecVersion('0.5.0'), { ok: false, reason: 'unsupported' });
  t.match(resolveSpecVersion('1.2.7'), { ok: false, reason: 'unsupported' });
  t.match(resolveSpecVersion('banana'), { ok: false, reason: 'not-semver' });
});

t.test('version ranges are half-open', async (t) => {
  t.ok(versionInRange('1.1.0', '1.1.0'));
  t.notOk(versionInRange('1.0.2', '1.1.0'));
  t.ok(versionInRange('1.2.1', undefined, '1.3.0'));
  t.notOk(versionInRange('1.3.0', undefined, '1.3.0'));
});
