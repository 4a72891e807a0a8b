/** Export / import carries the review records (requests, events, approved-content snapshots) losslessly. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../main/store/hash';
import { approve, comment, readReviewRecords, requestChanges, requestReview, reviewStatusFor } from '../../main/store/review-store';
import type { Workspace } from '../../main/store/workspace';
import { readTemplate } from '../../main/templates';
import { steppingClock, tempDir, tempWorkspace } from './helpers';

const RTT = readTemplate('rtt-kat-12-week');
const SMUDGING = 'cultural.blocks[smudging]';
const ROUTE = 'medicineSessions.routes[im]';
const OPENING = 'curriculum.weeks[week-5].segments[w5-opening]';

/** Two protocols with interleaved review records on both tracks, and a sign-off that lapsed. */
function reviewed(): { ws: Workspace; ids: string[] } {
  const ws = tempWorkspace({ now: steppingClock() });
  const a = ws.createProtocol({ template: { id: 'rtt-kat-12-week', text: RTT }, title: 'Base', author: 'Alice' }).id;
  const b = ws.createProtocol({ template: { id: 'rtt-kat-12-week', text: RTT }, id: 'coast-site', title: 'Coast site', author: 'Alice' }).id;
  requestReview(ws, { protocolId: a, sectionKey: ROUTE, reviewers: [{ name: 'Dr Lee', role: 'medical_lead' }, { name: 'Dr Roy', role: 'prescriber' }], requestedBy: 'Alice', note: 'Check the IM range' });
  requestReview(ws, { protocolId: b, sectionKey: SMUDGING, reviewers: [{ name: 'Elder Ann Joe', role: 'elder' }], requestedBy: 'Alice' });
  approve(ws, { protocolId: a, sectionKey: SMUDGING }, { reviewer: 'Elder Ann Joe', role: 'elder' });
  requestChanges(ws, { protocolId: a, sectionKey: ROUTE }, { reviewer: 'Dr Lee', role: 'medical_lead', note: 'Cap the start dose at 0.5 mg/kg' });
  approve(ws, { protocolId: b, sectionKey: OPENING }, { reviewer: 'Elder Ann Joe', role: 'elder' });
  comment(ws, { protocolId: a, sectionKey: OPENING }, { reviewer: 'Alice', role: 'program_lead', note: 'Timing agreed with the Elder' });
  approve(ws, { protocolId: b, sectionKey: ROUTE }, { reviewer: 'Dr Roy', role: 'prescriber' });
  // Edit the route of b after its approval: the lapse (and its diff) must survive the round trip.
  const head = ws.head(b)!;
  ws.saveDraft(b, RTT.replace(/(- id: im\n(?:.*\n)*?\s+max: )1\.5/, '$11.2'), { author: 'Bob', parentVersionId: head.id });
  ws.commit(b, { author: 'Bob', message: 'Lower the IM ceiling', expectedParentId: head.id });
  return { ws, ids: [a, b] };
}

const rows = (ws: Workspace, table: string) => ws.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();

describe('review records in export / import', () => {
  it('round trip: every request and event, with ids, versions, notes and snapshots, and the same review status', () => {
    const { ws, ids } = reviewed();
    const out = tempDir();
    const summary = ws.exportTo(out);
    expect(summary).toMatchObject({ reviews: 8, audience: 'program_team' });
    const copy = tempWorkspace({ now: steppingClock(Date.UTC(2026, 1, 1)) });
    expect(copy.importFrom(out, { author: 'Importer' })).toMatchObject({ reviews: 8, audience: 'program_team' });

    expect(rows(copy, 'review_requests')).toEqual(rows(ws, 'review_requests'));
    expect(rows(copy, 'review_events')).toEqual(rows(ws, 'review_events'));
    const now = new Date(Date.UTC(2026, 1, 1));
    for (const id of ids) {
      expect(readReviewRecords(copy, id)).toEqual(readReviewRecords(ws, id));
      expect(reviewStatusFor(copy, id, { now })).toEqual(reviewStatusFor(ws, id, { now }));
    }
    const route = reviewStatusFor(copy, 'coast-site', { now }).sections.find((s) => s.key === ROUTE && s.track === 'medical')!;
    expect(route).toMatchObject({ state: 'lapsed', lapsedBecause: 'content_changed', approvedBy: 'Dr Roy' });
    expect(copy.verify()).toEqual({ ok: true, problems: [] });
    // Exporting the imported workspace gives the same review files, byte for byte.
    const again = tempDir();
    copy.exportTo(again);
    for (const folder of ['Base', 'Coast site']) {
      expect(readFileSync(join(again, 'protocols', folder, 'reviews.json'), 'utf8')).toBe(readFileSync(join(out, 'protocols', folder, 'reviews.json'), 'utf8'));
    }
  });

  it('refuses a snapshot edited in the export (hash fixed in the manifest) and writes nothing', () => {
    const { ws } = reviewed();
    const out = tempDir();
    ws.exportTo(out);
    const rel = 'protocols/Base/reviews.json';
    const file = join(out, ...rel.split('/'));
    const reviews = JSON.parse(readFileSync(file, 'utf8'));
    const approval = reviews.events.find((e: { kind: string }) => e.kind === 'approve');
    approval.snapshot.placeholder = 'Something else was approved';
    const text = JSON.stringify(reviews);
    writeFileSync(file, text);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    manifest.files[rel] = sha256(text);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
    const copy = tempWorkspace();
    expect(() => copy.importFrom(out)).toThrow(/reviews\.json: review event \d+ \(approve of cultural\.blocks\[smudging\] by Elder Ann Joe\): the snapshot does not match its content hash/);
    expect(copy.listProtocols()).toEqual([]);
    expect(rows(copy, 'review_events')).toEqual([]);
  });

  it('refuses malformed review records with the file and field named', () => {
    const { ws } = reviewed();
    const out = tempDir();
    ws.exportTo(out);
    const rel = 'protocols/Base/reviews.json';
    const text = JSON.stringify({ requests: [], events: [{ id: 1, sectionKey: SMUDGING, track: 'cultural', versionId: null, kind: 'veto', snapshot: {} }] });
    writeFileSync(join(out, ...rel.split('/')), text);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    manifest.files[rel] = sha256(text);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
    expect(() => tempWorkspace().importFrom(out)).toThrow(/Base\/reviews\.json\.events\[0\]\.kind must be one of approve, request_changes, withhold, comment, not "veto"/);
  });

  it('still imports an export made before review records were carried (format 1)', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    ws.createProtocol({ template: { id: 'rtt-kat-12-week', text: RTT }, author: 'Alice' });
    const out = tempDir();
    ws.exportTo(out);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    delete manifest.audience;
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 1 }));
    const copy = tempWorkspace();
    expect(copy.importFrom(out)).toMatchObject({ protocols: 1, versions: 1, reviews: 0 });
    // A format-1 export of a workspace that had review records lost them: refused rather than half restored.
    const { ws: reviewedWs } = reviewed();
    const old = tempDir();
    reviewedWs.exportTo(old);
    const oldManifest = JSON.parse(readFileSync(join(old, 'manifest.json'), 'utf8'));
    writeFileSync(join(old, 'manifest.json'), JSON.stringify({ ...oldManifest, formatVersion: 1 }));
    expect(() => tempWorkspace().importFrom(old)).toThrow(/made before review records were exported: its audit log records 8 review actions/);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 4 }));
    expect(() => tempWorkspace().importFrom(out)).toThrow(/format version 4 is not supported \(expected 1, 2 or 3\)/);
  });
});
