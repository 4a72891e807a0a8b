import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { Workspace } from '../../main/store/workspace';
import { runCli } from './run-cli';

// Each test runs the built CLI several times as child processes: on a loaded two-core machine that
// outlasts the default 30 s, so this is the hang guard here (no figure is asserted).
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'ps-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The built CLI, as users run it. */
async function run(args: string[]) {
  const { code, stdout: out, stderr: err } = await runCli(args, { cwd: dir, env: { PROTOCOL_STUDIO_AUTHOR: 'tester' } });
  return { code, out, err };
}

// Small but complete protocols: every command that takes protocol text lets only those through.
const HEAD = (id: string, extra = '') => `schemaVersion: 1\nmetadata: {id: ${id}, title: ${id}, status: draft, medicine: ketamine, ${extra}languages: [en]}\n`;
const OLD = `${HEAD('base', 'versionLabel: 1.0.0, ')}
medicineSessions:
  observationMin: 120
  routes:
    - {id: im, route: IM, unit: mg/kg, min: 0.5, max: 1.2}
`;
const NEW = OLD.replace('max: 1.2', 'max: 1.5').replace('1.0.0', '1.1.0').replace('observationMin: 120', 'observationMin: 90');
const SITE = `# our site
${HEAD('site', 'versionLabel: 0.1.0, basedOn: {protocol: base, version: 1.0.0}, ')}medicineSessions:
  observationMin: 150 # rural
  routes:
    - {id: im, route: IM, unit: mg/kg, min: 0.5, max: 1.2}
`;
writeFileSync(join(dir, 'old.yaml'), OLD);
writeFileSync(join(dir, 'new.yaml'), NEW);
writeFileSync(join(dir, 'site.yaml'), SITE);
writeFileSync(join(dir, 'bad.yaml'), 'a: [1\nb: 2\n');

describe('protocol-studio diff', () => {
  it('exits 0 for identical files and 1 with the changes grouped clinical first', async () => {
    expect((await run(['diff', 'old.yaml', 'old.yaml'])).code).toBe(0);
    const r = await run(['diff', 'old.yaml', 'new.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Clinical changes (2)');
    expect(r.out).toContain('~ Dose by route IM › Maximum dose: 1.2 mg/kg → 1.5 mg/kg, widened');
    expect(r.out.indexOf('Clinical')).toBeLessThan(r.out.indexOf('Editorial'));
  });

  it('prints json, markdown and a plain unified text diff', async () => {
    const json = JSON.parse((await run(['diff', 'old.yaml', 'new.yaml', '--format', 'json'])).out);
    expect(json.changes.map((c: { idPath: string }) => c.idPath)).toContain('medicineSessions.routes[im].max');
    expect((await run(['diff', 'old.yaml', 'new.yaml', '--format', 'markdown'])).out).toContain('## Clinical changes');
    const text = await run(['diff', '--text', 'old.yaml', 'new.yaml']);
    expect(text.code).toBe(1);
    expect(text.out).toContain('+    - {id: im, route: IM, unit: mg/kg, min: 0.5, max: 1.5}');
  });

  it('exits 2 on usage and input errors, with the location of a YAML error', async () => {
    expect((await run(['diff', 'old.yaml'])).code).toBe(2);
    expect((await run(['diff', 'old.yaml', 'new.yaml', '--format', 'pdf'])).code).toBe(2);
    expect((await run(['diff', 'old.yaml', 'missing.yaml'])).err).toContain('no such file');
    const bad = await run(['diff', 'old.yaml', 'bad.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.yaml:\d+:\d+: error YAML-/);
  });

  it('refuses, located, text that does not read as a protocol: hostile YAML, or a schema error', async () => {
    writeFileSync(join(dir, 'proto.yaml'), OLD.replace('medicineSessions:', '__proto__: {polluted: yes}\nmedicineSessions:'));
    writeFileSync(join(dir, 'typo.yaml'), OLD.replace('max: 1.2', 'maxDose: 1.2'));
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from(OLD.replace('title: base', 'title: Caf')), Buffer.from([0xe9])]));
    for (const [file, code] of [['proto.yaml', 'YAML-UNSAFE-KEY'], ['typo.yaml', 'SCHEMA-UNKNOWN-KEY'], ['latin1.yaml', 'YAML-INVALID-UTF8']]) {
      for (const args of [['diff', 'old.yaml', file!], ['diff', '--text', file!, 'old.yaml'], ['rebase', '--old-base', 'old.yaml', '--new-base', file!, '--site', 'site.yaml']]) {
        const r = await run(args);
        expect(r.code, `${args.join(' ')}`).toBe(2);
        expect(r.err).toMatch(new RegExp(`refused ${file!.replace('.', '\\.')}: it does not read as a protocol\\n  ${file!.replace('.', '\\.')}:\\d+:\\d+: error ${code} `));
        expect(r.out).toBe('');
      }
    }
  });
});

describe('protocol-studio rebase (files)', () => {
  it('writes the merged text, lists the conflict and exits 1 while it remains', async () => {
    const r = await run(['rebase', '--old-base', 'old.yaml', '--new-base', 'new.yaml', '--site', 'site.yaml', '-o', 'merged.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('medicineSessions.observationMin');
    const merged = readFileSync(join(dir, 'merged.yaml'), 'utf8');
    expect(merged).toContain('observationMin: 150 # rural');
    expect(merged).toContain('max: 1.5');
    expect(merged).toContain('# our site');
  });

  it('applies --resolve choices and exits 0 when none remain', async () => {
    const r = await run(['rebase', '--old-base', 'old.yaml', '--new-base', 'new.yaml', '--site', 'site.yaml', '--resolve', 'medicineSessions.observationMin=base', '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.conflicts).toEqual([]);
    expect(parse(data.text).medicineSessions.observationMin).toBe(90);
    expect((await run(['rebase', '--old-base', 'old.yaml', '--new-base', 'new.yaml', '--site', 'site.yaml', '--resolve', 'nowhere=base'])).code).toBe(2);
    expect((await run(['rebase', '--old-base', 'old.yaml', '--site', 'site.yaml'])).err).toContain('--new-base');
  });
});

describe('protocol-studio with a workspace', () => {
  it('diffs PROTOCOL@VERSION references and rebases a site draft onto a newer base version', async () => {
    const db = join(dir, 'ws.sqlite');
    const ws = Workspace.open(db);
    try {
      const base = ws.createProtocol({ template: { id: 'mini', text: OLD }, id: 'base', author: 'tester' });
      const v1 = ws.head(base.id)!;
      ws.createProtocol({ base: { protocolId: 'base', versionId: v1.id }, id: 'site', author: 'tester' });
      ws.saveDraft('base', NEW, { author: 'tester', parentVersionId: v1.id });
      ws.commit('base', { author: 'tester', message: 'Raise IM max', expectedParentId: v1.id });
      const siteHead = ws.head('site')!;
      const siteText = ws.getVersion(siteHead.id).text.replace('observationMin: 120', 'observationMin: 150');
      ws.saveDraft('site', siteText, { author: 'tester', parentVersionId: siteHead.id });
    } finally {
      ws.close();
    }
    const d = await run(['diff', '--db', db, 'base@1', 'base@2']);
    expect(d.code).toBe(1);
    expect(d.out).toContain('Maximum dose: 1.2 mg/kg → 1.5 mg/kg, widened');
    expect((await run(['diff', '--db', db, 'base@2', 'base'])).code).toBe(0);
    expect((await run(['diff', '--db', db, 'site', 'site@draft'])).out).toContain('120 min → 150 min');
    expect((await run(['diff', '--db', db, 'base@9', 'base'])).code).toBe(2);

    const r = await run(['rebase', '--db', db, 'site', '--onto', '2']);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Saved as tester's draft of site");
    const after = Workspace.open(db);
    try {
      const draft = parse(after.getDraft('site', 'tester')!.text);
      expect(draft.medicineSessions.routes[0].max).toBe(1.5);
      expect(draft.medicineSessions.observationMin).toBe(150);
      expect(draft.metadata.basedOn.version).toBe('1.1.0');
      expect(after.history('site')).toHaveLength(1); // a draft, never a commit
      expect(after.getDraft('site', 'tester')!.rebasedOnto).toBe(after.head('base')!.id);
    } finally {
      after.close();
    }
    // Committing the rebased draft moves the adaptation onto base version 2.
    expect((await run(['workspace', '--db', db, 'commit', 'site', '-m', 'Take in base v2'])).code).toBe(0);
    const committed = Workspace.open(db);
    try {
      expect(committed.getProtocol('site').base!.versionId).toBe(committed.head('base')!.id);
    } finally {
      committed.close();
    }
  });

  it('withholds changes inside sections the audience may not see, and refuses a raw text diff for them', async () => {
    const block = (text: string) => `${HEAD('teachings', 'versionLabel: 1.0.0, ')}cultural:
  blocks:
    - id: teaching
      type: teaching
      title: Coming to Know
      text: ${text}
      governance: {sharing: community_only, keepers: [{name: Elder Rose, nation: Snuneymuxw, role: elder}]}
`;
    writeFileSync(join(dir, 'c1.yaml'), block('A first teaching.'));
    writeFileSync(join(dir, 'c2.yaml'), block('The teaching as the Elder gave it in the spring.'));
    const team = await run(['diff', 'c1.yaml', 'c2.yaml', '--audience', 'program_team', '--format', 'json']);
    expect(team.code).toBe(1);
    expect(team.out).not.toContain('spring');
    expect(team.out).toMatch(/content withheld \(ask [^)]+\)/);
    expect((await run(['diff', 'c1.yaml', 'c2.yaml', '--format', 'json'])).out).toContain('spring');
    expect((await run(['diff', 'c1.yaml', 'c2.yaml', '--audience', 'program_team', '--text'])).code).toBe(2);
    expect((await run(['diff', 'c1.yaml', 'c2.yaml', '--audience', 'nobody'])).code).toBe(2);
  });
});
