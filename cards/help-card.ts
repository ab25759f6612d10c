import type { Lang } from '../bot/domain/localized-text';
import { type Card, execute } from './card';
import { t, type MessageKey } from './i18n';
import { expand } from './render';
import template from './templates/help.json';
import { Verbs } from './verbs';

export interface HelpView {
  lang: Lang;
  isCoordinator: boolean;
  /** Coordinators and organisers set rounds up in chat. */
  canSetUp?: boolean;
}

/** Round set-up's commands as typed in each language, and their descriptions. */
const SETUP: Record<Lang, Record<'newRound' | 'editRound' | 'contacts', string>> = {
  fi: { newRound: 'uusi kierros', editRound: 'muokkaa kierrosta', contacts: 'yhteystiedot' },
  sv: { newRound: 'new round', editRound: 'edit round', contacts: 'contacts' },
  en: { newRound: 'new round', editRound: 'edit round', contacts: 'contacts' },
};

const ENGLISH = {
  start: 'start',
  help: 'help',
  rounds: 'rounds',
  status: 'status',
  launch: 'launch',
  remind: 'remind',
  summary: 'summary',
  linkChannel: 'link channel',
  workshop: 'workshop',
};

/** Chat commands as typed in each language (English works in every language). */
const COMMANDS: Record<Lang, Record<string, string>> = {
  fi: {
    start: 'aloita',
    help: 'ohje',
    rounds: 'kierrokset',
    status: 'tilanne',
    launch: 'käynnistä',
    remind: 'muistuta',
    summary: 'koonti',
    linkChannel: 'liitä kanava',
    workshop: 'työpaja',
  },
  // Swedish users are shown the English commands, which work in every language.
  sv: ENGLISH,
  en: ENGLISH,
};

const RESPONDENT = ['start', 'help'] as const;
const COORDINATOR = [
  'rounds',
  'status',
  'launch',
  'remind',
  'summary',
  'linkChannel',
  'workshop',
] as const;

/** What the user can do: respondent commands for all, coordinator commands for coordinators. */
export function helpCard({ lang, isCoordinator, canSetUp }: HelpView): Card {
  const line = (cmd: string) =>
    t(lang, 'help.commandLine', {
      command: COMMANDS[lang][cmd] ?? cmd,
      description: t(lang, `help.cmd.${cmd}` as MessageKey),
    });
  const sections = [{ heading: t(lang, 'help.respondentHeading'), lines: RESPONDENT.map(line) }];
  if (isCoordinator) {
    sections.push({ heading: t(lang, 'help.coordinatorHeading'), lines: COORDINATOR.map(line) });
  }
  if (canSetUp ?? isCoordinator) {
    const words = SETUP[lang];
    sections.push({
      heading: t(lang, 'setup.help.heading'),
      lines: (['newRound', 'editRound', 'contacts'] as const).map((cmd) =>
        t(lang, 'help.commandLine', {
          command: words[cmd],
          description: t(lang, `setup.help.${cmd}`),
        }),
      ),
    });
  }
  return expand(template, {
    appName: t(lang, 'app.tagline'),
    title: t(lang, 'help.title'),
    intro: t(lang, 'help.intro'),
    sections,
    actions: [execute(t(lang, 'help.open'), Verbs.questionnaireOpen)],
  });
}
