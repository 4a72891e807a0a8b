import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listRules } from '../../../main/core/rules';
import { rulesMarkdown } from '../../../main/core/rules/catalogue';

describe('rule catalogue', () => {
  it('docs/RULES.md matches the rules (run `npm run docs:rules` after changing a rule)', () => {
    expect(readFileSync(new URL('../../../docs/RULES.md', import.meta.url), 'utf8')).toBe(rulesMarkdown());
  });

  it('gives every rule a unique id, a title and help that cites a source', () => {
    const rules = listRules();
    expect(rules.length).toBeGreaterThanOrEqual(25);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.title.length, r.id).toBeGreaterThan(5);
      expect(r.help, r.id).toMatch(/Sources?:|\[[VBKU]/);
    }
  });
});
