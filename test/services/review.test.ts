import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorStatus, StudioService } from '../../main/services';

describe('review status for the studio', () => {
  let dir: string;
  let svc: StudioService;
  const section = (st: Awaited<ReturnType<StudioService['reviewStatus']>>, path: string, track = 'cultural') => st.sections.find((s) => s.path === path && s.track === track)!;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studio-review-'));
    svc = await StudioService.open({ workspacePath: join(dir, 'ws.sqlite'), host: 'browser', author: 'Ana' });
    await svc.createFromTemplate({ templateId: 'rtt-kat-12-week', protocolId: 'base' });
  });
  afterEach(() => {
    svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads governance, keepers, TK labels and origin from the blocks, and lends them to sections that refer to a block', async () => {
    const st = await svc.reviewStatus({ protocolId: 'base' });
    const smudging = section(st, 'cultural.blocks[smudging]');
    expect(smudging.group).toBe('Cultural blocks');
    expect(smudging.sharing).toEqual({ level: 'community_only', text: expect.stringMatching(/^Community only — shared only with members of the source community/) });
    expect(smudging.keepers[0]).toMatchObject({ role: 'elder' });
    expect(smudging.labels.map((l) => l.name)).toEqual(['TK Community Use Only', 'TK Culturally Sensitive']);
    expect(smudging.labels.every((l) => l.text.length > 0 && !l.communityWording)).toBe(true);
    expect(smudging.origin).toMatchObject({ community: expect.any(String), nation: expect.any(String) });

    // The week-5 opening segment has no governance of its own: it reads as the block it refers to.
    const opening = section(st, 'curriculum.weeks[week-5].segments[w5-opening]');
    expect(opening.group).toBe('Curriculum › Week 5');
    expect(opening.governedBy).toEqual([{ path: 'cultural.blocks[medicine-day-opening]', title: 'Opening on medicine-session days' }]);
    expect(opening.sharing?.level).toBe('secret_sacred');
    expect(opening.placeholderOnly).toBe(true);
    expect(opening.paragraphs.join(' ')).toContain('Opening led by an Elder');
    // One card per (section, track): no path appears twice on a track.
    const keys = st.sections.map((s) => `${s.track}:${s.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    // The ceremony consent choice is named after its block, not "Ceremony consent opening-choice".
    expect(section(st, 'consent.ceremony.elements[opening-choice]').title).toBe('Choosing to take part: Opening on medicine-session days');
  });

  it('lists the medical track with clinical facts and keeps the tracks apart', async () => {
    const st = await svc.reviewStatus({ protocolId: 'base' });
    const im = section(st, 'medicineSessions.routes[im]', 'medical');
    expect(im.group).toBe('Medicine sessions › Dose routes');
    expect(im.facts).toContainEqual({ label: 'Maximum dose', value: '1.5 mg/kg' });
    expect(im.state).toBe('not_requested');
    expect(st.sections.some((s) => s.track === 'medical' && s.path.startsWith('screening.exclusions.absolute'))).toBe(true);
    expect(st.sections.some((s) => s.track === 'medical' && s.path.startsWith('cultural.'))).toBe(false);

    await svc.requestReview({ protocolId: 'base', sectionPath: 'medicineSessions.routes[im]', track: 'medical', reviewer: 'Dr Lee', role: 'prescriber' });
    const after = await svc.approve({ protocolId: 'base', sectionPath: 'medicineSessions.routes[im]', track: 'medical', reviewer: 'Dr Lee', role: 'prescriber' });
    expect(section(after, 'medicineSessions.routes[im]', 'medical').state).toBe('approved');
  });

  it('records history, refuses the author (four eyes) as bad input, and shows a lapse as a word diff', async () => {
    const path = 'cultural.blocks[medicine-day-opening]';
    await svc.requestReview({ protocolId: 'base', sectionPath: path, reviewer: 'Elder Mary', role: 'elder', note: 'Please read before Friday' });
    let st = await svc.reviewStatus({ protocolId: 'base' });
    expect(section(st, path)).toMatchObject({ state: 'requested', pendingReviewers: ['Elder Mary'], createdBy: 'Ana', lastEditedBy: 'Ana' });

    const refused = await svc.approve({ protocolId: 'base', sectionPath: path, reviewer: 'Ana', role: 'elder' }).catch((e: Error) => e);
    expect(refused).toMatchObject({ name: 'ReviewRefusedError', message: expect.stringContaining('four eyes') });
    expect(errorStatus(refused as Error)).toBe(400);

    await svc.approve({ protocolId: 'base', sectionPath: path, reviewer: 'Elder Mary', role: 'elder', note: 'Good words' });
    const text = (await svc.openDraft({ protocolId: 'base' })).text.replace('Opening led by an Elder in their own way,', 'Opening led by an Elder in their own way, outdoors,');
    await svc.commit({ protocolId: 'base', text, message: 'Outdoors' });
    st = await svc.reviewStatus({ protocolId: 'base' });
    const lapsed = section(st, path);
    expect(lapsed).toMatchObject({ state: 'lapsed', approvedBy: 'Elder Mary' });
    expect(lapsed.lapsedDiff!.words.filter((w) => w.kind === 'added').map((w) => w.text.trim())).toEqual(['outdoors,']);
    expect(lapsed.history.map((h) => [h.kind, h.who, h.note])).toEqual([
      ['requested', 'Ana', 'Please read before Friday'],
      ['approved', 'Elder Mary', 'Good words'],
    ]);
    expect(st.draftDiffers).toBe(false);
  });
});
