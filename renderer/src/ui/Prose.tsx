/** Renders a parsed protocol section as readable prose: localized text as paragraphs, never YAML. */
import { textOf } from '../doc/outline';

const TITLE_KEYS = ['title', 'theme', 'label', 'name', 'substance', 'instrument', 'citation'];
const HIDDEN_KEYS = new Set(['id', ...TITLE_KEYS]);

export function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isLocalized(v: unknown): v is Record<string, string> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 &&
    Object.entries(v).every(([k, x]) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(k) && typeof x === 'string');
}

export function titleOf(v: unknown, lang: string): string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return '';
  const o = v as Record<string, unknown>;
  for (const k of TITLE_KEYS) if (o[k] !== undefined) return textOf(o[k], lang);
  return typeof o.id === 'string' ? o.id : '';
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{p.trim()}</p>
        ))}
    </>
  );
}

export function Prose({ value, lang, depth = 0 }: { value: unknown; lang: string; depth?: number }) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return <Paragraphs text={value} />;
  if (typeof value !== 'object') return <p>{String(value)}</p>;
  if (isLocalized(value)) return <Paragraphs text={textOf(value, lang)} />;
  if (Array.isArray(value)) {
    if (value.every((x) => typeof x !== 'object' || x === null)) return <p>{value.map(String).join(', ')}</p>;
    return (
      <ul className="prose-list">
        {value.map((item, i) => (
          <li key={i}>
            <Prose value={item} lang={lang} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  const o = value as Record<string, unknown>;
  const title = titleOf(o, lang);
  const H = depth === 0 ? 'h3' : 'h4';
  return (
    <div className="prose-block">
      {title && <H>{title}</H>}
      {Object.entries(o)
        .filter(([k]) => !HIDDEN_KEYS.has(k))
        .map(([k, v]) =>
          v === null || (typeof v !== 'object' && typeof v !== 'string') ? (
            <p key={k} className="prose-fact">
              <span className="prose-label-inline">{humanize(k)}:</span> {String(v)}
            </p>
          ) : (
            <div key={k} className="prose-field">
              <div className="prose-label">{humanize(k)}</div>
              <Prose value={v} lang={lang} depth={depth + 1} />
            </div>
          ),
        )}
    </div>
  );
}
