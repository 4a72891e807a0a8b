/**
 * Git sync: publish a protocol with 100 versions to a local bare repository, then fetch them into a fresh
 * site, then an incremental publish and fetch of one more version. Prints, never asserts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBareRepo, fetchRemote, addRemote, publish } from '../main/sync';
import { Workspace } from '../main/store/workspace';
import { ms } from './stats';

const VERSIONS = 100;

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ps-bench-sync-'));
  try {
    const base = readFileSync(join(import.meta.dirname, '..', 'templates', 'first-responder-6-week.protocol.yaml'), 'utf8');
    const origin = Workspace.open(join(dir, 'origin.sqlite'));
    const p = origin.createProtocol({ template: { id: 'bench', text: base }, id: 'bench-sync', author: 'bench' });
    for (let i = 2; i <= VERSIONS; i++) {
      const head = origin.head(p.id)!;
      origin.saveDraft(p.id, base.replace(/^(schemaVersion: 1)$/m, `$1\n# revision ${i}`), { author: 'bench', parentVersionId: head.id });
      origin.commit(p.id, { author: 'bench', message: `revision ${i}`, expectedParentId: head.id });
    }
    const remoteDir = join(dir, 'remote.git');
    await ensureBareRepo(remoteDir);
    addRemote(origin, { name: 'bench', url: remoteDir, audience: 'program_team' }, 'bench');

    let t0 = performance.now();
    await publish(origin, { remote: 'bench', protocolId: p.id, actor: 'bench', mirror: join(dir, 'origin.sync.git') });
    const publishAll = performance.now() - t0;

    const site = Workspace.open(join(dir, 'site.sqlite'));
    addRemote(site, { name: 'bench', url: remoteDir, audience: 'program_team' }, 'bench');
    t0 = performance.now();
    const got = await fetchRemote(site, { remote: 'bench', actor: 'bench', mirror: join(dir, 'site.sync.git') });
    const fetchAll = performance.now() - t0;

    const head = origin.head(p.id)!;
    origin.saveDraft(p.id, `${base}# one more\n`, { author: 'bench', parentVersionId: head.id });
    origin.commit(p.id, { author: 'bench', message: 'one more', expectedParentId: head.id });
    t0 = performance.now();
    await publish(origin, { remote: 'bench', protocolId: p.id, actor: 'bench', mirror: join(dir, 'origin.sync.git') });
    const publishOne = performance.now() - t0;
    t0 = performance.now();
    await fetchRemote(site, { remote: 'bench', actor: 'bench', mirror: join(dir, 'site.sync.git') });
    const fetchOne = performance.now() - t0;

    const lines = base.split('\n').length;
    console.log(`publish ${VERSIONS} versions (${lines}-line template) to a local bare repository: ${ms(publishAll)}`);
    console.log(`fetch ${got.protocols[0]?.newVersions.length ?? 0} versions into a fresh site (gate, hash check, one commit each): ${ms(fetchAll)}`);
    console.log(`publish 1 more version: ${ms(publishOne)}; fetch it: ${ms(fetchOne)}`);
    origin.close();
    site.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
