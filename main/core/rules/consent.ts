/** CONS-01…03 (consent elements and touch consent) and READ-01 (plain-language consent text). */
import { syllable } from 'syllable';
import { programmeShape } from '../model/shape';
import { referenceFor } from './reference';
import { at, fmt, items, obj, str, strings, texts, type Path } from './read';
import { SRC } from './sources';
import type { Rule, RuleFinding } from './types';

const SECTIONS: Path = ['consent', 'sections'];
const TOUCH: Path = ['consent', 'touch'];

export const CONSENT_RULES: Rule[] = [
  {
    id: 'CONS-01',
    family: 'consent',
    severity: 'error',
    title: 'Required consent element missing',
    help: `Informed consent for an off-label, dissociative treatment needs every required element: nature of treatment, purpose and structure, route and dose, expected effects, risks, benefits and alternatives, eligibility, preparation, monitoring, transport, withdrawal, touch, emergency and data use; group programmes also group confidentiality, and programmes with ceremonial or cultural content also ceremony. Sources: KAP consent templates, ${SRC.spravatoRems}, RTT materials, ${SRC.mcherron2025}`,
    check(ctx) {
      const ref = referenceFor(ctx.reference).consent;
      const shape = programmeShape(ctx.doc);
      // An individual clinic has no group to keep confidences, a programme without ceremony nothing to opt into.
      const required = [...ref.requiredElements, ...(shape.format === 'group' ? ref.groupElements : []), ...(shape.cultural ? ref.culturalElements : [])];
      const present = new Set(items(ctx.doc, SECTIONS).map(({ item }) => str(item.element)));
      const missing = required.filter((e) => !present.has(e));
      const words = (e: string): string => e.replace(/_/g, ' ');
      // One line per element reads well for a few gaps; a missing consent form is one problem, not sixteen.
      if (missing.length > 3) {
        return [{ path: SECTIONS, message: `Consent is missing ${missing.length} of ${required.length} required elements: ${missing.map(words).join(', ')}` }];
      }
      return missing.map((e) => ({ path: SECTIONS, message: `Consent has no "${words(e)}" section (element: ${e})` }));
    },
  },
  {
    id: 'CONS-02',
    family: 'consent',
    severity: 'error',
    title: 'Touch preferences not captured before dosing or not revisable',
    help: `Touch consent should be settled before the first dose and then managed as ongoing, revisable consent. Source: ${SRC.mcherron2025}`,
    check(ctx) {
      const ref = referenceFor(ctx.reference).consent;
      const touch = obj(at(ctx.doc, TOUCH));
      if (!touch) return [{ path: TOUCH, message: 'Consent does not say when touch preferences are captured or that they can be revised' }];
      const out: RuleFinding[] = [];
      const before = str(touch.capturedBefore);
      if (!before || !ref.touchCapturedBefore.includes(before))
        out.push({ path: [...TOUCH, 'capturedBefore'], message: before ? `Touch preferences captured before "${before}", not before the first medicine session` : 'Consent does not say that touch preferences are captured before the first medicine session' });
      if (touch.revisable !== true) out.push({ path: [...TOUCH, 'revisable'], message: 'Touch preferences are not marked revisable between sessions' });
      return out;
    },
  },
  {
    id: 'CONS-03',
    family: 'consent',
    severity: 'warning',
    title: 'Touch consent may be widened during a session',
    help: `In the altered state, in-session assent may only narrow touch consent, never widen it (two-stage consent/assent model). Source: ${SRC.touchPreprint}`,
    optIn: true,
    check(ctx) {
      if (at(ctx.doc, [...TOUCH, 'narrowOnlyInSession']) === true) return [];
      return [{ path: [...TOUCH, 'narrowOnlyInSession'], message: 'Consent does not state that touch consent can only be narrowed, not widened, during a session' }];
    },
  },
];

/**
 * Plain text of Markdown prose, with list items and line breaks as sentence ends. The patterns stop at the
 * next bracket or line end, so that text such as 50,000 `[` or blank lines scores in linear time.
 */
function plain(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/^[ \t]*(#+|[-*+]|\d+[.)])[ \t]+/gm, '. ')
    .replace(/\n\s*\n/g, '. ')
    .replace(/[*_`>#]/g, ' ');
}

export interface ReadabilityStats {
  words: number;
  sentences: number;
  syllables: number;
  /** Flesch reading ease (higher is easier; 60-70 is plain English). */
  fleschReadingEase: number;
  averageSentenceWords: number;
}

// The editor re-runs the rules on every edit while consent text rarely changes: remember recent scores.
const scored = new Map<string, ReadabilityStats>();
const SCORE_CACHE_SIZE = 256;

export function readability(markdown: string): Readonly<ReadabilityStats> {
  let stats = scored.get(markdown);
  if (!stats) {
    if (scored.size >= SCORE_CACHE_SIZE) scored.clear();
    stats = score(markdown);
    scored.set(markdown, stats);
  }
  return stats;
}

function score(markdown: string): ReadabilityStats {
  const text = plain(markdown);
  const sentences = text.split(/[.!?]+(?=\s|$)/).filter((s) => /\p{L}/u.test(s));
  const words = text.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const syllables = words.reduce((n, w) => n + Math.max(1, syllable(w)), 0);
  const wordCount = words.length;
  const sentenceCount = Math.max(1, sentences.length);
  const averageSentenceWords = wordCount / sentenceCount;
  const fleschReadingEase = wordCount === 0 ? 100 : 206.835 - 1.015 * averageSentenceWords - 84.6 * (syllables / wordCount);
  return { words: wordCount, sentences: sentenceCount, syllables, fleschReadingEase, averageSentenceWords };
}

function isEnglish(lang: string | undefined, firstLanguage: string | undefined): boolean {
  const l = lang ?? firstLanguage ?? 'en';
  return l === 'en' || l.startsWith('en-');
}

export const READABILITY_RULES: Rule[] = [
  {
    id: 'READ-01',
    family: 'readability',
    severity: 'info',
    title: 'Consent text hard to read',
    help: `Participants read the consent form before an altered-state treatment; write it in plain language (short sentences, common words). Measured in English with the Flesch reading ease. Source: ${SRC.plainLanguage}`,
    check(ctx) {
      const ref = referenceFor(ctx.reference).readability;
      const firstLanguage = strings(at(ctx.doc, ['metadata', 'languages']))[0];
      const out: RuleFinding[] = [];
      for (const { item, path } of items(ctx.doc, SECTIONS)) {
        const text = item.text;
        for (const { lang, text: body } of texts(text)) {
          if (!isEnglish(lang, firstLanguage)) continue;
          const stats = readability(body);
          if (stats.words < ref.minWords) continue;
          const problems: string[] = [];
          if (stats.fleschReadingEase < ref.minFleschReadingEase)
            problems.push(`Flesch reading ease ${fmt(Math.round(stats.fleschReadingEase))} (below ${fmt(ref.minFleschReadingEase)})`);
          if (stats.averageSentenceWords > ref.maxAverageSentenceWords)
            problems.push(`${fmt(Math.round(stats.averageSentenceWords))} words per sentence on average (above ${fmt(ref.maxAverageSentenceWords)})`);
          if (problems.length === 0) continue;
          const title = texts(item.title)[0]?.text ?? str(item.id) ?? 'consent section';
          out.push({ path: lang && typeof text === 'object' ? [...path, 'text', lang] : [...path, 'text'], message: `Consent section "${title}" is hard to read: ${problems.join('; ')}` });
        }
      }
      return out;
    },
  },
];
