/** `binder --lang` for a language the protocol's text lacks says so, on stderr and on the cover (a protocol written from scratch, HTML output: no Chromium needed). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'binder-lang-'));
const SCRATCH = join(ROOT, 'test/fixtures/scratch/group-first-responders.protocol.yaml');

describe('protocol-studio binder --lang', () => {
  it('says when the text has no Japanese, and still writes the binder', async () => {
    const r = await runCli(['binder', SCRATCH, '--profile', 'participant', '--lang', 'ja', '-o', 'ja.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('protocol-studio binder: the protocol has no text in "ja"; that text is printed in "en" (only the binder\'s own headings and labels are in "ja").\n');
    expect(readFileSync(join(dir, 'ja.html'), 'utf8')).toContain('このプロトコルには日本語 (ja)の本文がありません。');
  }, 60_000);

  it('is silent for the protocol’s own language', async () => {
    const r = await runCli(['binder', SCRATCH, '--profile', 'participant', '--lang', 'en', '-o', 'en.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(join(dir, 'en.html'), 'utf8')).not.toContain('class="language-notice"');
  }, 60_000);
});
