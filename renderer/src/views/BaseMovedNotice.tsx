import { useEffect, useState } from 'react';
import type { BaseMovedOn, ProtocolSummary } from '../../../main/contract/api';
import { studio } from '../api';

/** The Library's notice: adaptations whose base has a newer version here (after a sync fetch, or a local commit). */
export function BaseMovedNotice(props: { protocols: ProtocolSummary[]; onOpen: (id: string) => void }) {
  const [moved, setMoved] = useState<BaseMovedOn[]>([]);

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
          <strong>{b.title}</strong>: its base {b.baseProtocolId} has moved on to version {b.newestSeq}
          {b.newestLabel ? ` (${b.newestLabel})` : ''}; this adaptation is on version {b.onSeq}.{' '}
          <button type="button" className="link" onClick={() => props.onOpen(b.protocolId)}>
            Open it
          </button>{' '}
          and rebase in Adapt.
        </p>
      ))}
    </div>
  );
}
