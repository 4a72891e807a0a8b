/** Issue 13 on the command line: `people`, `--as`, `workspace new --from-file`, rebase going forward only, byte-identical untouched parts. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../main/store/workspace';
import { runCli } from './run-cli';

let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ps-cli-people-'));
  db = join(dir, 'ws.sqlite');
  Workspace.open(db).close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (argv: string[], env: Record<string, string> = {}) => runCli(argv, { cwd: dir, env });

/** A protocol written from scratch after domain.md: a 6-week group with one IM route. */
const PROTOCOL = (id: string, version: string, observation: number) => `# ${id}: written from scratch for the tests
schemaVersion: 1
metadata:
  id: ${id}
  title: "First responders — 6 weeks"
  versionLabel: ${version}
  status: draft
  medicine: ketamine
programme:
  format: group
  weeks: 6   # first-responder cohort

medicineSessions:
  count: 3
  weeks: [2, 4, 6]
  minSpacingDays: 7     # weekly, as RTT-KaT
  observationMin: ${observation}
  routes:
    - {id: im, route: IM, unit: mg/kg, min: 0.5, max: 1.5, start: 0.5, weightRequired: true}
`;

async function register(): Promise<void> {
  expect(await run(['people', '--db', db, 'add', 'Dr Lee', '--role', 'medical_lead', '--contact', 'lee@clinic.example'])).toMatchObject({ code: 0, stdout: 'added Dr Lee as dr-lee\n' });
  expect((await run(['people', '--db', db, 'add', 'Elder Ann Joe', '--role', 'elder', '--nation', 'Snuneymuxw', '--as', 'Dr Lee'])).code).toBe(0);
}

describe('people', () => {
  it('adds, lists and shows people; refuses look-alike names, unknown roles and an unregistered adder', async () => {
    await register();
    const list = await run(['people', '--db', db, 'list']);
    expect(list.stdout).toBe('dr-lee  Dr Lee  (Medical lead)  lee@clinic.example\nelder-ann-joe  Elder Ann Joe  (Elder)  Snuneymuxw\n');
    const json = JSON.parse((await run(['people', '--db', db, 'show', 'ELDER ANN\u200B JOE', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ id: 'elder-ann-joe', roles: ['elder'], nation: 'Snuneymuxw', createdBy: 'dr-lee' });
    const lookalike = await run(['people', '--db', db, 'add', 'Dr L\u0435e', '--role', 'prescriber', '--as', 'dr-lee']);
    expect(lookalike).toMatchObject({ code: 2, stderr: expect.stringMatching(/mixes scripts|looks the same as Dr Lee/) });
    expect((await run(['people', '--db', db, 'add', 'Sam', '--role', 'surgeon', '--as', 'dr-lee'])).stderr).toMatch(/unknown role "surgeon"/);
    expect((await run(['people', '--db', db, 'add', 'Sam', '--role', 'prescriber', '--as', 'Mallory'])).stderr).toMatch(/no person "Mallory"/);
    expect((await run(['people', '--db', db, 'add', 'Sam', '--role', 'prescriber'])).stderr).toMatch(/who is acting\? Pass --as PERSON/);
  });

  it('--as records the person id on what a writing command does, and refuses someone not in the register', async () => {
    await register();
    writeFileSync(join(dir, 'p.yaml'), PROTOCOL('first-responders', '1.0.0', 120));
    expect((await run(['workspace', '--db', db, 'new', '--from-file', 'p.yaml', '--as', 'DR LEE'])).code).toBe(0);
    expect((await run(['workspace', '--db', db, 'cycle', 'new', 'first-responders', '--aim', 'x', '--start', '2026-01-01', '--as', 'Mallory'])).code).toBe(2);
    expect((await run(['workspace', '--db', db, 'cycle', 'new', 'first-responders', '--aim', 'x', '--start', '2026-01-01'], { PROTOCOL_STUDIO_AS: 'elder-ann-joe' })).code).toBe(0);
    const ws = Workspace.open(db);
    try {
      expect(ws.head('first-responders')!.author).toBe('dr-lee');
      // The cycle went into the text of the acting person's draft.
      expect(ws.getDraft('first-responders', 'elder-ann-joe')!.text).toMatch(/cycles:\n\s+- id: cycle-1\n/);
      expect(new Set(ws.audit().map((e) => e.actor))).toEqual(new Set(['dr-lee', 'elder-ann-joe']));
    } finally {
      ws.close();
    }
  });
});

describe('workspace new --from-file', () => {
  it('creates a protocol from a YAML file byte for byte, with its own id or --id, history starting there', async () => {
    const text = PROTOCOL('first-responders', '1.0.0', 120);
    writeFileSync(join(dir, 'fr.protocol.yaml'), text);
    const r = await run(['workspace', '--db', db, 'new', '--from-file', 'fr.protocol.yaml', '--as', 'Cy']);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^created first-responders from fr\.protocol\.yaml \(version 1: /) });
    expect((await run(['workspace', '--db', db, 'new', '--from-file', 'fr.protocol.yaml', '--id', 'fr-site-2', '--as', 'Cy'])).code).toBe(0);
    const ws = Workspace.open(db);
    try {
      expect(ws.getVersion(ws.head('first-responders')!.id).text).toBe(text);
      expect(ws.history('fr-site-2').map((v) => v.message)).toEqual(['Imported from fr.protocol.yaml']);
    } finally {
      ws.close();
    }
  });

  it('refuses a file that does not read as a protocol, naming the line, and stores nothing', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'schemaVersion: 1\nmetadata:\n  id: x\n  id: y\n');
    const r = await run(['workspace', '--db', db, 'new', '--from-file', 'broken.yaml', '--as', 'Cy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:4:\d+/);
    expect((await run(['workspace', '--db', db, 'new', '--from-file', 'missing.yaml', '--as', 'Cy'])).code).toBe(2);
    expect((await run(['workspace', '--db', db, 'new', '--from-file', 'broken.yaml', '--template', 'x', '--as', 'Cy'])).stderr).toMatch(/exactly one of/);
    const ws = Workspace.open(db);
    try {
      expect(ws.listProtocols()).toEqual([]);
    } finally {
      ws.close();
    }
  });
});

describe('rebase in a workspace', () => {
  /** Base at v1 and v2 (observation 120 → 150, IM max 1.5 → 1.2), a site adapting v1 with its own comments and layout. */
  function setup(): { siteText: string } {
    const ws = Workspace.open(db);
    try {
      const base = ws.createProtocol({ file: { name: 'base.yaml', text: PROTOCOL('base', '1.0.0', 120) }, author: 'Cy' });
      const v1 = ws.head(base.id)!;
      ws.createProtocol({ base: { protocolId: 'base', versionId: v1.id }, id: 'site', author: 'Cy' });
      ws.saveDraft('base', PROTOCOL('base', '1.1.0', 150).replace('max: 1.5', 'max: 1.2'), { author: 'Cy', parentVersionId: v1.id });
      ws.commit('base', { author: 'Cy', message: 'Longer observation, lower IM max', expectedParentId: v1.id });
      const head = ws.head('site')!;
      // The site's own edits: a note, extra blank lines, odd spacing and quoting — and its own IM max.
      const siteText = ws
        .getVersion(head.id)
        .text.replace('  count: 3\n', "  count:    3   # site: three sessions\n\n")
        .replace('title: "First responders — 6 weeks"', "title: 'First responders — 6 weeks (site)'")
        .replace('max: 1.5', 'max: 1.4');
      ws.saveDraft('site', siteText, { author: 'Cy', parentVersionId: head.id });
      ws.commit('site', { author: 'Cy', message: 'Site layout and dose', expectedParentId: head.id });
      return { siteText };
    } finally {
      ws.close();
    }
  }

  it('keeps every untouched line of the site byte for byte', async () => {
    const { siteText } = setup();
    const r = await run(['rebase', '--db', db, 'site', '--onto', '2', '--as', 'Cy']);
    expect(r.code).toBe(1); // IM max changed on both sides: one conflict
    const ws = Workspace.open(db);
    try {
      const merged = ws.getDraft('site', 'Cy')!.text;
      const changed = merged.split('\n').filter((line, i) => line !== siteText.split('\n')[i]);
      expect(changed).toEqual(['  basedOn: {protocol: base, version: 1.1.0}', '  observationMin: 150'].filter((l) => !siteText.includes(l)));
      expect(merged).toContain("  count:    3   # site: three sessions\n\n");
      expect(merged).toContain("title: 'First responders — 6 weeks (site)'");
      expect(merged).toContain('  minSpacingDays: 7     # weekly, as RTT-KaT\n');
    } finally {
      ws.close();
    }
  });

  it('refuses a base older than or equal to the one the site is on', async () => {
    setup();
    const same = await run(['rebase', '--db', db, 'site', '--onto', '1', '--as', 'Cy']);
    expect(same).toMatchObject({ code: 2, stderr: expect.stringMatching(/already on version 1 of base; --onto must be a newer version, not 1/) });
    expect((await run(['rebase', '--db', db, 'site', '--onto', '2', '--as', 'Cy'])).code).toBe(1);
    expect((await run(['workspace', '--db', db, 'commit', 'site', '-m', 'Take in base v2', '--as', 'Cy'])).code).toBe(0);
    expect((await run(['rebase', '--db', db, 'site', '--onto', '2', '--as', 'Cy'])).stderr).toMatch(/already on version 2 of base/);
  });

  it('--resolve works on a second run with the draft the first run saved', async () => {
    setup();
    const first = await run(['rebase', '--db', db, 'site', '--onto', '2', '--as', 'Cy', '--format', 'json']);
    expect(first.code).toBe(1);
    const conflict = (JSON.parse(first.stdout) as { conflicts: { idPath: string }[] }).conflicts[0]!.idPath;
    const second = await run(['rebase', '--db', db, 'site', '--onto', '2', '--as', 'Cy', '--resolve', `${conflict}=base`]);
    expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining('No conflicts') });
    const ws = Workspace.open(db);
    try {
      const draft = ws.getDraft('site', 'Cy')!;
      expect(draft.text).toContain('max: 1.2');
      expect(draft.text).toContain('observationMin: 150');
      expect(ws.replacedDrafts('site', 'Cy').map((d) => d.reason)).toEqual(['rebase']);
    } finally {
      ws.close();
    }
    expect(readFileSync(db).length).toBeGreaterThan(0);
  });
});
