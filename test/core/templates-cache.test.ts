import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listTemplates } from '../../main/templates';

const dir = mkdtempSync(join(tmpdir(), 'templates-cache-'));
const write = (title: string) => writeFileSync(join(dir, 'site.protocol.yaml'), `metadata:\n  id: site\n  title: ${title}\nprogramme:\n  weeks: 8\n`);

describe('listTemplates keeps what it read', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('describes a changed template again, and a new one', () => {
    write('First title');
    expect(listTemplates(dir).map((t) => t.title)).toEqual(['First title']);
    write('A longer second title');
    expect(listTemplates(dir).map((t) => t.title)).toEqual(['A longer second title']);
    writeFileSync(join(dir, 'another.protocol.yaml'), 'metadata:\n  title: Another\n');
    expect(listTemplates(dir).map((t) => t.id)).toEqual(['another', 'site']);
  });

  it('hands out copies, so a caller cannot change what the next caller reads', () => {
    listTemplates(dir)[0]!.title = 'changed by a caller';
    expect(listTemplates(dir)[0]!.title).toBe('Another');
  });
});
