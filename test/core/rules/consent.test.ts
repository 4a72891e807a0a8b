import { describe, expect, it } from 'vitest';
import { readability } from '../../../main/core/rules/consent';
import { checkCase, type Doc, type RuleCase } from './fixture';

const dropElement = (element: string) => (d: Doc) => {
  d.consent.sections = d.consent.sections.filter((s: { element: string }) => s.element !== element);
};
const HARD =
  'Participation in this investigational therapeutic programme necessitates comprehensive acknowledgement of pharmacological considerations, including potential haemodynamic destabilisation, dissociative phenomenology, and idiosyncratic psychological sequelae, notwithstanding the practitioners\u2019 anticipatory mitigation methodologies, which are individually calibrated according to physiological characteristics, documented comorbidities, concomitant medications, and consultatively established institutional guidelines.';

const cases: Record<string, RuleCase[]> = {
  'CONS-01': [
    { name: 'no touch section', edit: dropElement('touch'), fires: { severity: 'error', path: ['consent', 'sections'], message: /no "touch" section \(element: touch\)/, count: 1 } },
    { name: 'no sections at all', edit: (d) => delete d.consent.sections, fires: { count: 1, message: /missing 16 of 16 required elements: nature of treatment, .*ceremony$/ } },
    { name: 'optional recording section missing', edit: dropElement('recording') },
    {
      name: 'an individual programme without culture needs neither group confidentiality nor ceremony',
      edit: (d) => {
        d.programme = { format: 'individual', weeks: 8 };
        delete d.cultural;
        delete d.consent.ceremony;
        d.team = d.team.filter((m: Doc) => m.role !== 'elder');
        d.curriculum = { weeks: [{ id: 'week-1', week: 1 }] };
        d.consent.sections = d.consent.sections.filter((s: Doc) => s.element !== 'group_confidentiality' && s.element !== 'ceremony');
      },
    },
    { name: 'a group programme still needs group confidentiality', edit: dropElement('group_confidentiality'), fires: { count: 1, message: /no "group confidentiality" section/ } },
    {
      name: 'an individual programme with an Elder on the team still needs the ceremony element',
      edit: (d) => ((d.programme.format = 'individual'), delete d.cultural, delete d.consent.ceremony, (d.curriculum = { weeks: [] }), (d.consent.sections = d.consent.sections.filter((s: Doc) => s.element !== 'group_confidentiality' && s.element !== 'ceremony'))),
      fires: { count: 1, message: /no "ceremony" section/ },
    },
  ],
  'CONS-02': [
    { name: 'touch captured in session', edit: (d) => (d.consent.touch.capturedBefore = 'during_session'), fires: { severity: 'error', path: ['consent', 'touch', 'capturedBefore'], message: /before "during_session"/ } },
    { name: 'not revisable', edit: (d) => (d.consent.touch.revisable = false), fires: { path: ['consent', 'touch', 'revisable'] } },
    { name: 'no touch block', edit: (d) => delete d.consent.touch, fires: { path: ['consent', 'touch'] } },
    { name: 'captured at screening', edit: (d) => (d.consent.touch.capturedBefore = 'screening') },
  ],
  'CONS-03': [
    { name: 'no narrow-only rule', edit: (d) => delete d.consent.touch.narrowOnlyInSession, fires: { severity: 'warning', path: ['consent', 'touch', 'narrowOnlyInSession'] } },
    { name: 'narrow-only set', edit: (d) => (d.consent.touch.narrowOnlyInSession = true) },
  ],
  'READ-01': [
    { name: 'dense consent text', edit: (d) => (d.consent.sections[1].text = HARD), fires: { severity: 'info', path: ['consent', 'sections', 1, 'text'], message: /"purpose_and_structure" is hard to read: Flesch reading ease -?\d+ \(below 50\); \d+ words per sentence on average \(above 20\)/ } },
    { name: 'dense English text in a localized map', edit: (d) => (d.consent.sections[1].text = { en: HARD, fr: 'Texte.' }), fires: { path: ['consent', 'sections', 1, 'text', 'en'] } },
    { name: 'non-English text is not scored', edit: (d) => (d.consent.sections[1].text = { fr: HARD }) },
    { name: 'protocol whose first language is not English', edit: (d) => ((d.metadata.languages = ['fr']), (d.consent.sections[1].text = HARD)) },
    { name: 'short text is not scored', edit: (d) => (d.consent.sections[1].text = 'Pharmacological haemodynamic destabilisation considerations.') },
  ],
};

describe('consent and readability rules', () => {
  for (const [code, list] of Object.entries(cases))
    describe(code, () => {
      for (const c of list) it(`${c.fires ? 'fires' : 'is silent'}: ${c.name}`, () => checkCase(code, c));
    });

  it('scores plain text as easier than dense text, with Markdown lists as sentence ends', () => {
    const plain = readability('We meet once a week. You can stop at any time. Ask us if you are not sure.');
    const dense = readability(HARD);
    expect(plain.sentences).toBe(3);
    expect(plain.averageSentenceWords).toBe(6);
    expect(plain.fleschReadingEase).toBeGreaterThan(80);
    expect(dense.fleschReadingEase).toBeLessThan(0);
    expect(readability('- first item\n- second item\n- third item').sentences).toBe(3);
  });
});
