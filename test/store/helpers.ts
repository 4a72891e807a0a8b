/** Shared fixtures for the store tests: temporary workspaces and a small protocol text with comments. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Workspace } from '../../main/store/workspace';

export const TEMPLATE_TEXT = `# Group KaT base protocol — comments must survive every store operation.
schemaVersion: 1
metadata:
  id: rtt-kat-base # stable id
  title:
    en: Roots To Thrive — group KaT (12 weeks)
    fr: Roots To Thrive — KaT en groupe
  versionLabel: 3.2.0
  status: draft
  medicine: ketamine
  site: {name: Nanaimo Community Clinic, jurisdiction: CA-BC, facilityType: community_clinic}
programme:
  format: group
  weeks: 12 # RTT-2025
  summary: "A twelve-week programme with three medicine sessions."
`;

const dirs: string[] = [];
const open: Workspace[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ps-store-'));
  dirs.push(dir);
  return dir;
}

/** A fresh workspace file in a temp folder, closed and removed after the test. */
export function tempWorkspace(opts: { now?: () => Date } = {}): Workspace {
  const ws = Workspace.open(join(tempDir(), 'ws.sqlite'), opts);
  open.push(ws);
  return ws;
}

export function track(ws: Workspace): Workspace {
  open.push(ws);
  return ws;
}

/** A clock that moves one second per call, so times are distinct and predictable. */
export function steppingClock(start = Date.UTC(2026, 0, 15, 9, 0, 0)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every file under `dir` (recursively), its text concatenated: for searching an export for what must not be there. */
export function allText(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir)
    .map((e) => join(dir, e))
    .map((p) => (statSync(p).isDirectory() ? allText(p) : readFileSync(p, 'utf8')))
    .join('\n');
}
