/**
 * The renderer's only door to main: Electron's preload object when present, otherwise a fetch client
 * for the loopback browser host speaking the same contract.
 */
import type { ExportProgress, MenuCommand, MethodName, StudioApi, StudioBridge } from '../../main/contract/api';

declare global {
  interface Window {
    studio?: StudioBridge;
  }
}

const TOKEN_KEY = 'protocol-studio-token';

/** Reads the per-run token from the URL fragment once, then keeps it for reloads of this tab only. */
function hostToken(): string {
  const m = /(?:^#|&)token=([0-9a-f]+)/.exec(location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** An error from main, keeping the error's name (ContractError, ConflictError…) for the UI. */
export class StudioError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

function httpClient(): StudioBridge {
  const token = hostToken();
  const progress = new Set<(p: ExportProgress) => void>();
  let streaming = false;
  let keepaliveBytes = 0;

  async function call(method: MethodName, args: unknown[]): Promise<unknown> {
    const body = JSON.stringify({ args });
    // A save sent as the page unloads (reload, close) still reaches the host. Chromium caps the bodies of all
    // keepalive requests in flight *together* at 64 KiB and fails any fetch past it, so only the draft save asks,
    // and only while the budget holds (two protocol-sized calls at once, e.g. validate and the site form, would not fit).
    const keepalive = method === 'saveDraft' && keepaliveBytes + body.length < 60_000;
    if (keepalive) keepaliveBytes += body.length;
    let res: Response;
    try {
      res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body,
        keepalive,
      });
    } finally {
      if (keepalive) keepaliveBytes -= body.length;
    }
    // The host answers JSON; a proxy or a refused request may answer plain text, which must still read clearly.
    const raw = await res.text();
    let answer: { ok: boolean; result?: unknown; error?: { name: string; message: string } };
    try {
      answer = JSON.parse(raw) as typeof answer;
    } catch {
      throw new StudioError('Error', `The studio host answered ${res.status}: ${raw.slice(0, 200) || res.statusText}`);
    }
    if (!answer.ok) throw new StudioError(answer.error?.name ?? 'Error', answer.error?.message ?? `HTTP ${res.status}`);
    return answer.result;
  }

  /** Server-sent events over fetch, so the token travels in a header rather than the URL. */
  async function stream(): Promise<void> {
    if (streaming) return;
    streaming = true;
    try {
      const res = await fetch('/api/events', { headers: { Authorization: `Bearer ${token}` } });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          if (data && chunk.includes('event: export-progress')) {
            const p = JSON.parse(data) as ExportProgress;
            progress.forEach((l) => l(p));
          }
        }
      }
    } finally {
      streaming = false;
    }
  }

  const events = {
    onExportProgress(listener: (p: ExportProgress) => void) {
      progress.add(listener);
      void stream();
      return () => void progress.delete(listener);
    },
    onMenuCommand(_listener: (c: MenuCommand) => void) {
      return () => undefined;
    },
  };

  return new Proxy(events as unknown as StudioBridge, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (typeof prop !== 'string') return undefined;
      return (...args: unknown[]) => call(prop as MethodName, args);
    },
  });
}

export const studio: StudioBridge = window.studio ?? httpClient();
export type { StudioApi };
