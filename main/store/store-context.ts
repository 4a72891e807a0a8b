/** What the workspace's record modules need of the open workspace: the connection, the clock, who acts, transactions. */
import type { Database } from 'better-sqlite3';

export interface StoreContext {
  readonly db: Database;
  /** Now, as an ISO string (the workspace's clock, fixed in tests). */
  timestamp(): string;
  /** The id to record for an actor given by id or name. */
  actor(ref: unknown, what?: string): string;
  /** Runs `fn` in a write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
}
