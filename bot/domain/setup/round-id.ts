/** Letters Finnish and Swedish titles use, as they read in an id. */
const LETTERS: Record<string, string> = { ä: 'a', å: 'a', ö: 'o', ü: 'u', é: 'e', æ: 'ae', ø: 'o' };

/**
 * An id of a-z, 0-9 and - made from `text` (`HYTE-neuvottelut 2026` → `hyte-neuvottelut-2026`),
 * at most `max` characters; `fallback` when nothing of it is left.
 */
export function slugOf(text: string, max = 50, fallback = 'kierros'): string {
  const slug = text
    .toLowerCase()
    .replace(/[äåöüéæø]/g, (c) => LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** `base`, or `base-2`, `base-3`… : the first one `taken` does not hold. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A round's id from its Finnish title: unique among the stored rounds' ids. */
export function roundIdFromTitle(title: string, taken: ReadonlySet<string>): string {
  return uniqueId(slugOf(title, 56, 'kierros'), taken);
}
