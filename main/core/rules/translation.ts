/** TRANS-01/02: translations made from a first-language text that has changed since, or with no record of their source. */
import { languageName } from '../model/language-name';
import { firstLanguage, translationStates } from '../model/translations';
import { SRC } from './sources';
import type { Rule } from './types';


export const TRANSLATION_RULES: Rule[] = [
  {
    id: 'TRANS-01',
    family: 'translation',
    severity: 'warning',
    title: 'Translation may be out of date',
    help: `A translation is recorded (translations[]) with the SHA-256 of the first-language text it was made from; that text has changed since, so the translation may no longer say the same — in consent text a participant may agree to something else. Review it against the current text and mark it reviewed (which records the new hash). Source: ${SRC.design}`,
    check(ctx) {
      const source = languageName(firstLanguage(ctx.doc));
      return translationStates(ctx.doc)
        .filter((s) => s.state === 'stale')
        .map((s) => {
          const when = s.reviewedOn ? `was last reviewed on ${s.reviewedOn}` : s.translatedOn ? `was translated on ${s.translatedOn}` : 'was translated';
          return { path: s.path, message: `The ${languageName(s.lang)} text may be out of date: the ${source} text of ${s.at} changed after it ${when}` };
        });
    },
  },
  {
    id: 'TRANS-02',
    family: 'translation',
    severity: 'info',
    title: 'Translation without a record of its source',
    help: `Every translated text should record which first-language text it translates (translations[]: at, lang, sourceHash), so that a later change to the source is noticed; a record that names no translated text is left over from an earlier version. Source: ${SRC.design}`,
    optIn: true,
    check(ctx) {
      return translationStates(ctx.doc)
        .filter((s) => s.state === 'unrecorded' || s.state === 'orphan')
        .map((s) => ({
          path: s.path,
          message:
            s.state === 'orphan'
              ? `Translation record for ${languageName(s.lang)} at ${s.at} names no ${languageName(s.lang)} text there`
              : `The ${languageName(s.lang)} text of ${s.at} does not record which ${languageName(firstLanguage(ctx.doc))} text it translates (translations[])`,
        }));
    },
  },
];
