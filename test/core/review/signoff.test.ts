import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  checkReviewAction,
  listSections,
  normalizedSectionContent,
  ReviewRefusedError,
  reviewDiagnostics,
  reviewStatus,
  sectionAuthorship,
  sectionContentHash,
  type ReviewEventRecord,
  type ReviewRecords,
  type Section,
} from '../../../main/core/review';
import { edited, PROTOCOL_TEXT, protocol, SECRET } from './fixture';

const NOW = new Date('2026-03-01T12:00:00Z');
const sectionsOf = (text: string): Section[] => listSections(parse(text));
const sectionOf = (text: string, key: string): Section => sectionsOf(text).find((s) => s.key === key)!;

function approval(text: string, key: string, track: 'cultural' | 'medical', reviewer: string, at = '2026-02-01T10:00:00Z'): ReviewEventRecord {
  const s = sectionOf(text, key);
  return { sectionKey: key, track, kind: 'approve', reviewer, role: track === 'cultural' ? 'elder' : 'medical_lead', at, contentHash: sectionContentHash(s.value), snapshot: JSON.parse(normalizedSectionContent(s.value)) };
}

const statusOf = (text: string, records: ReviewRecords, key: string, track: string, opts = {}) =>
  reviewStatus(sectionsOf(text), records, NOW, opts).find((s) => s.key === key && s.track === track)!;

describe('listSections', () => {
  it('addresses nested list items by id with people-worded titles and tracks', () => {
    const sections = listSections(protocol());
    const byKey = new Map(sections.map((s) => [s.key, s]));
    expect(byKey.get('curriculum.weeks[week-5]')).toMatchObject({ kind: 'week', title: 'Week 5', track: 'none', path: ['curriculum', 'weeks', 1] });
    expect(byKey.get('curriculum.weeks[week-5].segments[w5-ceremony]')).toMatchObject({ track: 'cultural', parentKey: 'curriculum.weeks[week-5]', title: 'Opening ceremony' });
    expect(byKey.get('medicineSessions.routes[im]')).toMatchObject({ kind: 'dose_route', title: 'Dose route IM', track: 'medical' });
    expect(byKey.get('screening.exclusions.absolute[uncontrolled-hypertension]')).toMatchObject({ kind: 'absolute_exclusion', track: 'medical' });
    expect(byKey.get('consent.sections[contacts]')).toMatchObject({ track: 'medical', governance: { level: 'program_team' } });
    expect(byKey.get('cultural.blocks[labelled-prayer]')?.governance?.level).toBe('secret_sacred');
    // Titles never come from prose: a withheld listing shows them to outside audiences.
    for (const s of sections) expect(Object.values(SECRET).some((x) => s.title.includes(x))).toBe(false);
    // Keepers are not sections of their own.
    expect(sections.some((s) => s.key.includes('keepers'))).toBe(false);
  });

  it('hashes canonical content with SHA-256, ignoring key order and review bookkeeping only', () => {
    const a = { id: 'x', text: 'hello', governance: { sharing: 'open', reviewIntervalMonths: 6 } };
    const b = { governance: { elderReview: { status: 'approved' }, reviewIntervalMonths: 12, sharing: 'open' }, text: 'hello', id: 'x' };
    expect(sectionContentHash(a)).toBe(sectionContentHash(b));
    expect(sectionContentHash(a)).toBe(createHash('sha256').update(normalizedSectionContent(a)).digest('hex'));
    expect(sectionContentHash({ ...a, text: 'hello!' })).not.toBe(sectionContentHash(a));
    // Sharing level is content the reviewers approved.
    expect(sectionContentHash({ ...a, governance: { sharing: 'program_team' } })).not.toBe(sectionContentHash(a));
  });
});

describe('reviewStatus', () => {
  const key = 'cultural.blocks[opening-circle]';

  it('lapses when the section changes and shows what changed since the approval', () => {
    const records = { requests: [], events: [approval(PROTOCOL_TEXT, key, 'cultural', 'Elder Ann Joe')] };
    expect(statusOf(PROTOCOL_TEXT, records, key, 'cultural')).toMatchObject({ state: 'approved', approvedBy: 'Elder Ann Joe', required: true });
    const changed = edited('We gather in a circle', 'We gather in a large circle');
    const st = statusOf(changed, records, key, 'cultural');
    expect(st).toMatchObject({ state: 'lapsed', lapsedBecause: 'content_changed', approvedBy: 'Elder Ann Joe', message: 'changed since approved by Elder Ann Joe on 2026-02-01' });
    expect(st.diff).toHaveLength(1);
    expect(st.diff![0]).toMatchObject({ idPath: 'cultural.blocks[opening-circle].text', kind: 'changed', after: 'We gather in a large circle and introduce ourselves.' });
  });

  it('holds when another section changes', () => {
    const records = { requests: [], events: [approval(PROTOCOL_TEXT, key, 'cultural', 'Elder Ann Joe')] };
    const other = edited('max: 1.5', 'max: 1.2', edited(SECRET.community, 'other words'));
    expect(statusOf(other, records, key, 'cultural').state).toBe('approved');
    // Recording the Elder review in the document is bookkeeping, not content.
    const bookkept = edited('        origin: {community: Snuneymuxw First Nation', '        elderReview: {status: approved, reviewer: Elder Ann Joe}\n        origin: {community: Snuneymuxw First Nation');
    expect(statusOf(bookkept, records, key, 'cultural').state).toBe('approved');
  });

  it('redacts the lapse diff for the audience it is shown to', () => {
    const song = 'cultural.blocks[healing-song]';
    const records = { requests: [], events: [approval(PROTOCOL_TEXT, song, 'cultural', 'Elder Mary Thomas')] };
    const changed = edited(SECRET.community, 'CHANGED song words');
    expect(JSON.stringify(statusOf(changed, records, song, 'cultural').diff)).toContain('CHANGED song words');
    const outside = statusOf(changed, records, song, 'cultural', { audience: 'program_team' });
    expect(outside.state).toBe('lapsed');
    expect(outside.diff).toHaveLength(1);
    expect(outside.diff![0]!.summary).toMatch(/Healing song changed — content withheld/);
    expect(JSON.stringify(outside)).not.toContain('CHANGED song words');
    expect(JSON.stringify(outside)).not.toContain(SECRET.community);
  });

  it('withholds the lapse diff and reviewers\' notes of a section inside a restricted enclosing section', () => {
    // Week 5 is community-only; its ceremony segment carries no governance of its own.
    const text = edited(
      '      theme: First medicine session\n',
      '      theme: First medicine session\n      governance: {sharing: community_only, keepers: [{name: Elder Ann Joe, role: elder}]}\n',
      edited('          governance:\n            sharing: community_only\n            keepers: [{name: Elder Mary Thomas, nation: Snuneymuxw, role: elder}]\n            permissions: {print: true}\n', ''),
    );
    const k = 'curriculum.weeks[week-5].segments[w5-ceremony]';
    const asked: ReviewEventRecord = { ...approval(text, k, 'cultural', 'Elder Ann Joe'), kind: 'request_changes', note: 'Name the RIVER-NOTE place', at: '2026-02-02T00:00:00Z' };
    const records = { requests: [], events: [approval(text, k, 'cultural', 'Elder Mary Thomas'), asked] };
    const inside = statusOf(text, records, k, 'cultural');
    expect(inside).toMatchObject({ state: 'changes_requested', message: 'changes requested by Elder Ann Joe: Name the RIVER-NOTE place' });
    const outside = statusOf(text, records, k, 'cultural', { audience: 'program_team' });
    // Elder Ann Joe has not agreed to be named outside: the programme team reads "a keeper".
    expect(outside).toMatchObject({ state: 'changes_requested', message: 'changes requested by a keeper of this section: notes withheld' });
    expect(JSON.stringify(outside)).not.toContain('RIVER-NOTE');

    const changed = edited(SECRET.ceremony, 'CHANGED ceremony words', text);
    const lapsed = statusOf(changed, { requests: [], events: [approval(text, k, 'cultural', 'Elder Mary Thomas')] }, k, 'cultural', { audience: 'program_team' });
    expect(lapsed.state).toBe('lapsed');
    expect(lapsed.diff).toHaveLength(1);
    expect(lapsed.diff![0]!.summary).toMatch(/content withheld/);
    expect(JSON.stringify(lapsed)).not.toContain('CHANGED ceremony words');
    expect(JSON.stringify(lapsed)).not.toContain(SECRET.ceremony);
  });

  it('walks requested → changes_requested → requested → approved, and overdue renewals lapse', () => {
    const k = 'cultural.blocks[river-teaching]';
    const s = sectionOf(PROTOCOL_TEXT, k);
    const hash = sectionContentHash(s.value);
    const request = { sectionKey: k, track: 'cultural' as const, reviewer: 'Elder Ann Joe', role: 'elder', requestedBy: 'Alice', requestedAt: '2025-01-01T00:00:00Z', contentHash: hash };
    expect(statusOf(PROTOCOL_TEXT, { requests: [], events: [] }, k, 'cultural').state).toBe('not_requested');
    expect(statusOf(PROTOCOL_TEXT, { requests: [request], events: [] }, k, 'cultural')).toMatchObject({ state: 'requested', pendingReviewers: ['Elder Ann Joe'] });
    const changes: ReviewEventRecord = { ...approval(PROTOCOL_TEXT, k, 'cultural', 'Elder Ann Joe', '2025-01-02T00:00:00Z'), kind: 'request_changes', note: 'Say where the river is' };
    expect(statusOf(PROTOCOL_TEXT, { requests: [request], events: [changes] }, k, 'cultural')).toMatchObject({ state: 'changes_requested', message: 'changes requested by Elder Ann Joe: Say where the river is' });
    const revised = edited(SECRET.program, `${SECRET.program}, the Nanaimo River`);
    expect(statusOf(revised, { requests: [request], events: [changes] }, k, 'cultural')).toMatchObject({ state: 'requested', pendingReviewers: ['Elder Ann Joe'] });
    const ok = approval(revised, k, 'cultural', 'Elder Ann Joe', '2025-01-03T00:00:00Z');
    // Approved on 2025-01-03 with a 6-month interval: due 2025-07-03, overdue by NOW.
    expect(statusOf(revised, { requests: [request], events: [changes, ok] }, k, 'cultural')).toMatchObject({ state: 'lapsed', lapsedBecause: 'review_overdue', reviewDue: '2025-07-03' });
    const recent = approval(revised, k, 'cultural', 'Elder Ann Joe', '2026-01-03T00:00:00Z');
    expect(statusOf(revised, { requests: [request], events: [changes, recent] }, k, 'cultural')).toMatchObject({ state: 'approved', reviewDue: '2026-07-03' });
  });

  it('keeps the medical track independent of the cultural track', () => {
    const k = 'cultural.blocks[opening-circle]';
    const medical = approval(PROTOCOL_TEXT, k, 'medical', 'Dr Lee');
    const statuses = reviewStatus(sectionsOf(PROTOCOL_TEXT), { requests: [], events: [medical] }, NOW).filter((s) => s.key === k);
    expect(statuses.map((s) => [s.track, s.state, s.required])).toEqual([
      ['cultural', 'not_requested', true],
      ['medical', 'approved', false],
    ]);
    const cultural = approval(PROTOCOL_TEXT, k, 'cultural', 'Elder Ann Joe');
    const changesMed: ReviewEventRecord = { ...medical, kind: 'request_changes', note: 'Fire safety', at: '2026-02-02T00:00:00Z' };
    const both = reviewStatus(sectionsOf(PROTOCOL_TEXT), { requests: [], events: [cultural, medical, changesMed] }, NOW).filter((s) => s.key === k);
    expect(both.map((s) => [s.track, s.state])).toEqual([
      ['cultural', 'approved'],
      ['medical', 'changes_requested'],
    ]);
    // A dose route needs medical sign-off only; a cultural approval does not satisfy it.
    const route = 'medicineSessions.routes[im]';
    const onRoute = reviewStatus(sectionsOf(PROTOCOL_TEXT), { requests: [], events: [approval(PROTOCOL_TEXT, route, 'cultural', 'Elder Ann Joe')] }, NOW).filter((s) => s.key === route);
    expect(onRoute.map((s) => [s.track, s.state, s.required])).toEqual([
      ['cultural', 'approved', false],
      ['medical', 'not_requested', true],
    ]);
  });

  it('lists sections that need nothing as not_required', () => {
    const st = statusOf(PROTOCOL_TEXT, { requests: [], events: [] }, 'curriculum.weeks[week-1]', 'none');
    expect(st).toMatchObject({ state: 'not_required', required: false });
  });
});

describe('who may sign off', () => {
  const s = sectionOf(PROTOCOL_TEXT, 'cultural.blocks[opening-circle]');
  const versions = [
    { author: 'Alice', sections: sectionsOf(PROTOCOL_TEXT) },
    { author: 'Bob', sections: sectionsOf(edited('max: 1.5', 'max: 1.2')) },
    { author: 'Carol', sections: sectionsOf(edited('We gather', 'We all gather', edited('max: 1.5', 'max: 1.2'))) },
    { author: 'Dan', sections: sectionsOf(edited('Arriving', 'Landing', edited('We gather', 'We all gather', edited('max: 1.5', 'max: 1.2')))) },
  ];

  it('computes author and last editor from the versions that changed the section hash', () => {
    expect(sectionAuthorship(versions, s.key)).toEqual({ createdBy: 'Alice', lastEditedBy: 'Carol' });
    expect(sectionAuthorship(versions, 'medicineSessions.routes[im]')).toEqual({ createdBy: 'Alice', lastEditedBy: 'Bob' });
  });

  it('refuses approval by the author or the last editor (four eyes), case-insensitively', () => {
    const who = sectionAuthorship(versions, s.key);
    // The same person however the name is typed: case, spacing, full-width letters.
    for (const reviewer of ['Alice', ' carol ', 'ALICE', '\uFF21lice']) {
      expect(() => checkReviewAction({ action: 'approve', track: 'cultural', reviewer, role: 'elder' }, s, who)).toThrow(ReviewRefusedError);
    }
    expect(() => checkReviewAction({ action: 'approve', track: 'cultural', reviewer: 'Carol', role: 'elder' }, s, who)).toThrow(/last changed cultural\.blocks\[opening-circle\].*four eyes/);
    // Bob and Dan changed other sections only.
    expect(() => checkReviewAction({ action: 'approve', track: 'cultural', reviewer: 'Dan', role: 'elder' }, s, who)).not.toThrow();
    // The author may still comment.
    expect(() => checkReviewAction({ action: 'comment', track: 'cultural', reviewer: 'Alice', role: 'program_lead', note: 'ready' }, s, who)).not.toThrow();
  });

  it('requires a note to request changes and a track role to decide', () => {
    expect(() => checkReviewAction({ action: 'request_changes', track: 'cultural', reviewer: 'Dan', role: 'elder' }, s, {})).toThrow(/needs a note/);
    expect(() => checkReviewAction({ action: 'request_changes', track: 'cultural', reviewer: 'Dan', role: 'elder', note: '   ' }, s, {})).toThrow(/needs a note/);
    expect(() => checkReviewAction({ action: 'approve', track: 'cultural', reviewer: 'Dan', role: 'prescriber' }, s, {})).toThrow(/role "prescriber" cannot sign off the cultural track/);
    expect(() => checkReviewAction({ action: 'approve', track: 'medical', reviewer: 'Dr Lee', role: 'prescriber' }, s, {})).not.toThrow();
  });
});

describe('reviewDiagnostics', () => {
  const rangeOf = (path: (string | number)[]) => ({ start: { line: path.length, column: 1 }, end: { line: path.length, column: 2 } });

  it('reports missing keepers, overdue reviews, missing and lapsed sign-offs with framework citations', () => {
    const text = edited(
      '          governance:\n            sharing: community_only\n            keepers: [{name: Elder Mary Thomas, nation: Snuneymuxw, role: elder}]\n',
      '          governance:\n            sharing: community_only\n',
    );
    const key = 'cultural.blocks[opening-circle]';
    const records = { requests: [], events: [approval(PROTOCOL_TEXT, key, 'cultural', 'Elder Ann Joe')] };
    const changed = edited('We gather in a circle', 'We meet', text);
    const status = reviewStatus(listSections(parse(changed)), records, NOW);
    const diags = reviewDiagnostics(parse(changed), status, rangeOf, NOW);
    const codes = (c: string) => diags.filter((d) => d.code === c);
    expect(codes('REV-01').map((d) => d.path)).toEqual([['curriculum', 'weeks', 1, 'segments', 0, 'governance']]);
    expect(codes('REV-02')[0]).toMatchObject({ path: ['metadata', 'review', 'nextReview'], message: "The protocol's review was due on 2025-07-15" });
    expect(codes('REV-04')).toHaveLength(1);
    expect(codes('REV-04')[0]!.message).toContain('changed since approved by Elder Ann Joe on 2026-02-01');
    expect(codes('REV-03').map((d) => d.path)).toContainEqual(['medicineSessions', 'routes', 0]);
    expect(codes('REV-03').every((d) => d.severity === 'warning')).toBe(true);
    for (const d of diags) expect(d.help).toMatch(/TCPS 2 .*Art\. 9\.5.*OCAP.*Local Contexts/);
  });

  it('makes missing sign-offs errors once the document says it is approved', () => {
    const approved = parse(edited('status: draft', 'status: approved'));
    const diags = reviewDiagnostics(approved, reviewStatus(listSections(approved), { requests: [], events: [] }, NOW), rangeOf, NOW);
    expect(diags.filter((d) => d.code === 'REV-03').every((d) => d.severity === 'error')).toBe(true);
  });
});

describe('naming reviewers of cultural content', () => {
  const opening = 'cultural.blocks[opening-circle]';
  const river = 'cultural.blocks[river-teaching]';
  const records: ReviewRecords = {
    requests: [],
    events: [approval(PROTOCOL_TEXT, opening, 'cultural', 'Elder Mary Thomas'), approval(PROTOCOL_TEXT, river, 'cultural', 'Knowledge Keeper Jo Sam')],
  };

  it('names a keeper outside only where the governance lets that keeper be named', () => {
    // Elder Mary Thomas agreed to be named; Jo Sam did not.
    const named = statusOf(PROTOCOL_TEXT, records, opening, 'cultural', { audience: 'program_team' });
    expect(named).toMatchObject({ approvedBy: 'Elder Mary Thomas', approvedByName: 'Elder Mary Thomas' });
    expect(named.message).toContain('approved by Elder Mary Thomas');
    const unnamed = statusOf(PROTOCOL_TEXT, records, river, 'cultural', { audience: 'program_team' });
    expect(unnamed.approvedByName).toBe('a keeper of this section');
    expect(unnamed.message).toContain('approved by a keeper of this section');
    expect(unnamed.message).not.toContain('Jo Sam');
  });

  it('names every reviewer inside the workspace and in Elder review, and on the medical track', () => {
    for (const audience of ['workspace', 'elder_review'] as const) {
      expect(statusOf(PROTOCOL_TEXT, records, river, 'cultural', { audience }).message).toContain('approved by Knowledge Keeper Jo Sam');
    }
    // The name goes through nameOf first (a person id read as the register's name), then the rule.
    const byId = { requests: [], events: [approval(PROTOCOL_TEXT, opening, 'cultural', 'mary-thomas')] };
    const status = statusOf(PROTOCOL_TEXT, byId, opening, 'cultural', { audience: 'program_team', nameOf: (id: string) => (id === 'mary-thomas' ? 'Elder Mary Thomas' : id) });
    expect(status.approvedByName).toBe('Elder Mary Thomas');
  });
});
