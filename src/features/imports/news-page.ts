import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { escapeHtml } from '../articles/rich-text.ts';

/** The CMS a saved page came from, as far as its address and markup tell. */
export type PageShape = 'webplus' | 'vsb' | 'wordpress' | 'readability' | 'text';
/** Where the publication date was found: the page's own date field, the text, or the address. */
export type DateSource = 'page' | 'text' | 'url';

/** One saved page read into what an article needs, before sanitising and storing. */
export interface ParsedPage {
  /** `article`, or `list` for an index page (many links, no body): skipped by the importer. */
  kind: 'article' | 'list';
  shape: PageShape;
  charset: string;
  title: string;
  /** The publication date (YYYY-MM-DD), and where it came from. */
  date: string | null;
  dateSource: DateSource | null;
  /** The body as found (not yet sanitised): the importer passes it through the article sanitiser. */
  bodyHtml: string;
  bodyText: string;
  /** Images of the body in order, their `src` as written in the page. */
  images: { src: string; alt: string }[];
  language: 'zh-CN' | 'en';
  /** The page's own address when it says it (canonical link, og:url, "saved from" comment). */
  sourceUrl: string | null;
}

const bomUtf8 = [0xef, 0xbb, 0xbf];

/** The encoding a page declares in its first bytes (`<meta charset>` or the content-type meta), if any. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m =
    head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i) ??
    head.match(/<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i);
  return m ? m[1]!.toLowerCase() : null;
}

/** Maps the names pages use to a decoder TextDecoder knows; the GB family reads as GB18030, its superset. */
function decoderName(charset: string): string {
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(charset)) return 'gb18030';
  if (/^(big5|big5-hkscs)$/.test(charset)) return 'big5';
  return charset;
}

/**
 * Decodes a saved page: a byte-order mark first, then the charset the page declares, then strict
 * UTF-8, and GB18030 (which also reads GBK and GB2312) when the bytes are not UTF-8.
 */
export function decodePage(bytes: Uint8Array): { text: string; charset: string } {
  if (bomUtf8.every((b, i) => bytes[i] === b)) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), charset: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), charset: 'utf-16be' };
  const declared = declaredCharset(bytes);
  if (declared) {
    try {
      const name = decoderName(declared);
      return { text: new TextDecoder(name, { fatal: name === 'utf-8' }).decode(bytes), charset: declared };
    } catch {
      // A wrong declaration (GBK bytes in a page that says UTF-8): guess below.
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), charset: 'gb18030' };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The first full date (year, month and day) written in a text: 2024-11-20, 2024年11月20日, November 20, 2024, 20 Nov 2024. */
export function findDate(text: string): string | null {
  const numeric = text.match(/(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/);
  const monthName = `(${months.map((m) => `${m.slice(0, 3)}(?:${m.slice(3)})?`).join('|')})\\.?`;
  const mdy = text.match(new RegExp(`${monthName}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'i'));
  const dmy = text.match(new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?\\s+${monthName},?\\s+(\\d{4})`, 'i'));
  const candidates: { at: number; date: string | null }[] = [];
  if (numeric)
    candidates.push({ at: numeric.index!, date: validDate(+numeric[1]!, +numeric[2]!, +numeric[3]!) });
  const monthOf = (name: string) => months.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;
  if (mdy) candidates.push({ at: mdy.index!, date: validDate(+mdy[3]!, monthOf(mdy[1]!), +mdy[2]!) });
  if (dmy) candidates.push({ at: dmy.index!, date: validDate(+dmy[3]!, monthOf(dmy[2]!), +dmy[1]!) });
  const found = candidates.filter((c) => c.date).sort((a, b) => a.at - b.at)[0];
  return found?.date ?? null;
}

/** A date in a page's address: WebPlus `/2024/1118/…`, WordPress `/2024/11/18/…`, or `/20241118/…`. */
export function dateFromPath(path: string): string | null {
  const webplus = path.match(/(?:^|\/)(\d{4})\/(\d{2})(\d{2})\//);
  if (webplus) return validDate(+webplus[1]!, +webplus[2]!, +webplus[3]!);
  const wordpress = path.match(/(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})\//);
  if (wordpress) return validDate(+wordpress[1]!, +wordpress[2]!, +wordpress[3]!);
  const compact = path.match(/(?:^|\/|_)(\d{4})(\d{2})(\d{2})(?:\/|_|\.)/);
  if (compact) return validDate(+compact[1]!, +compact[2]!, +compact[3]!);
  return null;
}

/** Chinese when a good share of the letters are Han characters. */
export function detectLanguage(text: string): 'zh-CN' | 'en' {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return han > 0 && han * 3 >= latin ? 'zh-CN' : 'en';
}

const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

type Doc = ReturnType<typeof parseHTML>['document'];
type El = NonNullable<ReturnType<Doc['querySelector']>>;

function first(doc: Doc | El, selectors: string[]): El | null {
  for (const s of selectors) {
    const found = doc.querySelector(s);
    if (found) return found as El;
  }
  return null;
}

/** The page's own address: canonical link, og:url, or the comment a browser leaves when saving a page. */
function sourceUrlOf(doc: Doc, html: string): string | null {
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  const og = doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  const saved = html.match(/<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i)?.[1];
  for (const candidate of [canonical, og, saved]) {
    if (candidate && /^https?:\/\//i.test(candidate.trim())) return candidate.trim();
  }
  return null;
}

function shapeOf(doc: Doc, path: string): PageShape {
  if (
    /\/\d{4}\/\d{4}\/c\d+a\d+\/page\.(?:htm|html|psp)$/i.test(path) ||
    doc.querySelector('.wp_articlecontent')
  ) {
    return 'webplus';
  }
  if (/(?:^|\/)info\/\d+\/\d+\.htm$/i.test(path) || doc.querySelector('.v_news_content, #vsb_content')) {
    return 'vsb';
  }
  const generator = doc.querySelector('meta[name="generator"]')?.getAttribute('content') ?? '';
  if (/wordpress/i.test(generator) || doc.querySelector('.entry-content')) return 'wordpress';
  return 'readability';
}

/** Reads a CMS's article fields where it keeps them; null when the page does not have them. */
function readShape(doc: Doc, shape: PageShape) {
  const text = (el: El | null) => collapse(el?.textContent);
  if (shape === 'webplus') {
    const body = first(doc, ['.wp_articlecontent', '.read', '.article .entry', '#content .article']);
    const title = text(first(doc, ['.arti_title', '.article_title', 'h1.title', '.Article_Title', 'h1']));
    const meta = text(first(doc, ['.arti_update', '.arti_metas', '.article_metas', '.arti_info']));
    return { body, title, metaText: meta };
  }
  if (shape === 'vsb') {
    const body = first(doc, ['#vsb_content', '.v_news_content']);
    // VSB numbers its style classes per column (`titlestyle1021`, `timestyle1021`).
    const title = text(
      first(doc, [
        '[class^="titlestyle"]',
        'form[name="_newscontent_fromname"] h1',
        '.article-title',
        'h1',
        'h2',
      ]),
    );
    const meta = text(
      first(doc, [
        '[class^="timestyle"]',
        '.article-info',
        '.info',
        'form[name="_newscontent_fromname"] .date',
      ]),
    );
    return { body, title, metaText: meta };
  }
  if (shape === 'wordpress') {
    const body = first(doc, ['.entry-content', 'article .post-content', 'article']);
    const title = text(first(doc, ['h1.entry-title', '.entry-title', 'article h1', 'h1']));
    const time =
      doc.querySelector('meta[property="article:published_time"]')?.getAttribute('content') ??
      doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
      '';
    return { body, title, metaText: time || text(first(doc, ['.entry-date', '.posted-on', '.entry-meta'])) };
  }
  return null;
}

const pageDateSelectors = [
  'meta[name="PubDate"]',
  'meta[name="pubdate"]',
  'meta[property="article:published_time"]',
];

/**
 * Reads one saved page: the CMS shape by address and markup (Sudy WebPlus, Boda VSB, WordPress),
 * anything else through Readability; title, publication date (page field, then text, then
 * address), body, images, language and the page's own address.
 */
export function parseNewsPage(bytes: Uint8Array, path: string): ParsedPage {
  const { text: html, charset } = decodePage(bytes);
  const { document } = parseHTML(html);
  const doc = document as unknown as Doc;
  const sourceUrl = sourceUrlOf(doc, html);
  const addressPath = sourceUrl ? new URL(sourceUrl).pathname : `/${path.replace(/^\/+/, '')}`;
  let shape = shapeOf(doc, addressPath);
  let found = readShape(doc, shape);
  let bodyEl = found?.body ?? null;
  let title = found?.title ?? '';
  let metaText = found?.metaText ?? '';
  let bodyHtml = bodyEl?.innerHTML ?? '';
  if (!bodyEl || collapse(bodyEl.textContent).length < 20) {
    // Not where the CMS keeps it (or another CMS): let Readability find the article.
    const article = new Readability(parseHTML(html).document as never, { charThreshold: 80 }).parse();
    shape = 'readability';
    found = null;
    bodyHtml = article?.content ?? '';
    title = collapse(article?.title) || title;
    metaText = article?.publishedTime ?? metaText;
    bodyEl = null;
  }
  if (!title) {
    // The browser tab's text, without the site name after the last separator ("Title - College").
    const tab = collapse(doc.querySelector('title')?.textContent);
    const cut = tab.search(/\s[-_|–—]\s[^-_|–—]+$/u);
    title = cut >= 6 ? tab.slice(0, cut).trim() : tab;
  }

  const body = parseHTML(`<div id="root">${bodyHtml}</div>`).document.getElementById('root')!;
  for (const junk of body.querySelectorAll('script, style, iframe, noscript, form')) junk.remove();
  const bodyText = collapse(body.textContent);
  const images = [...body.querySelectorAll('img')]
    .map((img) => ({ src: (img.getAttribute('src') ?? '').trim(), alt: collapse(img.getAttribute('alt')) }))
    .filter((img) => img.src && !img.src.startsWith('data:'));

  const pageField = pageDateSelectors
    .map((s) => doc.querySelector(s)?.getAttribute('content'))
    .find((v) => v && findDate(v));
  let date: string | null = null;
  let dateSource: DateSource | null = null;
  const fromPage = findDate(metaText) ?? (pageField ? findDate(pageField) : null);
  const fromText = findDate(bodyText.slice(0, 400));
  const fromUrl = dateFromPath(addressPath);
  if (fromPage) [date, dateSource] = [fromPage, 'page'];
  else if (fromText) [date, dateSource] = [fromText, 'text'];
  else if (fromUrl) [date, dateSource] = [fromUrl, 'url'];

  // An index page: little text of its own, many links, and most of what text there is, is links.
  const pageLinks = doc.querySelectorAll('a').length;
  const bodyLinks = body.querySelectorAll('a');
  const linkText = [...bodyLinks].reduce((n, a) => n + collapse(a.textContent).length, 0);
  const kind =
    (bodyText.length < 80 && pageLinks > 15) || (bodyLinks.length >= 10 && linkText > bodyText.length * 0.5)
      ? 'list'
      : 'article';
  return {
    kind,
    shape,
    charset,
    title,
    date,
    dateSource,
    bodyHtml: body.innerHTML,
    bodyText,
    images,
    language: detectLanguage(`${title} ${bodyText.slice(0, 2000)}`),
    sourceUrl,
  };
}

/** A plain-text article: the first line is the title, the rest the body (paragraphs by blank lines). */
export function parseTextArticle(bytes: Uint8Array, path: string): ParsedPage {
  const { text, charset } = decodePage(bytes);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const titleIndex = lines.findIndex((l) => l.trim());
  const title = collapse(lines[titleIndex]);
  const paragraphs = lines
    .slice(titleIndex + 1)
    .join('\n')
    .split(/\n\s*\n/)
    .map(collapse)
    .filter(Boolean);
  const bodyText = paragraphs.join(' ');
  const fromText = findDate(bodyText.slice(0, 400));
  const fromUrl = dateFromPath(`/${path}`);
  return {
    kind: 'article',
    shape: 'text',
    charset,
    title,
    date: fromText ?? fromUrl,
    dateSource: fromText ? 'text' : fromUrl ? 'url' : null,
    bodyHtml: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
    bodyText,
    images: [],
    language: detectLanguage(`${title} ${bodyText.slice(0, 2000)}`),
    sourceUrl: null,
  };
}
