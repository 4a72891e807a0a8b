/** `protocol-studio people`: the workspace's register of people, their roles and communities. */
import { PERSON_ROLES, ROLE_NAMES, type Person } from '../../core/people';
import { EXIT, UsageError, parseFlags, printJson, type Command } from '../io';
import { actingPerson, asUsage, openWorkspace } from '../workspace-access';

const HELP = `Usage: protocol-studio people --db FILE <subcommand> [options]

The people register: who can act in the workspace. Once it has anyone in it, every writing command must say
who acts (--as PERSON, an id or a name from the register), and that person's id is what is recorded.

Subcommands:
  add NAME --role ROLE [--role ROLE …] [--community C] [--nation N] [--contact TEXT] [--id ID] [--as PERSON]
      Add a person. The first person of a workspace adds themselves; after that --as names who adds them.
      Refused (exit 2): a name that mixes scripts within a word, or that equals or looks like (Unicode
      confusables, UTS #39) a registered person's name.
      Roles: ${PERSON_ROLES.join(', ')}
  list [--format json]
      Everyone in the register.
  show PERSON [--format json]
      One person, by id or name.

Options:
  --db FILE        the workspace file (or set PROTOCOL_STUDIO_DB)
`;

const OPTIONS = {
  db: { type: 'string' },
  role: { type: 'string', multiple: true },
  community: { type: 'string' },
  nation: { type: 'string' },
  contact: { type: 'string' },
  id: { type: 'string' },
  as: { type: 'string' },
  author: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function line(p: Person): string {
  const where = [p.community, p.nation].filter(Boolean).join(', ');
  const roles = p.roles.map((r) => ROLE_NAMES[r]).join(', ') || 'no roles';
  return `${p.id}  ${p.name}  (${roles})${where ? `  ${where}` : ''}${p.contact ? `  ${p.contact}` : ''}\n`;
}

const command: Command = {
  summary: 'People register: add, list and show the people who act in a workspace and their roles.',
  help: HELP,
  subcommands: true,
  async run(argv, io) {
    const { values: flags, positionals } = parseFlags({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [sub, ...args] = positionals;
    if (!sub || flags.help || sub === 'help') {
      io.stdout(HELP);
      return sub || flags.help ? EXIT.ok : EXIT.usage;
    }
    if (!['add', 'list', 'show'].includes(sub)) throw new UsageError(`unknown subcommand "${sub}"; one of: add, list, show`);
    if (flags.format !== undefined && flags.format !== 'json' && flags.format !== 'text') throw new UsageError(`--format must be json or text, not "${flags.format}"`);
    const ws = openWorkspace(flags.db, io);
    try {
      if (sub === 'list') {
        if (args.length) throw new UsageError('expected: people list');
        const people = ws.listPeople();
        if (flags.format === 'json') printJson(io, people);
        else if (people.length === 0) io.stdout('nobody in the register yet: `protocol-studio people add NAME --role ROLE`\n');
        else for (const p of people) io.stdout(line(p));
        return EXIT.ok;
      }
      if (sub === 'show') {
        if (args.length !== 1) throw new UsageError('expected: people show PERSON');
        const p = ws.findPerson(args[0]!);
        if (flags.format === 'json') printJson(io, p);
        else io.stdout(line(p));
        return EXIT.ok;
      }
      if (args.length !== 1) throw new UsageError('expected: people add NAME --role ROLE [--role ROLE …]');
      if (!flags.role?.length) throw new UsageError(`give at least one --role: ${PERSON_ROLES.join(', ')}`);
      // The first person registers themselves; later additions are made by someone already in the register.
      const by = ws.hasRegister() ? { by: actingPerson(ws, flags, io) } : {};
      const p = ws.addPerson(
        { name: args[0]!, roles: flags.role, community: flags.community ?? null, nation: flags.nation ?? null, contact: flags.contact ?? null, ...(flags.id ? { id: flags.id } : {}) },
        by,
      );
      io.stdout(`added ${p.name} as ${p.id}\n`);
      return EXIT.ok;
    } catch (err) {
      asUsage(err);
    } finally {
      ws.close();
    }
  },
};

export default command;
