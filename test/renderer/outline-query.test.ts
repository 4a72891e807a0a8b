import { describe, expect, it } from 'vitest';
import { answerOutline } from '../../renderer/src/doc/outline-query';

const text = [
  'schemaVersion: 1',
  'metadata:',
  '  title: { en: Circle programme, ja: サークル }',
  '  languages: [en, ja]',
  'cultural:',
  '  blocks:',
  '    - id: opening',
  '      title: { en: Opening, ja: 開会 }',
  '      text: { en: We gather., ja: 集まります。 }',
  '',
].join('\n');

describe('answerOutline (what the outline worker answers)', () => {
  it('gives the languages, the outline in the chosen language, and no section without a cursor', () => {
    const a = answerOutline({ id: 7, text, lang: 'ja', offset: null });
    expect(a).toMatchObject({ id: 7, langs: ['en', 'ja'], lang: 'ja', section: null });
    expect(a.items.map((i) => [i.label, i.line, i.depth])).toEqual([
      ['About — サークル', 2, 0],
      ['Cultural', 5, 0],
      ['開会', 7, 1],
    ]);
  });

  it('falls back to the first language when the chosen one is not the protocol’s', () => {
    expect(answerOutline({ id: 1, text, lang: 'fr', offset: null }).lang).toBe('en');
  });

  it('finds the section under the cursor, and follows a changed text', () => {
    const at = text.indexOf('We gather');
    expect(answerOutline({ id: 2, text, lang: null, offset: at }).section).toEqual({
      path: 'cultural.blocks[opening]',
      value: { id: 'opening', title: { en: 'Opening', ja: '開会' }, text: { en: 'We gather.', ja: '集まります。' } },
    });
    const renamed = text.replace('id: opening', 'id: welcome');
    expect(answerOutline({ id: 3, text: renamed, lang: null, offset: at }).section?.path).toBe('cultural.blocks[welcome]');
  });
});
