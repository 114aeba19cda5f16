/**
 * Rule-based, explainable extractor for college news articles (English and Chinese).
 *
 * It reads one article and proposes the engagement it reports: event date, event type, outside
 * organisations (with kind and role), titled people, delegation size, places toured, topics and
 * agreed outcomes. Everything is regular expressions over sentences plus small keyword lexicons;
 * there is no model and no network. Every value carries the span it came from.
 *
 * Offsets: all spans index into the document string built by {@link buildDocument}, which is
 * exactly `${title ?? ''}\n\n${text}` (the title, a blank line, then the body as given). With no
 * title the body therefore starts at offset 2.
 *
 * The college itself: "our college", "the college", 我校, 学院 and the college's schools and offices
 * are never listed as organisations. The college's own name is found by this rule: among the
 * vocational-college-type names in the text ("… Vocational College", "…职业技术学院", "…职业学院"),
 * ignoring foreign ones (preceded or followed by a country name, or glossed with a Latin name in
 * brackets), the most frequently named one is the college itself; ties go to the first named.
 */

export interface Span {
  start: number;
  end: number;
  text: string;
}

export type EventType =
  | 'visit_inbound'
  | 'visit_outbound'
  | 'meeting'
  | 'signing'
  | 'forum'
  | 'training'
  | 'competition'
  | 'ceremony'
  | 'other';
export type OrgKind = 'enterprise' | 'government' | 'school' | 'association' | 'research' | 'other';
export type OrgRole = 'host' | 'guest' | 'partner' | 'mentioned';

export interface ExtractedOrganization {
  name: string;
  kind: OrgKind;
  role: OrgRole;
  evidence: Span;
}
export interface ExtractedPerson {
  name: string;
  title: string | null;
  organization: string | null;
  evidence: Span;
}

export interface Extraction {
  language: 'en' | 'zh-CN';
  isCooperation: boolean;
  isCooperationEvidence: Span[];
  date: string | null;
  dateEvidence: Span | null;
  eventType: EventType;
  eventTypeEvidence: Span | null;
  organizations: ExtractedOrganization[];
  people: ExtractedPerson[];
  delegationSize: number | null;
  delegationEvidence: Span | null;
  placesVisited: { name: string; evidence: Span }[];
  topics: { name: string; evidence: Span }[];
  outcomes: { text: string; evidence: Span }[];
  /** 0..1, how sure the extractor is that this is a cooperation event with the fields right. */
  confidence: number;
}

export interface Gazetteer {
  organizations?: { name: string; kind: string; aliases?: string[] }[];
  places?: string[];
}

export interface ExtractionInput {
  text: string;
  title?: string;
  language?: 'en' | 'zh-CN';
  url?: string;
  /** Publication date, YYYY-MM-DD. */
  published?: string;
  gazetteer?: Gazetteer;
}

/** The exact string every span indexes into: the title, a blank line, then the body. */
export function buildDocument(title: string | undefined, text: string): string {
  return `${title ?? ''}\n\n${text}`;
}

// ---------------------------------------------------------------------------------------------
// Shared plumbing
// ---------------------------------------------------------------------------------------------

type Lang = 'en' | 'zh-CN';

interface Sentence {
  start: number;
  end: number;
  text: string;
}

interface OrgMention {
  name: string;
  start: number;
  end: number;
  kind: OrgKind;
  scope: 'external' | 'self' | 'internal';
}

interface Org {
  name: string;
  kind: OrgKind;
  first: OrgMention;
  aliases: string[];
}

interface Ctx {
  doc: string;
  lang: Lang;
  bodyStart: number;
  sentences: Sentence[];
  published: string | null;
  url: string | null;
  selfName: string | null;
  orgs: Org[];
  gazetteer: Gazetteer | undefined;
}

function mkSpan(doc: string, start: number, end: number): Span {
  return { start, end, text: doc.slice(start, end) };
}

/** Trims whitespace off both ends of [start, end) and returns the adjusted offsets. */
function trimRange(doc: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(doc[s]!)) s++;
  while (e > s && /\s/.test(doc[e - 1]!)) e--;
  return [s, e];
}

const CJK = /[\u4e00-\u9fff]/;
const CJK_G = /[\u4e00-\u9fff]/g;

function detectLanguage(text: string): Lang {
  const cjk = text.match(CJK_G)?.length ?? 0;
  return cjk > text.length * 0.15 ? 'zh-CN' : 'en';
}

/** Metadata lines (credits, counters, release stamps) that carry no event content. */
const META_LINE =
  /^\s*(?:\(?(?:Photo|Text|Editor|Reviewed by|Release time|Published|Clicks?|Source)\b|（?(?:供稿|编辑|审核|摄影|撰稿|发布时间|点击数|来源|文\/|图\/|文：|图：))/i;
/** A line that is only a date (the signature of a notice). */
const DATE_ONLY_LINE =
  /^\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}年\d{1,2}月\d{1,2}日)\s*$/;

const EN_ABBREV = new Set([
  'Dr',
  'Mr',
  'Mrs',
  'Ms',
  'Prof',
  'No',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
  'St',
  'Co',
  'vs',
  'Inc',
]);

/** Splits the body into sentences (per line; 。！？； in Chinese, . ! ? before a capital in English). */
function splitSentences(doc: string, from: number, lang: Lang): Sentence[] {
  const out: Sentence[] = [];
  const push = (s: number, e: number) => {
    const [a, b] = trimRange(doc, s, e);
    if (b > a) out.push(mkSpan(doc, a, b));
  };
  let lineStart = from;
  while (lineStart <= doc.length) {
    let lineEnd = doc.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = doc.length;
    const line = doc.slice(lineStart, lineEnd);
    if (!META_LINE.test(line) && !DATE_ONLY_LINE.test(line)) {
      let s = lineStart;
      const re = lang === 'zh-CN' ? /[。！？；]/g : /[.!?]["”’]?(?=\s+["“]?[A-Z])/g;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        if (lang === 'en') {
          const before = line.slice(0, m.index).match(/([A-Za-z]+)$/)?.[1] ?? '';
          if (EN_ABBREV.has(before)) continue;
        }
        const e = lineStart + m.index + m[0].length;
        push(s, e);
        s = e;
      }
      push(s, lineEnd);
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

function sentenceAt(ctx: Ctx, pos: number): Sentence | null {
  return ctx.sentences.find((s) => pos >= s.start && pos < s.end) ?? null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Case, space and punctuation-insensitive form used to compare names. */
export function normalizeName(s: string): string {
  return s.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** True when every character of `short` appears in `long` in order (Chinese abbreviations). */
function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_RE = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
/** English "November 18(, 2024)" and "18 November( 2024)". */
const EN_DATE_MD = new RegExp(String.raw`\b${MONTH_RE}\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?`, 'g');
const EN_DATE_DM = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH_RE}(?:,?\s+(\d{4}))?`, 'g');
/** Chinese "2024年11月18日" / "11月18日". */
const ZH_DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g;
/** "Recently", 近日 … : the article gives no exact date. */
const RECENT = /\b(?:Recently|recently|Lately)\b|近日|日前|近期|前不久/;

interface DateHit {
  start: number;
  end: number;
  year: number | null;
  month: number;
  day: number;
}

function findDates(ctx: Ctx, sentence: Sentence): DateHit[] {
  const hits: DateHit[] = [];
  const t = sentence.text;
  if (ctx.lang === 'zh-CN') {
    for (const m of t.matchAll(ZH_DATE)) {
      hits.push({
        start: sentence.start + m.index,
        end: sentence.start + m.index + m[0].length,
        year: m[1] ? Number(m[1]) : null,
        month: Number(m[2]),
        day: Number(m[3]),
      });
    }
  } else {
    for (const m of t.matchAll(EN_DATE_MD)) {
      hits.push({
        start: sentence.start + m.index,
        end: sentence.start + m.index + m[0].length,
        year: m[3] ? Number(m[3]) : null,
        month: MONTHS[m[1]!.slice(0, 3).toLowerCase()]!,
        day: Number(m[2]),
      });
    }
    for (const m of t.matchAll(EN_DATE_DM)) {
      hits.push({
        start: sentence.start + m.index,
        end: sentence.start + m.index + m[0].length,
        year: m[3] ? Number(m[3]) : null,
        month: MONTHS[m[2]!.slice(0, 3).toLowerCase()]!,
        day: Number(m[1]),
      });
    }
  }
  return hits.filter((h) => h.day >= 1 && h.day <= 31).sort((a, b) => a.start - b.start);
}

/** The publication date from `published` or from a dated URL (/2024/1120/…, /2024/11/…). */
function referenceDate(published: string | null, url: string | null): Date | null {
  if (published && /^\d{4}-\d{2}-\d{2}/.test(published))
    return new Date(`${published.slice(0, 10)}T00:00:00Z`);
  const m = url?.match(/\/(20\d{2})\/(\d{2})(\d{2})?\//);
  if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 28));
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Event date: the first day-level date in the body (first day of a range). A missing year comes
 * from the publication date; a date that would fall more than 31 days after publication belongs
 * to the previous year (an event on Dec 30 published in January). If the lead sentence says
 * "recently"/近日 and the first date sits elsewhere, the article gives no event date.
 */
function extractDate(ctx: Ctx): { date: string | null; evidence: Span | null } {
  const ref = referenceDate(ctx.published, ctx.url);
  const lead = ctx.sentences[0];
  for (const s of ctx.sentences) {
    const hits = findDates(ctx, s);
    const hit = hits[0];
    if (!hit) continue;
    if (lead && s !== lead && RECENT.test(lead.text)) return { date: null, evidence: null };
    let year = hit.year;
    if (year === null) {
      // "from October 1 to October 7, 2024": the year written on the end of the range.
      const next = hits[1];
      if (next?.year && next.start - hit.end < 12) year = next.year;
    }
    if (year === null && ref) {
      year = ref.getUTCFullYear();
      const candidate = Date.UTC(year, hit.month - 1, hit.day);
      if (candidate - ref.getTime() > 31 * 86_400_000) year -= 1;
    }
    if (year === null) return { date: null, evidence: mkSpan(ctx.doc, hit.start, hit.end) };
    return {
      date: `${year}-${pad(hit.month)}-${pad(hit.day)}`,
      evidence: mkSpan(ctx.doc, hit.start, hit.end),
    };
  }
  return { date: null, evidence: null };
}

// ---------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------

const COUNTRIES_EN =
  /^(?:China|Germany|Australia|Malaysia|New Zealand|Singapore|Japan|Korea|Thailand|France|Britain|the UK|the United Kingdom|the United States|the USA|Canada|Italy|Russia|Netherlands|Switzerland|Finland|Austria|Indonesia|Vietnam|Cambodia|Laos|Pakistan|Kazakhstan)$/;
const COUNTRIES_ZH =
  /^(?:中国|德国|美国|英国|法国|日本|韩国|马来西亚|新加坡|澳大利亚|新西兰|泰国|俄罗斯|意大利|加拿大|荷兰|瑞士|芬兰|奥地利|印度尼西亚|越南|柬埔寨|老挝|巴基斯坦|哈萨克斯坦)/;
const PROVINCES_EN = new Set([
  'Shanghai',
  'Beijing',
  'Tianjin',
  'Chongqing',
  'Zhejiang',
  'Jiangsu',
  'Anhui',
  'Guangdong',
  'Shandong',
  'Fujian',
  'Hubei',
  'Hunan',
  'Henan',
  'Hebei',
  'Sichuan',
  'Jiangxi',
]);

/** English organisation suffix words and the kind they imply. */
const EN_SUFFIX_KIND: Record<string, OrgKind> = {
  'Co., Ltd.': 'enterprise',
  'Co.': 'enterprise',
  'Ltd.': 'enterprise',
  'Inc.': 'enterprise',
  Company: 'enterprise',
  Corporation: 'enterprise',
  Group: 'enterprise',
  Bureau: 'government',
  Commission: 'government',
  Committee: 'government',
  Detachment: 'government',
  Brigade: 'government',
  Administration: 'government',
  Government: 'government',
  Office: 'government',
  Department: 'government',
  Center: 'government',
  Centre: 'government',
  School: 'school',
  College: 'school',
  University: 'school',
  Polytechnic: 'school',
  Academy: 'school',
  Institute: 'research',
  Association: 'association',
  Alliance: 'association',
  Federation: 'association',
  Chamber: 'association',
  Council: 'association',
  Union: 'association',
  Society: 'other',
  Foundation: 'other',
};
/** Words that open a foreign institution's name ("Berufskolleg Lindenfeld", "Politeknik …"). */
const EN_PREFIX_HEADS =
  /^(?:Berufskolleg|Politeknik|Universiti|Universität|Hochschule|Fachhochschule|Institut)$/;
/** Suffixes that may carry an "of …" tail that is part of the name ("University of Technology"). */
const EN_OF_TAIL = /^(?:University|Institute|College|Polytechnic|Academy|School|Office|Department)$/;
/** Government-type names count as outside bodies only with an administrative level in them. */
const EN_GEO =
  /\b(?:District|City|Municipal|Province|Provincial|County|Park|Zone|Government|National|State)\b/;
/** Tokens that cannot start an organisation name (sentence openers, titles). */
const EN_LEAD_STOP =
  /^(?:The|On|At|In|By|From|With|Under|According|Before|After|During|Both|Recently|And|Dr\.?|Mr\.?|Ms\.?|Professor|President|Vice|Deputy|Director|Chairman|Principal|Dean|Secretary|General|Manager|Chief|Party|Accompanied|Speakers|Exhibitors|Last|This|Our|All)$/;

const CAPW = String.raw`(?:No\.\s?\d+|\([A-Z][a-z]+\)|(?!Co\.|Ltd\.|Inc\.)[A-Z][A-Za-z-]*|R&D)`;
/** A run of capitalised words joined by and/of/for, optionally closed by "Co., Ltd.". */
const EN_RUN = new RegExp(
  String.raw`${CAPW}(?:\s+(?:(?:and|of|for|&)\s+)?${CAPW})*(?:,?\s+Co\.,\s+Ltd\.|\s+Co\.|\s+Ltd\.|\s+Inc\.)?`,
  'g',
);

function enSuffixOf(token: string): string | null {
  if (/Co\.,\s+Ltd\.$|Ltd\.$|Co\.$|Inc\.$/.test(token)) return 'Co., Ltd.';
  return token in EN_SUFFIX_KIND ? token : null;
}

/** Extracts the organisation, if any, from one capitalised run. */
function enOrgFromRun(
  run: string,
  runStart: number,
): { name: string; start: number; end: number; suffix: string }[] {
  const out: { name: string; start: number; end: number; suffix: string }[] = [];
  // Split "… Bureau and Qiantai … Co., Ltd." into two names at "and" after a suffix word.
  const tokenRe = /Co\.,\s+Ltd\.|\S+/g;
  const tokens: { t: string; s: number; e: number }[] = [];
  for (const m of run.matchAll(tokenRe)) tokens.push({ t: m[0], s: m.index, e: m.index + m[0].length });
  const segments: (typeof tokens)[] = [[]];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const prev = tokens[i - 1];
    if ((tok.t === 'and' || tok.t === '&') && prev && enSuffixOf(prev.t)) {
      segments.push([]);
      continue;
    }
    segments[segments.length - 1]!.push(tok);
  }
  for (const seg of segments) {
    let last = -1;
    for (let i = 0; i < seg.length; i++) if (enSuffixOf(seg[i]!.t)) last = i;
    const headIdx = seg.findIndex((t) => EN_PREFIX_HEADS.test(t.t));
    let startIdx: number;
    let endIdx: number;
    if (headIdx >= 0 && (last < 0 || last < headIdx)) {
      startIdx = headIdx;
      endIdx = seg.length - 1;
    } else if (last >= 0) {
      endIdx = last;
      // "University of Technology": keep an "of …" tail unless it names a country.
      if (EN_OF_TAIL.test(seg[last]!.t) && seg[last + 1]?.t === 'of' && seg.length > last + 2) {
        const tail = seg
          .slice(last + 2)
          .map((t) => t.t)
          .join(' ');
        if (!COUNTRIES_EN.test(tail)) endIdx = seg.length - 1;
      }
      // The name starts after the last "of"/stop word before the suffix.
      startIdx = 0;
      for (let i = 0; i < last; i++) {
        if (seg[i]!.t === 'of' || seg[i]!.t === 'for' || EN_LEAD_STOP.test(seg[i]!.t)) startIdx = i + 1;
      }
    } else continue;
    while (startIdx <= endIdx && /^(?:and|of|for|&)$/.test(seg[startIdx]!.t)) startIdx++;
    while (endIdx >= startIdx && /^(?:and|of|for|&)$/.test(seg[endIdx]!.t)) endIdx--;
    if (endIdx < startIdx) continue;
    const s = seg[startIdx]!.s;
    const e = seg[endIdx]!.e;
    const name = run.slice(s, e);
    if (endIdx === startIdx && last >= 0) continue; // a bare suffix word ("Office")
    out.push({
      name,
      start: runStart + s,
      end: runStart + e,
      suffix: last >= 0 ? seg[last]!.t : seg[startIdx]!.t,
    });
  }
  return out;
}

function enKind(name: string, suffix: string): OrgKind {
  if (/Institute of Technology|Polytechnic|Politeknik|Berufskolleg|Universit|Hochschule/.test(name))
    return 'school';
  if (/Research|Academy of Sciences/.test(name)) return 'research';
  if (/Red Cross|Foundation/.test(name)) return 'other';
  return EN_SUFFIX_KIND[enSuffixOf(suffix) ?? ''] ?? 'other';
}

/** Internal units of the college: "School of …", "… Office" without an administrative level, etc. */
function enScope(name: string, suffix: string): 'external' | 'internal' {
  if (/^(?:School|Office|Department|Faculty|College|Division|Center|Centre) of\b/.test(name))
    return 'internal';
  if (/Industrial College$/.test(name)) return 'internal';
  const s = enSuffixOf(suffix);
  if (s && /^(?:Office|Department|Center|Centre|Committee|Council)$/.test(s) && !EN_GEO.test(name))
    return 'internal';
  return 'external';
}

function enOrgMentions(doc: string, from: number): OrgMention[] {
  const out: OrgMention[] = [];
  EN_RUN.lastIndex = from;
  for (let m = EN_RUN.exec(doc); m; m = EN_RUN.exec(doc)) {
    for (const o of enOrgFromRun(m[0], m.index)) {
      if (o.name.split(/\s+/).length < 2) continue;
      out.push({
        name: o.name,
        start: o.start,
        end: o.end,
        kind: enKind(o.name, o.suffix),
        scope: enScope(o.name, o.suffix),
      });
    }
  }
  return out;
}

/** Chinese organisation suffixes, longest first, with the kind they imply. */
const ZH_SUFFIXES: [string, OrgKind][] = [
  ['集团股份有限公司', 'enterprise'],
  ['集团有限公司', 'enterprise'],
  ['股份有限公司', 'enterprise'],
  ['有限责任公司', 'enterprise'],
  ['有限公司', 'enterprise'],
  ['集团', 'enterprise'],
  ['公司', 'enterprise'],
  ['职业技术学院', 'school'],
  ['职业技术学校', 'school'],
  ['中等职业学校', 'school'],
  ['职业学院', 'school'],
  ['理工学院', 'school'],
  ['学院', 'school'],
  ['大学', 'school'],
  ['学校', 'school'],
  ['中学', 'school'],
  ['管理委员会', 'government'],
  ['委员会', 'government'],
  ['管委会', 'government'],
  ['人民政府', 'government'],
  ['支队', 'government'],
  ['大队', 'government'],
  ['局', 'government'],
  ['研究院', 'research'],
  ['研究所', 'research'],
  ['红十字会', 'other'],
  ['基金会', 'other'],
  ['协会', 'association'],
  ['学会', 'association'],
  ['商会', 'association'],
  ['联盟', 'association'],
];
const ZH_SUFFIX_RE = new RegExp(ZH_SUFFIXES.map(([s]) => s).join('|'), 'g');
/** Words before which a Chinese name cannot extend (verbs, prepositions, references to us). */
const ZH_STOP_WORDS = [
  '走访',
  '参观',
  '签订',
  '签署',
  '举办',
  '举行',
  '来自',
  '前往',
  '访问',
  '会见',
  '接待',
  '看望',
  '共建',
  '携手',
  '联合',
  '代表',
  '带领',
  '带队',
  '陪同',
  '组织',
  '根据',
  '按照',
  '通过',
  '以及',
  '我校',
  '本校',
  '该校',
  '邀请',
  '受',
  '赴',
  '在',
  '由',
  '为',
  '到',
  '向',
  '对',
  '被',
  '将',
  '从',
  '是',
  '于',
  '的',
  '了',
  '至',
  '经',
  '等',
  '及',
  '和',
  '与',
  '同',
  '、',
];
/** "…院长赵国峰" at the end of a chunk: a titled person, so a following 与 separates. */
const ZH_TITLED_NAME_END = /(?:长|理|监|任|记|师|授|委|裁)[\u4e00-\u9fff]{2,3}$/;
/** Conjunctions that separate two names only when the text before them is itself a name. */
const ZH_CONJ = new Set(['与', '和', '及', '同', '、']);
const ZH_GEO = /[区市省县镇州]|国家/;
const ZH_INTERNAL_HINT = /二级学院|产业学院|^各/;

function zhEndsWithOrgOrSelf(s: string): boolean {
  if (/(?:学院|我校|学校|本校|我院)$/.test(s)) return true;
  return ZH_SUFFIXES.some(([suf]) => s.endsWith(suf) && s.length > suf.length);
}

/** Walks back from a suffix to where the name starts. */
function zhNameStart(doc: string, suffixStart: number, limit: number): number {
  let i = suffixStart;
  while (i > limit) {
    const ch = doc[i - 1]!;
    if (!CJK.test(ch) && ch !== '·' && ch !== '（' && ch !== '）') break;
    // Parentheses only inside names like "（上海）"; otherwise stop.
    if (ch === '）' || ch === '（') break;
    const before = doc.slice(Math.max(limit, i - 12), i);
    const stop = ZH_STOP_WORDS.find((w) => before.endsWith(w));
    if (stop) {
      if (ZH_CONJ.has(stop)) {
        // A bare suffix after the conjunction ("…与联盟") is no name; a name or a titled person before it ends ours.
        if (i === suffixStart) break;
        if (i - 1 <= limit || !CJK.test(doc[i - 2]!)) break; // conjunction opens the chunk
        const prior = doc.slice(Math.max(limit, i - 1 - 24), i - 1);
        const priorChunk = prior.split(/[^\u4e00-\u9fff·]/).pop() ?? '';
        if (zhEndsWithOrgOrSelf(priorChunk) || ZH_TITLED_NAME_END.test(priorChunk)) break;
      } else break;
    }
    i--;
  }
  return i;
}

function zhKind(suffix: string): OrgKind {
  return ZH_SUFFIXES.find(([s]) => s === suffix)?.[1] ?? 'other';
}

function zhScope(name: string, suffix: string): 'external' | 'internal' | 'reject' {
  const stem = name.slice(0, name.length - suffix.length);
  if (stem.length < 2) return 'reject';
  if (ZH_INTERNAL_HINT.test(name)) return 'internal';
  if (suffix === '学院') {
    // A college's own schools are subject names (化学工程学院); outside ones are colleges in their own right.
    if (/职业|理工|技术|师范|大学/.test(stem) || COUNTRIES_ZH.test(name) || ZH_GEO.test(stem))
      return 'external';
    return 'internal';
  }
  if (suffix === '局' && !ZH_GEO.test(stem)) return 'reject';
  if (suffix === '集团' && stem.length < 2) return 'reject';
  return 'external';
}

function zhOrgMentions(doc: string, from: number): OrgMention[] {
  const out: OrgMention[] = [];
  ZH_SUFFIX_RE.lastIndex = from;
  for (let m = ZH_SUFFIX_RE.exec(doc); m; m = ZH_SUFFIX_RE.exec(doc)) {
    const suffix = m[0];
    const end = m.index + suffix.length;
    // "集中学习", "大学生": a word that merely contains a suffix.
    if ((suffix === '中学' && doc[end] === '习') || (suffix === '大学' && doc[end] === '生')) continue;
    // "支队长", "局长": a title, not a name; "学院院长" is fine.
    if (/^[长]/.test(doc.slice(end, end + 1)) && /支队|大队|局/.test(suffix)) continue;
    const start = zhNameStart(doc, m.index, from);
    const name = doc.slice(start, end);
    const scope = zhScope(name, suffix);
    if (scope === 'reject') continue;
    out.push({ name, start, end, kind: zhKind(suffix), scope });
  }
  return out;
}

/** Self-name candidates: vocational-college-type names that are not foreign. */
function pickSelfName(doc: string, mentions: OrgMention[], lang: Lang): string | null {
  const counts = new Map<string, number>();
  const foreign = new Set<string>();
  for (const m of mentions) {
    const selfType =
      lang === 'en'
        ? /(?:Vocational(?: and Technical)?|Technical|Polytechnic) College$/.test(m.name) &&
          !/Industrial College$/.test(m.name)
        : /(?:职业技术学院|职业学院|职院)$/.test(m.name);
    if (!selfType) continue;
    const after = doc.slice(m.end, m.end + 30);
    const before = doc.slice(Math.max(0, m.start - 8), m.start);
    const isForeign =
      lang === 'en'
        ? /^,?\s*(?:of\s+)?(?:[A-Z][a-z]+\s?){1,2}(?=[,.)]|$)/.test(after) &&
          COUNTRIES_EN.test(after.match(/^,?\s*(?:of\s+)?((?:[A-Z][a-z]+\s?){1,2})/)?.[1]?.trim() ?? '')
        : COUNTRIES_ZH.test(m.name) ||
          /^（[A-Za-z]/.test(after) ||
          /(?:德国|美国|英国|马来西亚|新加坡)$/.test(before);
    if (isForeign) foreign.add(m.name);
    counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [name, count] of counts) {
    if ([...foreign].some((f) => f.includes(name))) continue;
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

/** English abbreviations declared in brackets: "… Committee (LCIPAC)", "… Co., Ltd. (\"Anxun\")". */
function enDeclaredAlias(doc: string, end: number): string | null {
  const m = doc.slice(end, end + 40).match(/^\s*\(["“]?([A-Z][A-Za-z .&-]{1,30}?)["”]?\)/);
  return m ? m[1]! : null;
}

/** Chinese abbreviations declared as （以下简称“X”）. */
function zhDeclaredAlias(doc: string, end: number): string | null {
  const m = doc.slice(end, end + 30).match(/^（(?:以下)?简称[“"]?([^”"）]+)[”"]?）/);
  return m ? m[1]! : null;
}

function isAliasOf(lang: Lang, short: string, org: Org): boolean {
  const n = normalizeName(short);
  if (!n) return false;
  if (org.aliases.some((a) => normalizeName(a) === n)) return true;
  const full = normalizeName(org.name);
  if (full.includes(n) || n.includes(full)) return true;
  if (lang === 'zh-CN') {
    // 区人社局 ⊂ 澜海区人力资源和社会保障局, same final character.
    return short.length >= 3 && short.at(-1) === org.name.at(-1) && isSubsequence(short, org.name);
  }
  return false;
}

/** Collects outside organisations: body first (the title only if the body names none), deduplicated. */
function collectOrgs(ctx: Ctx): { orgs: Org[]; selfName: string | null } {
  const { doc, lang, bodyStart } = ctx;
  const find = (from: number) => (lang === 'en' ? enOrgMentions(doc, from) : zhOrgMentions(doc, from));
  const all = find(0);
  const selfName = pickSelfName(doc, all, lang);
  const isSelf = (m: OrgMention) =>
    selfName !== null &&
    (normalizeName(selfName).includes(normalizeName(m.name)) ||
      normalizeName(m.name).includes(normalizeName(selfName)));
  const usable = all.filter((m) => m.scope === 'external' && !isSelf(m) && !inMetaLine(doc, m.start));
  const body = usable.filter((m) => m.start >= bodyStart);
  const chosen = body.length > 0 ? body : usable;
  const orgs: Org[] = [];
  for (const m of chosen) {
    const existing = orgs.find((o) => isAliasOf(lang, m.name, o));
    if (existing) {
      // Keep the longest written form (the full name) but its first position as evidence.
      if (
        m.name.length > existing.name.length &&
        normalizeName(m.name).includes(normalizeName(existing.name))
      ) {
        existing.aliases.push(existing.name);
        existing.name = m.name;
        existing.kind = m.kind;
        existing.first = { ...m };
      } else if (m.name !== existing.name) existing.aliases.push(m.name);
      continue;
    }
    const alias = lang === 'en' ? enDeclaredAlias(doc, m.end) : zhDeclaredAlias(doc, m.end);
    orgs.push({ name: m.name, kind: m.kind, first: m, aliases: alias ? [alias] : [] });
  }
  for (const o of orgs) addShortAliases(lang, o);
  addGazetteerOrgs(ctx, orgs);
  return { orgs, selfName };
}

/** "Anxun" for "Shanghai Anxun Fire Safety Technology Co., Ltd." (first non-place word). */
function addShortAliases(lang: Lang, o: Org): void {
  if (lang !== 'en') return;
  const words = o.name.split(/\s+/);
  const head = PROVINCES_EN.has(words[0]!) ? words[1] : words[0];
  if (head && !/District|No\./.test(head) && head.length > 2) o.aliases.push(head);
}

function inMetaLine(doc: string, pos: number): boolean {
  const ls = doc.lastIndexOf('\n', pos - 1) + 1;
  let le = doc.indexOf('\n', pos);
  if (le < 0) le = doc.length;
  return META_LINE.test(doc.slice(ls, le));
}

const GAZ_KINDS = new Set<OrgKind>([
  'enterprise',
  'government',
  'school',
  'association',
  'research',
  'other',
]);

/** Gazetteer organisations named in the text (by name or alias) are added if not found already. */
function addGazetteerOrgs(ctx: Ctx, orgs: Org[]): void {
  for (const g of ctx.gazetteer?.organizations ?? []) {
    const forms = [g.name, ...(g.aliases ?? [])];
    let pos = -1;
    let form = '';
    for (const f of forms) {
      const p = ctx.doc.indexOf(f, ctx.bodyStart);
      if (p >= 0 && (pos < 0 || p < pos)) {
        pos = p;
        form = f;
      }
    }
    if (pos < 0) continue;
    if (ctx.selfName && normalizeName(g.name) === normalizeName(ctx.selfName)) continue;
    const kind = GAZ_KINDS.has(g.kind as OrgKind) ? (g.kind as OrgKind) : 'other';
    const existing = orgs.find((o) => forms.some((f) => isAliasOf(ctx.lang, f, o)));
    if (existing) {
      existing.kind = kind;
      existing.aliases.push(...forms);
      continue;
    }
    const m: OrgMention = { name: g.name, start: pos, end: pos + form.length, kind, scope: 'external' };
    orgs.push({ name: g.name, kind, first: m, aliases: forms });
  }
}

/** Finds the outside organisation a short reference ("Anxun", "the bureau", 润达物流, 支队) points to. */
function resolveOrgRef(ctx: Ctx, ref: string): Org | null {
  const r = ref.replace(/^the\s+/i, '').replace(/['’]s$/, '');
  if (!r) return null;
  for (const o of ctx.orgs) if (isAliasOf(ctx.lang, r, o)) return o;
  if (ctx.lang === 'en') {
    // "the bureau", "the detachment", "the alliance": the organisation with that suffix word.
    const word = r.toLowerCase();
    const hit = ctx.orgs.filter((o) => o.name.toLowerCase().split(/\s+/).includes(word));
    if (hit.length === 1) return hit[0]!;
  } else {
    const hit = ctx.orgs.filter((o) => r.length >= 2 && (o.name.endsWith(r) || isSubsequence(r, o.name)));
    if (hit.length >= 1) return hit[0]!;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Event type
// ---------------------------------------------------------------------------------------------

interface TypeRule {
  type: EventType | 'visit';
  en: RegExp;
  zh: RegExp;
}

/**
 * Event type rules in priority order, tried on the title first and then on the lead sentence.
 * "visit" is resolved to inbound/outbound by {@link visitDirection}.
 */
const TYPE_RULES: TypeRule[] = [
  // Notices (holiday arrangements) and other non-events.
  { type: 'other', en: /\bNotice\b|\bholiday arrangements?\b/i, zh: /通知|放假安排/ },
  {
    type: 'signing',
    en: /\bsign(?:s|ed|ing)?\b[^.]*\b(?:agreement|memorandum|MoU|contract)/i,
    zh: /签订|签署|签约/,
  },
  {
    type: 'ceremony',
    en: /\bceremony\b|\bunveil(?:s|ed|ing)?\b|\binaugurat\w*|\bClass["”]? opens\b|\bplaque\b/i,
    zh: /揭牌|典礼|开班仪式|开学仪式|授牌/,
  },
  { type: 'forum', en: /\bforum\b|\bsummit\b|\bsymposium on\b|\bconference\b/i, zh: /论坛|峰会|研讨会/ },
  { type: 'competition', en: /\bcompetition\b|\bcontest\b|\bCup\b/i, zh: /竞赛|大赛|技能赛|杯/ },
  // Courses and practice placements before visits ("teachers go to X for summer practice").
  {
    type: 'training',
    en: /\b(?:training course|refresher course|course\b|drill\b|(?:summer|enterprise) practice|practice at\b|induction training|trainers?\b|teach(?:es)?\b)/i,
    zh: /培训班|企业实践|培训|演练/,
  },
  {
    type: 'visit',
    en: /\bvisit(?:s|ed|ing)?\b|\bleads? (?:a )?(?:team|delegation) to\b|\binspects?\b|\bchecks?\b|\bsupervis\w+/i,
    zh: /来校|来我校|到校|莅临|赴|走访|走进|督导|检查|考察|访问/,
  },
  {
    type: 'meeting',
    en: /\bmeeting\b|\btalks\b|\bdiscuss(?:es|ed)?\b|\bsession\b|\bseminar\b/i,
    zh: /会议|会谈|对接会|座谈|读书班|洽谈|商谈/,
  },
  {
    type: 'other',
    en: /\bdonat\w+|\bjob fair\b|\bGames\b|\bsports meet\b|\bfestival\b|\bfreshmen\b|\bregistration\b/i,
    zh: /捐赠|招聘会|运动会|读书节|新生|报到/,
  },
];

/** Inbound when the visit's object is us ("visits our college", 来校) or an inspection; otherwise outbound. */
function visitDirection(ctx: Ctx, s: Sentence, at: number): EventType {
  const t = s.text;
  const rel = at - s.start;
  if (ctx.lang === 'zh-CN') {
    if (/来校|来我校|到校|莅临|督导|检查/.test(t)) return 'visit_inbound';
    return 'visit_outbound';
  }
  if (
    /\bleads? (?:a )?(?:team|delegation) to\b|\bled a (?:team|delegation)\b.{0,40}\bto (?!our|the college)/i.test(
      t,
    )
  ) {
    return 'visit_outbound';
  }
  if (/\binspect|\bcheck|\bsupervis/i.test(t)) return 'visit_inbound';
  const after = t.slice(rel).replace(/^\S+\s+/, '');
  if (
    /^(?:(?:our|the) )?(?:college|campus|school of|jinglan)\b|^to\b|^(?:on|for)\b/i.test(after) ||
    after === ''
  ) {
    return 'visit_inbound';
  }
  if (ctx.selfName && after.startsWith(ctx.selfName)) return 'visit_inbound';
  return 'visit_outbound';
}

function extractEventType(ctx: Ctx): { type: EventType; evidence: Span | null } {
  const candidates: Sentence[] = [];
  const titleEnd = ctx.bodyStart - 2;
  if (titleEnd > 0) candidates.push(mkSpan(ctx.doc, 0, titleEnd));
  candidates.push(...ctx.sentences.slice(0, 2));
  for (const s of candidates) {
    for (const rule of TYPE_RULES) {
      const re = ctx.lang === 'zh-CN' ? rule.zh : rule.en;
      const m = re.exec(s.text);
      if (!m) continue;
      const at = s.start + m.index;
      const evidence = mkSpan(ctx.doc, at, at + m[0].length);
      const type = rule.type === 'visit' ? visitDirection(ctx, s, at) : rule.type;
      return { type, evidence };
    }
  }
  return { type: 'other', evidence: null };
}

// ---------------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------------

/** Co-organiser / co-signer phrases: an organisation named inside one is a partner. */
const EN_PARTNER_PHRASE =
  /\b(?:co-organi[sz]ed|co-hosted|jointly (?:organi[sz]ed|held|built|established|run)|held jointly|organi[sz]ed|hosted|commissioned|established jointly|support) by\b[^.]*|\bsign(?:ed|s)?\b[^.]*|\b(?:with|and) the college\b[^.]*|[^.]*\b(?:and|with) (?:the college|(?:[A-Z]\w+ )+Vocational College)\b[^.]*\b(?:signed|launched|released|jointly)\b[^.]*|\bwith equipment support from\b[^.]*|\bran a [^.]* for\b[^.]*|\bfor \d+ [^.]*staff of\b[^.]*/gi;
const ZH_PARTNER_PHRASE =
  /由[^。]*?(?:联合)?(?:主办|举办|承办|指导)|[^。，；]*(?:签订|签署|共建|联合主办|联合举办)|为[^。，]{2,30}举办/g;
const EN_GUEST_PHRASE = /\b(?:Exhibitors|Speakers) included\b[^.]*|\b(?:attended|came|visited our)\b/gi;
const ZH_GUEST_PHRASE = /来自[^。，]*/g;
const EN_HOST_PHRASE = /\b(?:held|practice|unveiled) at\s*$|\bat\s*$/;
const ZH_HOST_PHRASE = /(?:在|赴|走访|走进|到)$/;

function phraseMentions(ctx: Ctx, re: RegExp, o: Org): boolean {
  const forms = [o.name, ...o.aliases];
  for (const m of ctx.doc.slice(ctx.bodyStart).matchAll(re)) {
    const text = m[0];
    if (forms.some((f) => f.length >= 2 && text.includes(f))) return true;
    if (ctx.lang === 'en') {
      const word = o.name.split(/\s+/).at(-1)?.toLowerCase();
      if (word && new RegExp(`\\bthe ${escapeRe(word)}\\b`).test(text)) return true;
    }
  }
  return false;
}

function assignRole(ctx: Ctx, type: EventType, o: Org): OrgRole {
  if (type === 'visit_inbound') return 'guest';
  if (type === 'visit_outbound') return 'host';
  if (type === 'signing') return 'partner';
  const zh = ctx.lang === 'zh-CN';
  const before = ctx.doc.slice(Math.max(ctx.bodyStart, o.first.start - 20), o.first.start);
  if (phraseMentions(ctx, zh ? ZH_PARTNER_PHRASE : EN_PARTNER_PHRASE, o)) return 'partner';
  if ((zh ? ZH_HOST_PHRASE : EN_HOST_PHRASE).test(before)) return 'host';
  if (phraseMentions(ctx, zh ? ZH_GUEST_PHRASE : EN_GUEST_PHRASE, o)) return 'guest';
  const sentence = sentenceAt(ctx, o.first.start)?.text ?? '';
  switch (type) {
    case 'meeting':
      return /online|video|线上|视频/i.test(sentence) ? 'partner' : 'guest';
    case 'training':
    case 'competition':
      return 'partner';
    case 'ceremony':
      return o.kind === 'government' ? 'guest' : 'partner';
    case 'other':
      return /donat|捐赠/i.test(sentence) ? 'mentioned' : 'guest';
    default:
      return 'guest';
  }
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

/** English title words: optional modifiers then a core position. */
const EN_TITLE_MOD = String.raw`(?:(?:Vice|Deputy|Associate|Assistant|Executive|Chief|Senior|General|Party|Political|HR|Human Resources|Operations|Quality|Training|International|Library|Detachment|Technical|Sales|Marketing|Production|Finance|Financial|Project|Plant|Research|R&D|Managing|Honorary|Standing|Head)\s+)`;
const EN_TITLE_CORE = `(?:President|Secretary-General|Secretary|Director|Dean|Principal|Chairman|Chairwoman|Chair|Manager|Engineer|Officer|Executive|Professor|Lecturer|Instructor|Commissar|Supervisor|Chief|Counsellor|Consul)`;
const EN_TITLE = `${EN_TITLE_MOD}{0,3}${EN_TITLE_CORE}`;
const EN_NAME = `[A-Z][a-z]+(?: (?:bin|binti|van|von|de|da|al))?[ -][A-Z][a-z]+`;
const EN_HONORIFIC = String.raw`(?:(?:Dr|Prof|Mr|Ms|Mrs)\.\s+)?`;
/** "Vice President Tang Ruiqing", "Chief Executive Dr. Helen Carver". */
const EN_TITLE_NAME = new RegExp(String.raw`\b(${EN_TITLE})\s+${EN_HONORIFIC}(${EN_NAME})\b`, 'g');
/** "Li Ming, dean of the School of …", "Zhou Lianfeng, Vice President of Ruifeng …". */
const EN_NAME_APPOS = new RegExp(
  String.raw`(?:${EN_HONORIFIC}|\b(?:Professor|Dr\.)\s+)?\b(${EN_NAME}),\s+((?:${EN_TITLE})|(?:[Dd]ean|[Dd]irector|[Hh]ead|[Pp]resident|[Pp]rincipal))\b(?!\s+(?:Dr\.\s+)?[A-Z][a-z]+ [A-Z][a-z]+)((?:\s+of\s+(?:the\s+)?[A-Z][\w&'’-]*(?:\s+(?:(?:and|of|for|&)\s+)?(?:[A-Z][\w&'’-]*|No\.\s?\d+|\([A-Z][a-z]+\)))*(?:,?\s+Co\.,\s+Ltd\.)?|\s+of\s+the\s+(?:college|school|bureau|detachment|alliance|association|company|university|commission|committee))*)`,
  'g',
);
/** Words that look like names but are not. */
const EN_NOT_NAME =
  /^(?:The|This|That|Our|Their|Both|On|In|At|Of|And|Accompanied|During|After|Before|Under|According|College|School|District|Office|University|Chief|Engineer|Manager|Director|President|Deputy|Vice|General|Executive|Officer)\b/;
/** Titles that, with no organisation named, belong to the college's own staff. */
const EN_COLLEGE_TITLE =
  /^(?:Vice President|President|Party Secretary|Dean|dean|Lecturer|Library Director)$|\bof the /;

interface PersonHit {
  name: string;
  title: string | null;
  org: string | null;
  start: number;
  end: number;
  priority: number;
}

function enPeople(ctx: Ctx): PersonHit[] {
  const { doc, bodyStart } = ctx;
  const body = doc.slice(bodyStart);
  const hits: PersonHit[] = [];
  for (const m of body.matchAll(EN_NAME_APPOS)) {
    const name = m[1]!;
    if (EN_NOT_NAME.test(name)) continue;
    const start = bodyStart + m.index + m[0].indexOf(name);
    // "At Yida Cold Chain, Operations Director …": the "name" continues a capitalised phrase.
    if (/(?:^|\s)(?!Professor)[A-Z][\w-]*\s$/.test(doc.slice(Math.max(0, start - 20), start))) continue;
    let title = m[2]!;
    let org: string | null = null;
    // Walk the "of …" chain: internal units stay in the title, the organisation is split off.
    // Split "of the Political Department of the Lanhai … Detachment" at each "of the".
    const chain = (m[3] ?? '')
      .replace(/^\s+of\s+/, '')
      .split(/\s+of\s+(?=the\s)/)
      .filter(Boolean);
    for (const phrase of chain) {
      const bare = phrase.replace(/^the\s+/, '');
      const unit =
        /^(?:School|Office|Department|Faculty|Division|Center|Centre) of\b|\b(?:Office|Department|Division|Section|Center|Centre)$/.test(
          bare,
        );
      if (unit && !EN_GEO.test(bare) && org === null) {
        title += ` of ${phrase.replace(/\s+/g, ' ')}`;
        continue;
      }
      if (/^the (?:college|school)$/.test(phrase) || (ctx.selfName && bare === ctx.selfName)) {
        org = ctx.selfName ?? 'the college';
      } else {
        const o = resolveOrgRef(ctx, bare);
        org = o ? o.name : bare;
      }
      break;
    }
    if (!/[A-Z]/.test(title[0]!) && !/^(?:dean|director|head|president|principal)/.test(title)) continue;
    if (/^[Hh]ead$/.test(title)) continue;
    hits.push({ name, title, org, start, end: start + name.length, priority: 2 });
  }
  for (const m of body.matchAll(EN_TITLE_NAME)) {
    const name = m[2]!;
    if (EN_NOT_NAME.test(name)) continue;
    const start = bodyStart + m.index + m[0].lastIndexOf(name);
    const title = m[1]!;
    // Organisation: "… of X" after the name, or a short form just before the title ("Anxun General Manager").
    const after = doc.slice(start + name.length, start + name.length + 120);
    const before = doc.slice(Math.max(bodyStart, bodyStart + m.index - 40), bodyStart + m.index);
    let org: string | null = null;
    const ofM = after.match(
      /^\s+of\s+((?:the\s+)?[A-Z][^,.;]*?|the\s+[a-z]+)(?=[,.;]|\s+(?:and|came|led|said|spoke|presided|attended|was|who)\b)/,
    );
    const preM = before.match(/([A-Z][\w&-]*)(?:['’]s)?\s+$/);
    if (ofM) {
      const bare = ofM[1]!.replace(/^the\s+/, '');
      if (/^(?:college|school)$/.test(bare)) org = ctx.selfName ?? 'the college';
      else org = resolveOrgRef(ctx, bare)?.name ?? null;
    } else if (preM) {
      org = resolveOrgRef(ctx, preM[1]!)?.name ?? null;
    }
    hits.push({ name, title, org, start, end: start + name.length, priority: 1 });
  }
  return hits;
}

/** Chinese titles (core positions), longest first. */
const ZH_TITLES = [
  '党委副书记',
  '党委书记',
  '纪委书记',
  '常务副校长',
  '副校长',
  '校长',
  '副院长',
  '院长',
  '副总经理',
  '总经理',
  '副董事长',
  '董事长',
  '副总裁',
  '总裁',
  '总工程师',
  '高级工程师',
  '工程师',
  '总监',
  '经理',
  '副主任',
  '主任',
  '副处长',
  '处长',
  '副科长',
  '科长',
  '副部长',
  '部长',
  '副局长',
  '局长',
  '副支队长',
  '支队长',
  '大队长',
  '政治委员',
  '政委',
  '秘书长',
  '副会长',
  '会长',
  '理事长',
  '副主席',
  '主席',
  '副教授',
  '教授',
  '讲师',
  '所长',
  '站长',
  '书记',
];
const ZH_TITLE_RE = new RegExp(`(?:${ZH_TITLES.join('|')})`, 'g');
/** Common Chinese surnames (one and two characters): a name must start with one. */
const ZH_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤楼温乔包阎柏倪牛柳常鲍欧舒葛单';
/** Characters that, right after a two-character name, start the next word (一行, 等, 表示 …). */
const ZH_AFTER_NAME = new Set(
  '等的表参共担接热在以代陪就为一介对主出致带与和及作汇说会率宣向同将通要提回指先颁任也还分讲是从希认并来赴到于被把已曾均所即亲看考调走现听查答首前后受感进开负组做充重详作简'.split(
    '',
  ),
);
/** Modifiers that stay in a Chinese title (技术总监, 人力资源总监). */
const ZH_TITLE_MOD =
  /(?:技术|生产|质量|人力资源|运营|运维|销售|财务|市场|研发|行政|安全|项目|售后服务|执行|常务|首席)$/;
/** A department or office inside an organisation (stays in the title). */
const ZH_UNIT = /[处科部办室系组中心]$|学院$/;
const ZH_GENERIC_REF = /^(?:企业|公司|学院|学校|我校|该校|本校|该院|联盟|协会|支队|集团|大学|党委)/;

function zhPickName(doc: string, at: number): string | null {
  const rest = doc.slice(at, at + 12);
  const foreign = rest.match(/^[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}/);
  if (foreign) {
    let n = foreign[0];
    // Trim a following word stuck to the transliterated name (安雅·罗特一行).
    const dot = n.indexOf('·');
    const cut = n
      .slice(dot + 2)
      .search(/一行|表示|介绍|参加|出席|会见|陪同|带领|致辞|指出|等|对|在|与|和|率/);
    if (cut >= 0) n = n.slice(0, dot + 2 + cut);
    return n;
  }
  const m = rest.match(/^[\u4e00-\u9fff]{2,3}/);
  if (!m || !ZH_SURNAMES.includes(m[0][0]!)) return null;
  const two = m[0].slice(0, 2);
  if (m[0].length < 3) return two;
  const three = m[0];
  const c2 = doc.split(two).length - 1;
  const c3 = doc.split(three).length - 1;
  if (c3 >= 2 && c3 === c2) return three;
  if (c2 > c3) return two;
  return ZH_AFTER_NAME.has(three[2]!) ? two : three;
}

function zhPeople(ctx: Ctx): PersonHit[] {
  const { doc, bodyStart } = ctx;
  const hits: PersonHit[] = [];
  ZH_TITLE_RE.lastIndex = bodyStart;
  for (let m = ZH_TITLE_RE.exec(doc); m; m = ZH_TITLE_RE.exec(doc)) {
    if (inMetaLine(doc, m.index)) continue;
    const nameAt = m.index + m[0].length;
    const name = zhPickName(doc, nameAt);
    if (!name) continue;
    // The chunk before the title up to punctuation: organisation, then department or modifier.
    let chunk = doc.slice(zhNameStart(doc, m.index, bodyStart), m.index);
    let org: string | null = null;
    const mentions = zhOrgMentions(chunk, 0);
    const inner = mentions.filter((o) => o.scope !== 'internal');
    const lastOrg = inner.at(-1);
    const wholeUnit = mentions.some((o) => o.scope === 'internal' && o.start === 0 && o.end === chunk.length);
    if (wholeUnit) {
      // "物流与商贸学院院长": one of the college's own schools, kept in the title.
      org = ctx.selfName ?? '学院';
    } else if (lastOrg) {
      const isSelf = ctx.selfName !== null && isAliasOf('zh-CN', lastOrg.name, selfOrg(ctx.selfName));
      org = isSelf ? ctx.selfName : (resolveOrgRef(ctx, lastOrg.name)?.name ?? lastOrg.name);
      chunk = chunk.slice(lastOrg.end);
    } else {
      // A short form of a known organisation (泰和新能源运维部 → 泰和新能源 + 运维部).
      for (let k = chunk.length; k >= 3; k--) {
        const head = chunk.slice(0, k);
        const o = ctx.orgs.find((x) => isSubsequence(head, x.name));
        if (o && !ZH_UNIT.test(head) && !ZH_CONJ.has(head.at(-1)!)) {
          org = o.name;
          chunk = chunk.slice(k);
          break;
        }
      }
    }
    const generic = chunk.match(ZH_GENERIC_REF);
    if (generic) {
      const word = generic[0];
      if (/学院|学校|我校|本校/.test(word) && chunk === word) org = ctx.selfName ?? '学院';
      else org = resolveOrgRef(ctx, word)?.name ?? org;
      chunk = chunk.slice(word.length);
    }
    let title = m[0];
    if (chunk && (ZH_UNIT.test(chunk) || ZH_TITLE_MOD.test(chunk)) && chunk.length <= 12)
      title = chunk + title;
    const start = nameAt;
    hits.push({ name, title, org, start, end: start + name.length, priority: 1 });
  }
  return hits;
}

function selfOrg(name: string): Org {
  const m: OrgMention = { name, start: 0, end: 0, kind: 'school', scope: 'self' };
  return { name, kind: 'school', first: m, aliases: [] };
}

/** One entry per name: the first mention, preferring an appositive title at the same place. */
function extractPeople(ctx: Ctx): ExtractedPerson[] {
  const hits = ctx.lang === 'zh-CN' ? zhPeople(ctx) : enPeople(ctx);
  hits.sort((a, b) => a.start - b.start || b.priority - a.priority);
  const out: ExtractedPerson[] = [];
  const seen = new Map<string, ExtractedPerson>();
  for (const h of hits) {
    if (inMetaLine(ctx.doc, h.start)) continue;
    const prior = seen.get(h.name);
    if (prior) {
      if (!prior.organization && h.org) prior.organization = h.org;
      continue;
    }
    const p: ExtractedPerson = {
      name: h.name,
      title: h.title,
      organization: h.org ?? defaultPersonOrg(ctx, h),
      evidence: mkSpan(ctx.doc, h.start, h.end),
    };
    seen.set(h.name, p);
    out.push(p);
  }
  return out;
}

/** With no organisation written: college titles belong to the college, others to the nearest outside org. */
function defaultPersonOrg(ctx: Ctx, h: PersonHit): string | null {
  const selfLabel = ctx.selfName ?? (ctx.lang === 'zh-CN' ? '学院' : 'the college');
  const collegeTitle =
    ctx.lang === 'zh-CN'
      ? /^(?:党委书记|党委副书记|副校长|校长|常务副校长)$|[处科部室]|学院/.test(h.title ?? '')
      : EN_COLLEGE_TITLE.test(h.title ?? '');
  if (collegeTitle) return selfLabel;
  const before = ctx.orgs.filter((o) => o.first.start < h.start).at(-1) ?? ctx.orgs[0];
  return before?.name ?? selfLabel;
}

// ---------------------------------------------------------------------------------------------
// Delegation size, places, topics, outcomes
// ---------------------------------------------------------------------------------------------

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};
const ZH_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

function parseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const w = NUMBER_WORDS[s.toLowerCase()];
  if (w) return w;
  // Chinese numerals up to 99 (十二, 二十).
  if (/^[一二两三四五六七八九十]+$/.test(s)) {
    if (s === '十') return 10;
    const [a, b] = s.split('十');
    if (b === undefined) return ZH_DIGITS[a!] ?? null;
    return (a ? (ZH_DIGITS[a] ?? 1) : 1) * 10 + (b ? (ZH_DIGITS[b] ?? 0) : 0);
  }
  return null;
}

const NUM = String.raw`(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)`;
/** "a six-member delegation", "a 12-member team", "a delegation of 8"; 一行6人, 6人代表团. */
const DELEGATION_RES: Record<Lang, RegExp[]> = {
  en: [
    new RegExp(String.raw`\b${NUM}-(?:member|person|strong)\s+(?:delegation|team|group)`, 'i'),
    new RegExp(
      String.raw`\b(?:delegation|team|group) of ${NUM}\b(?!\s*(?:students|trainees|contestants|participants|athletes|teams|new|interns|teachers|staff|employees|workers|graduates))`,
      'i',
    ),
  ],
  'zh-CN': [/一行(\d+|[一二两三四五六七八九十]+)人/, /(\d+|[一二两三四五六七八九十]+)人(?:的)?代表团/],
};

function extractDelegation(ctx: Ctx): { size: number | null; evidence: Span | null } {
  const body = ctx.doc.slice(ctx.bodyStart);
  for (const re of DELEGATION_RES[ctx.lang]) {
    const m = re.exec(body);
    if (!m) continue;
    const n = parseNumber(m[1]!);
    if (n === null) continue;
    const start = ctx.bodyStart + m.index;
    return { size: n, evidence: mkSpan(ctx.doc, start, start + m[0].length) };
  }
  return { size: null, evidence: null };
}

/** English place nouns: a toured item must end with one. */
const EN_PLACE_NOUN =
  /\b(?:center|centre|lab|laboratory|laboratories|room|rooms|base|workshop|workshops|line|lines|station|hall|building|warehouse|museum|area|canteen|storeroom|farm|corridor|park|plant|site|zone|facility|facilities|hub|library|gymnasium|apartment|dormitory|garage|tower|showroom|exhibition hall|office)$/i;
/** "toured / visited / checked the X, the Y and the Z" and "showed … around the X". */
const EN_TOUR =
  /\b(?:toured|visited|checked|inspected|around|tour of|visit to)\s+(the\s+[^.;]*?)(?=,\s*(?:and\s+)?(?:where|watched|discussed|talked|reviewed|which|learned|saw|observed|met)\b|[.;]|$)/g;
const ZH_TOUR = /(?:参观|查看|考察)了([^，。；]+)/g;

function extractPlaces(ctx: Ctx): { name: string; evidence: Span }[] {
  const out: { name: string; evidence: Span }[] = [];
  const seen = new Set<string>();
  const add = (start: number, end: number) => {
    const [s, e] = trimRange(ctx.doc, start, end);
    const name = ctx.doc.slice(s, e);
    if (!name || seen.has(name)) return;
    if (ctx.orgs.some((o) => isAliasOf(ctx.lang, name, o))) return;
    seen.add(name);
    out.push({ name, evidence: mkSpan(ctx.doc, s, e) });
  };
  const body = ctx.doc.slice(ctx.bodyStart);
  const re = ctx.lang === 'zh-CN' ? ZH_TOUR : EN_TOUR;
  for (const m of body.matchAll(re)) {
    const listStart = ctx.bodyStart + m.index + m[0].indexOf(m[1]!);
    const list = m[1]!;
    const splitter =
      ctx.lang === 'zh-CN' ? /[、和及]/g : /,\s*(?:and\s+)?|\s+and\s+(?=(?:the|its|their|a)\s)/g;
    let pos = 0;
    const pieces: [number, number][] = [];
    for (const sm of list.matchAll(splitter)) {
      pieces.push([pos, sm.index]);
      pos = sm.index + sm[0].length;
    }
    pieces.push([pos, list.length]);
    for (const [a, b] of pieces) {
      let piece = list.slice(a, b);
      let offset = a;
      const lead =
        ctx.lang === 'zh-CN'
          ? /^(?:了|学院|企业|该校|公司|支队|我校|学校)?(?:的)?/
          : /^(?:the|its|their|a|an)\s+(?:(?:company|school|college|detachment|plant|park|bureau|university)['’]s\s+)?(?:new\s+)?/i;
      const lm = piece.match(lead);
      if (lm) {
        offset += lm[0].length;
        piece = piece.slice(lm[0].length);
      }
      if (ctx.lang === 'en' && !EN_PLACE_NOUN.test(piece.trim())) continue;
      if (ctx.lang === 'zh-CN' && (piece.length < 2 || piece.length > 20 || /等|情况|方式/.test(piece)))
        continue;
      add(listStart + offset, listStart + offset + piece.length);
    }
  }
  for (const place of ctx.gazetteer?.places ?? []) {
    const p = ctx.doc.indexOf(place, ctx.bodyStart);
    if (p >= 0) add(p, p + place.length);
  }
  return out;
}

/** "to discuss X", "discussions on X, Y and Z"; 就X进行交流, 围绕X等议题. */
const EN_TOPIC =
  /\b(?:to discuss|discussed|discussions on|discussion on|talks on|exchanged views on|views on|to explore|focused on|meeting with [^.]*? on|talks with [^.]*? on|cooperation in)\s+(?:the\s+)?([^.;]+?)(?=[.;]|,\s+(?:and\s+)?(?:the|it|he|she|they|which|where|with)\b|\s+(?:with|at|for the|as part)\b|$)/g;
const ZH_TOPIC = /(?:就|围绕|在)([^。；]{2,60}?)(?:等)?(?:议题|方面|问题|事宜|工作)?(?:进行|开展|展开|加强)/g;

function extractTopics(ctx: Ctx): { name: string; evidence: Span }[] {
  const out: { name: string; evidence: Span }[] = [];
  const body = ctx.doc.slice(ctx.bodyStart);
  const re = ctx.lang === 'zh-CN' ? ZH_TOPIC : EN_TOPIC;
  for (const m of body.matchAll(re)) {
    if (out.length >= 4) break;
    const list = m[1]!;
    const listStart = ctx.bodyStart + m.index + m[0].lastIndexOf(list);
    const splitter = ctx.lang === 'zh-CN' ? /[、，]|和|及/g : /,\s*(?:and\s+)?|\s+and\s+/g;
    let pos = 0;
    const bounds: [number, number][] = [];
    for (const sm of list.matchAll(splitter)) {
      bounds.push([pos, sm.index]);
      pos = sm.index + sm[0].length;
    }
    bounds.push([pos, list.length]);
    for (const [a, b] of bounds) {
      if (out.length >= 4) break;
      const [s, e] = trimRange(ctx.doc, listStart + a, listStart + b);
      let name = ctx.doc.slice(s, e).replace(/^(?:the|its|their)\s+/i, '');
      if (ctx.lang === 'zh-CN') name = name.replace(/等$/, '');
      const words = ctx.lang === 'zh-CN' ? name.length : name.split(/\s+/).length;
      if (words < 2 || words > (ctx.lang === 'zh-CN' ? 14 : 8)) continue;
      if (/^\d|^[A-Z][a-z]+ \d/.test(name) || out.some((t) => t.name === name)) continue;
      out.push({ name, evidence: mkSpan(ctx.doc, s, e) });
    }
  }
  return out;
}

/**
 * Outcome triggers. English: "agreed to/that/on", "reached consensus/agreement on", "Under/According
 * to the agreement, …", commitments ("X will/would provide …"), and results ("launched", "released",
 * "donated", "offered", "was appointed", "reached … agreements", "brought … job openings").
 * Chinese: 商定, 达成共识/一致意见/意向, 同意, 根据/按照协议, 表示将/将为, 承诺, 发布了, 发放了, 签订了, 举行了…仪式.
 */
const EN_OUTCOME_TRIGGERS: RegExp[] = [
  /\b(?:agreed|agree)\s+(?:to|that|on)\s+/g,
  /\breached (?:a )?(?:consensus|agreement|an agreement) on\s+/g,
  /\b(?:Under|According to) the (?:agreement|memorandum|contract|plan),\s+/g,
  // "X said (that) the base will host …": a stated commitment.
  /\bsaid (?:that )?(?=[^.]*\b(?:will|would) (?!not\b|be able\b))/g,
];
const EN_OUTCOME_CLAUSE =
  /(?:^|[,;]\s+|\band\s+|\bthat\s+)((?:[A-Z]?[\w'’-]+\s+){0,6}?(?:will|would)\s+(?:also\s+)?(?:provide|offer|send|invest|assign|take|host|sponsor|receive|donate|build|set up|establish|enrol|enroll|launch|open|recruit|jointly|co-\w+|deliver|become|run|be offered)\b[^.;]*)|\b((?:launched|released|donated|offered|joined|elected|reached preliminary|brought \d+|was appointed|were appointed)\b[^.;]*)/g;
const ZH_OUTCOME_TRIGGERS: RegExp[] = [
  /(?:双方|会议|三方)?(?:商定|同意|达成初步意向|约定)[，,：:]?/g,
  /(?:根据|按照|依据)(?:协议|合同|备忘录)[，,]/g,
  /表示[，,]?(?=[^。]*将)|承诺|(?:将为|将于|将每年|将投入|将在|将由|将尽快|将共建|将联合)/g,
  /就[^。]{2,40}?达成(?:共识|一致意见|一致)/g,
  /(?:发布了|发放了|签订了|举行了[^。]{0,40}?成立仪式)/g,
];

function extractOutcomes(ctx: Ctx): { text: string; evidence: Span }[] {
  return ctx.lang === 'zh-CN' ? zhOutcomes(ctx) : enOutcomes(ctx);
}

function pushOutcome(ctx: Ctx, out: { text: string; evidence: Span }[], start: number, end: number): void {
  let [s, e] = trimRange(ctx.doc, start, end);
  while (e > s && /[.,;。，；:：]/.test(ctx.doc[e - 1]!)) e--;
  const text = ctx.doc.slice(s, e);
  const minLen = ctx.lang === 'zh-CN' ? 4 : 12;
  if (text.length < minLen) return;
  if (out.some((o) => o.evidence.start <= s && o.evidence.end >= e)) return;
  for (let i = out.length - 1; i >= 0; i--) {
    if (s <= out[i]!.evidence.start && e >= out[i]!.evidence.end) out.splice(i, 1);
  }
  out.push({ text, evidence: mkSpan(ctx.doc, s, e) });
}

/** Splits "X, Y and to Z" after a trigger into clauses with offsets. */
function splitClauses(text: string, lang: Lang): [number, number][] {
  const re =
    lang === 'zh-CN'
      ? /[，；：]|并(?=[^，。]{2})/g
      : /,\s+(?:and\s+)?(?:to\s+|that\s+)?|\s+and\s+(?:to|that)\s+|;\s+/g;
  const out: [number, number][] = [];
  let pos = 0;
  for (const m of text.matchAll(re)) {
    out.push([pos, m.index]);
    pos = m.index + m[0].length;
  }
  out.push([pos, text.length]);
  if (lang === 'zh-CN') return out;
  // A list item of a few words ("…, fire safety, logistics") is not a clause: merge it back.
  const merged: [number, number][] = [];
  for (const c of out) {
    const words = text.slice(c[0], c[1]).trim().split(/\s+/).length;
    const prev = merged.at(-1);
    if (prev && words < 4) prev[1] = c[1];
    else merged.push([c[0], c[1]]);
  }
  return merged;
}

function enOutcomes(ctx: Ctx): { text: string; evidence: Span }[] {
  const out: { text: string; evidence: Span }[] = [];
  for (const s of ctx.sentences) {
    for (const re of EN_OUTCOME_TRIGGERS) {
      for (const m of s.text.matchAll(re)) {
        const from = m.index + m[0].length;
        const rest = s.text.slice(from);
        for (const [a, b] of splitClauses(rest, 'en'))
          pushOutcome(ctx, out, s.start + from + a, s.start + from + b);
      }
    }
    for (const m of s.text.matchAll(EN_OUTCOME_CLAUSE)) {
      const clause = m[1] ?? m[2]!;
      const at = s.start + m.index + m[0].indexOf(clause);
      const parts = splitClauses(clause, 'en');
      for (const [a, b] of parts) pushOutcome(ctx, out, at + a, at + b);
    }
  }
  return out;
}

function zhOutcomes(ctx: Ctx): { text: string; evidence: Span }[] {
  const out: { text: string; evidence: Span }[] = [];
  for (const s of ctx.sentences) {
    for (const re of ZH_OUTCOME_TRIGGERS) {
      for (const m of s.text.matchAll(re)) {
        // Consensus phrases keep their own words ("就…达成共识"); other triggers start the clause after them.
        const keep = /^就|^发布|^发放|^签订|^举行/.test(m[0]);
        const from = keep ? m.index : m.index + m[0].length;
        const rest = s.text.slice(from);
        let clauses = splitClauses(rest, 'zh-CN');
        // After 表示 only the promise counts ("…表示，学院将…"), not the opinion around it.
        if (m[0].startsWith('表示')) clauses = clauses.filter(([a, b]) => rest.slice(a, b).includes('将'));
        for (const [a, b] of clauses) pushOutcome(ctx, out, s.start + from + a, s.start + from + b);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cooperation decision and confidence
// ---------------------------------------------------------------------------------------------

/** Internal-news cues: shown as evidence when no outside partner is involved. */
const INTERNAL_CUES: Record<Lang, RegExp> = {
  en: /\b(?:freshm[ae]n|new students|graduation|military training|Party (?:Committee|discipline|members)|study session|Track and Field|Games|sports meet|induction training|new staff|evacuation drill|fire drill|work meeting for|teaching competition|skills contest of the college|holiday|Notice|Reading Festival|inspect\w*|supervis\w*)\b/i,
  'zh-CN':
    /新生|毕业典礼|军训|党纪|学习教育|读书班|运动会|教师教学能力|新教职工|疏散演练|消防演练|教学工作会议|放假|通知|督导|检查|技能大赛|读书节/,
};
/** Superior education authorities: their inspections and supervision are not cooperation. */
const EDU_AUTHORITY =
  /Education (?:Commission|Bureau|Department)|Education Supervision|教育局|教育委员会|教委|教育厅|督导/;
const INSPECTION = /\b(?:inspect\w*|supervis\w*|checks?|checked)\b|督导|检查|评估/i;

function decideCooperation(ctx: Ctx, type: EventType): { value: boolean; evidence: Span[] } {
  const body = ctx.doc.slice(ctx.bodyStart);
  const titleText = ctx.doc.slice(0, ctx.bodyStart);
  const inspection =
    INSPECTION.test(titleText) || (type === 'visit_inbound' && INSPECTION.test(body.slice(0, 300)));
  const cooperating = ctx.orgs.filter((o) => !(inspection && EDU_AUTHORITY.test(o.name)));
  if (cooperating.length > 0) {
    return { value: true, evidence: cooperating.map((o) => mkSpan(ctx.doc, o.first.start, o.first.end)) };
  }
  const cue = INTERNAL_CUES[ctx.lang].exec(ctx.doc);
  return { value: false, evidence: cue ? [mkSpan(ctx.doc, cue.index, cue.index + cue[0].length)] : [] };
}

function scoreConfidence(x: Omit<Extraction, 'confidence'>): number {
  if (!x.isCooperation) return 0.1;
  let c = 0.35;
  if (x.date) c += 0.15;
  if (x.eventTypeEvidence) c += 0.15;
  if (x.organizations.length > 0) c += 0.15;
  if (x.people.length > 0) c += 0.1;
  if (x.outcomes.length > 0 || x.placesVisited.length > 0) c += 0.1;
  return Math.round(Math.min(1, c) * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

export function extractEngagement(input: ExtractionInput): Extraction {
  const doc = buildDocument(input.title, input.text);
  const bodyStart = (input.title ?? '').length + 2;
  const lang: Lang = input.language ?? detectLanguage(doc);
  const ctx: Ctx = {
    doc,
    lang,
    bodyStart,
    sentences: splitSentences(doc, bodyStart, lang),
    published: input.published ?? null,
    url: input.url ?? null,
    selfName: null,
    orgs: [],
    gazetteer: input.gazetteer,
  };
  const { orgs, selfName } = collectOrgs(ctx);
  ctx.orgs = orgs;
  ctx.selfName = selfName;

  const date = extractDate(ctx);
  const event = extractEventType(ctx);
  const cooperation = decideCooperation(ctx, event.type);
  const delegation = extractDelegation(ctx);
  const result: Omit<Extraction, 'confidence'> = {
    language: lang,
    isCooperation: cooperation.value,
    isCooperationEvidence: cooperation.evidence,
    date: date.date,
    dateEvidence: date.evidence,
    eventType: event.type,
    eventTypeEvidence: event.evidence,
    organizations: orgs.map((o) => ({
      name: o.name,
      kind: o.kind,
      role: assignRole(ctx, event.type, o),
      evidence: mkSpan(doc, o.first.start, o.first.end),
    })),
    people: extractPeople(ctx),
    delegationSize: delegation.size,
    delegationEvidence: delegation.evidence,
    placesVisited: extractPlaces(ctx),
    topics: extractTopics(ctx),
    outcomes: extractOutcomes(ctx),
  };
  return { ...result, confidence: scoreConfidence(result) };
}
