import { z } from 'zod';
import { DomainError, isDomainError } from '../domain/errors';
import type { AuthenticatedUser } from '../domain/identity';
import { langOf, localize, type LocalizedText } from '../domain/localized-text';
import { Id, type Round } from '../domain/round';
import { answeredIn } from '../domain/setup/answered';
import { followable, installationTenant, isOrganiser } from '../domain/setup/organisers';
import { roundIdFromTitle } from '../domain/setup/round-id';
import { type RoundSettings, readSettings, settingsValues } from '../domain/setup/settings-form';
import type { SetupIssue } from '../domain/setup/setup-issues';
import { type Card, FROM_SCRATCH, newRoundCard } from '../../cards';
import { type Handler, route } from '../lib/route';
import { saveRoundChange } from '../rounds';
import { roundCard } from './round-view';
import { actorOf, type SetupDeps } from './setup-deps';

/** A title's last year one on (`HYTE-neuvottelut 2025` → `… 2026`), for the next round's form. */
const nextYear = (text: string) =>
  text.replace(/(\d{4})(?!.*\d{4})/s, (y) => String(Number(y) + 1));

/** The next round's suggested settings: last year's, a year on. */
function suggested(previous: Round, timeZone: string): Record<string, string> {
  const yearOn = (iso: string) => {
    const d = new Date(iso);
    d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d.toISOString();
  };
  const values = settingsValues(
    {
      ...previous,
      title: Object.fromEntries(
        Object.entries(previous.title).map(([k, v]) => [k, nextYear(v)]),
      ) as LocalizedText,
      deadline: yearOn(previous.deadline),
      meetingAt: yearOn(previous.meetingAt),
    },
    timeZone,
  );
  return { ...values, previousRound: previous.id };
}

/** Who may create which rounds: the rounds to follow up, and whether from scratch too. */
async function choices(deps: SetupDeps, user: AuthenticatedUser) {
  const rounds = await deps.rounds.list();
  const scratch = isOrganiser(user, deps.organisers);
  const mine = followable(rounds, user, deps.organisers);
  if (!scratch && !mine.length) throw new DomainError('NotOrganiser');
  return { rounds, scratch, mine };
}

function form(
  deps: SetupDeps,
  user: AuthenticatedUser,
  c: Awaited<ReturnType<typeof choices>>,
  values: Record<string, string>,
  issues: SetupIssue[],
): Card {
  const lang = langOf(user.locale);
  return newRoundCard({
    lang,
    timeZone: deps.timeZone,
    rounds: c.mine.map((r) => ({ id: r.id, title: localize(r.title, lang) })),
    scratch: c.scratch,
    values,
    issues,
  });
}

/** `new round` / `uusi kierros`: the form, filled in from the latest round the user may follow. */
export function newRoundRoute(deps: SetupDeps): Handler {
  return route(z.object({}), async ({ user }) => {
    const c = await choices(deps, user);
    const latest = c.mine[0];
    return form(deps, user, c, latest ? suggested(latest, deps.timeZone) : {}, []);
  });
}

/** The round a new one starts as: from the one it follows, or empty (organisers only). */
function draftRound(
  deps: SetupDeps,
  user: AuthenticatedUser,
  id: string,
  settings: RoundSettings,
  previous: Round | undefined,
): Round {
  const creator = { aadObjectId: user.aadObjectId.toLowerCase() };
  const base = {
    id,
    title: settings.title,
    region: settings.region,
    deadline: settings.deadline,
    meetingAt: settings.meetingAt,
    setup: true,
  };
  if (!previous)
    return {
      ...base,
      tenantId: installationTenant(deps.organisers.tenants) ?? user.tenantId,
      coordinators: [creator],
      reminders: {
        before: ['P7D', 'P2D', 'PT4H'],
        window: { from: '08:00', to: '16:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      },
      ...(settings.planPeriod ? { planPeriod: settings.planPeriod } : {}),
      goals: [],
      organisations: [],
    };
  const known = previous.coordinators.some(
    (p) => 'aadObjectId' in p && p.aadObjectId === creator.aadObjectId,
  );
  const planPeriod = settings.planPeriod ?? previous.planPeriod;
  return {
    ...base,
    ...(previous.tenantId ? { tenantId: previous.tenantId } : {}),
    previousRound: previous.id,
    coordinators: known ? previous.coordinators : [...previous.coordinators, creator].slice(0, 50),
    reminders: previous.reminders,
    ...(planPeriod ? { planPeriod } : {}),
    goals: previous.goals,
    organisations: previous.organisations,
  };
}

const CreateData = z.object({
  previousRound: z.union([Id, z.literal(''), z.literal(FROM_SCRATCH)]).optional(),
});

/**
 * `round.create`: the new round, in set-up, from the round it follows (goals, organisations
 * with their tenants and respondents, coordinators and the creator, reminders, home tenant,
 * plan period; last year's measures carried as an import carries them) or, for organisers,
 * from scratch. Bad values come back on the form, nothing stored.
 */
export function createRoundRoute(deps: SetupDeps): Handler {
  return route(CreateData, async ({ user, data, raw }) => {
    const c = await choices(deps, user);
    const previousId =
      data.previousRound && data.previousRound !== FROM_SCRATCH ? data.previousRound : undefined;
    const previous = previousId ? c.mine.find((r) => r.id === previousId) : undefined;
    const settings = readSettings(raw, { timeZone: deps.timeZone, now: deps.clock.now() });
    const issues: SetupIssue[] = [];
    if ((previousId && !previous) || (!previousId && !c.scratch))
      issues.push({ field: 'previousRound', problem: 'previousRound' });
    const values = { ...settings.values, previousRound: previousId ?? FROM_SCRATCH };
    if (!settings.ok || issues.length)
      return form(deps, user, c, values, [...issues, ...(settings.ok ? [] : settings.issues)]);
    const taken = new Set(c.rounds.map((r) => r.id));
    // Ids of rounds this installation does not show are taken too: a clash is tried again.
    for (let attempt = 0; ; attempt++) {
      const id = roundIdFromTitle(settings.value.title.fi, taken);
      const round = draftRound(deps, user, id, settings.value, previous);
      try {
        const written = await saveRoundChange(
          { rounds: deps.rounds, responses: deps.stores.responses },
          undefined,
          round,
          actorOf(user),
          deps.clock,
        );
        const sheets = await deps.stores.responses.listSheets(
          id,
          written.value.organisations.map((o) => o.id),
        );
        let carried = 0;
        for (const s of sheets.values())
          carried += s.measures.filter((m) => m.value.carriedFrom).length;
        return roundCard(deps, user, written.value, {
          flash: { key: 'created', carried },
          answered: answeredIn(sheets),
        });
      } catch (e) {
        if (!isDomainError(e, 'AlreadyExists') || attempt >= 5) throw e;
        taken.add(id);
      }
    }
  });
}
