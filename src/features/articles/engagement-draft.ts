import { type MessageKey, translate } from '../../i18n/i18n.ts';
import type { EngagementOutput } from '../engagements/engagements.schema.ts';
import type { ArticleLocale } from './articles.schema.ts';
import { escapeHtml } from './rich-text.ts';

/*
 * A news draft written from an engagement record: who came or went (organizations, people with the
 * titles they held that day, who led, who received them), when, where, what was toured, discussed
 * and agreed. Every sentence is a whole template in the i18n catalogue (`articles.draft.*`); only
 * names, dates and lists are filled in. English drafts use the record's English names and fall back
 * to the Chinese ones.
 */

type Participant = EngagementOutput['participants'][number];

/** A place of the engagement (facility) with its names. */
export interface DraftPlace {
  nameZh: string;
  nameEn: string;
}

/** The draft's title, summary (plain text), body (HTML) and tags. */
export interface EngagementDraft {
  title: string;
  summary: string;
  bodyHtml: string;
  tags: string[];
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
  const orgName = new Map(
    engagement.organizations.map((o) => [o.organizationId, pick(locale, o.nameZh, o.nameEn)]),
  );
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
    const name = pick(locale, p.nameZh, p.nameEn);
    const title = pick(locale, p.titleZh, p.titleEn);
    if (!title) return name;
    const org =
      p.organizationId && !subjectIds.has(p.organizationId) ? orgName.get(p.organizationId) : undefined;
    return org
      ? t('personWithOrganization', { name, title, organization: org })
      : t('personWithTitle', { name, title });
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
    const title = pick(locale, engagement.titleZh, engagement.titleEn);
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
  if (engagement.location) second.push(t('location', { location: engagement.location }));
  if (engagement.purpose) second.push(t('purpose', { purpose: engagement.purpose.replace(/[。.]$/, '') }));
  if (places.length) {
    second.push(
      t(inbound ? 'touredInbound' : 'touredOutbound', {
        places: list(places.map((p) => pick(locale, p.nameZh, p.nameEn))),
      }),
    );
  }
  if (second.length) paragraphs.push(second.join(locale === 'en' ? ' ' : ''));
  const topics = engagement.topics.length ? t('topics', { topics: list(engagement.topics) }) : '';
  if (topics) paragraphs.push(topics);
  if (engagement.summary) paragraphs.push(t('recordSummary', { summary: engagement.summary }));

  let bodyHtml = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const outcomes = engagement.outcomes.map((o) => o.text.trim()).filter(Boolean);
  if (outcomes.length) {
    bodyHtml += `<p>${escapeHtml(t('outcomesIntro'))}</p><ul>${outcomes
      .map((o) => `<li><p>${escapeHtml(o)}</p></li>`)
      .join('')}</ul>`;
  }
  const summary = [lead, topics].filter(Boolean).join(locale === 'en' ? ' ' : '');
  return {
    title: pick(locale, engagement.titleZh, engagement.titleEn),
    summary: summary.slice(0, 2000),
    bodyHtml,
    tags: engagement.topics.filter((x) => x.trim().length > 0 && x.length <= 50).slice(0, 20),
  };
}
