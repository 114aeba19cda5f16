// pg_trgm builds trigrams from letters and digits of the database locale; under C.UTF-8 (PGlite and
// the usual PostgreSQL images) Chinese characters yield none, so Chinese names are compared here by
// character bigrams instead.

const punctuation = /[\s()（）［］【】[\]{}·•,，.。、:：;；'"‘’“”\-—_/\\&＆]+/g;
const suffixes = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '公司'];

/** A Chinese name without spaces, punctuation and a trailing company-form suffix. */
export function normalizeChineseName(name: string): string {
  let core = name.replace(punctuation, '').toLowerCase();
  for (const suffix of suffixes) {
    if (core.endsWith(suffix) && core.length > suffix.length + 1) {
      core = core.slice(0, -suffix.length);
      break;
    }
  }
  return core;
}

/** The distinct two-character pieces of a normalized name (the name itself when shorter). */
export function nameBigrams(name: string): string[] {
  const chars = [...normalizeChineseName(name)];
  if (chars.length < 2) return chars.length ? [chars.join('')] : [];
  const grams = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return [...grams];
}

/** Dice similarity (0–1) of two names' bigrams. */
export function compareChineseNames(a: string, b: string): number {
  const left = nameBigrams(a);
  const right = new Set(nameBigrams(b));
  if (left.length === 0 || right.size === 0) return 0;
  const shared = left.filter((g) => right.has(g)).length;
  return (2 * shared) / (left.length + right.size);
}
