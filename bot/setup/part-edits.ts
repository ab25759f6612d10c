import { readGoal, readOrganisation } from '../domain/setup/setup-forms';
import { type Handler, route } from '../lib/route';
import { goalForm, organisationForm } from './round-edits';
import { answeredOf, roundCard, savedRoundCard } from './round-view';
import { editableRound, SetupData, type SetupDeps } from './setup-deps';

/** `round.goal.save`: a new goal (no `goalId`) or changes to one; bad values come back. */
export function goalSaveRoute(deps: SetupDeps): Handler {
  return route(SetupData, async ({ user, data, raw }) => {
    const { round, stored } = await editableRound(deps, user, data.roundId);
    const current = data.goalId ? stored.value.goals.find((g) => g.id === data.goalId) : undefined;
    const form = readGoal(raw, { goals: stored.value.goals, current });
    if (!form.ok) return goalForm(deps, user, round, data, form);
    const goals = current
      ? stored.value.goals.map((g) => (g.id === current.id ? form.value : g))
      : [...stored.value.goals, form.value];
    return savedRoundCard(
      deps,
      user,
      round,
      stored,
      { ...stored.value, goals },
      { key: 'goalSaved' },
      data,
    );
  });
}

/** `round.goal.delete`: only a goal no organisation has listed measures under. */
export function goalDeleteRoute(deps: SetupDeps): Handler {
  return route(SetupData, async ({ user, data }) => {
    const { round, stored } = await editableRound(deps, user, data.roundId);
    const answered = await answeredOf(deps, round);
    const by = data.goalId ? (answered.goals.get(data.goalId)?.size ?? 0) : 0;
    if (by || !stored.value.goals.some((g) => g.id === data.goalId))
      return roundCard(deps, user, round, {
        ...data,
        answered,
        ...(by ? { flash: { key: 'goalInUse', params: { count: by } } } : {}),
      });
    const goals = stored.value.goals.filter((g) => g.id !== data.goalId);
    return savedRoundCard(
      deps,
      user,
      round,
      stored,
      { ...stored.value, goals },
      { key: 'goalDeleted' },
      data,
    );
  });
}

/** `round.organisation.save`: a new organisation or changes to one; bad values come back. */
export function organisationSaveRoute(deps: SetupDeps): Handler {
  return route(SetupData, async ({ user, data, raw }) => {
    const { round, stored } = await editableRound(deps, user, data.roundId);
    const list = stored.value.organisations;
    const current = data.organisationId
      ? list.find((o) => o.id === data.organisationId)
      : undefined;
    const form = readOrganisation(raw, { organisations: list, current });
    if (!form.ok) return organisationForm(deps, user, round, data, form);
    const organisations = current
      ? list.map((o) => (o.id === current.id ? form.value : o))
      : [...list, form.value];
    return savedRoundCard(
      deps,
      user,
      round,
      stored,
      { ...stored.value, organisations },
      { key: 'organisationSaved' },
      data,
    );
  });
}

/** `round.organisation.delete`: only an organisation that has not answered. */
export function organisationDeleteRoute(deps: SetupDeps): Handler {
  return route(SetupData, async ({ user, data }) => {
    const { round, stored } = await editableRound(deps, user, data.roundId);
    const answered = await answeredOf(deps, round);
    const id = data.organisationId;
    const inUse = !!id && answered.organisations.has(id);
    if (inUse || !stored.value.organisations.some((o) => o.id === id))
      return roundCard(deps, user, round, {
        ...data,
        answered,
        ...(inUse ? { flash: { key: 'organisationInUse' } } : {}),
      });
    const organisations = stored.value.organisations.filter((o) => o.id !== id);
    return savedRoundCard(
      deps,
      user,
      round,
      stored,
      { ...stored.value, organisations },
      { key: 'organisationDeleted' },
      data,
    );
  });
}
