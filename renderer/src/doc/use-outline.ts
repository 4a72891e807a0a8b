/** The outline, languages and section under the cursor for a text, computed in a worker; stale answers are dropped. */
import { useEffect, useRef, useState } from 'react';
import type { OutlineAnswer, OutlineRequest } from './outline-query';
import OutlineWorker from './outline.worker?worker';

let worker: Worker | undefined;
let nextId = 0;

export function useOutline(text: string, lang: string | null, offset: number | null): Omit<OutlineAnswer, 'id'> {
  const [answer, setAnswer] = useState<Omit<OutlineAnswer, 'id'>>({ langs: ['en'], lang: lang ?? 'en', items: [], section: null });
  const latest = useRef(-1);
  useEffect(() => {
    worker ??= new OutlineWorker();
    const w = worker;
    const id = ++nextId;
    latest.current = id;
    const onAnswer = (e: MessageEvent<OutlineAnswer>) => {
      if (e.data.id !== id || latest.current !== id) return;
      const next = { langs: e.data.langs, lang: e.data.lang, items: e.data.items, section: e.data.section };
      // Same outline as shown: keep its array, so the list does not re-render.
      setAnswer((prev) => (JSON.stringify(prev.items) === JSON.stringify(next.items) ? { ...next, items: prev.items } : next));
    };
    w.addEventListener('message', onAnswer);
    w.postMessage({ id, text, lang, offset } satisfies OutlineRequest);
    return () => w.removeEventListener('message', onAnswer);
  }, [text, lang, offset]);
  return answer;
}
