/**
 * Site setup: the values a site decides, as a form generated from the schema's titles and descriptions.
 * The YAML in the editor stays the source of truth: the form reads the editor's text, and each change
 * goes to main (`editSite`), which splices it into the YAML nodes and returns the text; the editor
 * takes that text as an undoable edit, so validation, autosave and the YAML view follow at once.
 */
import { CircleCheck, CircleDashed, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormValue, PersonRole, SiteDecision, SiteEdit, SiteForm, SiteFormField } from '../../../main/contract/api';
import { studio } from '../api';
import { formatNumber } from '../i18n';
import { helpText } from '../i18n/schema-words';
import { describeError } from '../ui/errors';
import type { EditorHandle } from '../views/EditorView';
import { AddPersonDialog } from '../views/people/AddPersonDialog';
import { ROLES as PERSON_ROLES_OFFERED } from '../views/people/PersonFields';
import { AddItem } from './AddItem';
import { FieldInput, fieldDomId } from './FieldInput';
import { ProblemLines } from './ProblemLines';

const decisionId = (id: string) => `decision-${id}`;

type Path = (string | number)[];
const under = (path: Path, prefix: Path) => prefix.every((seg, i) => path[i] === seg);

/** Every field of the form, those inside list items included, in page order. */
const allFields = (form: SiteForm): SiteFormField[] => form.decisions.flatMap((d) => [...d.fields, ...d.lists.flatMap((l) => l.items.flatMap((i) => i.fields))]);

export function SiteSetupView(props: {
  protocolId: string;
  editor: MutableRefObject<EditorHandle | null>;
  onShowLine: (line: number) => void;
  onError: (m: string) => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<SiteForm | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** A new item's path: its first field takes the focus once the form shows it. */
  const [focusItem, setFocusItem] = useState<Path | null>(null);
  /** List items whose own fields are unfolded: they stay so while the user works in them. */
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const [addingPerson, setAddingPerson] = useState<{ name: string; roles: PersonRole[] } | null>(null);
  const busy = useRef(Promise.resolve());

  /** The editor's current text; it may still be loading when the view opens. */
  const currentText = useCallback(async (): Promise<string> => {
    for (let i = 0; i < 100; i++) {
      const text = props.editor.current?.getText();
      if (text !== null && text !== undefined) return text;
      await new Promise((r) => setTimeout(r, 50));
    }
    return (await studio.openDraft({ protocolId: props.protocolId })).text;
  }, [props.editor, props.protocolId]);

  const reload = useCallback(async () => {
    try {
      setForm(await studio.siteForm({ text: await currentText(), protocolId: props.protocolId }));
      setProblem(null);
    } catch (e) {
      setProblem(describeError(e));
    }
  }, [currentText, props.protocolId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Edits run one after another, each on the text the previous one left. */
  const edit = (edits: SiteEdit[], focus?: Path) => {
    busy.current = busy.current.then(async () => {
      try {
        const { text } = await studio.editSite({ text: await currentText(), edits });
        props.editor.current?.applyText(text);
        setForm(await studio.siteForm({ text, protocolId: props.protocolId }));
        if (focus) setFocusItem(focus);
      } catch (e) {
        props.onError(describeError(e));
      }
    });
  };

  useEffect(() => {
    if (!form || !focusItem) return;
    setFocusItem(null);
    const field = allFields(form).find((f) => under(f.path, focusItem));
    const item = form.decisions.flatMap((d) => d.lists.flatMap((l) => l.items)).find((i) => under(i.path, focusItem));
    const el = field ? document.getElementById(fieldDomId(field.key)) : item ? document.querySelector<HTMLElement>(`[data-item="${CSS.escape(item.key)}"] button`) : null;
    el?.closest('details')?.setAttribute('open', '');
    el?.focus();
  }, [form, focusItem]);

  const setValue = (path: (string | number)[], value: FormValue) => edit([{ op: 'set', path, value }]);

  if (problem) return (
    <section className="view site-setup" aria-labelledby="site-title">
      <h1 id="site-title">{t('site.title')}</h1>
      <p className="banner error" role="alert">{problem}</p>
    </section>
  );
  if (!form) return (
    <section className="view site-setup" aria-labelledby="site-title">
      <h1 id="site-title">{t('site.title')}</h1>
      <p className="muted">{t('site.loading')}</p>
    </section>
  );

  const groups = [...new Set(form.decisions.map((d) => d.group))];
  const focusDecision = (d: SiteDecision) => {
    const el = document.getElementById(decisionId(d.id));
    el?.scrollIntoView({ block: 'start' });
    const first = el?.querySelector<HTMLElement>('input, select, button');
    first?.focus();
  };

  return (
    <section className="view site-setup" aria-labelledby="site-title">
      <header className="view-head">
        <div>
          <h1 id="site-title">{t('site.title')}</h1>
          <p className="sub">{t('site.sub')}</p>
        </div>
      </header>
      <div className="site-grid">
        <nav className="site-checklist" aria-labelledby="checklist-title">
          <h2 id="checklist-title">{t('site.checklist')}</h2>
          <p className="progress-line" data-testid="site-progress">
            {t('site.progress', { done: formatNumber(form.done), total: formatNumber(form.total) })}
          </p>
          <progress max={form.total} value={form.done} aria-label={t('site.progress', { done: form.done, total: form.total })} />
          <ul>
            {form.decisions.map((d) => (
              <li key={d.id} className={d.done ? 'done' : 'open'} data-decision={d.id}>
                <a
                  href={`#${decisionId(d.id)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusDecision(d);
                  }}
                >
                  {d.done ? <CircleCheck size={16} aria-hidden="true" /> : <CircleDashed size={16} aria-hidden="true" />}
                  <span>{t(`site.decisions.${d.id}`, { defaultValue: d.label })}</span>
                  <span className="visually-hidden">: </span>
                  <span className="state">{d.done ? t('site.done') : d.open.map((o) => t(`site.open.${o}`)).join(', ')}</span>
                </a>
              </li>
            ))}
          </ul>
          <details className="placeholders">
            <summary>{form.placeholders.length ? t('site.placeholders', { count: form.placeholders.length }) : t('site.noPlaceholders')}</summary>
            <ul>
              {form.placeholders.map((p) => (
                <li key={p.key}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      const owner = p.decision ? form.decisions.find((d) => d.id === p.decision) : undefined;
                      const field = owner?.fields.find((f) => f.key === p.key);
                      if (field) document.getElementById(fieldDomId(field.key))?.focus();
                      else props.onShowLine(p.line);
                    }}
                  >
                    {p.text.length > 90 ? `${p.text.slice(0, 90)}…` : p.text}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        </nav>
        <div className="site-form">
          {groups.map((g) => (
            <section key={g} className="site-group" aria-labelledby={`group-${g}`}>
              <h2 id={`group-${g}`}>{t(`site.groups.${g}`)}</h2>
              {form.decisions
                .filter((d) => d.group === g)
                .map((d) => (
                  // A group, not a landmark: a decision may share its name with its group ("Languages").
                  <div role="group" key={d.id} id={decisionId(d.id)} className={`site-decision ${d.done ? 'done' : 'open'}`} aria-labelledby={`${decisionId(d.id)}-title`}>
                    <h3 id={`${decisionId(d.id)}-title`}>{t(`site.decisions.${d.id}`, { defaultValue: d.label })}</h3>
                    {d.fields.map((f) => (
                      <FieldInput key={f.key} field={f} onChange={(v) => setValue(f.path, v)} onAddPerson={(name, role) => setAddingPerson({ name, roles: PERSON_ROLES_OFFERED.filter((r) => r === role) })} />
                    ))}
                    {d.lists.map((l) => (
                      <div key={l.key} className="site-list" data-key={l.key}>
                        <h4>{t(`site.labels.${l.label}`, { defaultValue: l.label })}</h4>
                        <p className="field-help">{helpText(l.help)}</p>
                        {l.items.length === 0 ? (
                          <p className="muted">{t('site.listEmpty')}</p>
                        ) : (
                          <ul>
                            {l.items.map((it) => (
                              <li key={it.key} data-item={it.key}>
                                {it.fields.length > 0 ? (
                                  // An item's own fields fold away; open where something is left to do, or once unfolded.
                                  <details
                                    open={unfolded.has(it.key) || it.problems.length > 0 || it.fields.some((f) => f.value === '' || f.value === null || f.placeholder)}
                                    onToggle={(e) => {
                                      const open = e.currentTarget.open;
                                      setUnfolded((s) => (open === s.has(it.key) ? s : open ? new Set(s).add(it.key) : new Set([...s].filter((k) => k !== it.key))));
                                    }}
                                  >
                                    <summary className={it.placeholder ? 'placeholder' : undefined} data-content>{it.label}</summary>
                                    {it.fields.map((f) => (
                                      <FieldInput key={f.key} field={f} onChange={(v) => setValue(f.path, v)} />
                                    ))}
                                  </details>
                                ) : (
                                  <span className={it.placeholder ? 'placeholder' : undefined} data-content>{it.label}</span>
                                )}
                                <button type="button" className="secondary small" onClick={() => edit([{ op: 'remove', path: it.path }])} aria-label={t('site.removeItem', { item: it.label })}>
                                  <X size={14} aria-hidden="true" /> {t('site.remove')}
                                </button>
                                {it.fields.length === 0 && <ProblemLines problems={it.problems} />}
                              </li>
                            ))}
                          </ul>
                        )}
                        {d.adds
                          .filter((a) => a.key === l.key)
                          .map((a) => (
                            <AddItem key={a.key} add={a} onAdd={(value) => edit([{ op: 'add', path: a.path, value }], a.next)} />
                          ))}
                      </div>
                    ))}
                    {d.adds
                      .filter((a) => !d.lists.some((l) => l.key === a.key))
                      .map((a) => (
                        <AddItem key={a.key} add={a} onAdd={(value) => edit([{ op: 'add', path: a.path, value }], a.next)} />
                      ))}
                  </div>
                ))}
            </section>
          ))}
        </div>
      </div>
      {addingPerson !== null && (
        <AddPersonDialog
          name={addingPerson.name}
          roles={addingPerson.roles}
          onAdded={() => {
            setAddingPerson(null);
            void reload();
          }}
          onClose={() => setAddingPerson(null)}
        />
      )}
    </section>
  );
}
