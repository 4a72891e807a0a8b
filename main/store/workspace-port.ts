/**
 * What export and import (transfer.ts) need of a workspace. The Workspace facade implements it, so transfer
 * depends on this interface and not on workspace.ts, which calls transfer: no import circle.
 */
import type { Database } from 'better-sqlite3';
import type { ProtocolSummary, QiCycle, RuleSettings, RuleSettingsInput, VersionInfo, Draft } from './types';
import type { VerifyResult } from './verify-types';

export interface WorkspacePort {
  readonly db: Database;
  transaction<T>(fn: () => T): T;
  timestamp(): string;
  listProtocols(): ProtocolSummary[];
  history(protocolId: string): VersionInfo[];
  listDrafts(protocolId: string): Draft[];
  listQiCycles(protocolId?: string): QiCycle[];
  getRuleSettings(protocolId: string): RuleSettings;
  writeRuleSettings(protocolId: string, settings: RuleSettingsInput, at: string, author: string): void;
  verify(): VerifyResult;
}
