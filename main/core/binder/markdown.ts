/**
 * Markdown in prose fields, rendered for print and nothing else: no raw HTML (`html: false`), no
 * autolinks, links printed as "text (url)" with no href, images dropped. The output therefore holds no
 * element that can fetch a resource or run a script.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: true });

md.renderer.rules.link_open = () => '<span class="link">';
md.renderer.rules.link_close = (tokens, idx) => {
  // The matching link_open carries the href; print it after the text so the reader of paper still has it.
  let depth = 0;
  for (let i = idx - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.type === 'link_close') depth++;
    if (t.type === 'link_open') {
      if (depth === 0) {
        const href = t.attrGet('href') ?? '';
        return href ? `</span> <span class="url">(${md.utils.escapeHtml(href)})</span>` : '</span>';
      }
      depth--;
    }
  }
  return '</span>';
};
md.renderer.rules.image = () => '';

/** Block markdown (paragraphs, lists, emphasis) as safe HTML. */
export function markdownBlock(text: string): string {
  return text.trim() === '' ? '' : md.render(text);
}

const BLOCKS = /\n[ \t]*\n|^[ \t]*([-*+]|\d+[.)])[ \t]/m;

/**
 * Inline markdown (emphasis, code) for table cells, list items and titles. Text written in paragraphs or as a
 * list keeps them: paragraphs become line breaks (a cell may sit inside a paragraph), lists stay lists.
 */
export function markdownInline(text: string): string {
  if (text.trim() === '') return '';
  if (!BLOCKS.test(text)) return md.renderInline(text);
  return md
    .render(text)
    .replace(/<p>/g, '')
    .replace(/<\/p>\n?/g, '<br class="para">')
    .replace(/(<br class="para">)+$/, '')
    .trim();
}
