import type { SnippetPart } from './articles.schema.ts';

/*
 * Full-text search for Chinese and English on PostgreSQL's `simple` configuration: text is split
 * into words here with Intl.Segmenter (ICU's dictionary segments Chinese into words), lowercased,
 * and stored space-separated, so the database only splits on spaces. Queries are split the same way.
 */

const segmenters = {
  zh: new Intl.Segmenter('zh', { granularity: 'word' }),
  en: new Intl.Segmenter('en', { granularity: 'word' }),
};

/** Longest word kept (longer runs are noise: hashes, URLs without spaces). */
const maxWordLength = 60;

function segmenterOf(locale: string): Intl.Segmenter {
  return locale.startsWith('zh') ? segmenters.zh : segmenters.en;
}

/**
 * The words of a text, lowercased, in order. Word-like segments are further split on anything
 * that is not a letter, mark or digit (`don't` → `don`, `t`), so each word is a single token for
 * PostgreSQL's parser too.
 */
export function segmentWords(text: string, locale: string): string[] {
  const words: string[] = [];
  for (const s of segmenterOf(locale).segment(text.normalize('NFKC').toLowerCase())) {
    if (!s.isWordLike) continue;
    for (const piece of s.segment.split(/[^\p{L}\p{M}\p{N}]+/u)) {
      if (piece && piece.length <= maxWordLength) words.push(piece);
    }
  }
  return words;
}

/** Text segmented into words for the search columns: lowercased words joined by spaces. */
export function segmentText(text: string, locale: string): string {
  return segmentWords(text, locale).join(' ');
}

/** At most this many words of a query are used (a pasted paragraph still answers quickly). */
const maxQueryWords = 16;

function quoteLexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The query words as each segmentation sees them: as Chinese and as English (a query may mix
 * both), each list without duplicates and cut to a sensible length. Empty when nothing searchable.
 */
export function queryWordSets(q: string): string[][] {
  const sets: string[][] = [];
  for (const locale of ['zh', 'en']) {
    const words = [...new Set(segmentWords(q.slice(0, 500), locale))].slice(0, maxQueryWords);
    if (words.length && !sets.some((s) => s.join(' ') === words.join(' '))) sets.push(words);
  }
  return sets;
}

/**
 * A `to_tsquery('simple', …)` text for a user's query, or null when it has no searchable words:
 * every word quoted and escaped, words ANDed, the last word matched as a prefix when it is a
 * Latin-script word (people type the start of an English word). The Chinese and English readings
 * of the query, when they differ, are ORed. Pass it as a bound parameter, never spliced into SQL.
 */
export function searchQuery(q: string): string | null {
  const sets = queryWordSets(q);
  if (sets.length === 0) return null;
  const parts = sets.map((words) =>
    words
      .map((w, i) => {
        const lexeme = quoteLexeme(w);
        return i === words.length - 1 && isPrefixWord(w) ? `${lexeme}:*` : lexeme;
      })
      .join(' & '),
  );
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' | ');
}

/** A Latin-script word (letters and digits, at least one letter): matched as a prefix when typed last. */
function isPrefixWord(word: string): boolean {
  return /^[a-z0-9]+$/.test(word) && /[a-z]/.test(word);
}

const isHan = (w: string) => /^\p{Script=Han}+$/u.test(w);

/**
 * What a snippet highlights: the query's Latin words, and its Chinese words together with every
 * run of consecutive Chinese query words (`校企合作` from 校 / 企 / 合作). A lone Chinese
 * character is highlighted only within such a run, else 校 would light up in every 学校 and 校长;
 * unless the query has nothing longer.
 */
function highlightTerms(sets: string[][]): string[] {
  const terms = new Set<string>();
  const single = new Set<string>();
  for (const set of sets) {
    set.forEach((word, i) => {
      if (!isHan(word)) terms.add(word);
      else if (word.length > 1) terms.add(word);
      else single.add(word);
      let run = word;
      for (let j = i + 1; j < set.length && isHan(run) && isHan(set[j]!); j++) {
        run += set[j];
        terms.add(run);
      }
    });
  }
  return terms.size ? [...terms] : [...single];
}

/** How a text matches query words: lowercase runs equal to a word, or starting with the prefix word. */
function matchRanges(text: string, words: readonly string[], prefix: string | null): [number, number][] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  const isLatin = (w: string) => /^[a-z0-9]+$/.test(w);
  for (const word of new Set([...words, ...(prefix ? [prefix] : [])])) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(word, from);
      if (at < 0) break;
      from = at + word.length;
      if (isLatin(word)) {
        // Latin words match whole words only (or as a prefix for the last query word).
        if (/[a-z0-9]/.test(lower[at - 1] ?? '')) continue;
        let end = at + word.length;
        if (word === prefix) while (end < lower.length && /[a-z0-9]/.test(lower[end]!)) end++;
        else if (/[a-z0-9]/.test(lower[end] ?? '')) continue;
        ranges.push([at, end]);
      } else {
        ranges.push([at, at + word.length]);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    // Matches separated only by spaces read as one highlighted phrase.
    if (last && (r[0] <= last[1] || /^\s+$/.test(text.slice(last[1], r[0]))))
      last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * A highlighted extract of plain text around the first matches of the query, as parts to be
 * escaped and rendered (`hit` parts emphasised). Starts at the text's beginning when nothing matches.
 */
export function buildSnippet(text: string, q: string, maxChars = 160): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sets = queryWordSets(q);
  const words = highlightTerms(sets);
  const lastSet = sets[sets.length - 1] ?? [];
  const last = lastSet[lastSet.length - 1];
  const prefix = last && /^[a-z0-9]+$/.test(last) ? last : null;
  const ranges = words.length ? matchRanges(flat, words, prefix) : [];
  const first = ranges[0];
  let start = 0;
  if (first && first[0] > maxChars / 3) {
    start = first[0] - Math.floor(maxChars / 4);
    // Begin at a word boundary for Latin text.
    const space = flat.lastIndexOf(' ', start);
    if (space >= 0 && start - space < 20) start = space + 1;
  }
  let end = Math.min(flat.length, start + maxChars);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start + maxChars / 2) end = space;
  }
  const parts: SnippetPart[] = [];
  const push = (t: string, hit: boolean) => {
    if (!t) return;
    const prev = parts[parts.length - 1];
    if (prev && prev.hit === hit) prev.text += t;
    else parts.push({ text: t, hit });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue;
    const from = Math.max(a, start);
    const to = Math.min(b, end);
    push(flat.slice(at, from), false);
    push(flat.slice(from, to), true);
    at = to;
  }
  push(flat.slice(at, end), false);
  if (end < flat.length) push('…', false);
  return parts;
}
