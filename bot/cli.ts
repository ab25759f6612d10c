import fs from 'node:fs/promises';
import os from 'node:os';
import { loadConfigOrReport } from './config';
import { isDomainError, ValidationError } from './domain/errors';
import { readKoonti } from './rounds';
import { langOf, localize } from './domain/localized-text';
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from './report';
import type { Stores } from './domain/ports';
import type { Round } from './domain/round';
import { roundStatus } from './domain/round-status';
import { formatIssues, parseRoundFile } from './domain/round-file';
import { defaultHomeTenant, roundTenants, type TenantSettings } from './domain/tenants';
import { type CarryResult, deleteRoundData, importRound, operatorActor } from './rounds';
import { openStorage } from '../storage';
import { roundFileText } from './domain/setup/round-writer';
import { applyContactFile, contactsWorkbook } from './setup';
import { recordCommand } from './record-cli';

export interface CliDeps {
  stores: Stores;
  /** IANA zone exported dates are written in (HYTE_TIMEZONE). */
  timeZone: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** `HYTE_ALLOWED_TENANTS` and `MicrosoftAppTenantId`, as the server has them. */
  tenants?: TenantSettings;
  readFile?: (path: string) => Promise<string>;
  /** Reads a file as bytes (contact lists may be XLSX). */
  readBytes?: (path: string) => Promise<Uint8Array>;
  writeFile?: (path: string, data: string | Buffer) => Promise<void>;
  /** The operator's login on this machine: who imports, exports and erases, in the record. */
  operator?: string;
}

/** The value after `--name` on the command line. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const USAGE = `usage: hyte round <command> | hyte person forget …
  round import FILE                 validate and store a round (re-import keeps every answer);
                                    with previousRound, carries that round's measures in once
  round list                        rounds with response counts
  round status ID [--json]          per organisation: not-reached / sent / draft / submitted
  round export ID --format csv|xlsx|md|html|docx --out FILE [--lang fi|sv|en] [--include-drafts]
                                    the compiled results (koonti); --include-drafts adds the
                                    answers saved but not submitted, marked as such
  round definition ID [--out FILE]  the round as a round file (YAML) that round import reads back
  round contacts ID --out FILE      the round's contact list (XLSX)
  round contacts ID --in FILE [--dry-run] [--lang fi|sv|en]
                                    previews a contact list (XLSX or CSV) and applies it unless
                                    --dry-run or a row is bad
  round delete ID --yes             delete a round and all of its data
  round history ID [--organisation ORG] [--json]
                                    every kept version of the round's answers, points and set-up
  round access-log ID [--json]      every disclosure of the round's koonti (links, CLI exports)
  person forget (--email E | --aad-object-id ID) [--tenant T] --yes
                                    erase a person: references, look-ups, deliveries, roles;
                                    a pseudonym for their name in the record`;

class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

async function importFile(deps: CliDeps, file: string | undefined): Promise<void> {
  if (!file) throw new CliError('round import needs a FILE', 2);
  const read = deps.readFile ?? ((p: string) => fs.readFile(p, 'utf8'));
  let text: string;
  try {
    text = await read(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const tenants = deps.tenants ?? { allowedTenants: [] };
  const { round, existed, carry } = await importRound(
    deps.stores,
    parseRoundFile(text, file, tenants),
    undefined,
    operatorActor(deps.operator ?? 'unknown'),
  );
  deps.out(
    `${existed ? 'updated' : 'imported'} ${round.id}: ${round.goals.length} goals, ${round.organisations.length} organisations`,
  );
  reportTenants(deps, round, tenants);
  if (carry) printCarry(deps, carry);
}

/** Which tenants the round reaches people in, and which of them the installation refuses. */
function reportTenants(deps: CliDeps, round: Round, tenants: TenantSettings): void {
  const used = roundTenants(round, tenants);
  const named = (t: (typeof used)[number]) =>
    `${t.tenantId} (${[...(t.home ? ['home'] : []), ...t.organisations].join(', ') || 'home'})`;
  if (!used.some((t) => t.home))
    deps.out('home tenant: not set; the tenant of the coordinator who launches');
  deps.out(`tenants: ${used.map(named).join('; ') || 'none'}`);
  if (tenants.allowedTenants.length === 0) {
    deps.out('HYTE_ALLOWED_TENANTS is empty: every tenant is allowed (development only)');
    return;
  }
  const refused = used.filter((t) => !t.allowed);
  deps.out(
    refused.length
      ? `not in HYTE_ALLOWED_TENANTS: ${refused.map(named).join('; ')}`
      : 'every tenant is in HYTE_ALLOWED_TENANTS',
  );
}

const measures = (n: number) => `${n} measure${n === 1 ? '' : 's'}`;

/** What the import carried from the previous round, and what it left behind. */
function printCarry(deps: CliDeps, c: CarryResult): void {
  deps.out(`carried ${measures(c.carried)} from ${c.fromRoundId}`);
  for (const o of c.organisations) {
    const before = o.measures - o.carried;
    const note = before ? `, ${before} carried before` : '';
    deps.out(`  carried ${measures(o.carried)} into ${o.id} (${o.name})${note}`);
  }
  for (const o of c.missingOrganisations)
    deps.out(`  not in this round: ${o.id} (${o.name}), ${measures(o.measures)} left behind`);
  for (const m of c.orphans)
    deps.out(
      `  goal gone: ${m.organisationId} measure ${m.measureId} under "${m.goalId}" (carried; the review lists it)`,
    );
  for (const m of c.dropped)
    deps.out(
      `  not carried: ${m.organisationId} measure ${m.measureId}, dropped in ${c.fromRoundId}`,
    );
}

async function status(deps: CliDeps, id: string | undefined, json: boolean) {
  if (!id) throw new CliError('round status needs an ID', 2);
  const round = await deps.stores.rounds.get(id);
  if (!round) throw new CliError(`round not found: ${id}`);
  const [sheets, deliveries, launch] = await Promise.all([
    deps.stores.responses.listSheets(id),
    deps.stores.deliveries.list(id),
    deps.stores.roundState.getLaunch(id),
  ]);
  const home =
    round.tenantId ?? defaultHomeTenant(deps.tenants ?? { allowedTenants: [] }) ?? launch?.tenantId;
  const s = roundStatus(round, sheets, deliveries, home);
  if (json) {
    deps.out(
      JSON.stringify(
        {
          roundId: s.roundId,
          ...(round.setup ? { setup: true } : {}),
          totals: s.totals,
          organisations: s.organisations.map((o) => ({
            ...o,
            respondents: o.respondents.map(({ person, ...r }) => ({ ...person, ...r })),
          })),
        },
        null,
        2,
      ),
    );
    return;
  }
  const t = s.totals;
  deps.out(
    `${round.id}: ${t.submitted}/${t.organisations} submitted, ${t.draft} draft, ${t.sent} sent, ${t['not-reached']} not reached, ${t.measures} measures`,
  );
  for (const o of s.organisations) {
    const change = o.lastChange ? `  last change ${o.lastChange} by ${o.lastChangeBy ?? '?'}` : '';
    deps.out(`  ${o.state.padEnd(12)} ${String(o.measures).padStart(3)}  ${o.name}${change}`);
  }
}

async function list(deps: CliDeps): Promise<void> {
  const rounds = await deps.stores.rounds.list();
  if (rounds.length === 0) deps.out('no rounds');
  for (const round of rounds) {
    const s = roundStatus(round, await deps.stores.responses.listSheets(round.id));
    deps.out(
      `${round.id}  ${localize(round.title, 'fi')}  deadline ${round.deadline}  ${s.totals.submitted}/${s.totals.organisations} submitted${round.setup ? '  (in set-up)' : ''}`,
    );
  }
}

/** `round definition ID`: the round as a round file that `round import` reads back. */
async function definition(deps: CliDeps, id: string | undefined, out: string | undefined) {
  if (!id) throw new CliError('round definition needs an ID', 2);
  const round = await deps.stores.rounds.get(id);
  if (!round) throw new CliError(`round not found: ${id}`);
  const text = roundFileText(
    round,
    `Round ${round.id}, as stored on ${new Date().toISOString().slice(0, 10)}.\nRead back with: npx hyte round import FILE`,
  );
  if (!out) {
    deps.out(text.trimEnd());
    return;
  }
  await (deps.writeFile ?? fs.writeFile)(out, text);
  deps.out(
    `wrote ${out}: ${round.goals.length} goals, ${round.organisations.length} organisations`,
  );
}

/** `round contacts ID --out FILE` / `--in FILE [--dry-run]`. */
async function contacts(
  deps: CliDeps,
  id: string | undefined,
  rest: string[],
  flags: Set<string>,
): Promise<number> {
  if (!id) throw new CliError('round contacts needs an ID', 2);
  const out = option(rest, '--out');
  const input = option(rest, '--in');
  if (!out === !input) throw new CliError('round contacts needs --out FILE or --in FILE', 2);
  if (out) {
    const round = await deps.stores.rounds.get(id);
    if (!round) throw new CliError(`round not found: ${id}`);
    await (deps.writeFile ?? fs.writeFile)(out, await contactsWorkbook(round));
    deps.out(`wrote ${out}: ${round.organisations.length} organisations`);
    await logExport(deps, round.id, 'contacts.xlsx');
    return 0;
  }
  let bytes: Uint8Array;
  try {
    bytes = await (deps.readBytes ?? ((p: string) => fs.readFile(p)))(input!);
  } catch (e) {
    throw new CliError(`cannot read ${input}: ${(e as Error).message}`);
  }
  const dryRun = flags.has('--dry-run');
  const result = await applyContactFile(deps.stores, id, bytes, input!, {
    dryRun,
    lang: langOf(option(rest, '--lang') ?? 'en'),
    by: operatorActor(deps.operator ?? 'unknown'),
  });
  if (!result) throw new CliError(`round not found: ${id}`);
  for (const line of result.lines) deps.out(line);
  if (result.issues) {
    deps.err(`${result.issues} bad cell(s): nothing changed`);
    return 1;
  }
  deps.out(
    result.applied ? `applied to ${id}` : dryRun ? 'dry run: nothing changed' : 'nothing to change',
  );
  return 0;
}

/** A CLI export is a disclosure: logged, and said so on stderr when the log cannot be written. */
async function logExport(deps: CliDeps, roundId: string, format: string, lang?: string) {
  try {
    await deps.stores.record.disclose([
      {
        roundId,
        at: new Date().toISOString(),
        via: 'cli',
        format,
        operator: (deps.operator ?? 'unknown').slice(0, 200),
        ...(lang ? { lang: lang.slice(0, 5) } : {}),
      },
    ]);
  } catch (e) {
    deps.err(`warning: the export was written but not logged: ${(e as Error).message}`);
  }
}

/** The operator CLI: returns the exit code; prints through `out` and `err` only. */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const [group, command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const valued = new Set([
    '--format',
    '--out',
    '--lang',
    '--in',
    '--organisation',
    '--email',
    '--aad-object-id',
    '--tenant',
  ]);
  const [arg] = rest.filter((a, i) => !a.startsWith('--') && !valued.has(rest[i - 1] ?? ''));
  try {
    if (!group || group === 'help' || flags.has('--help')) {
      deps.out(USAGE);
      return 0;
    }
    const record = await recordCommand(deps, group, command, rest, arg, flags);
    if (record !== undefined) return record;
    if (group !== 'round') throw new CliError(`unknown command: ${argv.join(' ')}\n${USAGE}`, 2);
    switch (command) {
      case 'import':
        await importFile(deps, arg);
        return 0;
      case 'list':
        await list(deps);
        return 0;
      case 'status':
        await status(deps, arg, flags.has('--json'));
        return 0;
      case 'export': {
        if (!arg) throw new CliError('round export needs an ID', 2);
        const format = option(rest, '--format');
        const out = option(rest, '--out');
        if (!format || !(REPORT_FORMATS as readonly string[]).includes(format))
          throw new CliError(`round export needs --format ${REPORT_FORMATS.join(', ')}`, 2);
        if (!out) throw new CliError('round export needs --out FILE', 2);
        const round = await deps.stores.rounds.get(arg);
        if (!round) throw new CliError(`round not found: ${arg}`);
        const koonti = await readKoonti(deps.stores, round, new Date(), {
          includeDrafts: flags.has('--include-drafts'),
        });
        const lang = langOf(option(rest, '--lang'));
        const body = await REPORT_FORMAT_INFO[format as ReportFormat].render(
          koonti,
          lang,
          deps.timeZone,
        );
        await (deps.writeFile ?? fs.writeFile)(out, body);
        deps.out(
          `wrote ${out}: ${koonti.totals.measures} measures, ${koonti.totals.submitted}/${koonti.totals.organisations} organisations answered`,
        );
        await logExport(deps, round.id, format, option(rest, '--lang'));
        return 0;
      }
      case 'definition':
        await definition(deps, arg, option(rest, '--out'));
        return 0;
      case 'contacts':
        return await contacts(deps, arg, rest, flags);
      case 'delete': {
        if (!arg) throw new CliError('round delete needs an ID', 2);
        if (!flags.has('--yes'))
          throw new CliError(`round delete ${arg} deletes every answer: add --yes to confirm`);
        if (!(await deps.stores.rounds.get(arg))) throw new CliError(`round not found: ${arg}`);
        await deleteRoundData(deps.stores, arg);
        deps.out(`deleted ${arg} and all of its data`);
        return 0;
      }
      default:
        throw new CliError(`unknown command: ${argv.join(' ')}\n${USAGE}`, 2);
    }
  } catch (e) {
    if (e instanceof CliError) {
      deps.err(e.message);
      return e.code;
    }
    if (e instanceof ValidationError) {
      deps.err(`the round file has ${e.issues.length} error(s); nothing was stored:`);
      deps.err(formatIssues(e.issues));
      return 1;
    }
    if (isDomainError(e, 'StorageUnavailable') || isDomainError(e, 'FileRefused')) {
      deps.err(e.message);
      return 1;
    }
    throw e;
  }
}

/** The `hyte` command (bin/hyte.js): config, storage, run, close. */
export async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('dotenv').config({ quiet: true });
  const config = loadConfigOrReport();
  if (!config) {
    process.exitCode = 1;
    return;
  }
  const storage = await openStorage(config.storage);
  try {
    process.exitCode = await runCli(process.argv.slice(2), {
      stores: storage.stores,
      timeZone: config.timeZone,
      tenants: {
        allowedTenants: config.allowedTenants,
        appTenantId: config.botAuth.MicrosoftAppTenantId,
      },
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      operator: login(),
    });
  } finally {
    await storage.close();
  }
}

/** The operator's login name, as the record names them. */
function login(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

if (require.main === module) void run();

export function run(): Promise<void> {
  return main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  });
}
