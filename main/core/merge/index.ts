/** Three-way merge of protocol documents: rebase a site adaptation onto a newer base. */
export { rebase } from './rebase';
export { resolveConflicts } from './resolve';
export type { ConflictReason, MergeConflict, RebaseInput, RebaseResult, Resolution } from './types';
