/** Chat commands (see the README) and the words that call them, in English, Finnish, Swedish. */
export const COMMAND_WORDS = {
  help: ['help', 'ohje', 'apua', 'hjälp', '?'],
  start: ['start', 'aloita', 'starta', 'kysely', 'questionnaire'],
  rounds: ['rounds', 'kierrokset', 'omgångar'],
  status: ['status', 'tilanne', 'läge'],
  launch: ['launch', 'käynnistä', 'starta omgången'],
  remind: ['remind', 'muistuta', 'påminn'],
  summary: ['summary', 'koonti', 'sammanställning'],
  linkChannel: ['link channel', 'liitä kanava', 'länka kanal'],
  workshop: ['workshop', 'työpaja', 'työpajat'],
  newRound: ['new round', 'uusi kierros', 'ny omgång'],
  editRound: ['edit round', 'muokkaa kierrosta', 'redigera omgången', 'redigera omgång'],
  contacts: [
    'contacts',
    'contact list',
    'yhteystiedot',
    'yhteystietolista',
    'kontakter',
    'kontaktlista',
  ],
} as const;
export type Command = keyof typeof COMMAND_WORDS;

/** Removes `<at>…</at>` mentions, markup and punctuation Teams adds around typed text. */
function cleanText(text: string): string {
  return text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The command a message asks for; `undefined` when it is none of them. */
export function parseCommand(text: string | undefined): Command | undefined {
  const words = cleanText(text ?? '');
  for (const [command, aliases] of Object.entries(COMMAND_WORDS)) {
    if ((aliases as readonly string[]).includes(words)) return command as Command;
  }
  return undefined;
}
