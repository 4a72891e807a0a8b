import { describe, expect, it } from 'vitest';
import { BINDER_CSP, PROFILE_NAMES, PROFILES, renderBinder, renderSections } from '../../../main/core/binder/index';
import { cssString } from '../../../main/core/binder/html';
import { diffProtocols } from '../../../main/core/diff/index';
import { COMMUNITY_SECRET, inputFor, KEEPER, loadTemplate, PLACEHOLDER, SECRET, templateFiles, withRestrictedContent } from './fixtures';

/** Text content without tags, entities decoded enough to search for sentences. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('renderBinder over the bundled templates', () => {
  const files = templateFiles();
  it('finds the bundled templates', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    for (const profile of PROFILE_NAMES) {
      it(`${file} × ${profile}: a self-contained document with cover, contents and every section`, () => {
        const value = loadTemplate(file);
        const input = inputFor(value, profile);
        const html = renderBinder(input);
        expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${BINDER_CSP}">`);
        expect(html).not.toMatch(/<script|<img|<iframe|<object|<link|\bsrc=|href="(?!#)/i);
        const { sections } = renderSections(input);
        expect(sections.length).toBeGreaterThan(0);
        for (const s of sections) {
          expect(html).toContain(`<section class="major" id="${s.id}"><h1>`);
          expect(html).toContain(`<a href="#${s.id}">`);
        }
        expect(html).toContain(`Version ${value.metadata.versionLabel}`);
      });
    }
  }
});

describe('what each profile prints', () => {
  const value = withRestrictedContent(loadTemplate('rtt-kat-12-week.protocol.yaml'));

  it('never prints secret/sacred text for any profile, and names the keeper in its place where cultural content is shown', () => {
    for (const profile of PROFILE_NAMES) {
      const html = renderBinder(inputFor(value, profile));
      expect(textOf(html)).not.toContain(SECRET);
      expect(html).not.toContain('SECRET-7f3a9c');
    }
    for (const profile of ['clinical-team', 'elder-review'] as const) {
      const text = textOf(renderBinder(inputFor(value, profile)));
      expect(text).toContain(PLACEHOLDER);
      expect(text).toContain(KEEPER);
    }
  });

  it('prints community-only content for Elder review but not for the clinical team or participants', () => {
    expect(textOf(renderBinder(inputFor(value, 'elder-review')))).toContain(COMMUNITY_SECRET);
    expect(textOf(renderBinder(inputFor(value, 'clinical-team')))).not.toContain(COMMUNITY_SECRET);
    expect(textOf(renderBinder(inputFor(value, 'participant')))).not.toContain(COMMUNITY_SECRET);
  });

  it('gives the clinical team dosing, screening checklists, a vitals sheet with blanks and a sign-off page', () => {
    const html = renderBinder(inputFor(value, 'clinical-team'));
    expect(html).toContain('<table class="dosing">');
    expect(html).toMatch(/<ul class="checklist"><li><span class="box" aria-hidden="true"><\/span>/);
    const vitals = /<table class="vitals">.*?<\/table>/s.exec(html)?.[0] ?? '';
    expect(vitals).toContain('BP (mmHg)');
    expect(vitals).toContain('SpO2 (%)');
    expect((vitals.match(/<span class="blank"><\/span>/g) ?? []).length).toBeGreaterThan(8);
    expect(html).toContain('<thead>');
    expect(html).toMatch(/<h2>Medical lead<\/h2><div class="sig-grid">/);
  });

  it('gives participants the overview, week-by-week guide, consent with signature lines and the safety sheet — no dosing or screening', () => {
    const { sections } = renderSections(inputFor(value, 'participant'));
    expect(sections.map((s) => s.id)).toEqual(['sec-overview', 'sec-weekly-guide', 'sec-consent', 'sec-safety-sheet']);
    const html = renderBinder(inputFor(value, 'participant'));
    expect(html).toContain('Participant signature');
    expect(html).not.toContain('class="dosing"');
    expect(html).not.toContain('Absolute exclusions');
  });

  it('gives Elder review the cultural blocks with keepers, TK labels and origin', () => {
    const html = renderBinder(inputFor(value, 'elder-review'));
    expect(html).toContain('<span class="tk">TK Community Use Only</span>');
    expect(html).toContain('<dt>Origin</dt>');
    expect(html).toContain('Community teaching');
  });

  it('prints the page numbers it is given in the contents', () => {
    const html = renderBinder({ ...inputFor(value, 'participant'), tocPages: { 'sec-overview': 3, 'sec-consent': 17 } });
    expect(html).toMatch(/href="#sec-consent">.*?<span class="pg" data-toc-for="sec-consent">17<\/span>/);
    expect(html).toMatch(/href="#sec-weekly-guide">.*?<span class="pg" data-toc-for="sec-weekly-guide"><\/span>/);
  });

  it('lists site changes with the reason written in the protocol, and withholds changes inside restricted sections', () => {
    const base = loadTemplate('rtt-kat-12-week.protocol.yaml');
    const site = structuredClone(value);
    site.medicineSessions.routes[0].max = 1.2;
    site.medicineSessions.routes[0].justification = 'Our site keeps a lower ceiling RATIONALE-55';
    const changes = diffProtocols(base, site);
    const html = renderBinder({ ...inputFor(site, 'site-adaptation'), siteChanges: changes, base: { label: base.metadata.versionLabel, value: base } });
    const text = textOf(html);
    expect(text).toContain('RATIONALE-55');
    expect(text).not.toContain('SECRET-7f3a9c');
    expect(text).toContain('content withheld');
  });

  it('withholds restricted content from the change log', () => {
    const before = loadTemplate('rtt-kat-12-week.protocol.yaml');
    const changes = diffProtocols(before, value);
    const html = renderBinder({ ...inputFor(value, 'clinical-team'), changeLog: [{ category: 'cultural', changes }], previous: { label: 'prev', value: before } });
    expect(html).not.toContain('SECRET-7f3a9c');
    expect(html).not.toContain('COMMUNITY-41be2d');
    expect(html).toContain('Changes from version prev');
  });

  it('rejects an unknown profile with the list of known ones', () => {
    expect(() => renderBinder(inputFor(value, 'nope' as never))).toThrow(/Unknown binder profile "nope".*clinical-team/);
  });

  it('every profile names its audience and its sections', () => {
    for (const p of Object.values(PROFILES)) {
      expect(p.audience).toMatch(/^[a-z_]+$/);
      expect(p.sections.length).toBeGreaterThan(0);
    }
  });
});

describe('hostile input', () => {
  const hostile = {
    schemaVersion: 1,
    metadata: {
      id: 'x',
      title: '</style><script>alert(1)</script>"Evil" \\ title',
      versionLabel: '1.0.0</style><script>alert(2)</script>',
      status: 'draft',
      languages: ['en'],
    },
    programme: { format: 'group', weeks: 12, summary: 'Hi <img src=x onerror=alert(3)> [click](javascript:alert(4)) ![pic](https://evil.example/x.png) [ok](https://example.org/a)' },
    curriculum: { weeks: [{ id: 'w1', week: 1, theme: '<script>alert(5)</script>', segments: [{ id: 's', kind: 'other', title: '<iframe src=//evil>' }] }] },
    consent: { sections: [{ id: 'n', element: 'nature_of_treatment', title: 'T', text: '<a href="javascript:alert(6)">x</a> <style>body{}</style>' }] },
  };

  it('escapes HTML, drops images and prints links as text with their URL, never as links', () => {
    for (const profile of PROFILE_NAMES) {
      const html = renderBinder({ ...inputFor(hostile, profile), version: { label: hostile.metadata.versionLabel, status: 'draft' } });
      expect(html).not.toMatch(/<script|<img|<iframe|<a href="javascript|href="http|<style>body/i);
      expect(html.match(/<\/style>/g)).toHaveLength(1);
      expect(html).not.toContain('evil.example');
      if (profile === 'participant') {
        expect(html).toContain('&lt;img src=x onerror=alert(3)&gt;');
        expect(html).toContain('<span class="link">ok</span> <span class="url">(https://example.org/a)</span>');
      }
    }
  });

  it('escapes values of the wrong type wherever they are printed (measure bands)', () => {
    const doc = { measures: [{ id: 'm', instrument: 'PHQ-9', bands: [{ id: 'b', min: '<b onmouseover=alert(7)>', max: 4, label: 'Low' }, { id: 'c', min: 5, max: 9, label: 'Mild' }] }] };
    const html = renderBinder(inputFor(doc, 'clinical-team'));
    expect(html).not.toContain('<b onmouseover');
    expect(html).toContain('5–9 Mild');
  });

  it('does not crash on values of the wrong type', () => {
    const broken = {
      metadata: 5,
      programme: { format: 7, delivery: {}, weeks: 'twelve', cohortSize: 'many' },
      curriculum: { weeks: 'none' },
      medicineSessions: { routes: [1, null, { route: {}, min: 'a' }], weeks: 'x', fasting: 3, dischargeCriteria: {} },
      screening: { exclusions: { absolute: 'x' }, instruments: [{}] },
      monitoring: { vitals: { fields: [1, 'bp'], timepoints: [{}] }, emergencyReadiness: { equipment: 'o2' } },
      consent: { touch: { options: 'x' }, ceremony: { elements: [null] } },
      cultural: { blocks: [{ governance: 'open' }, { governance: { sharing: 42 } }] },
      measures: 'x',
      qi: { cycles: [{ number: 'one' }] },
      team: [{ role: 5, protocol: { rate: { amount: 'x' } } }],
    };
    for (const profile of PROFILE_NAMES) {
      expect(() => renderBinder(inputFor(broken, profile))).not.toThrow();
    }
    expect(() => renderBinder(inputFor(null, 'clinical-team'))).not.toThrow();
  });

  it('CSS strings in the page stamp cannot close the style element or the string', () => {
    const s = cssString('a"b</style>\\c');
    expect(s).not.toMatch(/<|"b|\\c/);
    expect(s.startsWith('"') && s.endsWith('"')).toBe(true);
  });
});
