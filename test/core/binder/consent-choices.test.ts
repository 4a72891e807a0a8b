/**
 * The participant's choice whether to take part in each ceremony element is consent, so its row of boxes is
 * always printed; the element's ceremonial words stay under the disclosure policy.
 */
import { describe, expect, it } from 'vitest';
import { renderSections } from '../../../main/core/binder/index';
import { CEREMONY_WORDS, ceremonyVariant, ELEMENT_PLACEHOLDER } from './consent-choices';
import { inputFor } from './fixtures';

const consentHtml = (doc: unknown, profile: 'participant' | 'clinical-team' = 'participant', lang = 'en') =>
  renderSections(inputFor(doc, profile, lang)).sections.find((s) => s.id === 'sec-consent')?.html ?? '';
const optIn = (html: string) => /<table class="optin">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
const ROW = /<tr><td>(.*?)<\/td><td class="choice"><span class="box"[^>]*><\/span> Yes<\/td><td class="choice"><span class="box"[^>]*><\/span> No<\/td><\/tr>/g;

describe('ceremony choices in the participant binder', () => {
  it('prints the choice for an element without governance, without its ceremonial words', () => {
    const html = consentHtml(ceremonyVariant('no-governance'));
    const rows = [...optIn(html).matchAll(ROW)].map((m) => m[1]);
    expect(rows).toEqual(['<em>A ceremony element its keepers describe in person</em>']);
    expect(html).not.toContain(CEREMONY_WORDS);
    expect(html).toContain('without recorded governance');
    // In the binder's language where the keepers wrote no placeholder of their own.
    const ja = optIn(consentHtml(ceremonyVariant('no-governance'), 'participant', 'ja'));
    expect(ja).toContain('<em>継承者が直接説明する儀式の要素</em>');
    expect(ja).not.toContain(CEREMONY_WORDS);
  });

  it('prints the choice for a restricted element under its keepers’ placeholder, never its words', () => {
    const html = consentHtml(ceremonyVariant('restricted'));
    const rows = [...optIn(html).matchAll(ROW)].map((m) => m[1]);
    expect(rows).toEqual([`<em>${ELEMENT_PLACEHOLDER}</em>`]);
    expect(html).not.toContain(CEREMONY_WORDS);
    expect(html).toContain('Not printed in this binder: Ceremony element');
  });

  it('prints the element’s own words where the policy shows them', () => {
    const rows = [...optIn(consentHtml(ceremonyVariant('open'))).matchAll(ROW)].map((m) => m[1]);
    expect(rows).toEqual([CEREMONY_WORDS]);
    // The workspace's own clinical team sees the ungoverned element too (programme-team level).
    expect(optIn(consentHtml(ceremonyVariant('no-governance'), 'clinical-team'))).toContain(CEREMONY_WORDS);
  });
});
