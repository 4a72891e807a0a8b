/**
 * Print stylesheet. Running header and "Page X of Y" live in @page margin boxes (Chromium ≥ 131 prints
 * them), so every page carries the version stamp. Colours stay legible in black-and-white photocopies.
 */
import { cssString } from './html';

export interface PageStamp {
  left: string;
  right: string;
  footerLeft: string;
  /** "Page {page} of {pages}" in the binder's language. */
  pageOf: string;
}

/** A label template as CSS `content`: the text as escaped strings, `{page}`/`{pages}` as the page counters. */
function pageCounterContent(template: string): string {
  return template
    .split(/(\{pages?\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

// Noto Sans Math and Symbols 2 are the bundled backstops for ≤ ≥ ☐ and the like (main/pdf/fonts.ts); Noto
// Serif backs the sans stack for what only it has (₂): a binder embeds no system font.
const SERIF = `"Noto Serif", "Noto Sans JP", "Noto Sans Canadian Aboriginal", "Noto Sans Math", "Noto Sans Symbols 2", Georgia, serif`;
const SANS = `"Noto Sans", "Noto Sans JP", "Noto Sans Canadian Aboriginal", "Noto Sans Math", "Noto Sans Symbols 2", "Noto Serif", "Helvetica Neue", Arial, sans-serif`;

export function printCss(stamp: PageStamp, paper: 'letter' | 'a4'): string {
  return `
@page {
  size: ${paper === 'a4' ? 'A4' : 'Letter'};
  margin: 22mm 20mm 20mm 22mm;
  @top-left { content: ${cssString(stamp.left)}; font: 7.5pt ${SANS}; color: #56656d; vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: ${cssString(stamp.right)}; font: 600 7.5pt ${SANS}; color: #1f5f5b; vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-left { content: ${cssString(stamp.footerLeft)}; font: 7.5pt ${SANS}; color: #56656d; vertical-align: top; padding-top: 4mm; }
  @bottom-right { content: ${pageCounterContent(stamp.pageOf)}; font: 7.5pt ${SANS}; color: #1d2a33; vertical-align: top; padding-top: 4mm; }
}
:root { --ink: #1d2a33; --muted: #56656d; --accent: #1f5f5b; --rule: #c6d1d4; --tint: #eef4f3; --warm: #f7f1e6; }
* { box-sizing: border-box; }
html { font-family: ${SERIF}; font-size: 10.5pt; line-height: 1.5; color: var(--ink); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
h1, h2, h3, th, dt, .kind, .tag, .tk, .cover, .toc, .sig-label, .fill-row, .status, .week-no { font-family: ${SANS}; }
h1 { font-size: 20pt; font-weight: 700; color: var(--accent); margin: 0 0 6mm; padding-bottom: 2.5mm; border-bottom: 1.5pt solid var(--accent); line-height: 1.2; }
h2 { font-size: 12.5pt; font-weight: 700; margin: 7mm 0 2.5mm; break-after: avoid; line-height: 1.25; }
h3 { font-size: 10.5pt; font-weight: 700; margin: 4mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2.5mm; orphans: 3; widows: 3; }
ul, ol { margin: 0 0 2.5mm; padding-left: 5mm; }
code { font-size: 9pt; }
.major { break-before: page; }
.keep-together, .card, .signoff, tr, .consent-item, .withheld, .callout { break-inside: avoid; }
.muted { color: var(--muted); }
.small { font-size: 8.5pt; }
.lead { font-size: 11pt; color: var(--muted); }
.url { font-family: ${SANS}; font-size: 8.5pt; color: var(--muted); word-break: break-all; }

/* Cover */
.stamp-glyphs { visibility: hidden; position: absolute; top: 0; left: 0; width: 0; height: 0; overflow: hidden; white-space: nowrap; font: 7.5pt ${SANS}; }
.stamp-glyphs .strong { font-weight: 600; }
.cover { break-after: page; min-height: 225mm; display: flex; flex-direction: column; }
.language-notice { border: 0.4mm solid var(--accent); border-radius: 1.5mm; padding: 3mm 4mm; margin: 0 0 5mm; font-weight: 600; }
.cover .band { background: var(--accent); color: #fff; padding: 14mm 12mm 12mm; border-radius: 2mm; }
.cover .eyebrow { text-transform: uppercase; letter-spacing: 0.14em; font-size: 9pt; opacity: 0.85; }
.cover .title { font-size: 28pt; font-weight: 700; line-height: 1.15; margin: 4mm 0 3mm; }
.cover .subtitle { font-size: 13pt; opacity: 0.95; }
.cover dl { margin: 12mm 0 0; display: grid; grid-template-columns: 45mm 1fr; row-gap: 3mm; font-size: 11pt; }
.cover dt { color: var(--muted); font-weight: 400; }
.cover dd { margin: 0; font-weight: 600; }
.cover .foot { margin-top: auto; font-size: 8.5pt; color: var(--muted); border-top: 0.75pt solid var(--rule); padding-top: 3mm; }

/* Contents */
.toc { break-after: page; }
.toc ol { list-style: none; padding: 0; margin: 0; font-size: 11.5pt; }
.toc li { margin: 0 0 2.5mm; }
.toc a { display: flex; align-items: baseline; color: var(--ink); text-decoration: none; }
.toc .n { width: 9mm; color: var(--accent); font-weight: 700; }
/* Dotted leader as one repeated gradient: a dotted border is written to the PDF as one path per dot (about 0.5 MB). */
.toc .dots { flex: 1; align-self: flex-end; height: 1.2pt; margin: 0 2mm 1.2mm; background-image: radial-gradient(circle, #9aa7ac 0.55pt, transparent 0.7pt); background-size: 3pt 1.2pt; background-repeat: repeat-x; }
/* A fixed width for the numbers: filling them in after the measuring pass cannot move a line or a page. */
.toc .pg { flex: 0 0 14mm; white-space: nowrap; overflow: hidden; text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }

/* Facts */
dl.facts { display: grid; grid-template-columns: 48mm 1fr; margin: 0 0 4mm; border-top: 0.75pt solid var(--rule); }
dl.facts > div { display: contents; }
dl.facts dt, dl.facts dd { padding: 1.6mm 2mm 1.6mm 0; border-bottom: 0.75pt solid var(--rule); margin: 0; }
dl.facts dt { font-size: 9pt; color: var(--muted); font-weight: 600; }

/* Tables */
table { width: 100%; border-collapse: collapse; margin: 0 0 5mm; font-size: 9.5pt; line-height: 1.4; }
thead { display: table-header-group; }
th { text-align: left; font-size: 8.5pt; font-weight: 700; letter-spacing: 0.02em; color: var(--accent); background: var(--tint); padding: 2mm; border-bottom: 1pt solid var(--accent); }
td { padding: 2mm; border-bottom: 0.75pt solid var(--rule); vertical-align: top; }
td p:last-child { margin-bottom: 0; }
table.curriculum td:first-child, table.guide td:first-child { width: 16mm; }
.week-no { display: block; font-size: 15pt; font-weight: 700; color: var(--accent); line-height: 1; }
.tag { display: inline-block; font-size: 7pt; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; border: 0.75pt solid currentColor; border-radius: 1mm; padding: 0.3mm 1mm; margin-top: 1mm; }
.tag.medicine { color: #8a3b12; }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain li { margin-bottom: 1mm; }
table.dosing td:nth-child(2), table.dosing td:nth-child(3) { white-space: nowrap; }
table.review { font-size: 8.5pt; }
table.review td { padding: 1.2mm 1.5mm; }
table.vitals td { height: 13mm; border: 0.75pt solid #8d9a9f; }
table.vitals th { border: 0.75pt solid #8d9a9f; }
table.vitals td:first-child { width: 34mm; }
table.optin td.choice { width: 24mm; font-family: ${SANS}; white-space: nowrap; }

/* Checklists and forms */
ul.checklist { list-style: none; padding: 0; margin: 0 0 4mm; }
ul.checklist li { display: flex; gap: 2.5mm; padding: 1.4mm 0; border-bottom: 0.5pt solid #e1e7e9; break-inside: avoid; }
ul.checklist .box { margin-top: 0.4mm; }
.box { display: inline-block; flex: none; width: 3.4mm; height: 3.4mm; border: 0.35mm solid var(--accent); border-radius: 0.4mm; vertical-align: -0.5mm; }
.checkgroup { break-inside: avoid-page; }
.checkgroup .lead { font-size: 9.5pt; margin-bottom: 1mm; }
.fill-row { display: flex; align-items: flex-end; gap: 2mm; margin: 0 0 4mm; font-size: 9pt; color: var(--muted); }
.fill-row .line { flex: 1; border-bottom: 0.75pt solid var(--ink); height: 6mm; }
.fill-row .line.short { flex: 0 0 35mm; }
.fill-row .line.tiny { flex: 0 0 15mm; }
.rule { background: var(--warm); border-left: 2pt solid #b0662a; padding: 2mm 3mm; }
.sheet { border: 0.75pt solid var(--rule); border-radius: 1.5mm; padding: 4mm 5mm 1mm; margin-bottom: 5mm; }
.sheet h2 { margin-top: 0; }
.callout { background: var(--tint); border-radius: 1.5mm; padding: 3mm 5mm; margin: 4mm 0; }
.callout h2 { margin-top: 1mm; }
.sig-grid { display: grid; grid-template-columns: 1.3fr 1.3fr 0.8fr; column-gap: 6mm; row-gap: 8mm; margin: 8mm 0 4mm; }
.sig-line { border-bottom: 0.9pt solid var(--ink); height: 10mm; display: flex; align-items: flex-end; }
.sig-line .filled { font-size: 11pt; padding-bottom: 1mm; }
.sig-label { font-size: 8pt; color: var(--muted); margin-top: 1mm; }
.signoff { border-top: 0.75pt solid var(--rule); padding-top: 2mm; margin-top: 6mm; }
.form-version { font-family: ${SANS}; font-size: 8.5pt; color: var(--muted); text-align: right; }
.consent-item h3 { color: var(--accent); }

/* Cultural */
.card { border: 0.75pt solid var(--rule); border-radius: 1.5mm; padding: 4mm 5mm 2mm; margin: 0 0 5mm; }
.card h2 { margin: 0 0 3mm; }
.card .kind { font-size: 7.5pt; text-transform: uppercase; letter-spacing: 0.1em; color: var(--muted); }
.tk { font-size: 7.5pt; font-weight: 700; background: var(--ink); color: #fff; border-radius: 1mm; padding: 0.3mm 1.3mm; }
.placeholder { font-style: italic; background: var(--warm); padding: 2.5mm 3.5mm; border-radius: 1mm; }
.withheld { font-size: 9pt; border-left: 2pt solid var(--muted); padding: 1.5mm 3mm; margin: 2mm 0 4mm; color: var(--muted); }
.status { font-size: 8pt; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; }
.status-approved { color: #1f6b3a; }
.status-changes_requested, .status-declined { color: #8a3b12; }
ol.refs li { margin-bottom: 1.5mm; font-size: 9.5pt; }

@media screen {
  html { background: #e9eef0; }
  body { max-width: 190mm; margin: 8mm auto; background: #fff; padding: 16mm 18mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  .major { border-top: 1px dashed var(--rule); padding-top: 10mm; margin-top: 10mm; }
}
`;
}
