/** Export / import: deterministic, lossless round trip, safe names, refusal of tampered or hostile folders. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeFileName, uniqueName } from '../../main/store/safe-name';
import { readTemplate } from '../../main/templates';
import type { Workspace } from '../../main/store/workspace';
import { TEMPLATE_TEXT, steppingClock, tempDir, tempWorkspace } from './helpers';

const author = 'Programme director';

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

const snapshot = (root: string): Record<string, string> => Object.fromEntries(listFiles(root).map((f) => [f, readFileSync(join(root, f), 'utf8')]));

/** A workspace with a template protocol (comments), an adaptation, cycles, tags and a pending draft. */
function populated(): Workspace {
  const ws = tempWorkspace({ now: steppingClock() });
  const base = ws.createProtocol({ template: { id: 'group-kat', text: TEMPLATE_TEXT }, author });
  ws.saveDraft(base.id, TEMPLATE_TEXT.replace('weeks: 12', 'weeks: 10'), { author: 'Ana', parentVersionId: base.headVersionId });
  const v2 = ws.commit(base.id, { author: 'Ana', message: 'Ten weeks\n\nBecause of the holidays.', newQiCycle: { aim: 'Fewer drop-outs', start: '2026-01-01', end: '2026-03-31' }, expectedParentId: base.headVersionId });
  ws.tagVersion(base.headVersionId!, v2.qiCycleIds[0]!, { author });
  const site = ws.createProtocol({ base: { protocolId: base.id, versionId: base.headVersionId! }, title: 'Island site', author });
  // A rebase in progress: the site's draft takes in base v2 and must still know it after an import.
  const siteHead = ws.getProtocol(site.id).headVersionId!;
  ws.saveDraft(site.id, ws.getVersion(siteHead).text.replace('weeks: 12', 'weeks: 10'), { author: 'Ana', parentVersionId: siteHead, rebasedOnto: v2.id });
  ws.saveDraft(base.id, TEMPLATE_TEXT + '# unfinished thought\r\n', { author: 'Ben', parentVersionId: v2.id });
  return ws;
}

describe('export', () => {
  it('writes heads, per-version files, history and manifest, deterministically', () => {
    const ws = populated();
    const a = join(tempDir(), 'export');
    const b = join(tempDir(), 'export');
    ws.exportTo(a);
    ws.exportTo(b);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(listFiles(a)).toEqual([
      '.gitattributes',
      'audit.json',
      'manifest.json',
      'protocols/Island site/drafts/Ana.yaml',
      'protocols/Island site/head.yaml',
      'protocols/Island site/history.json',
      'protocols/Island site/protocol.json',
      'protocols/Island site/versions/000001.yaml',
      'protocols/Roots To Thrive — group KaT (12 weeks)/drafts/Ben.yaml',
      'protocols/Roots To Thrive — group KaT (12 weeks)/head.yaml',
      'protocols/Roots To Thrive — group KaT (12 weeks)/history.json',
      'protocols/Roots To Thrive — group KaT (12 weeks)/protocol.json',
      'protocols/Roots To Thrive — group KaT (12 weeks)/versions/000001.yaml',
      'protocols/Roots To Thrive — group KaT (12 weeks)/versions/000002.yaml',
      'qi-cycles.json',
    ]);
    const dir = join(a, 'protocols/Roots To Thrive — group KaT (12 weeks)');
    expect(readFileSync(join(dir, 'versions/000001.yaml'), 'utf8')).toBe(TEMPLATE_TEXT);
    // The commit in a new QI cycle added the cycle to the text (the text is where cycles live).
    expect(readFileSync(join(dir, 'head.yaml'), 'utf8')).toMatch(new RegExp(`^${TEMPLATE_TEXT.replace('weeks: 12', 'weeks: 10').replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')}qi:\n  cycles:\n    - id: cycle-1\n`));
    const history = JSON.parse(readFileSync(join(dir, 'history.json'), 'utf8'));
    expect(history.map((h: { seq: number; author: string }) => [h.seq, h.author])).toEqual([[1, author], [2, 'Ana']]);
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'protocol-studio-workspace', formatVersion: 3, audience: 'program_team' });
    expect(Object.keys(manifest.files)).toHaveLength(14);
    expect(readFileSync(join(a, 'manifest.json'), 'utf8')).not.toMatch(/exportedAt/);
  });

  it('re-exports over an earlier export, removing what that export wrote and keeping .git', () => {
    const ws = populated();
    const out = tempDir();
    ws.exportTo(out);
    mkdirSync(join(out, '.git'));
    writeFileSync(join(out, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    ws.exportTo(out);
    expect(existsSync(join(out, '.git', 'HEAD'))).toBe(true);
    const other = tempDir();
    writeFileSync(join(other, 'notes.txt'), 'mine');
    expect(() => ws.exportTo(other)).toThrow(/not empty and holds no earlier export/);
  });
});

describe('import', () => {
  it('round trip: same ids, texts (byte for byte, comments kept), hashes, authors, messages, times, drafts, cycles, audit', () => {
    const ws = populated();
    const out = tempDir();
    ws.exportTo(out);
    const copy = tempWorkspace();
    const summary = copy.importFrom(out, { author: 'Importer' });
    expect(summary).toMatchObject({ protocols: 2, versions: 3 });
    expect(copy.listProtocols()).toEqual(ws.listProtocols());
    for (const p of ws.listProtocols()) {
      expect(copy.history(p.id)).toEqual(ws.history(p.id));
      for (const v of ws.history(p.id)) expect(copy.getVersion(v.id)).toEqual(ws.getVersion(v.id));
      expect(copy.listDrafts(p.id)).toEqual(ws.listDrafts(p.id));
    }
    expect(copy.getDraft('rtt-kat-base', 'Ben')?.text).toContain('# unfinished thought\r\n');
    expect(copy.getVersion(ws.history('rtt-kat-base')[1]!.id).text).toContain('weeks: 12 # RTT-2025');
    expect(copy.listQiCycles()).toEqual(ws.listQiCycles());
    const original = ws.audit().reverse();
    const imported = copy.audit().reverse();
    expect(imported.slice(0, original.length)).toEqual(original);
    expect(imported.at(-1)).toMatchObject({ action: 'workspace.import', actor: 'Importer' });
    expect(copy.verify()).toEqual({ ok: true, problems: [] });
  });

  it('round trip of a bundled template and its adaptation keeps every comment and byte', () => {
    const template = readTemplate('rtt-kat-12-week');
    const ws = tempWorkspace({ now: steppingClock() });
    const base = ws.createProtocol({ template: { id: 'rtt-kat-12-week', text: template }, author });
    const site = ws.createProtocol({ base: { protocolId: base.id, versionId: base.headVersionId! }, title: 'Coast site', author });
    const adapted = ws.getVersion(site.headVersionId!).text;
    const comments = (t: string) => t.split('\n').filter((l) => l.trimStart().startsWith('#'));
    expect(comments(adapted)).toEqual(comments(template));
    const out = tempDir();
    ws.exportTo(out);
    expect(readFileSync(join(out, 'protocols/Coast site/head.yaml'), 'utf8')).toBe(adapted);
    const copy = tempWorkspace();
    copy.importFrom(out, { author });
    expect(copy.getVersion(base.headVersionId!).text).toBe(template);
    expect(copy.getVersion(site.headVersionId!).text).toBe(adapted);
    expect(copy.listProtocols()).toEqual(ws.listProtocols());
  });

  it('refuses a non-empty workspace', () => {
    const ws = populated();
    const out = tempDir();
    ws.exportTo(out);
    expect(() => ws.importFrom(out, { author })).toThrow(/empty workspace/);
  });

  it('refuses an export whose files changed after export, naming the file, and writes nothing', () => {
    const ws = populated();
    const out = tempDir();
    ws.exportTo(out);
    const file = join(out, 'protocols/Island site/versions/000001.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + 'evil: true\n');
    const copy = tempWorkspace();
    expect(() => copy.importFrom(out, { author })).toThrow(/Island site\/versions\/000001\.yaml has been changed since the export/);
    expect(copy.listProtocols()).toEqual([]);
    expect(copy.audit()).toEqual([]);
  });

  it('refuses an export whose newest version was left out, even with a consistent manifest, and keeps nothing', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    const p = ws.createProtocol({ template: { id: 'group-kat', text: TEMPLATE_TEXT }, author });
    ws.saveDraft(p.id, TEMPLATE_TEXT.replace('weeks: 12', 'weeks: 10'), { author, parentVersionId: p.headVersionId });
    ws.commit(p.id, { author, message: 'Ten weeks', expectedParentId: p.headVersionId });
    const out = tempDir();
    ws.exportTo(out);
    // Drop version 2 from history and files, and rewrite every hash an attacker can recompute.
    const hash = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
    const manifestFile = join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const entry = manifest.protocols[0];
    const historyRel = `${entry.folder}/history.json`;
    const history = JSON.parse(readFileSync(join(out, historyRel), 'utf8'));
    const historyText = JSON.stringify(history.slice(0, 1), null, 2) + '\n';
    writeFileSync(join(out, historyRel), historyText);
    manifest.files[historyRel] = hash(historyText);
    delete manifest.files[`${entry.folder}/${history[1].file}`];
    rmSync(join(out, entry.folder, history[1].file));
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, protocols: [{ ...entry, versions: 1, headVersionId: history[0].id, headSha256: history[0].sha256 }] }));
    const copy = tempWorkspace();
    expect(() => copy.importFrom(out, { author })).toThrow(/does not verify: audit entry \d+ records a commit \(.*@2\) whose version is no longer in the workspace/);
    expect(copy.listProtocols()).toEqual([]);
    expect(copy.audit()).toEqual([]);
  });

  it('refuses traversal paths and links in a hostile manifest', () => {
    const ws = populated();
    const out = tempDir();
    ws.exportTo(out);
    const manifestFile = join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    for (const bad of ['../outside.yaml', '/etc/passwd', 'a/./b', 'C:/x', 'a\\..\\b']) {
      writeFileSync(manifestFile, JSON.stringify({ ...manifest, files: { ...manifest.files, [bad]: '0'.repeat(64) } }));
      expect(() => tempWorkspace().importFrom(out, { author })).toThrow(/unsafe path/);
    }
    // A listed file replaced by a symlink (to something whose hash the attacker knows) is refused.
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const target = join(tempDir(), 'cycles.json');
    writeFileSync(target, readFileSync(join(out, 'qi-cycles.json')));
    rmSync(join(out, 'qi-cycles.json'));
    symlinkSync(target, join(out, 'qi-cycles.json'));
    expect(() => tempWorkspace().importFrom(out, { author })).toThrow(/qi-cycles\.json is a symbolic link/);
  });

  it('uses lstat: refuses a linked folder inside the export, a linked manifest or export folder, and oversized files before reading them', () => {
    const ws = populated();
    const out = tempDir();
    ws.exportTo(out);
    // A protocols/<name> folder replaced by a link to a copy elsewhere.
    const folder = readdirSync(join(out, 'protocols'))[0]!;
    const elsewhere = join(tempDir(), 'copy');
    renameSync(join(out, 'protocols', folder), elsewhere);
    symlinkSync(elsewhere, join(out, 'protocols', folder));
    expect(() => tempWorkspace().importFrom(out, { author })).toThrow(new RegExp(`protocols/${folder} in the export is not a folder \\(links are not followed\\)`));
    rmSync(join(out, 'protocols', folder));
    renameSync(elsewhere, join(out, 'protocols', folder));
    // The export folder itself, or its manifest, given as a link.
    const link = join(tempDir(), 'link');
    symlinkSync(out, link);
    expect(() => tempWorkspace().importFrom(link, { author })).toThrow(/is not a folder \(links are not followed\)/);
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
    const manifestCopy = join(tempDir(), 'manifest.json');
    writeFileSync(manifestCopy, manifest);
    rmSync(join(out, 'manifest.json'));
    symlinkSync(manifestCopy, join(out, 'manifest.json'));
    expect(() => tempWorkspace().importFrom(out, { author })).toThrow(/manifest\.json is a symbolic link/);
    rmSync(join(out, 'manifest.json'));
    writeFileSync(join(out, 'manifest.json'), manifest);
    // A version text grown past the size limit is refused on its size, before it is read.
    const version = Object.keys(JSON.parse(manifest).files).find((f: string) => f.endsWith('.yaml'))!;
    truncateSync(join(out, ...version.split('/')), 11 * 1024 * 1024);
    expect(() => tempWorkspace().importFrom(out, { author })).toThrow(new RegExp(`${version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is 11534336 bytes; the limit is 10485760`));
  });

  it('refuses malformed JSON with the file and field named', () => {
    const ws = populated();
    const out = tempDir();
    ws.exportTo(out);
    writeFileSync(join(out, 'manifest.json'), '{"format": "protocol-studio-workspace", "formatVersion": 1, "files": {}, "protocols": [{"id": 3}]}');
    expect(() => tempWorkspace().importFrom(out, { author })).toThrow(/manifest.json protocols\[0\]\.id must be a string/);
    writeFileSync(join(out, 'manifest.json'), '{ not json');
    expect(() => tempWorkspace().importFrom(out, { author })).toThrow(/cannot read .*manifest.json/);
  });
});

describe('safe export names', () => {
  const hostile = [
    '..',
    '.',
    '../../etc/passwd',
    '/absolute/path',
    'C:\\Windows\\System32',
    'a\u0000b',
    'CON',
    'nul.txt',
    'COM1',
    'lpt9',
    '.hidden',
    '...',
    'trailing dot.',
    'x'.repeat(500),
    'é'.repeat(200),
    '\u202Egnp.exe',
    'tab\there\nnewline',
    '',
    '   ',
    'ｃｏｎ',
  ];

  it.each(hostile)('%j becomes one harmless path segment', (name) => {
    const safe = safeFileName(name);
    expect(safe.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(safe, 'utf8')).toBeLessThanOrEqual(81);
    expect(safe).not.toMatch(/[/\\:*?"<>|\u0000-\u001f\u202e]/);
    expect(safe).not.toMatch(/^[.\s-]|[.\s]$/);
    expect(safe).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
    expect(safe).toBe(safe.normalize('NFC'));
    // Joined under a root it stays directly under that root.
    const root = resolve('/export/protocols');
    expect(resolve(root, safe).startsWith(root + '/')).toBe(true);
  });

  it('treats names differing only in case or normalization as the same when picking unique names', () => {
    const taken = new Set<string>();
    expect(uniqueName('Café', taken)).toBe('Café');
    expect(uniqueName('CAFÉ', taken)).toBe('CAFÉ-2');
    expect(uniqueName('Cafe\u0301'.normalize('NFC'), taken)).toBe('Café-3');
  });

  it('exports protocols with hostile titles into distinct folders inside the export', () => {
    const ws = tempWorkspace();
    const titles = ['../../escape', 'CON', '.git', 'a/b\\c', 'Same', 'same', 'x'.repeat(300)];
    const text = (i: number) => `schemaVersion: 1\nmetadata: {id: p${i}, title: P, versionLabel: 1.0.0, status: draft, medicine: ketamine}\n`;
    titles.forEach((title, i) => ws.createProtocol({ template: { id: 't', text: text(i) }, title, id: `p${i}`, author }));
    const out = tempDir();
    ws.exportTo(out);
    const folders = readdirSync(join(out, 'protocols')).sort();
    expect(folders).toHaveLength(titles.length);
    expect(new Set(folders.map((f) => f.toLowerCase())).size).toBe(titles.length);
    expect(folders).toContain('_CON');
    expect(folders).not.toContain('.git');
    expect(existsSync(join(out, '..', 'escape'))).toBe(false);
    const copy = tempWorkspace();
    copy.importFrom(out, { author });
    expect(copy.listProtocols().map((p) => p.title).sort()).toEqual([...titles].sort());
  });
});
