import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import type { HistoryItem } from '../../platform/history-item.ts';
import { facts, programs } from './programs.table.ts';

/** Moves every program partner and fact that names organization `fromId` over to `toId`; returns the rows changed. */
export async function moveOrganizationReferences(
  scope: TenantScope,
  fromId: string,
  toId: string,
): Promise<number> {
  if (fromId === toId) return 0;
  const rows = await scope.select(programs, {
    where: sql`${fromId}::uuid = any(${programs.organizationIds})`,
  });
  let changed = 0;
  for (const row of rows) {
    const next = [...new Set(row.organizationIds.map((id) => (id === fromId ? toId : id)))];
    changed += await scope.updateRaw(programs, eq(programs.id, row.id), {
      organizationIds: next,
      updatedAt: new Date(),
    });
  }
  changed += await scope.updateRaw(facts, eq(facts.organizationId, fromId), {
    organizationId: toId,
    updatedAt: new Date(),
  });
  return changed;
}

/** The programs listing an organization as partner, for its history. */
export async function historyOfOrganization(
  scope: TenantScope,
  organizationId: string,
): Promise<HistoryItem[]> {
  const rows = await scope.select(programs, {
    where: and(sql`${organizationId}::uuid = any(${programs.organizationIds})`, isNull(programs.deletedAt)),
  });
  return rows.map((r) => ({
    kind: 'program' as const,
    id: r.id,
    date: r.startOn ?? r.createdAt.toISOString().slice(0, 10),
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    status: r.status,
  }));
}
