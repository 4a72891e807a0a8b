/** Writes docs/RULES.md from the rule catalogue. */
import { writeFileSync } from 'node:fs';
import { rulesMarkdown } from '../main/core/rules/catalogue';

writeFileSync(new URL('../docs/RULES.md', import.meta.url), rulesMarkdown());
