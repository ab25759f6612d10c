import { DomainError } from '../domain/errors';
import type { AuthenticatedUser } from '../domain/identity';
import { langOf } from '../domain/localized-text';
import type { Round } from '../domain/round';
import { readSettings, settingsValues } from '../domain/setup/settings-form';
import { goalValues, organisationValues } from '../domain/setup/setup-forms';
import type { SetupIssue } from '../domain/setup/setup-issues';
import { type Card, settingsCard, setupGoalCard, setupOrganisationCard } from '../../cards';
import { type Handler, route } from '../lib/route';
import { answeredOf, roundCard, savedRoundCard } from './round-view';
import { editableRound, type SetupData, SetupData as Data, type SetupDeps } from './setup-deps';

/** The names the user's directory gave people picked before, where the bot knows them. */
async function pickedNames(deps: SetupDeps, ids: string[], tenantId: string) {
  return Promise.all(
    ids.map(async (id) => {
      const ref = await deps.stores.conversations.getUser(tenantId, id).catch(() => undefined);
      return { title: ref?.name || id, value: id };
    }),
  );
}

/** The goal form, as stored or as typed. */
export async function goalForm(
  deps: SetupDeps,
  user: AuthenticatedUser,
  round: Round,
  data: SetupData,
  typed?: { values: Record<string, string>; issues: SetupIssue[] },
): Promise<Card> {
  const goal = data.goalId ? round.goals.find((g) => g.id === data.goalId) : undefined;
  if (data.goalId && !goal) throw new DomainError('NotFound', { what: 'goal' });
  const answered = goal ? await answeredOf(deps, round) : undefined;
  return setupGoalCard({
    lang: langOf(user.locale),
    round,
    goal,
    values: typed?.values ?? goalValues(goal),
    issues: typed?.issues ?? [],
    answeredBy: goal ? (answered?.goals.get(goal.id)?.size ?? 0) : 0,
  });
}

/** The organisation form, as stored or as typed. */
export async function organisationForm(
  deps: SetupDeps,
  user: AuthenticatedUser,
  round: Round,
  data: SetupData,
  typed?: { values: Record<string, string>; issues: SetupIssue[] },
): Promise<Card> {
  const organisation = data.organisationId
    ? round.organisations.find((o) => o.id === data.organisationId)
    : undefined;
  if (data.organisationId && !organisation)
    throw new DomainError('NotFound', { what: 'organisation' });
  const values = typed?.values ?? organisationValues(organisation);
  const ids = (values.respondentIds ?? '').split(',').filter((s) => /^[0-9a-f-]{36}$/i.test(s));
  const tenant = organisation?.tenantId ?? round.tenantId ?? user.tenantId;
  const [answered, picked] = await Promise.all([
    organisation ? answeredOf(deps, round) : undefined,
    pickedNames(deps, ids, tenant),
  ]);
  return setupOrganisationCard({
    lang: langOf(user.locale),
    round,
    organisation,
    values,
    issues: typed?.issues ?? [],
    answered: !!organisation && !!answered?.organisations.has(organisation.id),
    picked,
    page: data.page,
  });
}

/** `round.edit`: the round card, or one of its forms (`view`). */
export function editRoute(deps: SetupDeps): Handler {
  return route(Data, async ({ user, data }) => {
    const { round } = await editableRound(deps, user, data.roundId);
    const lang = langOf(user.locale);
    switch (data.view) {
      case 'settings':
        return settingsCard({
          lang,
          timeZone: deps.timeZone,
          round,
          values: settingsValues(round, deps.timeZone),
          issues: [],
        });
      case 'goal':
        return goalForm(deps, user, round, data);
      case 'organisation':
        return organisationForm(deps, user, round, data);
      default:
        return roundCard(deps, user, round, { page: data.page, goalPage: data.goalPage });
    }
  });
}

/** `round.settings.save`: titles, region, deadline, meeting and plan period; bad values come back. */
export function settingsSaveRoute(deps: SetupDeps): Handler {
  return route(Data, async ({ user, data, raw }) => {
    const { round, stored } = await editableRound(deps, user, data.roundId);
    const form = readSettings(raw, {
      timeZone: deps.timeZone,
      now: deps.clock.now(),
      current: stored.value,
    });
    if (!form.ok)
      return settingsCard({
        lang: langOf(user.locale),
        timeZone: deps.timeZone,
        round,
        values: form.values,
        issues: form.issues,
      });
    const { planPeriod, ...settings } = form.value;
    const after: Round = { ...stored.value, ...settings };
    if (planPeriod) after.planPeriod = planPeriod;
    else delete after.planPeriod;
    return savedRoundCard(deps, user, round, stored, after, { key: 'settingsSaved' });
  });
}
