/** The contents-numbering passes without a browser: the measuring style, the fill script, pages from a layout. */
import { describe, expect, it } from 'vitest';
import { fillTocScript, MEASURE_CSS, measuringHtml, pagesOf, printWithToc, type PrintPage } from '../../main/pdf/toc';

/** Just enough of a DOM for the fill script: elements by id and by `data-toc-for`. */
function fakeDocument(ids: string[]) {
  const removed: string[] = [];
  const els = ids.map((id) => ({ id, textContent: '', getAttribute: (name: string) => (name === 'data-toc-for' ? id : null) }));
  return {
    removed,
    els,
    getElementById: (id: string) => (id === 'toc-measuring' ? { remove: () => removed.push(id) } : null),
    querySelectorAll: (sel: string) => (sel === '[data-toc-for]' ? els : []),
  };
}

describe('contents numbering', () => {
  it('adds the measuring style inside <head>, hiding everything but link targets and headings', () => {
    const html = measuringHtml('<!doctype html><html><head><title>x</title></head><body><p>a</p></body></html>');
    expect(html).toContain(`<style id="toc-measuring">${MEASURE_CSS}</style></head>`);
    expect(MEASURE_CSS).toMatch(/body \* \{ visibility: hidden !important; \} body \[id\], body h1 \{ visibility: visible !important; \}/);
  });

  it('fills each number into its data-toc-for element, blanks the unknown ones and removes the measuring style', () => {
    const doc = fakeDocument(['sec-a', 'sec-b', 'sec-c']);
    // The script is an expression run in the print page; here `document` is the fake.
    new Function('document', fillTocScript({ 'sec-a': 3, 'sec-c': 17 }))(doc);
    expect(doc.els.map((e) => e.textContent)).toEqual(['3', '', '17']);
    expect(doc.removed).toEqual(['toc-measuring']);
  });

  it('keeps hostile anchor ids inside the JSON of the script', () => {
    const script = fillTocScript({ '"]); alert(1); (["': 2 });
    expect(script).toContain(JSON.stringify({ '"]); alert(1); (["': 2 }));
    expect(() => new Function('document', script)(fakeDocument([]))).not.toThrow();
  });

  it('takes named destinations first and falls back to the outline in order', () => {
    const layout = { pages: 9, anchors: { 'sec-a': 3 }, outline: [{ title: 'B', page: 4 }, { title: 'B', page: 7 }] };
    expect(pagesOf(layout, [{ id: 'sec-a', title: 'A' }, { id: 'sec-b', title: 'B' }, { id: 'sec-b2', title: 'B' }])).toEqual({ 'sec-a': 3, 'sec-b': 4, 'sec-b2': 7 });
  });

  it('rejects with the printer’s error instead of hanging', async () => {
    const failing: PrintPage = { load: async () => undefined, run: async () => undefined, pdf: async () => Promise.reject(new Error('printer gone')) };
    await expect(printWithToc(() => '<html></html>', failing, [])).rejects.toThrow('printer gone');
  });
});
