/**
 * The disclosure policy as a table: every sharing level × permission setting × audience × channel.
 * The expected decision is written from the rules of issue 11 (and domain.md §5.2–5.4), one rule per
 * line below, independently of how decideDisclosure is written.
 */
import { describe, expect, it } from 'vitest';
import {
  AUDIENCES,
  CHANNELS,
  decideDisclosure,
  disclosureOf,
  governanceFacts,
  refusalMessage,
  SHARING_LEVELS,
  type Audience,
  type Channel,
  type Decision,
  type SharingLevel,
} from '../../../main/core/review';

type Perm = boolean | undefined;
interface Row {
  level: SharingLevel;
  print: Perm;
  exp: Perm;
  keepers: boolean;
  audience: Audience;
  channel: Channel;
}

/** Who may see a level at all (the audience table of sharing.ts, written out). */
const SEES: Record<Audience, SharingLevel[]> = {
  public: ['open'],
  participant: ['open'],
  clinical_team: ['open', 'program_team'],
  program_team: ['open', 'program_team'],
  site_adaptation: ['open', 'program_team'],
  community: ['open', 'community_only'],
  elder_review: ['open', 'program_team', 'community_only'],
  workspace: ['open', 'program_team', 'community_only', 'secret_sacred'],
};
const PRINTED: Channel[] = ['binder', 'diff', 'change_log', 'qi_report', 'review_view'];
const CARRIED: Channel[] = ['folder_export', 'sync'];

function expected(r: Row): Decision {
  // The owner's backup carries every stored level; nobody else gets a backup.
  if (r.channel === 'backup') return r.audience === 'workspace' ? 'show' : 'refuse';
  // Logs and error messages name a governed section, never quote it — for everyone.
  if (r.channel === 'log') return r.level === 'open' ? 'show' : 'placeholder';
  if (r.audience === 'workspace') return 'show';
  // Only a placeholder of secret/sacred content exists.
  if (r.level === 'secret_sacred') return 'placeholder';
  if (!SEES[r.audience].includes(r.level)) return 'placeholder';
  if (r.channel === 'audit_export') return r.level === 'open' ? 'show' : 'placeholder';
  const consentNeeded = r.level !== 'open' && r.keepers;
  if (PRINTED.includes(r.channel) && (r.print === false || (consentNeeded && r.print !== true))) return 'placeholder';
  if (CARRIED.includes(r.channel) && (r.exp === false || (consentNeeded && r.exp !== true))) {
    // A copy to another site cannot carry a hole: it is refused.
    return r.audience === 'site_adaptation' ? 'refuse' : 'placeholder';
  }
  return 'show';
}

function governance(r: Pick<Row, 'level' | 'print' | 'exp' | 'keepers'>): Record<string, unknown> {
  const permissions: Record<string, boolean> = {};
  if (r.print !== undefined) permissions.print = r.print;
  if (r.exp !== undefined) permissions.export = r.exp;
  return {
    sharing: r.level,
    ...(r.keepers ? { keepers: [{ name: 'Elder Ann Joe', nation: 'Snuneymuxw', role: 'elder' }] } : {}),
    ...(Object.keys(permissions).length ? { permissions } : {}),
  };
}

const PERMS: Perm[] = [true, false, undefined];
const rows: Row[] = SHARING_LEVELS.flatMap((level) =>
  PERMS.flatMap((print) =>
    PERMS.flatMap((exp) =>
      [true, false].flatMap((keepers) => AUDIENCES.flatMap((audience) => CHANNELS.map((channel) => ({ level, print, exp, keepers, audience, channel })))),
    ),
  ),
);

describe('disclosure policy: level × permission × audience × channel', () => {
  it('covers every combination', () => {
    expect(rows.length).toBe(SHARING_LEVELS.length * 9 * 2 * AUDIENCES.length * CHANNELS.length);
    expect(AUDIENCES).toEqual(expect.arrayContaining(['clinical_team', 'participant', 'elder_review', 'site_adaptation', 'public', 'program_team', 'community', 'workspace']));
    expect(CHANNELS).toEqual(
      expect.arrayContaining(['binder', 'folder_export', 'backup', 'diff', 'change_log', 'qi_report', 'review_view', 'log', 'audit_export', 'sync']),
    );
  });

  it('decides as the table says, with a reason and whom to ask whenever it withholds', () => {
    const wrong: string[] = [];
    for (const r of rows) {
      const d = disclosureOf(governance(r), r.audience, r.channel);
      const want = expected(r);
      if (d.decision !== want) wrong.push(`${r.level} print=${r.print} export=${r.exp} keepers=${r.keepers} ${r.audience}/${r.channel}: ${d.decision}, expected ${want}`);
      if (d.decision !== 'show') {
        expect(d.reason).toBeTruthy();
        expect(d.askWhom).toBeTruthy();
      }
    }
    expect(wrong).toEqual([]);
  });

  it('print: false keeps a community_only section out of the Elder review binder too', () => {
    const g = { sharing: 'community_only', keepers: [{ name: 'Elder Ann Joe', role: 'elder' }], permissions: { print: false, export: true } };
    expect(disclosureOf(g, 'elder_review', 'binder').decision).toBe('placeholder');
    expect(disclosureOf(g, 'elder_review', 'binder').reason).toMatch(/not allow it to be printed/);
    expect(disclosureOf({ ...g, permissions: { print: true } }, 'elder_review', 'binder').decision).toBe('show');
  });

  it('TK labels tighten the level and restricting ones come back in plain words', () => {
    const g = { sharing: 'open', labels: [{ label: 'tk_secret_sacred' }, { label: 'tk_open_to_collaboration' }, { label: 'tk_non_commercial' }] };
    const d = disclosureOf(g, 'clinical_team', 'binder');
    expect(d.decision).toBe('placeholder');
    expect(d.labelNotes).toEqual(['TK Secret / Sacred: Not to be written down, recorded or shared outside the keepers’ own protocols.', 'TK Non-Commercial: Not to be used for profit or in anything that is sold.']);
    // A seasonal label: at least community_only.
    expect(disclosureOf({ sharing: 'open', labels: [{ label: 'tk_seasonal' }] }, 'program_team', 'binder').decision).toBe('placeholder');
    expect(disclosureOf({ sharing: 'open', labels: [{ label: 'tk_seasonal' }] }, 'community', 'binder').decision).toBe('show');
  });

  it('names only keepers who agreed to be named to an outside audience', () => {
    const g = governanceFacts({ sharing: 'secret_sacred', keepers: [{ name: 'Elder Ann Joe', nation: 'Snuneymuxw', role: 'elder' }] });
    expect(decideDisclosure(g, 'participant', 'binder').askWhom).toBe('an elder of Snuneymuxw');
    expect(decideDisclosure(g, 'elder_review', 'binder').askWhom).toBe('Elder Ann Joe (Snuneymuxw)');
    expect(decideDisclosure(undefined, 'public', 'binder').decision).toBe('show');
  });
});

describe('refusal lines', () => {
  it('stay within 200 characters and still name the section and whom to ask', () => {
    const long = 'A very long section title '.repeat(12);
    const line = refusalMessage('Export for program team refused (+3 more)', { title: long, key: 'cultural.blocks[opening-circle]', level: 'secret_sacred' }, 'Elder Ann Joe (Snuneymuxw)');
    expect(line.length).toBeLessThanOrEqual(200);
    expect(line).toContain('cultural.blocks[opening-circle]');
    expect(line).toContain('ask Elder Ann Joe (Snuneymuxw)');
    expect(line).toContain('secret sacred');
    const short = refusalMessage('Export refused', { title: 'Prayer', key: 'cultural.blocks[p]', level: 'community_only' }, 'an elder of Snuneymuxw');
    expect(short).toBe('Export refused: "Prayer" (cultural.blocks[p]) is community only — ask an elder of Snuneymuxw.');
  });
});
