type IntlFormat = Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules;

/**
 * Building an Intl formatter costs far more than using one, and cards are rendered on every
 * action: the wall-clock arithmetic here and every date, number and plural in cards, report
 * and messages take their formatters from this one cache. Its keys are a few locale × option
 * combinations, so it stays small.
 */
const cache = new Map<string, IntlFormat>();

function cached<F extends IntlFormat>(kind: string, args: unknown[], make: () => F): F {
  const key = `${kind}|${JSON.stringify(args)}`;
  let f = cache.get(key) as F | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** Cached Intl formatters, in the shape ICU message formatting asks for. */
export const intlFormatters = {
  getNumberFormat: (locales?: string | string[], options?: Intl.NumberFormatOptions) =>
    cached('number', [locales, options], () => new Intl.NumberFormat(locales, options)),
  getDateTimeFormat: (locales?: string | string[], options?: Intl.DateTimeFormatOptions) =>
    cached('date', [locales, options], () => new Intl.DateTimeFormat(locales, options)),
  getPluralRules: (locales?: string | string[], options?: Intl.PluralRulesOptions) =>
    cached('plural', [locales, options], () => new Intl.PluralRules(locales, options)),
};
