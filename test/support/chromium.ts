// Headless Chromium (Debian's `chromium`) for self-tests that look at a page as a person would:
// --dump-dom gives the DOM after load (scripts, had any run, would have changed it), and
// --screenshot a PNG. Each call gets a new empty profile directory, runs in its own process group
// and is killed as a group on timeout; nothing is left behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveExecutable } from '../../reports/provenance.js';

export function chromiumPath(): string | undefined {
  return resolveExecutable('chromium') ?? resolveExecutable('chromium-browser');
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function chromium(args: string[], timeoutMs = 60_000): Promise<{ stdout: string; code: number | null }> {
  const bin = chromiumPath();
  if (!bin) throw new Error('chromium is not installed (cmd/bootstrap.sh installs it)');
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(bin, [...FLAGS, `--user-data-dir=${profile}`, ...args], { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        reject(new Error(`chromium did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        // Helpers (zygote, renderers) share the group: make sure none outlives the call.
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // none left
        }
        resolve({ stdout, code });
      });
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The DOM of a local HTML file after load, serialised. */
export async function dumpDom(file: string): Promise<string> {
  const r = await chromium(['--dump-dom', `file://${file}`]);
  return r.stdout;
}

/** A PNG screenshot of a local HTML file. */
export async function screenshot(file: string, png: string, size = '1280,2400'): Promise<void> {
  await chromium([`--screenshot=${png}`, `--window-size=${size}`, '--hide-scrollbars', `file://${file}`]);
}

/** Visible text of serialised HTML, roughly: tags dropped, entities of markup decoded, whitespace folded. */
export function visibleText(html: string): string {
  return html
    .replace(/<head[\s\S]*?<\/head>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
