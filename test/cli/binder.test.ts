import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseDocument } from 'yaml';
import { findChromium } from '../../main/pdf/index';
import { Workspace } from '../../main/store/workspace';
import { TEMPLATE_DIR } from '../core/binder/fixtures';
import { billionLaughs } from '../core/parse/hostile-inputs';
import { runCli } from './run-cli';

// Each test runs the built CLI several times as child processes: on a loaded two-core machine that
// outlasts the default 30 s, so this is the hang guard here (no figure is asserted).
vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'binder-cli-'));
const RTT = join(TEMPLATE_DIR, 'rtt-kat-12-week.protocol.yaml');

/** The built CLI, as users run it. */
const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCli(['binder', ...args], { cwd: dir, env });

const hasChromium = (() => {
  try {
    return Boolean(findChromium());
  } catch {
    return false;
  }
})();

describe('protocol-studio binder', () => {
  it('writes self-contained HTML from a file without a browser', async () => {
    const r = await cli([RTT, '--profile', 'participant', '-o', 'p.html'], { PROTOCOL_STUDIO_CHROMIUM: '/nonexistent' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote p.html (participant binder, en, HTML)');
    const html = readFileSync(join(dir, 'p.html'), 'utf8');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain('@font-face');
    expect(html).toContain('data:font/woff2;base64,');
    expect(html).toContain('What to expect, week by week');
  });

  it('prints the binder labels in the language given by --lang', async () => {
    const r = await cli([RTT, '--profile', 'participant', '--lang', 'ja', '-o', 'ja.html'], { PROTOCOL_STUDIO_CHROMIUM: '/nonexistent' });
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'ja.html'), 'utf8');
    expect(html).toContain('<h1 id="toc-title">目次</h1>');
    expect(html).toContain('週ごとの内容');
    expect(html).not.toContain('What to expect, week by week');
  });

  it('with --db prints the change log since the previous version and the site changes with their reasons', async () => {
    const db = join(dir, 'ws.sqlite');
    const ws = Workspace.open(db);
    try {
      const base = ws.createProtocol({ template: { id: 'rtt-kat-12-week', text: readFileSync(RTT, 'utf8') }, author: 'Lead' });
      const site = ws.createProtocol({ base: { protocolId: base.id, versionId: base.headVersionId! }, id: 'north-site', author: 'Lead' });
      const doc = parseDocument(ws.getVersion(site.headVersionId!).text);
      doc.setIn(['medicineSessions', 'routes', 0, 'max'], 1.2);
      doc.setIn(['medicineSessions', 'routes', 0, 'justification'], 'Our site keeps a lower ceiling RATIONALE-CLI');
      const text = doc.toString();
      ws.saveDraft(site.id, text, { author: 'Lead', parentVersionId: site.headVersionId });
      ws.commit(site.id, { author: 'Lead', message: 'Lower IM ceiling to 1.2 mg/kg COMMIT-MSG', newQiCycle: { aim: 'Lower the IM ceiling', start: '2026-01-01' }, expectedParentId: site.headVersionId });
    } finally {
      ws.close();
    }
    const r = await cli(['--db', db, 'north-site@head', '--profile', 'site-adaptation', '-o', 'site.html']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'site.html'), 'utf8');
    expect(html).toContain('RATIONALE-CLI');
    expect(html).toContain('COMMIT-MSG');
    expect(html).toMatch(/Changes from version [^<]+ to version/);
    // The template's baseline is cycle 1; the cycle this commit started is the next one in its text.
    expect(html).toContain('(QI cycle 2)');
    expect(html).toContain('From the workspace review records.');
  });

  it('refuses an unknown profile, a missing output and an unknown extension with exit 2', async () => {
    const bad = await cli([RTT, '--profile', 'nope', '-o', 'x.html']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown profile "nope".*clinical-team/);
    expect((await cli([RTT])).stderr).toMatch(/-o OUT\.pdf/);
    expect((await cli([RTT, '-o', 'x.docx'])).stderr).toMatch(/must end in \.pdf or \.html/);
  });

  it('reports malformed YAML with its location', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'metadata:\n  title: [unclosed\n');
    const r = await cli(['bad.yaml', '-o', 'bad.html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: error YAML-/);
  });

  it('prints no binder of text that does not read as a protocol (the input gate), and ends fast on hostile YAML', async () => {
    const rtt = readFileSync(RTT, 'utf8');
    const inputs: Record<string, [string | Buffer, string]> = {
      'bomb.yaml': [billionLaughs(), 'YAML-ALIAS-LIMIT'],
      'deep.yaml': ['['.repeat(10_000), 'YAML-TOO-DEEP'],
      'proto.yaml': [rtt.replace('metadata:', '__proto__: {polluted: yes}\nmetadata:'), 'YAML-UNSAFE-KEY'],
      'tag.yaml': [rtt.replace('schemaVersion: 1', 'schemaVersion: !!js/function "function () { return 1 }"'), 'YAML-UNKNOWN-TAG'],
      'latin1.yaml': [Buffer.concat([Buffer.from(rtt.slice(0, 200)), Buffer.from([0xe9, 0x0a])]), 'YAML-INVALID-UTF8'],
      'schema.yaml': [rtt.replace(/^ {2}medicine: ketamine$/m, '  medicine: ketamin'), 'SCHEMA-'],
    };
    for (const [file, [content, code]] of Object.entries(inputs)) {
      writeFileSync(join(dir, file), content);
      const out = `${file}.html`;
      // A hang guard (8–10 s before the gate), not a speed figure: idle, each run takes well under a second.
      const r = await runCli(['binder', file, '-o', out], { cwd: dir, timeoutMs: 10_000 });
      expect(r.code, file).toBe(2);
      expect(r.stderr, file).toContain(`refused ${file}: it does not read as a protocol`);
      expect(r.stderr, file).toMatch(new RegExp(`\\n  ${file.replace('.', '\\.')}:\\d+:\\d+: error ${code}`));
      expect(r.stderr, file).not.toMatch(/^\s+at /m);
      expect(existsSync(join(dir, out)), file).toBe(false);
    }
  });

  it('names what to install when no Chromium is found', async () => {
    const r = await cli([RTT, '-o', 'x.pdf', '--chromium', join(dir, 'no-such-chromium')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('apt-get install chromium');
    expect(r.stderr).toContain('PROTOCOL_STUDIO_CHROMIUM');
  });

  it.skipIf(!hasChromium)('prints a PDF that embeds only the bundled Noto fonts, whatever the characters', async () => {
    // Characters the Latin subsets lack (≤ ≥ ☐ ₂ …), syllabics and Japanese: each must come from a bundled font.
    const text = readFileSync(join(TEMPLATE_DIR, 'first-responder-6-week.protocol.yaml'), 'utf8');
    const title = '  title: "Group KaT ≤ 2 h, BP ≥ 140 ☐ SpO₂ × ÷ ® · — ᓀᐦᐃᔭᐍᐏᐣ 日本"';
    writeFileSync(join(dir, 'fr.yaml'), text.replace(/^ {2}title: .*$/m, title));
    const r = await cli(['fr.yaml', '--profile', 'participant', '-o', 'fr.pdf']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Wrote fr\.pdf \(participant binder, en, \d+ pages\)/);
    expect(readFileSync(join(dir, 'fr.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const fonts = execFileSync('pdffonts', [join(dir, 'fr.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const names = fonts.map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    expect(names.filter((n) => !/^Noto(Serif|Sans)/.test(n))).toEqual([]); // no DejaVu, Liberation or Type 3 [none]
    for (const family of ['NotoSerif-Regular', 'NotoSans-Bold', 'NotoSansMath-Regular', 'NotoSansSymbols2-Regular', 'NotoSansCanadianAboriginal-Regular']) expect(names).toContain(family);
    expect(fonts.every((line) => / yes +yes +yes +\d+/.test(line))).toBe(true); // embedded, subset, with a Unicode map
  }, 90_000);
});
