import { type MessageKey, translate } from '../../i18n/i18n.ts';
import type { EngagementOutput } from '../engagements/engagements.schema.ts';
import type { ArticleLocale } from './articles.schema.ts';
import { escapeHtml } from './rich-text.ts';

/*
 * A news draft written from an engagement record: who came or went (organizations, people with the
 * titles they held that day, who led, who received them), when, where, what was toured, discussed
 * and agreed. Every sentence is a whole template in the i18n catalogue (`articles.draft.*`); only
 * names, dates and lists are filled in. A draft uses the record's text in its own language only;
 * names fall back to the other language, and what was missing is listed for the editor.
 */

type Participant = EngagementOutput['participants'][number];

/** A place of the engagement (facility) with its names. */
export interface DraftPlace {
  nameZh: string;
  nameEn: string;
}

/** The parts of a record a draft may find only in the other language. */
export const draftParts = ['title', 'names', 'location', 'purpose', 'topics', 'summary', 'outcomes'] as const;
export type DraftPart = (typeof draftParts)[number];

/**
 * The draft's title, summary (plain text), body (HTML) and tags, and the parts of the record that
 * exist only in the other language: those are left out of the draft (a title or a name is kept as
 * it is, having nothing to stand in for it) rather than mixing languages, and the editor is told.
 */
export interface EngagementDraft {
  title: string;
  summary: string;
  bodyHtml: string;
  tags: string[];
  untranslated: DraftPart[];
}

function pick(locale: ArticleLocale, zh: string | null | undefined, en: string | null | undefined): string {
  return (locale === 'en' ? en || zh : zh || en) ?? '';
}

/** A list of names in the language's own way: `A、B和C` / `A, B and C`. */
export function formatList(locale: ArticleLocale, items: readonly string[]): string {
  return new Intl.ListFormat(locale === 'en' ? 'en-GB' : 'zh', { style: 'long', type: 'conjunction' }).format(
    items,
  );
}

/** A date (YYYY-MM-DD) as news writes it: `2023年11月18日` / `18 November 2023`. */
export function formatNewsDate(locale: ArticleLocale, day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (locale !== 'en') return `${y}年${m}月${d}日`;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y!, (m ?? 1) - 1, d)));
}

/** Writes a news draft from an engagement record in one language. */
export function composeEngagementDraft(
  engagement: EngagementOutput,
  places: readonly DraftPlace[],
  locale: ArticleLocale,
): EngagementDraft {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    translate(locale, `articles.draft.${key}` as MessageKey, params);
  const list = (items: readonly string[]) => formatList(locale, items);
  const untranslated = new Set<DraftPart>();
  const en = locale === 'en';
  /** A text in the draft's language only; noted as untranslated when only the other language has it. */
  const own = (
    part: DraftPart,
    zh: string | null | undefined,
    english: string | null | undefined,
  ): string => {
    const mine = (en ? english : zh)?.trim() ?? '';
    const other = (en ? zh : english)?.trim() ?? '';
    if (!mine && other) untranslated.add(part);
    return mine;
  };
  /** A name: in the draft's language, else as the record has it (noted). */
  const name = (zh: string | null | undefined, english: string | null | undefined): string => {
    const mine = (en ? english : zh)?.trim();
    if (mine) return mine;
    const other = pick(locale, zh, english);
    if (other) untranslated.add('names');
    return other;
  };
  const orgName = new Map(engagement.organizations.map((o) => [o.organizationId, name(o.nameZh, o.nameEn)]));
  const title =
    own('title', engagement.titleZh, engagement.titleEn) ||
    pick(locale, engagement.titleZh, engagement.titleEn);
  const inbound = engagement.type === 'visit_inbound';
  const outbound = engagement.type === 'visit_outbound';
  // The organizations the lead sentence names: the visitors (inbound), the hosts (outbound), else all but mentioned.
  const named = engagement.organizations.filter((o) =>
    inbound
      ? o.role === 'guest' || o.role === 'partner'
      : outbound
        ? o.role === 'host' || o.role === 'partner'
        : o.role !== 'mentioned',
  );
  const subjects = (named.length ? named : engagement.organizations).filter((o) => o.role !== 'mentioned');
  const subjectIds = new Set(subjects.map((o) => o.organizationId));
  const person = (p: Participant): string => {
    const personName = name(p.nameZh, p.nameEn);
    const title = name(p.titleZh, p.titleEn);
    if (!title) return personName;
    const org =
      p.organizationId && !subjectIds.has(p.organizationId) ? orgName.get(p.organizationId) : undefined;
    return org
      ? t('personWithOrganization', { name: personName, title, organization: org })
      : t('personWithTitle', { name: personName, title });
  };
  const people = (ps: Participant[]) => list(ps.map(person));
  const byRole = (side: 'ours' | 'theirs' | null, ...roles: string[]) =>
    engagement.participants.filter((p) => (side === null || p.side === side) && roles.includes(p.role));

  const date = formatNewsDate(locale, engagement.startsOn);
  const organizations = list(subjects.map((o) => orgName.get(o.organizationId) ?? ''));
  const size = engagement.delegationSize ?? 0;
  const mentioned = new Set<string>();
  const sentences: string[] = [];

  let lead: string;
  let receivers: Participant[] = [];
  if ((inbound || outbound) && subjects.length > 0) {
    const leaders = inbound ? byRole('theirs', 'led') : byRole(null, 'led');
    receivers = inbound ? byRole('ours', 'received', 'presided') : byRole('theirs', 'received');
    const kind = inbound ? 'Inbound' : 'Outbound';
    if (leaders.length === 0) lead = t(`lead${kind}NoLeader`, { date, organizations });
    else if (size > 0) lead = t(`lead${kind}`, { date, organizations, leaders: people(leaders), size });
    else lead = t(`lead${kind}NoSize`, { date, organizations, leaders: people(leaders) });
    for (const p of leaders) mentioned.add(p.id);
  } else {
    lead =
      subjects.length > 0
        ? t('leadOther', { date, organizations, title })
        : t('leadOtherAlone', { date, title });
  }
  sentences.push(lead);
  if (receivers.length) {
    sentences.push(t(inbound ? 'receivedInbound' : 'receivedOutbound', { receivers: people(receivers) }));
    for (const p of receivers) mentioned.add(p.id);
  }
  const others = engagement.participants.filter((p) => !mentioned.has(p.id));
  if (others.length) sentences.push(t('attended', { people: people(others) }));
  const firstParagraph = sentences.join(locale === 'en' ? ' ' : '');

  const paragraphs: string[] = [firstParagraph];
  const second: string[] = [];
  const location = own('location', engagement.location, engagement.locationEn);
  if (location) second.push(t('location', { location }));
  const purpose = own('purpose', engagement.purpose, engagement.purposeEn);
  if (purpose) second.push(t('purpose', { purpose: purpose.replace(/[。.]$/, '') }));
  if (places.length) {
    second.push(
      t(inbound ? 'touredInbound' : 'touredOutbound', {
        places: list(places.map((p) => name(p.nameZh, p.nameEn))),
      }),
    );
  }
  if (second.length) paragraphs.push(second.join(en ? ' ' : ''));
  const topicList = (en ? engagement.topicsEn : engagement.topics).filter((x) => x.trim().length > 0);
  if (topicList.length === 0 && (en ? engagement.topics : engagement.topicsEn).length > 0)
    untranslated.add('topics');
  const topics = topicList.length ? t('topics', { topics: list(topicList) }) : '';
  if (topics) paragraphs.push(topics);
  const recordSummary = own('summary', engagement.summary, engagement.summaryEn);
  if (recordSummary) paragraphs.push(t('recordSummary', { summary: recordSummary }));

  let bodyHtml = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const outcomes = engagement.outcomes
    .map((o) => own('outcomes', o.text, o.textEn))
    .filter((text) => text.length > 0);
  if (outcomes.length) {
    bodyHtml += `<p>${escapeHtml(t('outcomesIntro'))}</p><ul>${outcomes
      .map((o) => `<li><p>${escapeHtml(o)}</p></li>`)
      .join('')}</ul>`;
  }
  const summary = [lead, topics].filter(Boolean).join(locale === 'en' ? ' ' : '');
  return {
    title,
    summary: summary.slice(0, 2000),
    bodyHtml,
    tags: topicList.filter((x) => x.length <= 50).slice(0, 20),
    untranslated: draftParts.filter((part) => untranslated.has(part)),
  };
}
