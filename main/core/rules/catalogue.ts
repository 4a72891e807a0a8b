/** The rule catalogue as Markdown (docs/RULES.md), generated from the rules themselves so it cannot drift. */
import { listRules } from './index';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function rulesMarkdown(): string {
  const rules = listRules();
  const lines = [
    '# Validation rules',
    '',
    'Generated from `main/core/rules` by `npm run docs:rules`; a test fails when this file is out of date.',
    'Reference values (dose ranges, thresholds, cut-offs) live in `main/core/rules/reference-values.json`, which a site',
    'can override. Opt-in rules run only when a site enables them.',
    '',
    `${rules.length} rules: ${rules.filter((r) => r.severity === 'error').length} errors, ${rules.filter((r) => r.severity === 'warning').length} warnings, ${rules.filter((r) => r.severity === 'info').length} notes; ${rules.filter((r) => !r.optIn).length} on by default.`,
    '',
    '| Rule | Severity | Default | What it checks | Why, and the source |',
    '|---|---|---|---|---|',
    ...rules.map((r) => `| ${r.id} | ${r.severity} | ${r.optIn ? 'opt-in' : 'on'} | ${cell(r.title)} | ${cell(r.help)} |`),
    '',
  ];
  return lines.join('\n');
}
