// The stray sweep's pid window (validation/harness/strays.ts): a case's sweep examines only
// processes started since the case began, and must still find every one of those.
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findStrays, inPidWindow, lastPid } from '../../validation/harness/strays.js';

t.test('the window holds the pids handed out after its start, also when the counter wrapped', async (t) => {
  t.ok(inPidWindow(101, 100, 200), 'just after the start');
  t.ok(inPidWindow(200, 100, 200), 'the last one handed out');
  t.notOk(inPidWindow(100, 100, 200), 'the start itself was handed out before');
  t.notOk(inPidWindow(99, 100, 200), 'older');
  t.notOk(inPidWindow(201, 100, 200), 'newer than the sweep');
  t.ok(inPidWindow(32001, 32000, 400), 'wrapped: above the start');
  t.ok(inPidWindow(350, 32000, 400), 'wrapped: below the last');
  t.notOk(inPidWindow(500, 32000, 400), 'wrapped: between the last and the start');
  t.notOk(inPidWindow(32000, 32000, 400), 'wrapped: the start itself');
});

t.test('a sweep with a window finds the processes started in it and skips older ones', async (t) => {
  const start = lastPid();
  if (start === undefined) {
    t.plan(0, 'this /proc does not give the last pid: sweeps scan every process');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'strays-'));
  writeFileSync(join(dir, 'f'), '');
  // Both carry the directory in argv, the mark the sweep looks for.
  const older = spawn('tail', ['-f', join(dir, 'f')], { stdio: 'ignore' });
  await new Promise((r) => older.once('spawn', r));
  const after = lastPid()!;
  const newer = spawn('tail', ['-f', join(dir, 'f')], { stdio: 'ignore' });
  await new Promise((r) => newer.once('spawn', r));
  try {
    t.ok(after >= older.pid! || after < start, 'lastPid moves on as processes start');
    t.same(findStrays({ dir }).sort(), [older.pid, newer.pid].sort(), 'without a window: both');
    t.same(findStrays({ dir, pidsAfter: after }), [newer.pid], 'with a window from between them: only the newer one');
  } finally {
    older.kill('SIGKILL');
    newer.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
