/** Section kind → renderer. */
import type { SectionRenderer } from '../context';
import type { SectionKind } from '../profiles';
import { changeLog, siteChanges } from './changes';
import { consent } from './consent';
import { cultural } from './cultural';
import { culturalInCurriculum, curriculum, weeklyGuide } from './curriculum';
import { measures, qi, references } from './measures';
import { medicine } from './medicine';
import { monitoring, safetySheet } from './monitoring';
import { overview } from './overview';
import { reviewStatus, signoff } from './review';
import { screening } from './screening';
import { elderProtocols, team } from './team';

export const SECTION_RENDERERS: Record<SectionKind, SectionRenderer> = {
  overview,
  team,
  curriculum,
  'weekly-guide': weeklyGuide,
  medicine,
  screening,
  monitoring,
  'safety-sheet': safetySheet,
  consent,
  cultural,
  'cultural-in-curriculum': culturalInCurriculum,
  'elder-protocols': elderProtocols,
  measures,
  qi,
  'site-changes': siteChanges,
  'change-log': changeLog,
  'review-status': reviewStatus,
  references,
  signoff,
};
