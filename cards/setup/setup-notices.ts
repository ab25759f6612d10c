import type { Lang } from '../../bot/domain/localized-text';
import type { FileRefusal } from '../../bot/domain/setup/setup-errors';
import type { LaunchGap } from '../../bot/domain/setup/launch-gaps';
import { type Card, execute } from '../card';
import { t } from '../i18n';
import { Verbs } from '../verbs';
import { frameCard, line } from './setup-parts';
import { launchGapLines } from './setup-round-parts';

/** Why an attached file went no further; nothing was changed. */
export function fileRefusedCard(lang: Lang, reason: FileRefusal): Card {
  return frameCard({
    lang,
    title: t(lang, 'setup.file.title'),
    style: 'warning',
    items: [
      line(`⚠ ${t(lang, `setup.file.${reason}`)}`),
      line(t(lang, 'setup.file.nothingChanged'), { isSubtle: true }),
    ],
  });
}

/** Someone who is no organiser, nor a coordinator of a round to follow up, asked for a new round. */
export function notOrganiserCard(lang: Lang): Card {
  return frameCard({
    lang,
    title: t(lang, 'setup.refusal.notOrganiserTitle'),
    style: 'warning',
    items: [line(t(lang, 'setup.refusal.notOrganiserText'))],
  });
}

/** A launch refused: what the round still lacks, and a button to the round card. */
export function launchGapsCard(lang: Lang, roundId: string, gaps: readonly LaunchGap[]): Card {
  return frameCard({
    lang,
    title: t(lang, 'setup.launchGaps.title'),
    style: 'warning',
    items: [line(t(lang, 'setup.launchGaps.text')), ...launchGapLines(lang, gaps)],
    actions: [
      execute(
        t(lang, 'setup.launchGaps.open'),
        Verbs.roundEdit,
        { roundId },
        { associatedInputs: 'none' },
      ),
    ],
  });
}
