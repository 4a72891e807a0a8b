/**
 * Elder review for the studio: the cultural-track sections of the current text (draft or latest
 * version) as plain prose, with their sign-off state from the review store. Actions go to the store,
 * which signs off the latest committed version.
 */
import type { ReviewerRole, ReviewSection, ReviewStatus } from '../contract';
import { listSections, type Section } from '../core/review/sections';
import type { SectionReviewStatus } from '../core/review/signoff';
import { approve, comment, readReviewRecords, requestChanges, requestReview, reviewStatusFor } from '../store/review-store';
import type { Workspace } from '../store/workspace';

/** Fields that hold prose; other strings in a section are ids, codes and references. */
const PROSE_KEYS = new Set(['text', 'description', 'placeholder', 'theme', 'integration', 'homework', 'summary', 'framing', 'guidance', 'stopSignal', 'notes', 'responsibilities']);
const LANG_KEY = /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/;

/** The prose of a section in `lang`, in document order; governance aside, never YAML. */
export function paragraphsOf(value: unknown, lang: string): string[] {
  const out: string[] = [];
  const push = (t: string) => out.push(...t.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean));
  const prose = (v: unknown): void => {
    if (typeof v === 'string') push(v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length > 0 && entries.every(([k, x]) => LANG_KEY.test(k) && typeof x === 'string')) {
        const chosen = (v as Record<string, unknown>)[lang] ?? entries[0]![1];
        push(chosen as string);
      }
    }
  };
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (k === 'governance') continue;
        if (PROSE_KEYS.has(k)) prose(x);
        else if (typeof x === 'object') walk(x);
      }
    }
  };
  walk(value);
  return out;
}

function kindOf(section: Section): ReviewSection['kind'] {
  if (section.kind === 'cultural_block') return 'cultural';
  if (section.kind === 'ceremony_consent' || section.value.kind === 'ceremony') return 'ceremony';
  if (section.kind === 'consent_section') return 'consent';
  return 'other';
}

export class ReviewService {
  constructor(
    private readonly ws: Workspace,
    private readonly author: string,
  ) {}

  status(protocolId: string, text: string, lang = 'en'): ReviewStatus {
    const result = reviewStatusFor(this.ws, protocolId, { text, lang });
    const sections = new Map(listSections(result.value, lang).map((s) => [s.key, s]));
    const records = readReviewRecords(this.ws, protocolId);
    const cultural = result.sections.filter((s) => s.track === 'cultural');
    return {
      protocolId,
      version: this.ws.head(protocolId)?.seq ?? null,
      sections: cultural.flatMap((st) => {
        const section = sections.get(st.key);
        return section ? [this.toView(st, section, records, lang)] : [];
      }),
    };
  }

  private toView(st: SectionReviewStatus, section: Section, records: ReturnType<typeof readReviewRecords>, lang: string): ReviewSection {
    const events = records.events.filter((e) => e.sectionKey === st.key && e.track === 'cultural');
    const lastApproval = [...events].reverse().find((e) => e.kind === 'approve' && e.reviewer === st.approvedBy);
    const g = section.governance;
    return {
      path: st.key,
      title: st.title,
      kind: kindOf(section),
      sharing: g?.sharing ?? null,
      keepers: (g?.keepers ?? []).map((k) => ({ name: k.name, ...(k.nation ? { nation: k.nation } : {}), ...(k.role ? { role: k.role } : {}) })),
      labels: labelsOf(section.value.governance, lang),
      paragraphs: paragraphsOf(section.value, lang),
      state: st.state,
      message: st.message,
      approvedBy: st.approvedBy ?? null,
      approvedAt: st.approvedAt ?? null,
      lapsedDiff:
        st.state === 'lapsed' && st.lapsedBecause === 'content_changed' && lastApproval
          ? { before: paragraphsOf(lastApproval.snapshot, lang).join('\n\n'), after: paragraphsOf(section.value, lang).join('\n\n') }
          : null,
      comments: events.filter((e) => e.note).map((e) => ({ author: e.reviewer, text: e.note!, at: e.at, kind: e.kind })),
    };
  }

  request(protocolId: string, sectionKey: string, reviewer: string, role: ReviewerRole, note?: string): void {
    requestReview(this.ws, { protocolId, sectionKey, reviewers: [{ name: reviewer, role }], requestedBy: this.author, ...(note ? { note } : {}) });
  }

  approve(protocolId: string, sectionKey: string, reviewer: string, role: ReviewerRole, note?: string): void {
    approve(this.ws, { protocolId, sectionKey }, { reviewer, role, ...(note ? { note } : {}) });
  }

  requestChanges(protocolId: string, sectionKey: string, reviewer: string, role: ReviewerRole, note: string): void {
    requestChanges(this.ws, { protocolId, sectionKey }, { reviewer, role, note });
  }

  comment(protocolId: string, sectionKey: string, author: string, text: string): void {
    comment(this.ws, { protocolId, sectionKey }, { reviewer: author, role: 'commenter', note: text });
  }
}

function labelsOf(governance: unknown, lang: string): { label: string; text?: string }[] {
  const labels = (governance as { labels?: unknown } | undefined)?.labels;
  if (!Array.isArray(labels)) return [];
  return labels.flatMap((l) => {
    if (!l || typeof l !== 'object' || typeof (l as { label?: unknown }).label !== 'string') return [];
    const t = paragraphsOf((l as { text?: unknown }).text, lang).join(' ');
    return [{ label: (l as { label: string }).label, ...(t ? { text: t } : {}) }];
  });
}
