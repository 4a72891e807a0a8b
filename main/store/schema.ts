/**
 * The workspace's one ordered migration history: the store's tables, then the review records.
 * `user_version` counts entries of this list, so a later migration of either part must be appended
 * at the end here (never inserted into the middle of STORE_MIGRATIONS once review entries follow it).
 */
import { LATER_STORE_MIGRATIONS, STORE_MIGRATIONS } from './migrations';
import { REVIEW_MIGRATIONS } from './review-schema';

export const ALL_MIGRATIONS: readonly string[] = [...STORE_MIGRATIONS, ...REVIEW_MIGRATIONS, ...LATER_STORE_MIGRATIONS];
