import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioService } from '../../main/services';

const SCRATCH = readFileSync(join(__dirname, '..', 'fixtures', 'scratch', 'group-ceremony.protocol.yaml'), 'utf8');

describe('File › Import…', () => {
  let dir: string;
  let svc: StudioService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'studio-import-'));
    svc = await StudioService.open({ workspacePath: join(dir, 'ws.sqlite'), host: 'browser', author: 'Ana' });
  });
  afterEach(() => {
    svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a protocol whose first version is the file byte for byte, comments included', async () => {
    const p = await svc.call('importProtocol', { text: SCRATCH, fileName: '/home/ana/Riverbend.protocol.yaml', protocolId: 'riverbend' });
    expect(p).toMatchObject({ id: 'riverbend', title: 'Riverbend Circle — group KaT with ceremony (12 weeks)', latestVersion: 1 });
    expect((await svc.getVersion({ protocolId: 'riverbend', version: 1 })).text).toBe(SCRATCH);
    expect(SCRATCH).toMatch(/^#/m);
  });

  it('refuses text that is not a protocol, naming the file, line and column, and imports nothing', async () => {
    const broken = SCRATCH.replace('programme:\n', 'programme:\n  weeks: [1\n');
    await expect(svc.importProtocol({ text: broken, fileName: 'broken.yaml' })).rejects.toThrow(/^broken\.yaml:\d+:\d+: .*Nothing was imported\.$/);
    await expect(svc.importProtocol({ text: 'just: a map\n', fileName: 'notes.yaml' })).rejects.toThrow(/^notes\.yaml:1:1: /);
    expect(await svc.listProtocols()).toEqual([]);
  });
});
