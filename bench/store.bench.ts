/** Workspace store: commit latency (fsynced) and history listing of a long-lived protocol. Prints, never asserts. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Workspace } from '../main/store/workspace';
import { sha256 } from '../main/store/hash';
import { median, ms, percentile, time } from './stats';

const text = (n: number): string =>
  `schemaVersion: 1\nmetadata:\n  id: bench\n  status: draft\n  site: {name: Bench clinic}\n  note: "${n}"\nbody:\n` +
  Array.from({ length: 1000 }, (_, i) => `  line-${i}: "A line of protocol prose, about sixty characters long."`).join('\n') +
  '\n';

export default function bench(): void {
  const dir = mkdtempSync(join(tmpdir(), 'ps-bench-store-'));
  try {
    const ws = Workspace.open(join(dir, 'bench.sqlite'));
    const p = ws.createProtocol({ template: { id: 'bench', text: text(0) }, id: 'bench', author: 'bench' });

    const commits: number[] = [];
    for (let i = 1; i <= 200; i++) {
      const head = ws.head(p.id)!;
      ws.saveDraft(p.id, text(i), { author: 'bench', parentVersionId: head.id });
      const t0 = performance.now();
      ws.commit(p.id, { author: 'bench', message: `commit ${i}`, expectedParentId: head.id });
      commits.push(performance.now() - t0);
    }
    console.log(`commit (~1,000-line text, synchronous=FULL): median ${ms(median(commits))}, p95 ${ms(percentile(commits, 95))}  (target < 5 ms)`);

    // A protocol with 10,000 versions, inserted directly in one transaction (the commit path is timed above).
    const long = ws.createProtocol({ template: { id: 'bench', text: 'v: 0\n' }, id: 'long', author: 'bench' });
    ws.transaction(() => {
      const insert = ws.db.prepare(
        `INSERT INTO versions (id, protocol_id, seq, parent_id, text, sha256, author, message, created_at, status)
         VALUES (?, 'long', ?, ?, ?, ?, 'bench', ?, ?, 'draft')`,
      );
      let parent = long.headVersionId;
      for (let seq = 2; seq <= 10_000; seq++) {
        const id = randomUUID();
        const t = `v: ${seq}\n`;
        insert.run(id, seq, parent, t, sha256(t), `version ${seq}`, new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString());
        parent = id;
      }
    });
    const history = time(() => ws.history('long'), 30, 3);
    console.log(`history of 10,000 versions: median ${ms(median(history))}, p95 ${ms(percentile(history, 95))}  (target < 20 ms)`);
    // Reference floor on this machine: the same rows read with nothing else done.
    const floor = time(() => ws.db.prepare("SELECT id, seq, author, message, created_at FROM versions WHERE protocol_id = 'long' ORDER BY seq DESC").raw().all(), 30, 3);
    console.log(`  reference: bare SELECT of 5 columns of those rows: median ${ms(median(floor))}`);
    const list = time(() => ws.listProtocols(), 30, 3);
    console.log(`listProtocols (2 protocols, 10,201 versions): median ${ms(median(list))}`);
    ws.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
