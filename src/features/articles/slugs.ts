import { randomBytes } from 'node:crypto';

/*
 * Article URL slugs: lowercase a–z, digits and single hyphens. English ones come from the title;
 * Chinese ones (and English titles without Latin letters) are dated, e.g. `2023-11-18-k3x9qa`.
 */

const maxSlugLength = 80;

/** An English title as a slug (`Fire Rescue Corps visits` → `fire-rescue-corps-visits`), or '' when it has no Latin letters or digits. */
export function slugFromTitle(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length <= maxSlugLength) return base;
  const cut = base.slice(0, maxSlugLength);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > 20 ? cut.slice(0, hyphen) : cut).replace(/-+$/, '');
}

const chinaDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in China (the colleges' time zone) as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return chinaDay.format(at);
}

/** A short random suffix of lowercase letters and digits. */
export function shortSlugId(length = 6): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** A dated slug such as `2023-11-18-k3x9qa`. */
export function datedSlug(at: Date): string {
  return `${chinaDate(at)}-${shortSlugId()}`;
}

/** The slug proposed for a new article: from an English title, otherwise dated. */
export function proposeSlug(locale: string, title: string, at: Date): string {
  if (locale === 'en') {
    const fromTitle = slugFromTitle(title);
    if (fromTitle) return fromTitle;
  }
  return datedSlug(at);
}
