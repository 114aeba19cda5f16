import dayjs, { type Dayjs } from 'dayjs';
import type { EngagementInput, EngagementOutput } from '../engagements.schema.ts';

type Lists = Required<Pick<EngagementInput, 'organizations' | 'participants' | 'outcomes'>>;

/** The engagement form's values, as antd holds them (dates as Dayjs). */
export interface Values {
  type: EngagementOutput['type'];
  titleZh: string;
  titleEn?: string;
  startsOn: Dayjs;
  startsAt?: Dayjs | null;
  endsOn?: Dayjs | null;
  location?: string;
  locationEn?: string;
  hostOrgUnitId?: string;
  purpose?: string;
  purposeEn?: string;
  summary?: string;
  summaryEn?: string;
  delegationSize?: number | null;
  topics: string[];
  topicsEn: string[];
  facilityIds: string[];
  organizations: Lists['organizations'];
  participants: Lists['participants'];
  outcomes: Lists['outcomes'];
}
/** Every field of the form, for placing server errors on the right one. */
export const fieldNames = [
  'type',
  'titleZh',
  'titleEn',
  'startsOn',
  'startsAt',
  'endsOn',
  'location',
  'locationEn',
  'hostOrgUnitId',
  'purpose',
  'purposeEn',
  'summary',
  'summaryEn',
  'delegationSize',
  'topics',
  'topicsEn',
  'facilityIds',
  'organizations',
  'participants',
  'outcomes',
] as const;

/** Fills the form from a saved engagement. */
export function toValues(e: EngagementOutput): Values {
  return {
    type: e.type,
    titleZh: e.titleZh,
    titleEn: e.titleEn,
    startsOn: dayjs(e.startsOn),
    startsAt: e.startsAt ? dayjs(`2000-01-01T${e.startsAt}`) : null,
    endsOn: e.endsOn ? dayjs(e.endsOn) : null,
    location: e.location ?? '',
    locationEn: e.locationEn ?? '',
    hostOrgUnitId: e.hostOrgUnitId ?? undefined,
    purpose: e.purpose ?? '',
    purposeEn: e.purposeEn ?? '',
    summary: e.summary ?? '',
    summaryEn: e.summaryEn ?? '',
    delegationSize: e.delegationSize,
    topics: e.topics,
    topicsEn: e.topicsEn,
    facilityIds: e.facilityIds,
    organizations: e.organizations.map((o) => ({ organizationId: o.organizationId, role: o.role })),
    participants: e.participants.map((p) => ({
      personId: p.personId,
      organizationId: p.organizationId,
      side: p.side,
      role: p.role,
      titleZh: p.titleZh,
      titleEn: p.titleEn,
    })),
    outcomes: e.outcomes.map((o) => ({ id: o.id, kind: o.kind, text: o.text, textEn: o.textEn ?? '' })),
  };
}

/** Turns the form values into the API input: trimmed text, blanks as null, dates as ISO strings. */
export function toInput(v: Values): EngagementInput {
  const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  return {
    type: v.type,
    titleZh: v.titleZh.trim(),
    titleEn: v.titleEn?.trim() ?? '',
    startsOn: v.startsOn.format('YYYY-MM-DD'),
    startsAt: v.startsAt ? v.startsAt.format('HH:mm') : null,
    endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
    location: blank(v.location),
    locationEn: blank(v.locationEn),
    hostOrgUnitId: v.hostOrgUnitId ?? null,
    purpose: blank(v.purpose),
    purposeEn: blank(v.purposeEn),
    summary: blank(v.summary),
    summaryEn: blank(v.summaryEn),
    delegationSize: v.delegationSize ?? null,
    topics: v.topics ?? [],
    topicsEn: v.topicsEn ?? [],
    facilityIds: v.facilityIds ?? [],
    organizations: (v.organizations ?? []).map((o) => ({ organizationId: o.organizationId, role: o.role })),
    participants: (v.participants ?? []).map((p) => ({
      personId: p.personId,
      organizationId: p.organizationId ?? null,
      side: p.side,
      role: p.role,
      titleZh: blank(p.titleZh ?? undefined),
      titleEn: blank(p.titleEn ?? undefined),
    })),
    outcomes: (v.outcomes ?? []).map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      kind: o.kind,
      text: o.text.trim(),
      textEn: blank(o.textEn ?? undefined),
    })),
  };
}
