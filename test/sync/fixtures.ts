/**
 * Protocols written for the sync tests from /work/shared/domain.md (§1.2 format, §2.1 IM dose range,
 * §2.3 spacing and observation, §5.3 sharing levels): a small group KaT base with comments, a cultural
 * block at each sharing level, and helpers that build an origin, sites and bare remotes in a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { afterEach } from 'vitest';
import { addRemote, type RemoteAudience } from '../../main/sync';
import { gitFs } from '../../main/sync/git-fs';
import { Workspace } from '../../main/store/workspace';

export const BASE_TEXT = `# Coast Group KaT — written for the sync tests; this comment must survive publish and fetch.
schemaVersion: 1
metadata:
  id: coast-kat
  title: Coast group ketamine-assisted therapy
  versionLabel: 1.0.0
  status: draft
  medicine: ketamine
  site: {name: Coast Community Clinic, jurisdiction: CA-BC, facilityType: community_clinic}
programme:
  format: group
  weeks: 12 # twelve weekly sessions (domain.md §1.2)
  delivery: in_person
  cohortSize: {min: 12, max: 24}
  summary: Twelve weeks of group preparation and integration with three medicine sessions.
medicineSessions:
  count: 3
  weeks: [5, 7, 9]
  minSpacingDays: 7
  observationMin: 120 # monitored until discharge criteria are met
  routes:
    - id: im
      route: IM
      unit: mg/kg
      min: 0.5
      max: 1.0
      start: 0.5
      weightRequired: true
cultural:
  framing: Western and Indigenous knowledge side by side, as the local Elders guide.
  blocks:
    - id: welcome-song
      type: song
      title: Welcome song
      text: The song the group learns together in week one.
      governance:
        sharing: open
    - id: river-teaching
      type: teaching
      title: River teaching
      placeholder: A teaching on the river, shared by the Knowledge Keeper in person.
      governance:
        sharing: community_only
        keepers: [{name: Knowledge Keeper, role: knowledge_keeper}]
        origin: {community: Salmon River, nation: Salmon River Nation}
        permissions: {print: false, export: true, record: false}
    - id: medicine-day-opening
      type: opening
      title: Opening on medicine days
      placeholder: Opening led by an Elder in their own way, for those who choose it.
      governance:
        sharing: secret_sacred
        keepers: [{name: Elder, role: elder}]
`;

const dirs: string[] = [];
const open: Workspace[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ps-sync-'));
  dirs.push(dir);
  return dir;
}

export function steppingClock(start = Date.UTC(2026, 2, 1, 9, 0, 0)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

export interface Site {
  name: string;
  ws: Workspace;
  mirror: string;
}

/** A site: its own workspace file and local mirror in a fresh folder. */
export function site(name: string, root = tempDir()): Site {
  const ws = Workspace.open(join(root, `${name}.sqlite`), { now: steppingClock() });
  open.push(ws);
  return { name, ws, mirror: join(root, `${name}.sync.git`) };
}

/** A bare repository, as an IT department or a shared drive would host it. */
export async function bareRemote(name: string, root = tempDir()): Promise<string> {
  const gitdir = join(root, `${name}.git`);
  await git.init({ fs: gitFs, gitdir, bare: true, defaultBranch: 'main' });
  return gitdir;
}

export function remote(s: Site, name: string, url: string, audience: RemoteAudience, community?: string): void {
  addRemote(s.ws, { name, url, audience, ...(community ? { community } : {}) }, `${s.name} lead`);
}

/** Replaces one line of a text, failing loudly when the line is not there. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`test edit: "${from}" not in text`);
  return text.replace(from, to);
}

/** Saves `text` as `author`'s draft on the head and commits it. */
export function commitText(ws: Workspace, protocolId: string, text: string, author: string, message: string) {
  const head = ws.head(protocolId)!;
  ws.saveDraft(protocolId, text, { author, parentVersionId: head.id });
  return ws.commit(protocolId, { author, message, expectedParentId: head.id });
}

afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
