/**
 * The studio's English and Japanese catalogues say the same things: the same keys (Japanese has one plural
 * form, `_other`, where English has `_one` and `_other`), the same interpolated values and the same <tags>
 * in each sentence, and no empty string.
 */
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json';
import ja from '../../renderer/src/i18n/ja.json';
import { i18next } from '../../renderer/src/i18n';

type Tree = { [k: string]: string | Tree };

function leaves(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** A key with its plural suffix taken off: what both languages must have. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const vars = (s: string) => [...new Set(s.match(/\{\{\s*\w+\s*\}\}/g) ?? [])].map((v) => v.replace(/\s/g, '')).sort();
const tags = (s: string) => (s.match(/<\/?\w+>/g) ?? []).sort();

const EN = leaves(en as Tree);
const JA = leaves(ja as Tree);

describe('the English and Japanese catalogues', () => {
  it('have the same keys, plural forms aside', () => {
    const enKeys = [...new Set([...EN.keys()].map(base))].sort();
    const jaKeys = [...new Set([...JA.keys()].map(base))].sort();
    expect(jaKeys.filter((k) => !enKeys.includes(k)), 'only in ja.json').toEqual([]);
    expect(enKeys.filter((k) => !jaKeys.includes(k)), 'only in en.json').toEqual([]);
  });

  it('give each plural key the forms its language needs: English one and other, Japanese other only', () => {
    for (const key of EN.keys()) {
      if (key.endsWith('_one')) expect(EN.has(key.replace(/_one$/, '_other')), key).toBe(true);
    }
    for (const key of JA.keys()) expect(key, 'Japanese has no singular form').not.toMatch(/_one$/);
    for (const key of EN.keys()) {
      if (key.endsWith('_other')) expect(JA.has(key), key).toBe(true);
    }
  });

  it('interpolate the same values and keep the same markup in each sentence', () => {
    const mismatched: string[] = [];
    for (const [key, value] of JA) {
      const forms = [EN.get(key), EN.get(key.replace(/_other$/, '_one'))].filter((s): s is string => s !== undefined);
      // A Japanese plural sentence may leave the count implicit only if no English form names it either.
      const enVars = [...new Set(forms.flatMap(vars))].sort();
      if (JSON.stringify(vars(value)) !== JSON.stringify(enVars)) mismatched.push(`${key}: ${vars(value).join(' ')} ≠ ${enVars.join(' ')}`);
      if (forms.some((f) => JSON.stringify(tags(f)) !== JSON.stringify(tags(value)))) mismatched.push(`${key}: markup differs`);
    }
    expect(mismatched).toEqual([]);
  });

  it('leave no sentence empty', () => {
    expect([...EN, ...JA].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('pluralise counts as each language does', async () => {
    expect(i18next.t('diff.changes', { count: 1, lng: 'en' })).toBe('1 change');
    expect(i18next.t('diff.changes', { count: 3, lng: 'en' })).toBe('3 changes');
    expect(i18next.t('diff.changes', { count: 1, lng: 'ja' })).toBe('変更 1 件');
    expect(i18next.t('diff.changes', { count: 3, lng: 'ja' })).toBe('変更 3 件');
  });
});

describe('the schema words in the studio language', () => {
  it('reads a field help by its English text, colons and full stops included, and falls back to it', async () => {
    const { helpText, optionText } = await import('../../renderer/src/i18n/schema-words');
    await i18next.changeLanguage('ja');
    try {
      expect(helpText('Dose unit: mg/kg for weight-based dosing, mg for fixed doses.')).toBe('用量の単位: 体重あたりの投与は mg/kg、固定用量は mg。');
      expect(helpText('A description nobody has translated.')).toBe('A description nobody has translated.');
      expect(optionText('SL')).toBe('舌下投与（SL）');
      expect(optionText('a_new_code')).toBe('a new code');
    } finally {
      await i18next.changeLanguage('en');
    }
    expect(helpText('Dose unit: mg/kg for weight-based dosing, mg for fixed doses.')).toBe('Dose unit: mg/kg for weight-based dosing, mg for fixed doses.');
    expect(optionText('community_clinic')).toBe('community clinic');
  });
});
