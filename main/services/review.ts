/**
 * Review for the studio: the sections on the cultural track (Elders, Knowledge Keepers) and on the
 * medical track (dose routes, exclusions, consent) of the current text (draft or latest version), as
 * plain prose with their governance, sign-off state and history. Actions go to the store, which signs
 * off the latest committed version and enforces the core's rules (four eyes, roles, notes).
 */
import type { ReviewerRole, ReviewEvent, ReviewSection, ReviewStatus, ReviewTrack } from '../contract';
import { parseProtocolText } from '../core/diff/parse-text';
import { wordDiff } from '../core/diff/words';
import { listSections, type Section } from '../core/review/sections';
import { sectionAuthorship, type ReviewAction, type ReviewRecords, type SectionReviewStatus } from '../core/review/signoff';
import { approve, comment, readReviewRecords, requestChanges, requestReview, reviewStatusFor, withhold } from '../store/review-store';
import type { Workspace } from '../store/workspace';
import { nameOrNull, peopleNames, type NameOf } from './people-names';
import { factsOf, governanceView, groupOf, paragraphsOf, placeholderOnly, referencedBlocks, titleFor } from './review-view';

/** A review event's kind as the studio names it. */
const EVENT_KIND: Record<ReviewAction, ReviewEvent['kind']> = { approve: 'approved', request_changes: 'changes_requested', withhold: 'withheld', comment: 'comment' };

type Target = { protocolId: string; sectionKey: string; track?: ReviewTrack };

/** Which (section, track) pairs a reviewer sees: every cultural one, and medical ones that need or have a sign-off. */
function shown(st: SectionReviewStatus): st is SectionReviewStatus & { track: ReviewTrack } {
  if (st.track === 'cultural') return true;
  return st.track === 'medical' && (st.required || st.state !== 'not_required');
}

export class ReviewService {
  constructor(
    private readonly ws: Workspace,
    /** Who is working: read at each action, so switching the person takes effect at once. */
    private readonly who: () => string,
  ) {}

  private get author(): string {
    return this.who();
  }

  status(protocolId: string, text: string, lang = 'en'): ReviewStatus {
    const nameOf = peopleNames(this.ws);
    const result = reviewStatusFor(this.ws, protocolId, { text, lang, nameOf });
    const all = listSections(result.value, lang);
    const byKey = new Map(all.map((s) => [s.key, s]));
    const blocks = new Map(all.filter((s) => s.kind === 'cultural_block').map((s) => [String(s.value.id), s]));
    const records = readReviewRecords(this.ws, protocolId);
    const authorship = this.authorshipOf(protocolId);
    const head = this.ws.head(protocolId);
    const headText = head ? this.ws.getVersion(head.id).text : null;
    return {
      protocolId,
      version: head?.seq ?? null,
      user: this.author,
      draftDiffers: headText !== null && headText !== text,
      sections: result.sections.filter(shown).flatMap((st) => {
        const section = byKey.get(st.key);
        return section ? [this.toView(st, section, { byKey, blocks, records, lang, nameOf, authorship: authorship(st.key) })] : [];
      }),
    };
  }

  /** Who wrote and last changed each section, from every committed version (parsed once per status). */
  private authorshipOf(protocolId: string): (key: string) => { createdBy?: string; lastEditedBy?: string } {
    const versions = this.ws
      .history(protocolId)
      .reverse()
      .map((v) => {
        // Names recorded before the register read as the person they stand for.
        const author = this.ws.personOf(v.author);
        try {
          return { author, sections: listSections(parseProtocolText(this.ws.getVersion(v.id).text)) };
        } catch {
          return { author, sections: [] as Section[] };
        }
      });
    return (key) => sectionAuthorship(versions, key);
  }

  private toView(
    st: SectionReviewStatus & { track: ReviewTrack },
    section: Section,
    ctx: { byKey: Map<string, Section>; blocks: Map<string, Section>; records: ReviewRecords; lang: string; nameOf: NameOf; authorship: { createdBy?: string; lastEditedBy?: string } },
  ): ReviewSection {
    const { records, lang, nameOf } = ctx;
    const events = records.events.filter((e) => e.sectionKey === st.key && e.track === st.track);
    const requests = records.requests.filter((r) => r.sectionKey === st.key && r.track === st.track);
    const lastApproval = events.filter((e) => e.kind === 'approve').at(-1);
    const changed = lastApproval && lastApproval.contentHash !== st.contentHash && st.state !== 'approved';
    const before = changed ? paragraphsOf(lastApproval.snapshot, lang).join('\n\n') : '';
    const after = paragraphsOf(section.value, lang).join('\n\n');
    // A ceremony segment or consent choice that only names its block reads as the block's words.
    const source = after ? section : (referencedBlocks(section, ctx.blocks)[0] ?? section);
    const history: ReviewEvent[] = [
      ...requests.map((r): ReviewEvent => ({ kind: 'requested', who: r.requestedBy, whoName: nameOf(r.requestedBy), role: null, to: r.reviewer, toName: nameOf(r.reviewer), at: r.requestedAt, note: r.note ?? null })),
      ...events.map((e): ReviewEvent => ({
        kind: EVENT_KIND[e.kind],
        who: e.reviewer,
        whoName: nameOf(e.reviewer),
        role: e.role === 'commenter' ? null : e.role,
        to: null,
        toName: null,
        at: e.at,
        note: e.note ?? null,
      })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    const approvedBy = st.approvedBy ?? (changed ? lastApproval.reviewer : null);
    return {
      path: st.key,
      track: st.track,
      group: groupOf(section, ctx.byKey),
      title: titleFor(section, ctx.blocks),
      ...governanceView(section, ctx.blocks, lang),
      placeholderOnly: placeholderOnly(source),
      paragraphs: paragraphsOf(source.value, lang),
      facts: st.track === 'medical' ? factsOf(section.value) : [],
      state: st.state,
      required: st.required,
      message: st.message,
      pendingReviewers: st.pendingReviewers,
      pendingReviewerNames: st.pendingReviewerNames,
      approvedBy,
      approvedByName: nameOrNull(nameOf, approvedBy),
      approvedAt: st.approvedAt ?? (changed ? lastApproval.at : null),
      withheld: st.withheld ? { by: st.withheld.reviewer, byName: nameOf(st.withheld.reviewer), at: st.withheld.at, note: st.withheld.note ?? null } : null,
      createdBy: ctx.authorship.createdBy ?? null,
      lastEditedBy: ctx.authorship.lastEditedBy ?? null,
      lapsedDiff: changed ? { before, after, words: wordDiff(before, after) } : null,
      history,
    };
  }

  request(t: Target, reviewer: string, role: ReviewerRole, note?: string): void {
    requestReview(this.ws, { ...t, reviewers: [{ name: reviewer, role }], requestedBy: this.author, ...(note ? { note } : {}) });
  }

  approve(t: Target, reviewer: string, role: ReviewerRole | undefined, note?: string): void {
    approve(this.ws, t, { reviewer, ...(role ? { role } : {}), ...(note ? { note } : {}) });
  }

  requestChanges(t: Target, reviewer: string, role: ReviewerRole | undefined, note: string): void {
    requestChanges(this.ws, t, { reviewer, ...(role ? { role } : {}), note });
  }

  withhold(t: Target, reviewer: string, role: ReviewerRole | undefined, note: string): void {
    withhold(this.ws, t, { reviewer, ...(role ? { role } : {}), note });
  }

  comment(t: Target, author: string, text: string): void {
    comment(this.ws, t, { reviewer: author, role: 'commenter', note: text });
  }
}
