import { describe, it } from 'vitest';
import { checkCase, type Doc, type RuleCase } from './fixture';

const block = (d: Doc) => d.cultural.blocks[0];
const gov = (d: Doc) => block(d).governance;
const GOV = ['cultural', 'blocks', 0, 'governance'];
const elder = (d: Doc) => d.team[2];
const TEACHING = 'A teaching given for this programme.';

const cases: Record<string, RuleCase[]> = {
  'CULT-01': [
    { name: 'community-only text pending review, used in week 1', edit: (d) => ((block(d).text = TEACHING), (gov(d).elderReview.status = 'pending')), fires: { severity: 'error', path: [...GOV, 'elderReview'], message: /"opening-circle" \(sharing: community_only\) is used in week-1 but its Elder review is "pending"/ } },
    { name: 'no review recorded, referenced only by the ceremony consent', edit: (d) => ((block(d).text = TEACHING), delete gov(d).elderReview, (d.curriculum.weeks = [])), fires: { message: /used in the ceremony consent .* not recorded/ } },
    { name: 'unreferenced but marked printable', edit: (d) => ((block(d).text = TEACHING), (gov(d).elderReview.status = 'pending'), (d.curriculum.weeks = []), (d.consent.ceremony.elements = []), (gov(d).permissions = { print: true })), fires: { message: /is marked for print/ } },
    { name: 'referenced, but permissions forbid print and export', edit: (d) => ((block(d).text = TEACHING), (gov(d).elderReview.status = 'pending'), (gov(d).permissions = { print: false, export: false })) },
    { name: 'placeholder only, pending, marked printable', edit: (d) => ((gov(d).elderReview.status = 'pending'), (gov(d).permissions = { print: true })) },
    { name: 'unreferenced and no permissions', edit: (d) => ((block(d).text = TEACHING), (gov(d).elderReview.status = 'pending'), (d.curriculum.weeks = []), (d.consent.ceremony.elements = [])) },
    { name: 'open block without review', edit: (d) => ((block(d).text = TEACHING), (gov(d).sharing = 'open'), delete gov(d).elderReview) },
    { name: 'approved text', edit: (d) => (block(d).text = TEACHING) },
  ],
  'CULT-02': [
    { name: 'no origin', edit: (d) => delete gov(d).origin, fires: { severity: 'error', path: GOV, message: /does not name the Nation or community/ } },
    { name: 'no keepers', edit: (d) => (gov(d).keepers = []), fires: { path: GOV, message: /names no Elder or Knowledge Keeper/ } },
    { name: 'no governance at all', edit: (d) => delete block(d).governance, fires: { count: 2 } },
    { name: 'community only (no nation)', edit: (d) => delete gov(d).origin.nation },
  ],
  'CULT-03': [
    {
      name: 'adapted block from another Nation, base approval copied',
      edit: (d) => ((gov(d).origin = { nation: 'Cree Nation' }), (gov(d).elderReview.reviewer = 'Elder A')),
      fires: { severity: 'warning', path: [...GOV, 'elderReview'], message: /comes from Cree Nation, outside this site's territory, and has no approved review by local Elders/ },
    },
    { name: 'site territory not stated', edit: (d) => (delete d.metadata.site.territory, (gov(d).elderReview.status = 'pending')), fires: { message: /site territory is not stated/ } },
    { name: 'adapted block from another Nation, approved by a local Elder', edit: (d) => (gov(d).origin = { nation: 'Cree Nation' }) },
    { name: 'not an adaptation', edit: (d) => (delete d.metadata.basedOn, (gov(d).origin = { nation: 'Cree Nation' }), delete gov(d).elderReview) },
  ],
  'CULT-04': [
    { name: 'Elder without protocol', edit: (d) => delete elder(d).protocol, fires: { severity: 'warning', path: ['team', 2], message: /Elder A \(elder\) has no protocol/ } },
    { name: 'Knowledge Keeper protocol without travel', edit: (d) => ((elder(d).role = 'knowledge_keeper'), delete elder(d).protocol.travel), fires: { path: ['team', 2, 'protocol'], message: /does not cover travel/ } },
    { name: 'honorarium given as a rate', edit: (d) => (delete elder(d).protocol.honorarium, (elder(d).protocol.rate = { amount: 250, currency: 'CAD', per: 'half_day' })) },
  ],
  'CULT-05': [
    { name: 'ceremony not opt-in per element', edit: (d) => (d.consent.ceremony.optInPerElement = false), fires: { severity: 'error', path: ['consent', 'ceremony', 'optInPerElement'] } },
    { name: 'cultural blocks but no ceremony consent', edit: (d) => delete d.consent.ceremony, fires: { path: ['consent', 'ceremony'] } },
    { name: 'no cultural content at all', edit: (d) => (delete d.consent.ceremony, delete d.cultural) },
  ],
  'CULT-06': [
    { name: 'review older than its 12-month interval', edit: (d) => (gov(d).elderReview.date = '2025-01-10'), fires: { severity: 'warning', path: [...GOV, 'elderReview', 'date'], message: /on 2025-01-10 is older than its 12-month review interval/ } },
    { name: 'approval expired', edit: (d) => (gov(d).elderReview.expires = '2026-05-01'), fires: { path: [...GOV, 'elderReview', 'expires'], message: /expired on 2026-05-01/ } },
    { name: 'date parsed as a Date (YAML 1.1)', edit: (d) => ((gov(d).elderReview.date = new Date('2024-03-01T00:00:00Z')), delete gov(d).reviewIntervalMonths), fires: { message: /2024-03-01/ } },
    { name: 'reviewed within a 6-month interval', edit: (d) => ((gov(d).elderReview.date = '2026-01-15'), (gov(d).reviewIntervalMonths = 6)) },
    { name: 'malformed date is ignored', edit: (d) => (gov(d).elderReview.date = 'last spring') },
  ],
};

describe('cultural rules', () => {
  for (const [code, list] of Object.entries(cases))
    describe(code, () => {
      for (const c of list) it(`${c.fires ? 'fires' : 'is silent'}: ${c.name}`, () => checkCase(code, c));
    });
});
