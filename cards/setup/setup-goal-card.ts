import type { Lang } from '../../bot/domain/localized-text';
import { localize } from '../../bot/domain/localized-text';
import type { Goal, Round } from '../../bot/domain/round';
import { SETUP_LIMITS } from '../../bot/domain/setup/setup-issues';
import type { SetupIssue } from '../../bot/domain/setup/setup-issues';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { Verbs } from '../verbs';
import { FormItems } from './setup-form-items';
import { frameCard, line } from './setup-parts';

export interface SetupGoalView {
  lang: Lang;
  round: Round;
  /** Absent for a new goal. */
  goal?: Goal;
  values: Record<string, string>;
  issues: SetupIssue[];
  /** Organisations with measures under the goal: such a goal is not deleted. */
  answeredBy: number;
}

/** A goal's titles in three languages and its description; delete unless it has measures. */
export function setupGoalCard(view: SetupGoalView): Card {
  const { lang, round, goal } = view;
  const form = new FormItems(lang, view.values, view.issues)
    .text('goalTitle', t(lang, 'setup.field.goalTitle'), {
      required: true,
      max: SETUP_LIMITS.title,
      multiline: true,
    })
    .text('goalTitleSv', t(lang, 'setup.field.goalTitleSv'), { max: SETUP_LIMITS.title })
    .text('goalTitleEn', t(lang, 'setup.field.goalTitleEn'), { max: SETUP_LIMITS.title })
    .text('goalDescription', t(lang, 'setup.field.goalDescription'), {
      max: SETUP_LIMITS.description,
      multiline: true,
    });
  if (goal && view.answeredBy)
    form.push(
      line(t(lang, 'setup.goal.inUse', { count: view.answeredBy }), {
        isSubtle: true,
        size: 'small',
      }),
    );
  const data = { roundId: round.id, goalId: goal?.id };
  return frameCard({
    lang,
    title: t(lang, goal ? 'setup.goal.editTitle' : 'setup.goal.newTitle'),
    subtitle: localize(round.title, lang),
    formError: view.issues.length ? t(lang, 'setup.formError') : '',
    items: form.items,
    actions: [
      execute(t(lang, 'setup.settings.save'), Verbs.roundGoalSave, data, { style: 'positive' }),
      ...(goal && !view.answeredBy
        ? [
            execute(t(lang, 'setup.goal.delete'), Verbs.roundGoalDelete, data, {
              style: 'destructive',
              associatedInputs: 'none',
            }),
          ]
        : []),
      execute(
        t(lang, 'setup.settings.back'),
        Verbs.roundEdit,
        { roundId: round.id },
        {
          associatedInputs: 'none',
        },
      ),
    ],
  });
}
