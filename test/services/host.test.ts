import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/host';

/** Raw HTTP, so the Host header can be forged (fetch does not allow it). */
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

describe('browser host', () => {
  let dir: string;
  let host: BrowserHost;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studio-host-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>studio</title>');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    host = await startBrowserHost({ workspacePath: join(dir, 'ws.sqlite'), rendererDir: renderer });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = (method: string, args: unknown[], token = host.token) =>
    raw(`${host.origin}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ args }) });

  it('listens on 127.0.0.1 and hands the token over in the URL fragment only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('serves the page with the strict CSP and security headers', async () => {
    const r = await raw(`${host.origin}/`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>studio</title>');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('requires the token on every API call', async () => {
    expect((await api('workspaceInfo', [], '')).status).toBe(401);
    expect((await api('workspaceInfo', [], 'f'.repeat(48))).status).toBe(401);
    const ok = await api('workspaceInfo', []);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).result.path).toBe(join(dir, 'ws.sqlite'));
  });

  it('refuses forged hosts and foreign origins (DNS rebinding, CSRF)', async () => {
    expect((await raw(`${host.origin}/`, { headers: { Host: 'evil.example' } })).status).toBe(421);
    const r = await raw(`${host.origin}/api/workspaceInfo`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, Origin: 'http://evil.example' },
      body: '{"args":[]}',
    });
    expect(r.status).toBe(403);
  });

  it('answers bad input with 400 and a clear message, never a crash', async () => {
    const bad = await api('validate', [{ text: 7 }]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toEqual({ name: 'ContractError', message: 'Text must be text, not a number.' });
    const notJson = await raw(`${host.origin}/api/validate`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}` }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect((await api('deleteEverything', [])).status).toBe(400);
    const missing = await api('openDraft', [{ protocolId: 'nope' }]);
    expect(missing.status).toBe(404);
    expect((await api('workspaceInfo', [])).status).toBe(200);
  });

  it('refuses an oversize body with 413 before reading it', async () => {
    const r = await raw(`${host.origin}/api/validate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', 'Content-Length': String(64 * 1024 * 1024) },
      body: '{"args":[]}',
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toMatch(/request larger than/);
    expect((await api('workspaceInfo', [])).status).toBe(200);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const r = await raw(`${host.origin}${path}`);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('do not serve');
    }
  });
});
