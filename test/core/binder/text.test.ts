/**
 * Binder text as clinicians write it, on protocols written from scratch (test/fixtures/scratch): Markdown
 * paragraphs kept, abbreviations, readable titles, consent choices as boxes, Elder and keeper signature
 * lines only with cultural content, and a binder in a language the text lacks saying so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderBinder, renderSections } from '../../../main/core/binder/index';
import { siteChanges } from '../../../main/core/diff/index';
import { markdownInline } from '../../../main/core/binder/markdown';
import { humanize } from '../../../main/core/model/words';
import { languageCoverage } from '../../../main/core/model/language-coverage';
import { inputFor } from './fixtures';

type Doc = any;
const scratch = (name: string): Doc => parse(readFileSync(join(import.meta.dirname, `../../fixtures/scratch/${name}.protocol.yaml`), 'utf8'));
const section = (value: unknown, profile: string, id: string, lang = 'en') =>
  renderSections(inputFor(value, profile as never, lang)).sections.find((s) => s.id === `sec-${id}`)?.html ?? '';
/** Visible text of HTML, tags dropped. */
const visible = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('binder text', () => {
  it('keeps Markdown paragraphs, in blocks and in cells', () => {
    const doc = scratch('individual-esketamine');
    const overview = section(doc, 'clinical-team', 'overview');
    expect(overview).toMatch(/<p>Induction twice weekly[^<]*<\/p>\s*<p>Each session is one patient/);
    doc.team[0].responsibilities = 'Prescribes each dose.\n\nReviews every adverse event the same day.';
    expect(section(doc, 'clinical-team', 'team')).toContain('Prescribes each dose.<br class="para">Reviews every adverse event the same day.');
    expect(markdownInline('- one\n- two')).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(markdownInline('one\nline')).toBe('one\nline');
  });

  it('writes abbreviations as clinicians do: BP, AED, IM, SL, SpO2', () => {
    const html = visible(section(scratch('individual-esketamine'), 'clinical-team', 'monitoring'));
    expect(html).toContain('BP cuff');
    expect(html).toContain('AED');
    expect(html).not.toMatch(/\bBp cuff\b|\bAed\b/);
    expect(['bp_cuff', 'aed', 'im_route', 'sl', 'spo2', 'prn_given', 'tk_attribution'].map(humanize)).toEqual(['BP cuff', 'AED', 'IM route', 'SL', 'SpO2', 'PRN given', 'TK attribution']);
    // "in" is a word, never taken for the intranasal route.
    expect(humanize('in_person')).toBe('In person');
  });

  it('names sections by their text in the review status, never by their path', () => {
    const html = section(scratch('individual-esketamine'), 'clinical-team', 'review-status');
    const text = visible(html);
    expect(text).toContain('Absolute exclusion: Untreated or uncontrolled hypertension above 150/90');
    expect(text).not.toMatch(/screening\.exclusions|consent\.sections\[|\[htn\]/);
  });

  it('prints Elder and keeper signature lines only where there is cultural content', () => {
    const individual = visible(section(scratch('individual-esketamine'), 'clinical-team', 'signoff'));
    expect(individual).toContain('Medical lead');
    expect(individual).not.toMatch(/Elder|Knowledge Keeper/);
    const noCeremony = visible(section(scratch('group-first-responders'), 'site-adaptation', 'signoff'));
    expect(noCeremony).not.toMatch(/Elder/);
    const ceremony = visible(section(scratch('group-ceremony'), 'clinical-team', 'signoff'));
    expect(ceremony).toContain('Elder / cultural advisor');
  });

  it('prints the participant’s consent choices as boxes: touch, and ceremony per element', () => {
    const doc = scratch('group-ceremony');
    // Ceremony consent elements go under the block's own governance so the disclosure policy may show them.
    doc.consent.ceremony.elements[0].governance = { sharing: 'open', keepers: doc.cultural.blocks[0].governance.keepers, origin: doc.cultural.blocks[0].governance.origin };
    const html = section(doc, 'participant', 'consent');
    expect(html).toMatch(/<ul class="checklist"><li><span class="box"[^>]*><\/span><span>Hand-holding<\/span><\/li>/);
    const ceremony = /<table class="optin">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(ceremony).toMatch(/The opening of the programme<\/td><td class="choice"><span class="box"[^>]*><\/span> Yes<\/td><td class="choice"><span class="box"[^>]*><\/span> No<\/td>/);
  });

  it('names a withheld section by what it is, not by its path', () => {
    const html = visible(section(scratch('group-ceremony'), 'participant', 'consent'));
    expect(html).toContain('Not printed in this binder: Ceremony element');
    expect(html).not.toMatch(/consent\.ceremony\.elements\[/);
  });

  it('says on the cover when the text lacks the binder’s language', () => {
    const en = scratch('individual-esketamine');
    const ja = renderBinder(inputFor(en, 'participant', 'ja'));
    expect(visible(ja)).toContain('このプロトコルには日本語 (ja)の本文がありません。本文は英語 (en)で印刷し');
    expect(renderBinder(inputFor(en, 'participant', 'en'))).not.toContain('class="language-notice"');
    // Part translated: how much is missing.
    const partial = structuredClone(en);
    partial.metadata.languages = ['en', 'ja'];
    partial.metadata.title = { en: partial.metadata.title, ja: 'レイクサイド・クリニック' };
    const coverage = languageCoverage(partial, 'ja');
    expect(coverage.missing).toBe(coverage.total - 1);
    expect(visible(renderBinder(inputFor(partial, 'participant', 'ja')))).toContain(`このプロトコルの本文${coverage.total}件のうち${coverage.missing}件には日本語 (ja)の翻訳がなく`);
    expect(visible(renderBinder(inputFor(partial, 'participant', 'fr')))).toMatch(/Ce protocole n’a pas de texte en français \(fr\)/);
  });

  it('counts {id, at} items as data, not as language maps', () => {
    expect(languageCoverage({ metadata: { languages: ['en'] }, monitoring: { vitals: { timepoints: [{ id: 'pre', at: 'pre_dose' }] } } }, 'en')).toEqual({ total: 0, missing: 0 });
  });
});

describe('site-adaptation binder', () => {
  it("gives the site's own rationale for each change, never a neighbour's", () => {
    const base = scratch('group-first-responders');
    const site = structuredClone(base);
    site.metadata.id = 'harbour-north';
    site.metadata.basedOn = { protocol: 'harbour-first-responders', version: '0.3.0' };
    site.medicineSessions.routes[0].max = 300;
    site.medicineSessions.routes[0].justification = 'Our prescribers reviewed two years of tolerance data at 250 mg.';
    // The site drops one exclusion; the exclusion that moves into its place carries a rationale of its own.
    site.screening.exclusions.absolute = site.screening.exclusions.absolute.filter((e: Doc) => e.id !== 'consent');
    site.screening.exclusions.absolute.find((e: Doc) => e.id === 'pregnancy').rationale = 'Pregnancy tests are done on site.';
    const input = { ...inputFor(site, 'site-adaptation'), siteChanges: siteChanges(base, site).changes, base: { label: '0.3.0', value: base } };
    const html = renderSections(input).sections.find((s) => s.id === 'sec-site-changes')!.html;
    const rows = [...html.matchAll(/<tr><td>([\s\S]*?)<\/td><td>([\s\S]*?)<\/td><td>([\s\S]*?)<\/td><\/tr>/g)].map((m): [string, string] => [visible(m[1]!).trim(), visible(m[3]!).trim()]);
    expect(rows.find(([where]) => /Maximum dose/.test(where))?.[1]).toBe('Our prescribers reviewed two years of tolerance data at 250 mg.');
    const removed = rows.find(([where]) => /inability to consent/.test(where));
    expect(removed, JSON.stringify(rows)).toBeDefined();
    expect(removed![1]).not.toContain('Pregnancy tests');
  });
});
