import { useTranslation } from 'react-i18next';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { Diagnostic, FixAction, ProtocolSummary } from '../../../main/contract/api';
import { studio } from '../api';
import type { OutlineItem } from '../doc/outline';
import { useOutline } from '../doc/use-outline';
import { applyTextEdit } from '../editor/apply-text';
import { setCoreMarkers, toMonacoRange } from '../editor/markers';
import { monaco, protocolUri, SHARED_EDITOR_OPTIONS, type MonacoApi } from '../editor/monaco';
import { takePrefetched } from '../editor/draft-prefetch';
import { textDelta } from '../editor/text-delta';
import { throttleAsync } from '../editor/throttle';
import { describeError } from '../ui/errors';
import { Prose } from '../ui/Prose';
import { ProblemsPanel } from './ProblemsPanel';
import { CommitDialog } from './CommitDialog';
import { RuleSettingsDialog } from './RuleSettingsDialog';
import { when } from '../ui/time';
import { clearRescue, keepRescue, readCursor, saveCursor, takeRescue } from '../ui/place';
import { editorKeysHint, escapeThenTabLeaves } from '../ui/tab-escape';
import { outlineLabel } from '../i18n/outline-words';

export interface EditorHandle {
  /** Saves pending edits as the draft (no-op when nothing changed). */
  flush(): Promise<void>;
  openCommit(): void;
  /** The text in the editor now, or null before it has loaded (the site-setup form reads it). */
  getText(): string | null;
  /** Takes a text written elsewhere (the site-setup form) as one undoable edit. */
  applyText(text: string): void;
  /** Shows a line in the editor. */
  showLine(line: number): void;
}

type SaveState = { kind: 'saved'; at: string | null } | { kind: 'saving' } | { kind: 'unsaved' } | { kind: 'failed'; message: string };

/** Validation runs at once on an idle editor and at most this often during a burst of typing. */
const VALIDATE_GAP_MS = 60;
const AUTOSAVE_MS = 800;
/**
 * The outline and preview re-parse the whole text in a worker; they follow typing after a pause longer
 * than the gap between keystrokes, so their parse does not compete with the next keystroke's check.
 */
const OUTLINE_IDLE_MS = 700;

/** What end-to-end tests and the UI bench read; plain data and the Monaco namespace. */
export interface EditorTestHook {
  monaco: typeof monaco;
  editor: MonacoApi.editor.IStandaloneCodeEditor;
  /** Model version whose core diagnostics the problems panel shows, and since when (performance.now()). */
  validated: { versionId: number; at: number };
  replace(find: string, replacement: string): boolean;
}

declare global {
  interface Window {
    __studioEditor?: EditorTestHook;
  }
}

export function EditorView(props: {
  protocolId: string;
  summary: ProtocolSummary | null;
  active: boolean;
  handleRef: MutableRefObject<EditorHandle | null>;
  onCommitted: () => void;
  onError: (m: string) => void;
}) {
  const { protocolId } = props;
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<MonacoApi.editor.IStandaloneCodeEditor | null>(null);
  const baseVersion = useRef<number | null>(null);
  const dirty = useRef(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const outlineTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [save, setSave] = useState<SaveState>({ kind: 'saved', at: null });
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  /** The problems last set, those the panel shows, and the model version waiting for them to render. */
  const problems = useRef<{ latest: Diagnostic[]; shown: Diagnostic[]; pendingVersion: number | null }>({ latest: diagnostics, shown: diagnostics, pendingVersion: null });
  /** Model version whose problems the panel shows, and when that became so (performance.now()). */
  const checked = useRef({ versionId: -1, at: 0 });
  const markChecked = (versionId: number) => {
    if (checked.current.versionId < 0) performance.mark('studio:first-check');
    checked.current = { versionId, at: performance.now() };
  };
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  /** The preview language picked by the user; null until they pick one (the protocol's first language is shown). */
  const [chosenLang, setLang] = useState<string | null>(null);
  const [side, setSide] = useState<'outline' | 'preview'>('outline');
  // Read by the cursor listener: the cursor offset only matters (and only re-renders) while the preview shows.
  const sideRef = useRef(side);
  sideRef.current = side;
  const [commitOpen, setCommitOpen] = useState(false);
  const [rulesOpen, setRulesOpen] = useState(false);
  /** Validates the current text again, e.g. after the site's rule settings changed. */
  const revalidate = useRef<() => void>(() => {});
  const [loaded, setLoaded] = useState(false);
  /** What the last save left out of a secret/sacred section (the main process never stores it). */
  const [sacredNotes, setSacredNotes] = useState<string[]>([]);

  const flush = async () => {
    clearTimeout(saveTimer.current);
    const model = editorRef.current?.getModel();
    if (!model || !dirty.current) return;
    dirty.current = false;
    setSave({ kind: 'saving' });
    try {
      const text = model.getValue();
      const d = await studio.saveDraft({ protocolId, text });
      if (takeRescue(protocolId)?.text === text) clearRescue(protocolId);
      setSave({ kind: 'saved', at: d.savedAt });
      setSacredNotes(d.sacredNotes ?? []);
    } catch (e) {
      dirty.current = true;
      setSave({ kind: 'failed', message: describeError(e) });
    }
  };

  useEffect(() => {
    props.handleRef.current = {
      flush,
      openCommit: () => setCommitOpen(true),
      getText: () => editorRef.current?.getModel()?.getValue() ?? null,
      applyText: (text) => editorRef.current && applyTextEdit(editorRef.current, text, 'site-setup'),
      showLine: (line) => jumpToLine(line),
    };
    return () => {
      props.handleRef.current = null;
    };
  });

  useEffect(() => {
    let disposed = false;
    const disposables: MonacoApi.IDisposable[] = [];
    let validator: ReturnType<typeof throttleAsync> | null = null;

    void (async () => {
      try {
        const prefetched = takePrefetched(protocolId);
        const draft = await (prefetched?.draft ?? studio.openDraft({ protocolId }));
        if (disposed || !host.current) return;
        performance.mark('studio:draft-opened');
        baseVersion.current = draft.baseVersion;
        setSave({ kind: 'saved', at: draft.savedAt });
        const uri = protocolUri(protocolId);
        monaco.editor.getModel(uri)?.dispose();
        // Text kept in the browser when the page went away before its save landed (reload, close): newer than the stored draft.
        const rescue = takeRescue(protocolId);
        const rescued = rescue && rescue.text !== draft.text && (!draft.savedAt || rescue.at >= draft.savedAt) ? rescue.text : null;
        if (rescue && rescued === null) clearRescue(protocolId);
        const initial = rescued ?? draft.text;
        // The first check started with the prefetch, or starts now, and runs in main while Monaco builds the editor below.
        let firstCheck: ReturnType<typeof studio.validate> | null =
          prefetched && initial === draft.text ? prefetched.check.then((c) => c.reply) : studio.validate({ text: initial, protocolId });
        firstCheck.catch(() => {}); // awaited by the first validation run; a failure is reported there
        const model = monaco.editor.createModel(initial, 'yaml', uri);
        const editor = monaco.editor.create(host.current, {
          ...SHARED_EDITOR_OPTIONS,
          model,
          fontSize: 14,
          lineHeight: 22,
          scrollBeyondLastLine: false,
          tabSize: 2,
          ariaLabel: t('editor.ariaLabel', { protocol: protocolId, hint: editorKeysHint() }),
          quickSuggestions: { other: true, strings: true, comments: false },
          fixedOverflowWidgets: true,
        });
        editorRef.current = editor;
        performance.mark('studio:editor-created');
        setText(model.getValue());
        const cursor = readCursor(protocolId);
        if (cursor) {
          editor.setPosition(cursor);
          editor.revealLineInCenter(editor.getPosition()!.lineNumber);
        }
        let cursorTimer: ReturnType<typeof setTimeout> | undefined;
        // Leaving the page (reload, close, hidden window): keep unsaved text synchronously, then save as usual.
        const leave = () => {
          if (model.isDisposed()) return;
          // The cursor too: it is otherwise saved a moment after it moves, which a closing page may not see.
          clearTimeout(cursorTimer);
          const pos = editor.getPosition();
          if (pos) saveCursor(protocolId, pos);
          if (!dirty.current) return;
          keepRescue(protocolId, model.getValue());
          void flush();
        };
        const onHidden = () => document.visibilityState === 'hidden' && leave();
        window.addEventListener('pagehide', leave);
        window.addEventListener('beforeunload', leave);
        document.addEventListener('visibilitychange', onHidden);
        disposables.push(escapeThenTabLeaves(editor, monaco), {
          dispose() {
            clearTimeout(cursorTimer);
            window.removeEventListener('pagehide', leave);
            window.removeEventListener('beforeunload', leave);
            document.removeEventListener('visibilitychange', onHidden);
          },
        });

        /** The text main last checked for this editor: the next check sends only what changed since. */
        let checkedText: { id: string; text: string } | null = null;
        const check = async (text: string) => {
          if (checkedText) {
            const edit = { base: checkedText.id, ...textDelta(checkedText.text, text), length: text.length };
            try {
              return await studio.validate({ edit, protocolId });
            } catch (e) {
              if (!(e instanceof Error) || e.name !== 'StaleTextError') throw e;
              // Main no longer holds that text (restarted, or many checks since): send it whole.
            }
          }
          return studio.validate({ text, protocolId });
        };
        validator = throttleAsync(async () => {
          const versionId = model.getVersionId();
          const text = model.getValue();
          const reply = firstCheck && text === initial ? firstCheck : check(text);
          firstCheck = null;
          const { diagnostics: ds, textId } = await reply;
          checkedText = { id: textId, text };
          if (disposed || model.isDisposed() || model.getVersionId() !== versionId) return;
          setCoreMarkers(model, ds);
          // Unchanged problems keep their array, so React skips re-rendering the view and the panel.
          const next = bySeverity(ds);
          if (!sameDiagnostics(problems.current.latest, next)) {
            problems.current.latest = next;
            setDiagnostics(next);
          }
          // Checked once the panel shows these problems: now, or when React has rendered them.
          if (problems.current.latest === problems.current.shown) markChecked(versionId);
          else problems.current.pendingVersion = versionId;
        }, VALIDATE_GAP_MS);
        validator.request();
        revalidate.current = () => validator?.request();

        // The keystroke path: start validation first, then only cheap bookkeeping. Autosave and the
        // outline's local parse run on their own timers so they never delay the markers.
        disposables.push(
          model.onDidChangeContent(() => {
            validator?.request();
            dirty.current = true;
            setSave((prev) => (prev.kind === 'unsaved' ? prev : { kind: 'unsaved' }));
            clearTimeout(saveTimer.current);
            saveTimer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
            clearTimeout(outlineTimer.current);
            outlineTimer.current = setTimeout(() => setText(model.getValue()), OUTLINE_IDLE_MS);
          }),
          editor.onDidChangeCursorPosition((e) => {
            clearTimeout(cursorTimer);
            cursorTimer = setTimeout(() => saveCursor(protocolId, e.position), 250);
            if (sideRef.current === 'preview') setOffset(model.getOffsetAt(e.position));
          }),
          editor,
          model,
        );

        window.__studioEditor = {
          monaco,
          editor,
          get validated() {
            return checked.current;
          },
          replace(find, replacement) {
            const match = model.findMatches(find, false, false, true, null, false)[0];
            if (!match) return false;
            editor.pushUndoStop();
            editor.executeEdits('test', [{ range: match.range, text: replacement }]);
            editor.pushUndoStop();
            return true;
          },
        };
        setLoaded(true);
        if (rescued !== null) {
          dirty.current = true;
          setSave({ kind: 'unsaved' });
          void flush();
        }
      } catch (e) {
        props.onError(describeError(e));
      }
    })();

    return () => {
      disposed = true;
      validator?.cancel();
      revalidate.current = () => {};
      clearTimeout(outlineTimer.current);
      void flush();
      disposables.forEach((d) => d.dispose());
      editorRef.current = null;
      if (window.__studioEditor) delete window.__studioEditor;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [protocolId]);

  useEffect(() => {
    if (props.active) editorRef.current?.layout();
  }, [props.active]);

  useLayoutEffect(() => {
    const p = problems.current;
    p.shown = diagnostics;
    if (p.pendingVersion !== null && diagnostics === p.latest) {
      markChecked(p.pendingVersion);
      p.pendingVersion = null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [diagnostics]);

  // The editor is named in the studio's language, also after the language is changed.
  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: t('editor.ariaLabel', { protocol: protocolId, hint: editorKeysHint() }) });
  }, [t, protocolId]);

  const { langs, lang, items, section } = useOutline(text, chosenLang, side === 'preview' ? offset : null);

  const showPreview = () => {
    const ed = editorRef.current;
    const pos = ed?.getPosition();
    const model = ed?.getModel();
    if (pos && model) setOffset(model.getOffsetAt(pos));
    setSide('preview');
  };

  const jumpToLine = useCallback((line: number) => {
    const ed = editorRef.current;
    if (!ed) return;
    ed.revealLineInCenter(line);
    ed.setPosition({ lineNumber: line, column: 1 });
    ed.focus();
  }, []);

  const jumpTo = useCallback((d: Diagnostic) => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model) return;
    const r = toMonacoRange(model, d);
    ed.setSelection(r);
    ed.revealRangeInCenter(r);
    ed.focus();
  }, []);

  /** A problem's fix: a suggested word at its range, or a missing text written through the form edits. */
  const applyFix = async (fix: Exclude<FixAction, { kind: 'goto' }>) => {
    const ed = editorRef.current;
    if (!ed) return;
    try {
      if (fix.kind === 'replace') {
        const { start, end } = fix.range;
        ed.pushUndoStop();
        ed.executeEdits('fix', [{ range: new monaco.Range(start.line, start.column, end.line, end.column), text: fix.text }]);
        ed.pushUndoStop();
      } else {
        const { text } = await studio.editSite({ text: ed.getModel()!.getValue(), edits: [{ op: 'set', path: fix.path, value: fix.value }] });
        applyTextEdit(ed, text, 'fix');
      }
      ed.focus();
    } catch (e) {
      props.onError(describeError(e));
    }
  };

  // Stable, so the memoised problems panel re-renders only when its problems change.
  const applyFixRef = useRef(applyFix);
  applyFixRef.current = applyFix;
  const onFix = useCallback((_d: Diagnostic, fix: Exclude<FixAction, { kind: 'goto' }>) => void applyFixRef.current(fix), []);

  const counts = useMemo(
    () => ({
      error: diagnostics.filter((d) => d.severity === 'error').length,
      warning: diagnostics.filter((d) => d.severity === 'warning').length,
      info: diagnostics.filter((d) => d.severity === 'info').length,
    }),
    [diagnostics],
  );

  return (
    <section className="view editor-view" hidden={!props.active} aria-label={t('nav.editor')}>
      <header className="view-head">
        <div>
          <h1>{props.summary?.title ?? protocolId}</h1>
          <p className="sub">
            {props.summary?.site ? `${props.summary.site} · ` : ''}
            {props.summary?.latestVersion ? t('editor.version', { version: props.summary.latestVersion }) : t('editor.notCommitted')}
          </p>
        </div>
        <div className="head-actions">
          <SaveIndicator state={save} />
          <button type="button" className="secondary" onClick={() => void flush()} disabled={save.kind !== 'unsaved' && save.kind !== 'failed'}>
            {t('editor.saveDraft')}
          </button>
          <button type="button" className="secondary" onClick={() => setRulesOpen(true)}>
            {t('editor.siteRules')}
          </button>
          <button type="button" className="primary" onClick={() => setCommitOpen(true)} disabled={!loaded}>
            {t('editor.commit')}
          </button>
        </div>
      </header>
      <SacredBanner diagnostics={diagnostics} notes={sacredNotes} />
      <div className="editor-grid">
        <div className="editor-host" ref={host} data-testid="monaco-host" />
        <a className="skip-link-inline" href="#problems-title" onClick={skipToProblems}>
          {t('editor.skipOutline')}
        </a>
        <aside className="side" aria-label={t('editor.side')}>
          <div className="tabs">
            <div role="tablist" aria-label={t('editor.sidePanel')}>
            <button type="button" role="tab" id="tab-outline" aria-selected={side === 'outline'} aria-controls="panel-outline" onClick={() => setSide('outline')}>
              {t('editor.outline')}
            </button>
            <button type="button" role="tab" id="tab-preview" aria-selected={side === 'preview'} aria-controls="panel-preview" onClick={showPreview}>
              {t('editor.preview')}
            </button>
            </div>
            {langs.length > 1 && (
              <label className="lang-pick">
                <span className="visually-hidden">{t('editor.previewLanguage')}</span>
                <select value={lang} onChange={(e) => setLang(e.target.value)}>
                  {langs.map((l) => (
                    <option key={l}>{l}</option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {side === 'outline' ? (
            <Outline items={items} onJump={jumpToLine} />
          ) : (
            <div role="tabpanel" id="panel-preview" aria-labelledby="tab-preview" className="preview" lang={lang}>
              {section ? (
                <>
                  <p className="preview-path">{section.path}</p>
                  <Prose value={section.value} lang={lang} />
                </>
              ) : (
                <p className="muted">{t('editor.previewHint')}</p>
              )}
            </div>
          )}
        </aside>
      </div>
      <ProblemsPanel diagnostics={diagnostics} onJump={jumpTo} onFix={onFix} />
      {rulesOpen && <RuleSettingsDialog protocolId={protocolId} onClose={() => setRulesOpen(false)} onSaved={() => revalidate.current()} />}
      {commitOpen && (
        <CommitDialog
          protocolId={protocolId}
          text={editorRef.current?.getModel()?.getValue() ?? ''}
          hasErrors={counts.error > 0}
          onClose={() => setCommitOpen(false)}
          onCommit={async (choice) => {
            const editor = editorRef.current;
            const model = editor?.getModel();
            if (!editor || !model) return;
            clearTimeout(saveTimer.current);
            const v = await studio.commit({ protocolId, text: model.getValue(), ...choice, expectedBase: baseVersion.current });
            // A new cycle or an accepted label went into the committed text: the editor takes it as one undoable edit.
            applyTextEdit(editor, v.text, 'commit');
            clearTimeout(saveTimer.current);
            baseVersion.current = v.version;
            dirty.current = false;
            setSave({ kind: 'saved', at: v.createdAt });
            setCommitOpen(false);
            props.onCommitted();
          }}
        />
      )}
    </section>
  );
}

/**
 * Shown as soon as validation finds content in a secret/sacred section (SCHEMA-SACRED), and after a save
 * that left it out: why it is not kept, and that the rest of the edit was saved.
 */
function SacredBanner({ diagnostics, notes }: { diagnostics: Diagnostic[]; notes: string[] }) {
  const found = diagnostics.filter((d) => d.code === 'SCHEMA-SACRED');
  const { t } = useTranslation();
  if (found.length === 0 && notes.length === 0) return null;
  return (
    <div className="banner warn sacred-banner" role="alert" data-testid="sacred-banner">
      <div>
        <strong>{t('editor.sacredTitle')}</strong> {t('editor.sacredBody')}
        <ul>
          {[...new Set([...notes, ...found.map((d) => `${t('problems.line', { line: d.range.start.line })}: ${d.message}`)])].map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Focus (not only scroll) past the outline, so the next Tab continues in the problems list. */
function skipToProblems(e: React.MouseEvent) {
  const target = document.querySelector<HTMLElement>('.problems');
  if (!target) return;
  e.preventDefault();
  target.tabIndex = -1;
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
}

function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const text =
    state.kind === 'saving'
      ? t('editor.saving')
      : state.kind === 'unsaved'
        ? t('editor.unsaved')
        : state.kind === 'failed'
          ? t('editor.notSaved', { message: state.message })
          : state.at
            ? t('editor.savedDraft', { when: when(state.at) })
            : t('editor.noChanges');
  return (
    <span className={`save-state ${state.kind}`} role="status" aria-live="polite" data-testid="save-state">
      {text}
    </span>
  );
}

const Outline = memo(function Outline({ items, onJump }: { items: OutlineItem[]; onJump: (line: number) => void }) {
  const { t } = useTranslation();
  return (
    <div role="tabpanel" id="panel-outline" aria-labelledby="tab-outline" className="outline">
      {items.length === 0 ? (
        <p className="muted">{t('editor.outlineEmpty')}</p>
      ) : (
        <ul>
          {items.map((it, i) => (
            <li key={i} className={`depth-${it.depth}`}>
              <button type="button" className="outline-item" onClick={() => onJump(it.line)}>
                {outlineLabel(it)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Same problems in the same order (the panel and banner show nothing else of them). */
function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  return a.length === b.length && a.every((d, i) => JSON.stringify(d) === JSON.stringify(b[i]));
}

/** Errors first, then warnings, then notes; in document order within each. */
function bySeverity(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
}
