import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { BaseMovedOn, ProtocolSummary } from '../../../main/contract/api';
import { studio } from '../api';

/** The Library's notice: adaptations whose base has a newer version here (after a sync fetch, or a local commit). */
export function BaseMovedNotice(props: { protocols: ProtocolSummary[]; onOpen: (id: string) => void }) {
  const [moved, setMoved] = useState<BaseMovedOn[]>([]);
  const { t } = useTranslation();

  useEffect(() => {
    let current = true;
    // A notice is a hint: when it cannot be worked out, the Library shows without it.
    studio.syncStatus().then(
      (s) => current && setMoved(s.basesMovedOn),
      () => current && setMoved([]),
    );
    return () => {
      current = false;
    };
  }, [props.protocols]);

  if (moved.length === 0) return null;
  return (
    <div className="banner warn" role="status" data-testid="base-moved-notice">
      {moved.map((b) => (
        <p key={b.protocolId}>
          <Trans
            t={t}
            i18nKey="baseMoved.notice"
            values={{ title: b.title, base: b.baseProtocolId, newest: b.newestLabel ? `${b.newestSeq} (${b.newestLabel})` : b.newestSeq, on: b.onSeq }}
            components={{ strong: <strong />, open: <button type="button" className="link" onClick={() => props.onOpen(b.protocolId)} /> }}
          />
        </p>
      ))}
    </div>
  );
}
