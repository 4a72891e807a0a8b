import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NothingToCommitError, NotFoundError, RefusedTextError } from '../../main/store/errors';
import { defaultWorkspacePath } from '../../main/store/paths';
import { Workspace } from '../../main/store/workspace';
import { sha256 } from '../../main/store/hash';
import { TEMPLATE_TEXT, steppingClock, tempDir, tempWorkspace, track } from './helpers';

const author = 'Dr. Ada';
const fromTemplate = (ws: Workspace) => ws.createProtocol({ template: { id: 'group-kat', text: TEMPLATE_TEXT }, author });
const edit = (text: string, from: string, to: string): string => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('createProtocol', () => {
  it('commits the template text byte for byte as version 1 and records the template', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    expect(p).toMatchObject({ id: 'rtt-kat-base', title: 'Roots To Thrive — group KaT (12 weeks)', templateId: 'group-kat', headSeq: 1, status: 'draft', siteName: 'Nanaimo Community Clinic', versionLabel: '3.2.0', base: null });
    const v = ws.getVersion(p.headVersionId!);
    expect(v.text).toBe(TEMPLATE_TEXT);
    expect(v.sha256).toBe(sha256(TEMPLATE_TEXT));
    expect(v).toMatchObject({ seq: 1, parentId: null, author, message: 'Created from template group-kat' });
    expect(ws.getDraft(p.id)).toBeNull();
  });

  it('gives a second protocol from the same template a distinct id', () => {
    const ws = tempWorkspace();
    expect(fromTemplate(ws).id).toBe('rtt-kat-base');
    expect(fromTemplate(ws).id).toBe('rtt-kat-base-2');
    expect(() => ws.createProtocol({ template: { id: 't', text: 'a: 1\n' }, id: 'rtt-kat-base', author })).toThrow(/already exists/);
    expect(() => ws.createProtocol({ template: { id: 't', text: 'a: 1\n' }, id: '../etc', author })).toThrow(InvalidInputError);
  });

  it('adapts a base version: records the base, sets metadata.basedOn and the new id, keeps comments', () => {
    const ws = tempWorkspace();
    const base = fromTemplate(ws);
    const site = ws.createProtocol({ base: { protocolId: base.id, versionId: base.headVersionId! }, id: 'island-site', title: 'Island site', author });
    expect(site.base).toEqual({ protocolId: base.id, versionId: base.headVersionId });
    const text = ws.getVersion(site.headVersionId!).text;
    expect(text).toContain('# Group KaT base protocol — comments must survive every store operation.');
    expect(text).toContain('weeks: 12 # RTT-2025');
    const meta = parseDocument(text).toJS().metadata;
    expect(meta.basedOn).toEqual({ protocol: 'rtt-kat-base', version: '3.2.0' });
    expect(meta.id).toBe('island-site');
    expect(ws.getVersion(site.headVersionId!).message).toBe('Adapted from rtt-kat-base version 1');
  });

  it('refuses a base version that belongs to another protocol, and both or neither of template and base', () => {
    const ws = tempWorkspace();
    const a = fromTemplate(ws);
    const b = fromTemplate(ws);
    expect(() => ws.createProtocol({ base: { protocolId: b.id, versionId: a.headVersionId! }, author })).toThrow(/belongs to protocol rtt-kat-base/);
    expect(() => ws.createProtocol({ author })).toThrow(InvalidInputError);
  });
});

describe('drafts and commits', () => {
  it('autosaves a draft without creating a version, then commits it', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    const text = edit(TEMPLATE_TEXT, 'weeks: 12', 'weeks: 10');
    ws.saveDraft(p.id, text, { author, parentVersionId: p.headVersionId });
    expect(ws.history(p.id)).toHaveLength(1);
    expect(ws.getDraft(p.id, author)).toMatchObject({ text, parentVersionId: p.headVersionId, author });
    const v = ws.commit(p.id, { author, message: 'Shorter programme', expectedParentId: p.headVersionId });
    expect(v).toMatchObject({ seq: 2, parentId: p.headVersionId, message: 'Shorter programme' });
    expect(ws.getVersion(v.id).text).toBe(text);
    expect(ws.getDraft(p.id, author)).toBeNull();
    expect(ws.history(p.id).map((h) => h.seq)).toEqual([2, 1]);
    expect(ws.history(p.id)[0]).not.toHaveProperty('text');
  });

  it('refuses an empty message, a missing draft, and a text identical to the head', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    ws.saveDraft(p.id, TEMPLATE_TEXT, { author, parentVersionId: p.headVersionId });
    expect(() => ws.commit(p.id, { author, message: '  ', expectedParentId: p.headVersionId })).toThrow(/commit message is required/);
    expect(() => ws.commit(p.id, { author, message: 'same', expectedParentId: p.headVersionId })).toThrow(NothingToCommitError);
    expect(() => ws.commit(p.id, { author: 'Someone else', message: 'x', expectedParentId: p.headVersionId })).toThrow(/has no draft/);
    expect(ws.history(p.id)).toHaveLength(1);
    expect(ws.getDraft(p.id, author)?.text).toBe(TEMPLATE_TEXT);
  });

  it('two writers from the same head: the first commit wins, the second gets ConflictError and keeps its draft', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    const head = p.headVersionId!;
    const textA = edit(TEMPLATE_TEXT, 'weeks: 12', 'weeks: 11');
    const textB = edit(TEMPLATE_TEXT, 'status: draft', 'status: clinical_review');
    ws.saveDraft(p.id, textA, { author: 'Ana', parentVersionId: head });
    ws.saveDraft(p.id, textB, { author: 'Ben', parentVersionId: head });
    const first = ws.commit(p.id, { author: 'Ana', message: 'A', expectedParentId: head });
    let err: unknown;
    try {
      ws.commit(p.id, { author: 'Ben', message: 'B', expectedParentId: head });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ protocolId: p.id, expectedParentId: head, headId: first.id });
    expect(ws.history(p.id).map((v) => v.id)).toEqual([first.id, head]);
    expect(ws.getVersion(first.id).text).toBe(textA);
    expect(ws.getDraft(p.id, 'Ben')).toMatchObject({ text: textB, parentVersionId: head });
    // Ben rebases onto the new head and commits.
    ws.saveDraft(p.id, edit(textA, 'status: draft', 'status: clinical_review'), { author: 'Ben', parentVersionId: first.id });
    expect(ws.commit(p.id, { author: 'Ben', message: 'B rebased', expectedParentId: first.id }).seq).toBe(3);
  });

  it('two connections to one file: a stale expectedParentId is refused', () => {
    const a = tempWorkspace();
    const b = track(Workspace.open(a.file));
    const p = fromTemplate(a);
    a.saveDraft(p.id, TEMPLATE_TEXT + '# a\n', { author: 'Ana', parentVersionId: p.headVersionId });
    b.saveDraft(p.id, TEMPLATE_TEXT + '# b\n', { author: 'Ben', parentVersionId: p.headVersionId });
    a.commit(p.id, { author: 'Ana', message: 'a', expectedParentId: p.headVersionId });
    expect(() => b.commit(p.id, { author: 'Ben', message: 'b', expectedParentId: p.headVersionId })).toThrow(ConflictError);
    expect(b.history(p.id)).toHaveLength(2);
  });

  it('rejects bad input with clear errors and stores nothing', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    expect(() => ws.saveDraft(p.id, 'a: "\uD800"', { author, parentVersionId: p.headVersionId })).toThrow(/unpaired surrogate.*offset 4/);
    expect(() => ws.saveDraft(p.id, 'x'.repeat(10 * 1024 * 1024 + 1), { author, parentVersionId: p.headVersionId })).toThrow(/limit/);
    expect(() => ws.saveDraft(p.id, 42 as unknown as string, { author, parentVersionId: p.headVersionId })).toThrow(/must be a string/);
    expect(() => ws.saveDraft(p.id, 'a: 1', { author: 'x\ny', parentVersionId: p.headVersionId })).toThrow(/control characters/);
    expect(() => ws.saveDraft('nope', 'a: 1', { author, parentVersionId: null })).toThrow(NotFoundError);
    expect(() => ws.saveDraft(p.id, 'a: 1', { author, parentVersionId: 'no-such-version' })).toThrow(/not a version of/);
    expect(ws.listDrafts(p.id)).toEqual([]);
  });

  it('refuses hostile or malformed YAML at commit, naming the line; the draft keeps it and only the refusal is audited', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    const hostile = "a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\nmetadata: {status: *a\n'; DROP TABLE versions; --\0\r\n";
    ws.saveDraft(p.id, hostile, { author, parentVersionId: p.headVersionId });
    const auditBefore = ws.audit().length;
    let refused: unknown;
    try {
      ws.commit(p.id, { author, message: 'hostile', expectedParentId: p.headVersionId });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(RefusedTextError);
    expect((refused as RefusedTextError).message).toMatch(/cannot commit .*: the draft:\d+:\d+: /);
    expect((refused as RefusedTextError).diagnostics.length).toBeGreaterThan(0);
    expect(ws.history(p.id)).toHaveLength(1);
    expect(ws.getDraft(p.id, author)!.text).toBe(hostile);
    const audit = ws.audit();
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit[0]).toMatchObject({ action: 'version.commit_refused', actor: author, details: { reason: 'RefusedTextError' } });
    expect(ws.verify().ok).toBe(true);
  });

  it('audits a refused commit by codes and places, never by what was typed', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    const marker = 'TYPED-WORDS-7731';
    // A schema error whose message would quote the typed value (an unknown key, an enum value).
    const text = edit(ws.getVersion(p.headVersionId!).text, "medicine: ketamine", `medicine: ${marker}\n  ${marker}Key: 1`);
    expect(text).toContain(marker);
    ws.saveDraft(p.id, text, { author, parentVersionId: p.headVersionId });
    expect(() => ws.commit(p.id, { author, message: 'refused', expectedParentId: p.headVersionId })).toThrow(RefusedTextError);
    const refusal = ws.audit()[0]!;
    expect(refusal.action).toBe('version.commit_refused');
    expect(JSON.stringify(refusal.details)).toMatch(/"code":"SCHEMA-/);
    expect(JSON.stringify(refusal)).not.toContain(marker);
  });

  it('stores a hostile commit message as data, byte for byte', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    ws.saveDraft(p.id, TEMPLATE_TEXT + '# edit\n', { author, parentVersionId: p.headVersionId });
    const message = "Robert'); DROP TABLE versions;--";
    const v = ws.commit(p.id, { author, message, expectedParentId: p.headVersionId });
    expect(ws.getVersion(v.id).message).toBe(message);
    expect(ws.verify().ok).toBe(true);
  });
});

describe('history, restore, QI cycles', () => {
  it('restores an old version as a draft on top of the head; history keeps every version', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    ws.saveDraft(p.id, TEMPLATE_TEXT + '# v2\n', { author, parentVersionId: p.headVersionId });
    const v2 = ws.commit(p.id, { author, message: 'v2', expectedParentId: p.headVersionId });
    const draft = ws.restoreVersion(p.headVersionId!, { author: 'Cy' });
    expect(draft).toMatchObject({ text: TEMPLATE_TEXT, parentVersionId: v2.id, author: 'Cy' });
    const v3 = ws.commit(p.id, { author: 'Cy', message: 'Back to the template', expectedParentId: v2.id });
    expect(ws.getVersion(v3.id).text).toBe(TEMPLATE_TEXT);
    expect(ws.history(p.id).map((v) => v.seq)).toEqual([3, 2, 1]);
    expect(ws.findVersion(p.id, '2').id).toBe(v2.id);
    expect(ws.findVersion(p.id, 'head').id).toBe(v3.id);
    expect(ws.findVersion(p.id, v2.id.slice(0, 8)).id).toBe(v2.id);
    expect(() => ws.findVersion(p.id, '9')).toThrow(NotFoundError);
  });

  it('lists protocols with status, site, base and last change from stored columns', () => {
    const ws = tempWorkspace({ now: steppingClock() });
    const base = fromTemplate(ws);
    const site = ws.createProtocol({ base: { protocolId: base.id, versionId: base.headVersionId! }, title: 'Island site', author });
    ws.saveDraft(site.id, edit(ws.getVersion(site.headVersionId!).text, 'Nanaimo Community Clinic', 'Island Clinic'), { author, parentVersionId: site.headVersionId });
    ws.commit(site.id, { author, message: 'Site name', expectedParentId: site.headVersionId });
    ws.saveDraft(base.id, TEMPLATE_TEXT + '#\n', { author: 'Bo', parentVersionId: base.headVersionId });
    const list = ws.listProtocols();
    expect(list.map((p) => [p.id, p.siteName, p.headSeq, p.draftAuthors])).toEqual([
      ['island-site', 'Island Clinic', 2, []],
      ['rtt-kat-base', 'Nanaimo Community Clinic', 1, ['Bo']],
    ]);
    expect(list[0]!.base?.protocolId).toBe('rtt-kat-base');
    expect(list[1]!.lastChange > list[0]!.lastChange).toBe(true);
  });
});

describe('audit log', () => {
  it('records every mutation in order, with actor and subject', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    ws.saveDraft(p.id, TEMPLATE_TEXT + '#\n', { author, parentVersionId: p.headVersionId });
    const v = ws.commit(p.id, { author, message: 'm', expectedParentId: p.headVersionId, newQiCycle: { aim: 'a', start: '2026-01-01' } });
    ws.tagVersion(p.headVersionId!, v.qiCycleIds[0]!, { author });
    ws.restoreVersion(p.headVersionId!, { author });
    const custom = ws.appendAudit({ actor: 'Elder Mary', action: 'review.signoff', subject: 'rtt-kat-base#cultural.blocks[opening]', details: { note: 'ok' } });
    const actions = ws.audit().reverse().map((e) => e.action);
    expect(actions).toEqual(['protocol.create', 'version.commit', 'draft.save', 'version.commit', 'version.tag', 'version.restore', 'review.signoff']);
    expect(custom.seq).toBe(7);
    expect(ws.audit({ subject: v.id }).map((e) => e.action)).toEqual(['version.commit']);
    expect(ws.audit({ subject: p.headVersionId! }).map((e) => e.action)).toEqual(['version.tag', 'version.commit']);
    expect(ws.verify()).toEqual({ ok: true, problems: [] });
  });

  it('rolls back the audit entry with a failed operation', () => {
    const ws = tempWorkspace();
    const p = fromTemplate(ws);
    const before = ws.audit().length;
    expect(() =>
      ws.transaction(() => {
        ws.appendAudit({ actor: author, action: 'x', subject: p.id });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(ws.audit()).toHaveLength(before);
  });
});

describe('open', () => {
  it('puts the default workspace in the user-data folder', () => {
    expect(defaultWorkspacePath('/home/u/.config/Protocol Studio')).toBe(join('/home/u/.config/Protocol Studio', 'workspace.protocol-studio.sqlite'));
  });

  it('loads the native binding given in nativeBinding (the Electron build), and says so when it is missing', () => {
    const dir = tempDir();
    const binding = join(__dirname, '../../node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const ws = track(Workspace.open(join(dir, 'n.sqlite'), { nativeBinding: binding }));
    expect(fromTemplate(ws).headSeq).toBe(1);
    expect(() => Workspace.open(join(dir, 'm.sqlite'), { nativeBinding: join(dir, 'missing.node') })).toThrow(/cannot open workspace .*m\.sqlite/);
  });

  it('creates missing folders and refuses a file that is not a workspace', async () => {
    const dir = tempDir();
    const ws = track(Workspace.open(join(dir, 'a', 'b', 'ws.sqlite')));
    expect(ws.listProtocols()).toEqual([]);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'junk.sqlite'), 'this is not sqlite'.repeat(100));
    expect(() => Workspace.open(join(dir, 'junk.sqlite'))).toThrow(/cannot open workspace .*junk\.sqlite/);
  });
});

describe('commit after a rebase', () => {
  it('moves the adaptation onto the newer base version in the same transaction, and audits it', () => {
    const ws = tempWorkspace();
    const base = fromTemplate(ws);
    const site = ws.createProtocol({ base: { protocolId: base.id, versionId: base.headVersionId! }, id: 'island-site', author });
    const baseV1 = base.headVersionId!;
    ws.saveDraft(base.id, edit(ws.getVersion(baseV1).text, 'weeks: 12 # RTT-2025', 'weeks: 10 # RTT-2025'), { author, parentVersionId: baseV1 });
    const baseV2 = ws.commit(base.id, { author, message: 'Narrow IM max', expectedParentId: baseV1 });

    const siteHead = ws.getProtocol(site.id).headVersionId!;
    ws.saveDraft(site.id, edit(ws.getVersion(siteHead).text, 'weeks: 12 # RTT-2025', 'weeks: 10 # RTT-2025'), { author, parentVersionId: siteHead });
    ws.commit(site.id, { author, message: 'Take in the base change', expectedParentId: siteHead, rebasedOnto: baseV2.id });

    expect(ws.getProtocol(site.id).base).toEqual({ protocolId: base.id, versionId: baseV2.id });
    const moves = ws.audit({ subject: site.id }).filter((e) => e.action === 'protocol.rebase');
    expect(moves).toHaveLength(1);
    expect(moves[0]!.details).toMatchObject({ from: baseV1, to: baseV2.id });
    expect(ws.verify().ok).toBe(true);
  });

  it('remembers the rebase on the draft through later autosaves, and moves the base when it is committed', () => {
    const ws = tempWorkspace();
    const base = fromTemplate(ws);
    const site = ws.createProtocol({ base: { protocolId: base.id, versionId: base.headVersionId! }, id: 'island-site', author });
    const baseV1 = base.headVersionId!;
    ws.saveDraft(base.id, edit(ws.getVersion(baseV1).text, 'weeks: 12 # RTT-2025', 'weeks: 10 # RTT-2025'), { author, parentVersionId: baseV1 });
    const baseV2 = ws.commit(base.id, { author, message: 'Ten weeks', expectedParentId: baseV1 });

    const head = ws.getProtocol(site.id).headVersionId!;
    const merged = edit(ws.getVersion(head).text, 'weeks: 12 # RTT-2025', 'weeks: 10 # RTT-2025');
    ws.saveDraft(site.id, merged, { author, parentVersionId: head, rebasedOnto: baseV2.id });
    ws.saveDraft(site.id, merged + '# autosaved later\n', { author, parentVersionId: head });
    expect(ws.getDraft(site.id, author)!.rebasedOnto).toBe(baseV2.id);
    expect(ws.getProtocol(site.id).base!.versionId).toBe(baseV1);

    ws.commit(site.id, { author, message: 'Rebased onto base v2', expectedParentId: head });
    expect(ws.getProtocol(site.id).base!.versionId).toBe(baseV2.id);
  });

  it('refuses a base version of another protocol and commits nothing', () => {
    const ws = tempWorkspace();
    const base = fromTemplate(ws);
    const other = fromTemplate(ws);
    const site = ws.createProtocol({ base: { protocolId: base.id, versionId: base.headVersionId! }, id: 'island-site', author });
    const head = ws.getProtocol(site.id).headVersionId!;
    ws.saveDraft(site.id, edit(ws.getVersion(head).text, 'weeks: 12 # RTT-2025', 'weeks: 10 # RTT-2025'), { author, parentVersionId: head });
    expect(() => ws.commit(site.id, { author, message: 'x', expectedParentId: head, rebasedOnto: other.headVersionId! })).toThrow(InvalidInputError);
    expect(ws.history(site.id)).toHaveLength(1);
    expect(ws.getProtocol(site.id).base!.versionId).toBe(base.headVersionId);
  });
});
