import ical, { type ICalCalendar } from 'ical-generator';
import type { Locale } from '../../i18n/i18n.ts';
import { translate } from '../../i18n/i18n.ts';
import type { CommitmentListItem } from '../commitments/commitments.schema.ts';
import type { EngagementOutput } from '../engagements/engagements.schema.ts';

/** The college's time zone: engagements keep the local date and time they happen at. */
export const collegeTimeZone = 'Asia/Shanghai';

/** China has kept UTC+8 without daylight saving since 1991: one standard observance describes it. */
const shanghaiZone = [
  'BEGIN:VTIMEZONE',
  `TZID:${collegeTimeZone}`,
  'BEGIN:STANDARD',
  'DTSTART:19910915T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** How long a timed engagement lasts in a calendar when only its start was recorded. */
const defaultDurationMinutes = 60;

/** An agreement's end date as a calendar shows it, with its parties' names. */
export interface CalendarAgreement {
  id: string;
  titleZh: string;
  titleEn: string;
  validTo: string | null;
  version: number;
  updatedAt: string;
  parties: readonly { nameZh: string; nameEn: string | null }[];
}

/** What a calendar shows. */
export interface CalendarEntries {
  engagements: readonly EngagementOutput[];
  commitments: readonly CommitmentListItem[];
  agreements: readonly CalendarAgreement[];
}

/** How a calendar is written: its name and language, and where its links point. */
export interface CalendarOptions {
  name: string;
  locale: Locale;
  /** The site's origin (`https://host`), for links back to the records. */
  origin: string;
  now?: Date;
}

const pick = (locale: Locale, zh: string | null | undefined, en: string | null | undefined) =>
  (locale === 'en' ? en || zh : zh || en) ?? '';

/**
 * A local date and time of the college as ical-generator wants it beside a TZID: it writes the
 * date's fields in the server's own time zone, so the college's wall-clock fields are given as
 * the server's local ones (the feed is the same whatever time zone the server runs in).
 */
function wallClock(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, hh, mm);
}

/** A calendar date as a day (all-day events, written from the date's UTC fields); `plusDays` moves it. */
function day(date: string, plusDays = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays));
}

function addEngagement(cal: ICalCalendar, e: EngagementOutput, host: string, options: CalendarOptions) {
  const { locale, origin } = options;
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string>) =>
    translate(locale, key, params);
  const names = (side: 'ours' | 'theirs') =>
    e.participants
      .filter((p) => p.side === side)
      .map((p) => {
        const name = pick(locale, p.nameZh, p.nameEn);
        const title = pick(locale, p.titleZh, p.titleEn);
        if (!title) return name;
        return locale === 'en' ? `${name} (${title})` : `${name}（${title}）`;
      })
      .join(locale === 'en' ? ', ' : '、');
  const url = `${origin}/admin/engagements/${e.id}`;
  const description = [
    e.hostOrgUnitId
      ? t('calendarFeed.host', { department: pick(locale, e.hostOrgUnitNameZh, e.hostOrgUnitNameEn) })
      : '',
    e.organizations.length
      ? t('calendarFeed.partners', {
          names: e.organizations
            .map((o) => pick(locale, o.nameZh, o.nameEn))
            .join(locale === 'en' ? ', ' : '、'),
        })
      : '',
    names('ours') ? t('calendarFeed.ours', { names: names('ours') }) : '',
    names('theirs') ? t('calendarFeed.theirs', { names: names('theirs') }) : '',
    pick(locale, e.purpose, e.purposeEn)
      ? t('calendarFeed.purpose', { text: pick(locale, e.purpose, e.purposeEn) })
      : '',
    t('calendarFeed.open', { url }),
  ].filter(Boolean);
  const timed = Boolean(e.startsAt) && (!e.endsOn || e.endsOn === e.startsOn);
  const start = timed ? wallClock(e.startsOn, e.startsAt as string) : day(e.startsOn);
  cal.createEvent({
    id: `engagement-${e.id}@${host}`,
    sequence: e.version,
    // The stamp is the record's last change, so an unchanged calendar is byte for byte the same (ETag).
    stamp: options.now ?? new Date(e.updatedAt),
    lastModified: new Date(e.updatedAt),
    summary: t('calendarFeed.engagement', { title: pick(locale, e.titleZh, e.titleEn) }),
    location: pick(locale, e.location, e.locationEn) || null,
    description: description.join('\n'),
    url,
    ...(timed
      ? {
          timezone: collegeTimeZone,
          start,
          end: new Date(
            start.getFullYear(),
            start.getMonth(),
            start.getDate(),
            start.getHours(),
            start.getMinutes() + defaultDurationMinutes,
          ),
        }
      : { allDay: true, start, end: day(e.endsOn ?? e.startsOn, 1) }),
  });
}

/** Writes an iCalendar (RFC 5545) document of engagements, commitment due dates and agreement end dates. */
export function renderCalendar(entries: CalendarEntries, options: CalendarOptions): string {
  const { locale, origin } = options;
  const host = new URL(origin).host;
  const cal = ical({ name: options.name, prodId: '//Concord//Calendar//EN', ttl: 3600 });
  cal.timezone({ name: null, generator: () => shanghaiZone });
  for (const e of entries.engagements) addEngagement(cal, e, host, options);
  for (const c of entries.commitments) {
    if (!c.dueOn) continue;
    const url = `${origin}/admin/commitments?open=${c.id}`;
    cal.createEvent({
      id: `commitment-${c.id}@${host}`,
      sequence: c.version,
      stamp: options.now ?? new Date(c.updatedAt),
      lastModified: new Date(c.updatedAt),
      allDay: true,
      start: day(c.dueOn),
      end: day(c.dueOn, 1),
      summary: translate(locale, 'calendarFeed.due', { text: c.text }),
      description: [
        c.ownerUserName ? translate(locale, 'calendarFeed.owner', { name: c.ownerUserName }) : '',
        translate(locale, 'calendarFeed.open', { url }),
      ]
        .filter(Boolean)
        .join('\n'),
      url,
    });
  }
  for (const a of entries.agreements) {
    if (!a.validTo) continue;
    const url = `${origin}/admin/agreements/${a.id}`;
    cal.createEvent({
      id: `agreement-${a.id}@${host}`,
      sequence: a.version,
      stamp: options.now ?? new Date(a.updatedAt),
      lastModified: new Date(a.updatedAt),
      allDay: true,
      start: day(a.validTo),
      end: day(a.validTo, 1),
      summary: translate(locale, 'calendarFeed.expires', { title: pick(locale, a.titleZh, a.titleEn) }),
      description: [
        a.parties.length
          ? translate(locale, 'calendarFeed.parties', {
              names: a.parties
                .map((p) => pick(locale, p.nameZh, p.nameEn))
                .join(locale === 'en' ? ', ' : '、'),
            })
          : '',
        translate(locale, 'calendarFeed.open', { url }),
      ]
        .filter(Boolean)
        .join('\n'),
      url,
    });
  }
  return cal.toString();
}
