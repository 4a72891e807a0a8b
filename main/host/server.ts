/**
 * The loopback "browser host": serves the built renderer and the StudioApi over HTTP on 127.0.0.1,
 * so the studio runs in a plain browser (end-to-end tests, machines without the Electron binary).
 * Every API call needs the per-run token (Authorization: Bearer); the page receives it in the URL
 * fragment, which browsers never send to servers or in Referer headers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS, validateArgs, type ExportProgress } from '../contract';
import { PdfPrinter, type PrintFn } from '../pdf';
import { StudioService, errorStatus } from '../services';
import { readStatic } from './static';

export interface BrowserHostOptions {
  workspacePath: string;
  port?: number;
  /** Folder with the built renderer; defaults to `out/renderer` at the project root. */
  rendererDir?: string;
  /** HTML → PDF; defaults to `main/pdf` (playwright-core + system Chromium, launched on first export). */
  printPdf?: PrintFn;
  /** Folder for exported binders; defaults to `exports/` next to the workspace file. */
  exportDir?: string;
}

export interface BrowserHost {
  /** Open this in a browser: it carries the token in the fragment. */
  url: string;
  origin: string;
  token: string;
  service: StudioService;
  close(): Promise<void>;
}

const MAX_BODY = 12 * 1024 * 1024;
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(24).toString('hex');
  let printer: Promise<PdfPrinter> | null = null;
  // One Chromium for every export, launched on the first; a failed launch is retried next time.
  const printWithChromium: PrintFn = async (html) =>
    (await (printer ??= PdfPrinter.launch().catch((e: unknown) => ((printer = null), Promise.reject(e))))).print(html);
  const service = await StudioService.open({
    workspacePath: options.workspacePath,
    host: 'browser',
    printPdf: options.printPdf ?? printWithChromium,
    exportDir: options.exportDir,
  });
  const rendererDir = options.rendererDir ?? join(projectRoot, 'out', 'renderer');
  const listeners = new Set<(p: ExportProgress) => void>();
  const unsubscribe = service.onExportProgress((p) => listeners.forEach((l) => l(p)));
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => sendJson(res, 500, { ok: false, error: { name: 'Error', message: String(e) } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    // DNS-rebinding guard: only our own host name and origin.
    const host = req.headers.host ?? '';
    if (host !== new URL(origin).host) return sendText(res, 421, 'Misdirected request');
    if (req.headers.origin && req.headers.origin !== origin) return sendText(res, 403, 'Cross-origin request refused');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/api/')) {
      if (!authorized(req)) return sendJson(res, 401, { ok: false, error: { name: 'AuthError', message: 'missing or wrong token' } });
      if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(req, res);
      if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed');
      const method = url.pathname.slice('/api/'.length);
      let args: unknown;
      try {
        args = (JSON.parse(await readBody(req)) as { args?: unknown }).args ?? [];
      } catch (e) {
        const status = e instanceof BodyTooLargeError ? 413 : 400;
        if (status === 413) res.setHeader('Connection', 'close');
        return sendJson(res, status, { ok: false, error: { name: 'ContractError', message: `bad request body: ${(e as Error).message}` } });
      }
      try {
        const { method: m, arg } = validateArgs(method, args);
        const started = performance.now();
        const result = await service.call(m, arg);
        // Time spent in the service, for the UI bench to tell it from transport and rendering.
        res.setHeader('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
        return sendJson(res, 200, { ok: true, result });
      } catch (e) {
        const err = e as Error;
        return sendJson(res, errorStatus(err), { ok: false, error: { name: err.name, message: err.message } });
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    const file = await readStatic(rendererDir, url.pathname);
    if (!file) return sendText(res, 404, 'Not found');
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function authorized(req: IncomingMessage): boolean {
    const given = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    const want = Buffer.from(token);
    return given.length === want.length && timingSafeEqual(given, want);
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const send = (p: ExportProgress) => res.write(`event: export-progress\ndata: ${JSON.stringify(p)}\n\n`);
    listeners.add(send);
    req.on('close', () => listeners.delete(send));
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  // Once, off any request: the browser is still loading the page when it runs.
  const warm = setTimeout(() => service.warmUp(), 0);

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    service,
    async close() {
      clearTimeout(warm);
      unsubscribe();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      service.close();
      if (printer) await (await printer.catch(() => null))?.close();
    },
  };
}

class BodyTooLargeError extends Error {}

/** The request body as text; over MAX_BODY it rejects at once and drops the rest unread into memory. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const tooLarge = () => new BodyTooLargeError(`request larger than ${MAX_BODY} bytes`);
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
      req.resume();
      return fail(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        chunks.length = 0;
        fail(tooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
