import { ArrowLeftRight, BookOpen, ClipboardCheck, FilePen, GitBranch, History, LibraryBig, ListChecks, Printer, RefreshCw, TrendingUp, type LucideIcon } from 'lucide-react';
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolSummary, WorkingPerson, WorkspaceInfo } from '../../main/contract/api';
import { studio } from './api';
import { i18next } from './i18n';
import { LanguagePicker } from './i18n/LanguagePicker';
import { describeError } from './ui/errors';
import type { EditorHandle } from './views/EditorView';
import { prefetchDraft } from './editor/draft-prefetch';
import { Library } from './views/Library';
import type { DiffRequest } from './views/QiView';
import { lazyView } from './ui/lazy-view';
import './ui/print.css';
import './ui/a11y.css';
import { readPlace, savePlace } from './ui/place';
import { WhoIsWorkingDialog } from './views/people/WhoIsWorking';
import './views/people/people.css';

/**
 * Monaco reads its own words (find box, context menu, hovers) from a table set before its modules run: in
 * Japanese its Japanese table loads first. Every view holding Monaco loads through this; a language chosen
 * later reaches Monaco's own words when the studio next starts.
 */
let monacoWords: Promise<unknown> | undefined;
function withMonacoWords<T>(load: () => Promise<T>): () => Promise<T> {
  return async () => {
    await (monacoWords ??= i18next.language === 'ja' ? import('monaco-editor/esm/nls.messages.ja.js') : Promise.resolve());
    return load();
  };
}

// The first screen is the Library: the editor (Monaco) loads beside its first calls, other views when first opened.
let editorModule: Promise<typeof import('./views/EditorView')> | undefined;
const loadEditor = () => (editorModule ??= withMonacoWords(() => import('./views/EditorView'))());
const EditorView = lazyView(loadEditor, 'EditorView');
const SiteSetupView = lazyView(() => import('./site-setup/SiteSetupView'), 'SiteSetupView');
const loadVersions = withMonacoWords(() => import('./views/VersionsView'));
const VersionsView = lazyView(loadVersions, 'VersionsView');
const loadDiff = withMonacoWords(() => import('./views/DiffView'));
const DiffView = lazyView(loadDiff, 'DiffView');
const AdaptView = lazyView(() => import('./views/AdaptView'), 'AdaptView');
const ReviewView = lazyView(() => import('./views/ReviewView'), 'ReviewView');
const QiView = lazyView(() => import('./views/QiView'), 'QiView');
const BinderView = lazyView(() => import('./views/BinderView'), 'BinderView');
const SyncView = lazyView(() => import('./views/SyncView'), 'SyncView');

export type ViewId = 'library' | 'editor' | 'site' | 'versions' | 'diff' | 'adapt' | 'review' | 'qi' | 'binder' | 'sync';

/** Icons are SVG (lucide-react): a font glyph may be missing on the user's machine and show as a box. */
const NAV: { id: ViewId; icon: LucideIcon; needsProtocol: boolean }[] = [
  { id: 'library', icon: LibraryBig, needsProtocol: false },
  { id: 'editor', icon: FilePen, needsProtocol: true },
  { id: 'site', icon: ListChecks, needsProtocol: true },
  { id: 'versions', icon: History, needsProtocol: true },
  { id: 'diff', icon: ArrowLeftRight, needsProtocol: true },
  { id: 'adapt', icon: GitBranch, needsProtocol: true },
  { id: 'review', icon: ClipboardCheck, needsProtocol: true },
  { id: 'qi', icon: TrendingUp, needsProtocol: true },
  { id: 'binder', icon: Printer, needsProtocol: true },
  { id: 'sync', icon: RefreshCw, needsProtocol: false },
];

export function App() {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [protocols, setProtocols] = useState<ProtocolSummary[]>([]);
  const [protocolId, setProtocolId] = useState<string | null>(null);
  const [view, setView] = useState<ViewId>('library');
  const [error, setError] = useState<string | null>(null);
  const [editorEpoch, setEditorEpoch] = useState(0);
  /** A comparison asked for by another view (the QI timeline): the Compare view opens on it. */
  const [diffRequest, setDiffRequest] = useState<DiffRequest | null>(null);
  const editor = useRef<EditorHandle | null>(null);
  const { t } = useTranslation();
  /** Reopening returns to the protocol and view of last time (once, when the workspace is known). */
  const placeRestored = useRef(false);
  /** File › Import… in the menu: the Library opens its file chooser when this changes. */
  const [importRequest, setImportRequest] = useState(0);
  /** Who is working (people register); the dialog opens by itself when a register exists and nobody is chosen. */
  const [working, setWorking] = useState<WorkingPerson | null>(null);
  const [whoOpen, setWhoOpen] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const [i, p] = await Promise.all([studio.workspaceInfo(), studio.listProtocols()]);
      setInfo(i);
      setProtocols(p);
    } catch (e) {
      setError(describeError(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
    void loadEditor();
    return studio.onMenuCommand((c) => {
      if (c === 'workspace-changed') {
        setProtocolId(null);
        setView('library');
        void refresh();
      } else if (c === 'new-protocol') setView('library');
      else if (c === 'import-protocol') {
        setView('library');
        setImportRequest((n) => n + 1);
      }
      else if (c === 'export-binder') setView('binder');
      else if (c === 'save-draft') void editor.current?.flush();
      else if (c === 'commit') {
        setView('editor');
        editor.current?.openCommit();
      }
    });
  }, [refresh]);

  useEffect(() => {
    if (!info || placeRestored.current) return;
    placeRestored.current = true;
    const place = readPlace(info.path);
    if (place?.protocolId && protocols.some((p) => p.id === place.protocolId)) {
      setProtocolId(place.protocolId);
      setView(NAV.some((n) => n.id === place.view) ? (place.view as ViewId) : 'editor');
    }
  }, [info, protocols]);

  useEffect(() => {
    if (info && placeRestored.current) savePlace({ workspace: info.path, protocolId, view });
  }, [info, protocolId, view]);

  // Ctrl/Cmd+S opens the commit dialog (drafts save themselves); the browser's own "save page" never appears.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (!protocolId) return;
        setView('editor');
        editor.current?.openCommit();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [protocolId]);

  useEffect(() => {
    if (!info) return;
    studio.whoIsWorking().then((w) => {
      setWorking(w);
      if (w.registered && !w.person) setWhoOpen(true);
    }, (e) => setError(describeError(e)));
  }, [info?.path]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Switching person: unsaved keystrokes are saved as the person who typed them first. */
  const switchPerson = async () => {
    await editor.current?.flush();
    setWorking(await studio.whoIsWorking());
    setWhoOpen(true);
  };

  const go = async (v: ViewId) => {
    placeRestored.current = true; // the user chose where to go: last time's place no longer applies
    // Unsaved keystrokes reach the store before another view reads the draft.
    await editor.current?.flush();
    setDiffRequest(null);
    setView(v);
    if (v === 'library') void refresh();
  };

  const open = async (id: string, v: ViewId = 'editor') => {
    placeRestored.current = true;
    await editor.current?.flush();
    // The draft and its check travel while the editor's view renders.
    prefetchDraft(id);
    setProtocolId(id);
    setEditorEpoch((n) => n + 1);
    setView(v);
    void refresh();
  };

  /** After a restore or rebase wrote a new draft: reload it in the editor. */
  const reloadDraft = () => {
    setEditorEpoch((n) => n + 1);
    setView('editor');
    void refresh();
  };

  const current = protocols.find((p) => p.id === protocolId) ?? null;

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skip')}
      </a>
      <nav className="rail" aria-label={t('nav.main')}>
        <div className="brand" aria-hidden="true">
          <BookOpen className="brand-mark" aria-hidden="true" size={22} />
          <span className="brand-name">Protocol Studio</span>
        </div>
        <ul>
          {NAV.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className="rail-item"
                aria-current={view === n.id ? 'page' : undefined}
                disabled={n.needsProtocol && !protocolId}
                onClick={() => void go(n.id)}
                data-view={n.id}
              >
                <n.icon className="rail-icon" aria-hidden="true" size={18} />
                {t(`nav.${n.id}`)}
              </button>
            </li>
          ))}
        </ul>
        <div className="working" data-testid="working">
          <span className="rail-foot-label">{t('app.workingAs')}</span>
          <span className="working-name">{working?.person?.name ?? t('app.nobodyChosen')}</span>
          <button type="button" onClick={() => void switchPerson()}>
            {working?.person ? t('app.switchPerson') : t('app.choosePerson')}
          </button>
        </div>
        <div className="rail-foot">
          <LanguagePicker />
          <span className="rail-foot-label">{t('app.workspace')}</span>
          <span className="workspace-path" title={info?.path}>
            {info?.path ?? '…'}
          </span>
        </div>
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        {error && (
          <div role="alert" className="banner error">
            {error}
            <button type="button" className="link" onClick={() => setError(null)}>
              {t('app.dismiss')}
            </button>
          </div>
        )}
        {view === 'library' && (
          <Library protocols={protocols} onOpen={(id) => void open(id)} onChanged={refresh} onError={setError} importRequest={importRequest} />
        )}
        {protocolId && (
          <Suspense fallback={view === 'editor' && <p className="muted" role="status">{t('site.loading')}</p>}>
            <EditorView
              key={`${protocolId}:${editorEpoch}`}
              protocolId={protocolId}
              summary={current}
              active={view === 'editor'}
              handleRef={editor}
              onCommitted={refresh}
              onError={setError}
            />
          </Suspense>
        )}
        {/* Views load on first opening (their own chunks); the editor above stays as it is meanwhile. */}
        <Suspense fallback={null}>
          {protocolId && view === 'site' && (
            <SiteSetupView
              key={`${protocolId}:${editorEpoch}`}
              protocolId={protocolId}
              editor={editor}
              onShowLine={(line) => {
                setView('editor');
                editor.current?.showLine(line);
              }}
              onError={setError}
            />
          )}
          {protocolId && view === 'versions' && <VersionsView protocolId={protocolId} onRestored={reloadDraft} onError={setError} />}
          {protocolId && view === 'diff' && <DiffView protocolId={protocolId} summary={current} request={diffRequest} onError={setError} />}
          {protocolId && view === 'adapt' && (
            <AdaptView protocolId={protocolId} summary={current} protocols={protocols} onRebased={reloadDraft} onCreated={(id) => void open(id)} onError={setError} />
          )}
          {protocolId && view === 'review' && <ReviewView protocolId={protocolId} title={current?.title} working={working} onSwitchPerson={() => void switchPerson()} onError={setError} />}
          {protocolId && view === 'qi' && (
            <QiView
              protocolId={protocolId}
              onCompare={(d) => {
                setDiffRequest(d);
                setView('diff');
              }}
              onError={setError}
              beforeDraftEdit={async () => editor.current?.flush()}
              onDraftEdited={(text) => editor.current?.applyText(text)}
              onCommit={() => {
                setView('editor');
                editor.current?.openCommit();
              }}
            />
          )}
          {protocolId && view === 'binder' && <BinderView protocolId={protocolId} onError={setError} />}
          {view === 'sync' && <SyncView protocols={protocols} onChanged={refresh} onError={setError} />}
        </Suspense>
      </main>
      {whoOpen && working && (
        <WhoIsWorkingDialog
          working={working}
          required={working.registered && !working.person}
          onChosen={(w) => {
            setWorking(w);
            setWhoOpen(false);
            // The editor shows the draft of who is working now.
            setEditorEpoch((n) => n + 1);
            void refresh();
          }}
          onClose={() => setWhoOpen(false)}
        />
      )}
    </div>
  );
}

/** Moves focus into the main area, so the next Tab continues there rather than in the navigation. */
function skipToMain(e: React.MouseEvent) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}
