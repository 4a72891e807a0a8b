/** Shared fixtures for the binder tests: the bundled templates, and a document carrying restricted content and hostile text. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { BinderInput } from '../../../main/core/binder/index';

export const TEMPLATE_DIR = join(import.meta.dirname, '../../../templates');

export function templateFiles(): string[] {
  return readdirSync(TEMPLATE_DIR)
    .filter((f) => f.endsWith('.protocol.yaml'))
    .sort();
}

export function loadTemplate(file: string): Record<string, any> {
  return parse(readFileSync(join(TEMPLATE_DIR, file), 'utf8')) as Record<string, any>;
}

/** Never to appear in any binder: it sits in the text of a secret/sacred block (which the schema forbids, so it is hostile input). */
export const SECRET = 'The dawn song of the heron is sung only by its keeper SECRET-7f3a9c';
export const COMMUNITY_SECRET = 'Community teaching text COMMUNITY-41be2d';
export const KEEPER = 'Mary Testkeeper';
export const PLACEHOLDER = `Opening led by Elder ${KEEPER} in her own way`;

/** A template with one secret/sacred block (text present, hostile), one community-only block, and a secret week segment. */
export function withRestrictedContent(value: Record<string, any>): Record<string, any> {
  const doc = structuredClone(value);
  doc.cultural ??= { blocks: [] };
  doc.cultural.blocks ??= [];
  const keeper = { name: KEEPER, nation: 'Testnation', role: 'elder', permissionToName: true };
  doc.cultural.blocks.push(
    {
      id: 'heron-song',
      type: 'song',
      title: 'Heron song',
      text: SECRET,
      placeholder: PLACEHOLDER,
      governance: { sharing: 'secret_sacred', keepers: [keeper], labels: [{ label: 'tk_secret_sacred' }], origin: { nation: 'Testnation' } },
    },
    {
      id: 'community-teaching',
      type: 'teaching',
      title: 'Community teaching',
      text: COMMUNITY_SECRET,
      governance: { sharing: 'community_only', keepers: [keeper], labels: [{ label: 'tk_community_use_only' }], permissions: { print: true } },
    },
  );
  const week = doc.curriculum?.weeks?.[0];
  week?.segments?.push({ id: 'heron-segment', kind: 'ceremony', title: 'Heron song', description: SECRET, governance: { sharing: 'secret_sacred', keepers: [keeper] } });
  return doc;
}

export function inputFor(value: unknown, profile: BinderInput['profile'], lang = 'en'): BinderInput {
  const meta = (value as { metadata?: { versionLabel?: string; status?: string } } | null)?.metadata;
  return {
    value,
    profile,
    lang,
    version: { label: meta?.versionLabel ?? '0.0.0', status: meta?.status ?? 'draft', qiCycle: 2 },
    generatedAt: '2026-03-01T10:00:00Z',
  };
}
