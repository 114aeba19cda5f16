// TEMPORARY: stands in for engagements.schema.ts until the backend schema lands.
export const engagementTypes = [
  'visit_inbound',
  'visit_outbound',
  'meeting',
  'signing',
  'forum',
  'training',
  'competition',
  'ceremony',
  'other',
] as const;
export type EngagementType = (typeof engagementTypes)[number];
export const participantSides = ['ours', 'theirs'] as const;
export const participantRoles = ['led', 'received', 'attended', 'presided', 'spoke', 'signed'] as const;
export const organizationRoles = ['host', 'guest', 'partner', 'mentioned'] as const;
export const outcomeKinds = ['consensus', 'signed_document', 'other'] as const;

interface Named {
  id: string;
  nameZh: string;
  nameEn: string;
}
export interface EngagementOutput {
  id: string;
  version: number;
  type: EngagementType;
  titleZh: string;
  titleEn: string;
  startsOn: string;
  startsAt: string | null;
  endsOn: string | null;
  location: string | null;
  hostOrgUnitId: string | null;
  hostOrgUnit?: Named | null;
  purpose: string | null;
  summary: string | null;
  delegationSize: number | null;
  topics: string[];
  facilityIds: string[];
  facilities?: Named[];
  organizations: {
    organizationId: string;
    role: (typeof organizationRoles)[number];
    organization?: Named | null;
  }[];
  participants: {
    personId: string;
    person?: Named | null;
    organizationId: string | null;
    side: (typeof participantSides)[number];
    role: (typeof participantRoles)[number];
    titleZh: string | null;
    titleEn: string | null;
  }[];
  outcomes: {
    id: string;
    kind: (typeof outcomeKinds)[number];
    text: string;
    commitmentId: string | null;
    agreementId: string | null;
    programId: string | null;
  }[];
}
export type EngagementInput = Omit<
  EngagementOutput,
  'id' | 'version' | 'hostOrgUnit' | 'facilities' | 'outcomes'
> & {
  outcomes: { id?: string; kind: (typeof outcomeKinds)[number]; text: string }[];
};
