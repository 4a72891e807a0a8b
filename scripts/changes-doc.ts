/** Writes docs/CHANGES.md from the change-classification and safety tables. */
import { writeFileSync } from 'node:fs';
import { changesMarkdown } from '../main/core/diff/table-doc';

writeFileSync(new URL('../docs/CHANGES.md', import.meta.url), changesMarkdown());
