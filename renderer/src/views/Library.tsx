import { FileUp } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ProtocolSummary, TemplateSummary, VersionInfo } from '../../../main/contract/api';
import { studio } from '../api';
import { parse } from '../doc/outline';
import { describeError } from '../ui/errors';
import { FormDialog } from '../ui/FormDialog';
import { when } from '../ui/time';
import { TitleSelect } from '../ui/TitleSelect';
import { BaseMovedNotice } from './BaseMovedNotice';

const slug = (s: string) =>
  s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);

export function Library(props: {
  protocols: ProtocolSummary[];
  onOpen: (id: string) => void;
  onChanged: () => Promise<void>;
  onError: (m: string) => void;
  /** Bumped by File › Import… in the menu: opens the file chooser. */
  importRequest?: number;
}) {
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [dialog, setDialog] = useState<'template' | 'adapt' | null>(null);
  const [importing, setImporting] = useState<{ fileName: string; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (props.importRequest) fileInput.current?.click();
  }, [props.importRequest]);

  const chooseFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      setImporting({ fileName: file.name, text: await file.text() });
    } catch (e) {
      props.onError(`${file.name} could not be read: ${describeError(e)}`);
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  useEffect(() => {
    studio.listTemplates().then(setTemplates, (e) => props.onError(describeError(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <section className="view library" aria-labelledby="library-title">
      <header className="view-head">
        <div>
          <h1 id="library-title">{t('library.title')}</h1>
          <p className="sub">{t('library.sub')}</p>
        </div>
        <div className="head-actions">
          <input
            ref={fileInput}
            type="file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="import-file"
            onChange={(e) => void chooseFile(e.target.files?.[0])}
          />
          <button type="button" className="secondary with-icon" onClick={() => fileInput.current?.click()}>
            <FileUp aria-hidden="true" size={18} /> {t('library.import')}
          </button>
          <button type="button" className="secondary" onClick={() => setDialog('adapt')} disabled={!props.protocols.some((p) => p.latestVersion)}>
            {t('library.adapt')}
          </button>
          <button type="button" className="primary" onClick={() => setDialog('template')}>
            {t('library.newFromTemplate')}
          </button>
        </div>
      </header>
      <BaseMovedNotice protocols={props.protocols} onOpen={props.onOpen} />
      {props.protocols.length === 0 ? (
        <div className="empty">
          <h2>{t('library.empty')}</h2>
          <p>{t('library.emptyHelp')}</p>
          <button type="button" className="primary" onClick={() => setDialog('template')}>
            {t('library.newFromTemplate')}
          </button>
        </div>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('library.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('library.protocol')}</th>
              <th scope="col">{t('library.status')}</th>
              <th scope="col">{t('library.site')}</th>
              <th scope="col" className="nowrap">{t('library.basedOn')}</th>
              <th scope="col">{t('library.version')}</th>
              <th scope="col" className="nowrap">{t('library.lastChange')}</th>
            </tr>
          </thead>
          <tbody>
            {props.protocols.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <button type="button" className="link strong" onClick={() => props.onOpen(p.id)}>
                    {p.title}
                  </button>
                  <div className="muted small">{p.id}</div>
                </th>
                <td>
                  <span className={`badge status-${p.status}`}>{t(`library.statusNames.${p.status}`, { defaultValue: p.status.replace(/_/g, ' ') })}</span>
                  {p.hasDraft && <span className="badge draft-badge">{t('library.draftEdits')}</span>}
                </td>
                <td>{p.site ?? '—'}</td>
                <td className="nowrap">{p.basedOn ? `${p.basedOn.protocol} v${p.basedOn.version}` : '—'}</td>
                <td className="nowrap">{p.latestVersion ? `v${p.latestVersion}${p.versionLabel ? ` · ${p.versionLabel}` : ''}` : t('editor.notCommitted')}</td>
                <td className="nowrap">{when(p.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog === 'template' && (
        <NewFromTemplate
          templates={templates}
          onClose={() => setDialog(null)}
          onCreated={async (id) => {
            setDialog(null);
            await props.onChanged();
            props.onOpen(id);
          }}
        />
      )}
      {importing && (
        <ImportDialog
          file={importing}
          onClose={() => setImporting(null)}
          onCreated={async (id) => {
            setImporting(null);
            await props.onChanged();
            props.onOpen(id);
          }}
        />
      )}
      {dialog === 'adapt' && (
        <NewAdaptation
          protocols={props.protocols.filter((p) => p.latestVersion)}
          onClose={() => setDialog(null)}
          onCreated={async (id) => {
            setDialog(null);
            await props.onChanged();
            props.onOpen(id);
          }}
        />
      )}
    </section>
  );
}

function NewFromTemplate(props: { templates: TemplateSummary[]; onClose: () => void; onCreated: (id: string) => Promise<void> }) {
  const [templateId, setTemplateId] = useState(props.templates[0]?.id ?? '');
  const [protocolId, setProtocolId] = useState('');
  const chosen = props.templates.find((x) => x.id === templateId);
  const { t } = useTranslation();

  const create = async () => {
    const p = await studio.createFromTemplate({ templateId, protocolId: protocolId || templateId });
    await props.onCreated(p.id);
  };

  return (
    <FormDialog title={t('library.newTitle')} submitLabel={t('library.create')} canSubmit={!!templateId} onSubmit={create} onClose={props.onClose}>
      <label>
        {t('library.template')}
        <TitleSelect name="template" value={templateId} options={props.templates} onChange={setTemplateId} />
      </label>
      {chosen?.description && <p className="muted template-description">{chosen.description}</p>}
      <label>
        {t('library.protocolId')} <span className="muted small">{t('library.protocolIdHelp')}</span>
        <input name="protocolId" value={protocolId} placeholder={templateId} pattern="[a-z0-9][a-z0-9\-]*" onChange={(e) => setProtocolId(e.target.value)} />
      </label>
    </FormDialog>
  );
}

/** The id a protocol file states (`metadata.id`), to suggest; main checks the text itself. */
function statedId(text: string): string {
  try {
    const id = parse(text).doc.getIn(['metadata', 'id']);
    return typeof id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(id) ? id : '';
  } catch {
    return '';
  }
}

function ImportDialog(props: { file: { fileName: string; text: string }; onClose: () => void; onCreated: (id: string) => Promise<void> }) {
  const suggested = statedId(props.file.text) || slug(props.file.fileName.replace(/\.(protocol\.)?ya?ml$/i, ''));
  const [protocolId, setProtocolId] = useState('');
  const { t } = useTranslation();
  const create = async () => {
    const p = await studio.importProtocol({ text: props.file.text, fileName: props.file.fileName, protocolId: protocolId || suggested || undefined });
    await props.onCreated(p.id);
  };
  return (
    <FormDialog title={t('library.importTitle')} submitLabel={t('library.importButton')} busyLabel={t('library.importing')} canSubmit onSubmit={create} onClose={props.onClose}>
      <p>
        <Trans t={t} i18nKey="library.importHelp" values={{ file: props.file.fileName }} components={{ strong: <strong /> }} />
      </p>
      <label>
        {t('library.protocolId')} <span className="muted small">{t('library.protocolIdHelp')}</span>
        <input name="protocolId" value={protocolId} placeholder={suggested} pattern="[a-z0-9][a-z0-9\-]*" onChange={(e) => setProtocolId(e.target.value)} autoFocus />
      </label>
    </FormDialog>
  );
}

function NewAdaptation(props: { protocols: ProtocolSummary[]; onClose: () => void; onCreated: (id: string) => Promise<void> }) {
  const [base, setBase] = useState(props.protocols[0]?.id ?? '');
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [version, setVersion] = useState<number | null>(null);
  const [siteName, setSiteName] = useState('');
  const [jurisdiction, setJurisdiction] = useState('');
  const [protocolId, setProtocolId] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const { t } = useTranslation();

  useEffect(() => {
    if (!base) return;
    studio.history({ protocolId: base }).then((h) => {
      setVersions(h);
      setVersion(h[0]?.version ?? null);
    }, (e) => setLoadError(describeError(e)));
  }, [base]);

  const suggestedId = siteName ? slug(`${base}-${siteName}`) : '';

  const create = async () => {
    if (version === null) return;
    const p = await studio.createAdaptation({
      baseProtocolId: base,
      baseVersion: version,
      protocolId: protocolId || suggestedId,
      siteName,
      jurisdiction: jurisdiction || undefined,
    });
    await props.onCreated(p.id);
  };

  return (
    <FormDialog
      title={t('library.adaptTitle')}
      submitLabel={t('library.createAdaptation')}
      canSubmit={!!siteName && version !== null}
      error={loadError}
      onSubmit={create}
      onClose={props.onClose}
    >
      <label>
        {t('library.baseProtocol')}
        <TitleSelect name="base" value={base} options={props.protocols} onChange={setBase} />
      </label>
      <label>
        {t('library.version')}
        <select name="baseVersion" value={version ?? ''} onChange={(e) => setVersion(Number(e.target.value))}>
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version} — {v.message}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('library.siteName')}
        <input name="siteName" required value={siteName} onChange={(e) => setSiteName(e.target.value)} />
      </label>
      <label>
        {t('library.jurisdiction')} <span className="muted small">{t('library.jurisdictionHelp')}</span>
        <input name="jurisdiction" value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} />
      </label>
      <label>
        {t('library.protocolId')}
        <input name="protocolId" value={protocolId} placeholder={suggestedId} pattern="[a-z0-9][a-z0-9\-]*" onChange={(e) => setProtocolId(e.target.value)} />
      </label>
    </FormDialog>
  );
}
