import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import type { HistoryItem } from '../../platform/history-item.ts';
import { engagementOrganizations, engagementParticipants, engagements } from './engagements.table.ts';

/** Moves every engagement reference to organization `fromId` over to `toId`; returns the rows changed. */
export async function moveOrganizationReferences(
  scope: TenantScope,
  fromId: string,
  toId: string,
): Promise<number> {
  if (fromId === toId) return 0;
  const links = await scope.updateRaw(
    engagementOrganizations,
    eq(engagementOrganizations.organizationId, fromId),
    { organizationId: toId, updatedAt: new Date() },
  );
  const people = await scope.updateRaw(
    engagementParticipants,
    eq(engagementParticipants.organizationId, fromId),
    { organizationId: toId, updatedAt: new Date() },
  );
  return links + people;
}

/** The engagements an organization took part in, for its history. */
export async function historyOfOrganization(
  scope: TenantScope,
  organizationId: string,
): Promise<HistoryItem[]> {
  const links = await scope.select(engagementOrganizations, {
    where: eq(engagementOrganizations.organizationId, organizationId),
  });
  const ids = [...new Set(links.map((l) => l.engagementId))];
  if (ids.length === 0) return [];
  const rows = await scope.select(engagements, {
    where: and(inArray(engagements.id, ids), isNull(engagements.deletedAt)),
  });
  return rows.map((r) => ({
    kind: 'engagement' as const,
    id: r.id,
    date: r.startsOn,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    status: r.type,
  }));
}
