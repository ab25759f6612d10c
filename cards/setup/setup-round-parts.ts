import type { Lang } from '../../bot/domain/localized-text';
import type { Organisation } from '../../bot/domain/round';
import type { LaunchGap } from '../../bot/domain/setup/launch-gaps';
import type { Card } from '../card';
import { t } from '../i18n';
import { userText } from '../text';
import { line } from './setup-parts';

/** Respondents named on an organisation's row; the rest are counted. */
const NAMED_RESPONDENTS = 3;
/** Organisations without respondents listed among the gaps; the rest are counted. */
const NAMED_GAPS = 5;

/** What launch still needs, as lines: organisations without respondents named up to a few. */
export function launchGapLines(lang: Lang, gaps: readonly LaunchGap[]): Card[] {
  const out: Card[] = [];
  const noRespondents = gaps.filter((g) => g.kind === 'noRespondents');
  for (const g of gaps) {
    if (g.kind !== 'noRespondents')
      out.push(line(`⚠ ${t(lang, `setup.gap.${g.kind}`)}`, { color: 'attention' }));
  }
  for (const g of noRespondents.slice(0, NAMED_GAPS))
    out.push(
      userText(`⚠ ${t(lang, 'setup.gap.noRespondents', { name: g.name })}`, { color: 'attention' }),
    );
  if (noRespondents.length > NAMED_GAPS)
    out.push(
      line(t(lang, 'setup.gap.moreNoRespondents', { count: noRespondents.length - NAMED_GAPS }), {
        color: 'attention',
      }),
    );
  return out;
}

/** An organisation's respondents: how many, the first e-mails, how many picked from the directory. */
export function respondentsLine(lang: Lang, o: Organisation): string {
  const emails = o.respondents.flatMap((p) => ('email' in p ? [p.email] : []));
  const picked = o.respondents.length - emails.length;
  const parts = [t(lang, 'setup.round.respondents', { count: o.respondents.length })];
  if (emails.length) {
    const shown = emails.slice(0, NAMED_RESPONDENTS).join(', ');
    const rest = emails.length - NAMED_RESPONDENTS;
    parts.push(rest > 0 ? `${shown} ${t(lang, 'setup.round.more', { count: rest })}` : shown);
  }
  if (picked) parts.push(t(lang, 'setup.round.picked', { count: picked }));
  return parts.join(' · ');
}
