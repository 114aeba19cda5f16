import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import type { HistoryItem } from '../../platform/history-item.ts';
import { agreementParties, agreements } from './agreements.table.ts';

/** Today's date (YYYY-MM-DD, UTC). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The status an agreement has now: past valid_to it is expired even before the job runs. */
export function effectiveAgreementStatus(
  row: { status: string; validTo: string | null },
  on = today(),
): string {
  if (row.validTo && row.validTo < on && ['signed', 'active'].includes(row.status)) return 'expired';
  return row.status;
}

/** Moves every agreement party that is organization `fromId` over to `toId`; returns the rows changed. */
export async function moveOrganizationReferences(
  scope: TenantScope,
  fromId: string,
  toId: string,
): Promise<number> {
  if (fromId === toId) return 0;
  return scope.updateRaw(agreementParties, eq(agreementParties.organizationId, fromId), {
    organizationId: toId,
    updatedAt: new Date(),
  });
}

/** The agreements an organization is a party to, for its history. */
export async function historyOfOrganization(
  scope: TenantScope,
  organizationId: string,
): Promise<HistoryItem[]> {
  const parties = await scope.select(agreementParties, {
    where: eq(agreementParties.organizationId, organizationId),
  });
  const ids = [...new Set(parties.map((p) => p.agreementId))];
  if (ids.length === 0) return [];
  const rows = await scope.select(agreements, {
    where: and(inArray(agreements.id, ids), isNull(agreements.deletedAt)),
  });
  return rows.map((r) => ({
    kind: 'agreement' as const,
    id: r.id,
    date: r.signedOn ?? r.validFrom ?? r.createdAt.toISOString().slice(0, 10),
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    status: effectiveAgreementStatus(r),
  }));
}
