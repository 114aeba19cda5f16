import { and, eq, isNull } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import type { HistoryItem } from '../../platform/history-item.ts';
import { commitments } from './commitments.table.ts';

/** Today's date (YYYY-MM-DD, UTC). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Tells whether a commitment is overdue now: not done or dropped and past its due date. */
export function isOverdue(row: { status: string; dueOn: string | null }, on = today()): boolean {
  return row.status !== 'done' && row.status !== 'dropped' && row.dueOn !== null && row.dueOn < on;
}

/** Moves every commitment about organization `fromId` over to `toId`; returns the rows changed. */
export async function moveOrganizationReferences(
  scope: TenantScope,
  fromId: string,
  toId: string,
): Promise<number> {
  if (fromId === toId) return 0;
  return scope.updateRaw(commitments, eq(commitments.organizationId, fromId), {
    organizationId: toId,
    updatedAt: new Date(),
  });
}

/** The commitments about an organization, for its history. */
export async function historyOfOrganization(
  scope: TenantScope,
  organizationId: string,
): Promise<HistoryItem[]> {
  const rows = await scope.select(commitments, {
    where: and(eq(commitments.organizationId, organizationId), isNull(commitments.deletedAt)),
  });
  return rows.map((r) => ({
    kind: 'commitment' as const,
    id: r.id,
    date: r.dueOn ?? r.createdAt.toISOString().slice(0, 10),
    titleZh: r.text,
    titleEn: r.text,
    status: isOverdue(r) ? 'overdue' : r.status,
  }));
}
