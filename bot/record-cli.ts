import type { Stores } from './domain/ports';
import { defaultHomeTenant, type TenantSettings } from './domain/tenants';
import type { FieldChange } from './domain/audit/version';
import {
  accessLog,
  forgetPerson,
  type Forgotten,
  LastCoordinatorError,
  roundHistory,
} from './record';
import { operatorActor } from './rounds';

/** What the record's commands need of the CLI. */
export interface RecordCliDeps {
  stores: Stores;
  out: (line: string) => void;
  err: (line: string) => void;
  tenants?: TenantSettings;
  operator?: string;
}

const option = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** A value of a change on one line: JSON, long text cut (`--json` has it whole). */
function shown(value: unknown): string {
  if (value === null || value === undefined) return '–';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

const changeLine = (field: string, c: FieldChange) =>
  `    ${field}: ${shown(c.from)} → ${shown(c.to)}`;

async function history(deps: RecordCliDeps, id: string, rest: string[], json: boolean) {
  if (!(await deps.stores.rounds.get(id))) {
    deps.err(`round not found: ${id}`);
    return 1;
  }
  const organisationId = option(rest, '--organisation');
  const h = await roundHistory(deps.stores, id, { organisationId });
  if (json) {
    deps.out(JSON.stringify(h));
    return 0;
  }
  deps.out(
    `${id}: ${h.versions.length} version${h.versions.length === 1 ? '' : 's'}, oldest first`,
  );
  for (const v of h.versions) {
    const what = [v.organisationId, v.goalId, v.measureId, v.seq === undefined ? '' : `#${v.seq}`]
      .filter(Boolean)
      .join(' ');
    const who = `${v.by.name || '–'}${v.by.aadObjectId ? ` (${v.by.tenantId}/${v.by.aadObjectId})` : ''}`;
    deps.out(`${v.at}  ${who}  ${v.kind} ${v.action}${what ? `  ${what}` : ''}`);
    for (const [field, c] of Object.entries(v.changes)) deps.out(changeLine(field, c));
  }
  return 0;
}

async function disclosures(deps: RecordCliDeps, id: string, json: boolean) {
  if (!(await deps.stores.rounds.get(id))) {
    deps.err(`round not found: ${id}`);
    return 1;
  }
  const log = await accessLog(deps.stores, id);
  if (json) {
    deps.out(JSON.stringify(log));
    return 0;
  }
  deps.out(
    `${id}: ${log.entries.length} disclosure${log.entries.length === 1 ? '' : 's'}, oldest first`,
  );
  for (const e of log.entries) {
    const detail =
      e.via === 'link'
        ? [`link ${e.linkId ?? '?'}`, e.client ?? 'address unknown', e.userAgent ?? '']
        : [`operator ${e.operator ?? '?'}`];
    deps.out([e.at, e.via.padEnd(4), e.format.padEnd(10), ...detail].filter(Boolean).join('  '));
  }
  return 0;
}

function printForgotten(deps: RecordCliDeps, f: Forgotten): void {
  const ids = [...f.aadObjectIds.map((a) => `aad:${a}`), ...f.emails.map((e) => `email:${e}`)];
  const changed =
    f.references +
    f.channelReferences +
    f.installs +
    f.setupRecords +
    f.deliveries.length +
    f.roles.length +
    f.versions +
    f.points +
    f.labels;
  if (!changed) {
    deps.out(`nothing stored about ${ids.join(', ') || 'that person'}: nothing changed`);
    return;
  }
  deps.out(`forgot ${ids.join(', ')}; the record calls them "${f.pseudonym}"`);
  deps.out(
    `  conversation references removed: ${f.references} (${f.emailLookups} with an e-mail look-up)`,
  );
  deps.out(`  channel references without them as last speaker: ${f.channelReferences}`);
  deps.out(`  records of the app installed for them through Graph removed: ${f.installs}`);
  deps.out(`  round set-up records removed (open round, waiting contact lists): ${f.setupRecords}`);
  const records = f.deliveries.reduce((n, d) => n + d.records, 0);
  deps.out(
    `  delivery records removed: ${records}${f.deliveries.length ? ` (${f.deliveries.map((d) => `${d.roundId}: ${d.records}`).join(', ')})` : ''}`,
  );
  const roles = f.roles.map((r) =>
    r.role === 'coordinator'
      ? `coordinator of ${r.roundId}`
      : `respondent of ${r.organisationId} in ${r.roundId}`,
  );
  deps.out(`  roles removed: ${roles.length}${roles.length ? ` (${roles.join('; ')})` : ''}`);
  deps.out(`  versions now by the pseudonym: ${f.versions}`);
  deps.out(`  workshop points now by the pseudonym: ${f.points}`);
  deps.out(
    `  other names now the pseudonym (last changed or submitted by, started, linked, launched): ${f.labels}`,
  );
}

async function forget(deps: RecordCliDeps, rest: string[], flags: Set<string>) {
  const email = option(rest, '--email');
  const aadObjectId = option(rest, '--aad-object-id');
  if (!email === !aadObjectId) {
    deps.err('person forget needs --email E or --aad-object-id ID (one of them)');
    return 2;
  }
  if (!flags.has('--yes')) {
    deps.err(
      'person forget erases the person everywhere and cannot be undone: add --yes to confirm',
    );
    return 1;
  }
  try {
    const f = await forgetPerson(
      {
        stores: deps.stores,
        by: operatorActor(deps.operator ?? 'unknown'),
        homeTenant: defaultHomeTenant(deps.tenants ?? { allowedTenants: [] }),
      },
      { email, aadObjectId, tenantId: option(rest, '--tenant') },
    );
    printForgotten(deps, f);
    return 0;
  } catch (e) {
    if (!(e instanceof LastCoordinatorError)) throw e;
    deps.err(`nothing changed: ${e.message}`);
    return 1;
  }
}

/**
 * The record's commands (`round history`, `round access-log`, `person forget`): the exit
 * code, or `undefined` when the command is none of them.
 */
export async function recordCommand(
  deps: RecordCliDeps,
  group: string | undefined,
  command: string | undefined,
  rest: string[],
  arg: string | undefined,
  flags: Set<string>,
): Promise<number | undefined> {
  if (group === 'person' && command === 'forget') return forget(deps, rest, flags);
  if (group !== 'round' || (command !== 'history' && command !== 'access-log')) return undefined;
  if (!arg) {
    deps.err(`round ${command} needs an ID`);
    return 2;
  }
  const json = flags.has('--json');
  return command === 'history' ? history(deps, arg, rest, json) : disclosures(deps, arg, json);
}
