import { newId } from '../src/db/ids.ts';
import type { TenantScope } from '../src/db/tenant-scope.ts';
import { facilities, orgUnits } from '../src/features/org-units/org-units.table.ts';
import { organizations } from '../src/features/organizations/organizations.table.ts';
import { affiliations, people } from '../src/features/people/people.table.ts';

/** Makes a department of our college. */
export async function buildOrgUnit(scope: TenantScope, nameZh = '智能制造学院') {
  return scope.create(orgUnits, 'org_unit', { id: newId(), nameZh });
}

/** Makes a partner organization. */
export async function buildOrganization(scope: TenantScope, nameZh = '科思创聚合物（中国）有限公司') {
  return scope.create(organizations, 'organization', { id: newId(), kind: 'enterprise', nameZh });
}

/** Makes a facility (training center). */
export async function buildFacility(scope: TenantScope, nameZh = '实训中心') {
  return scope.create(facilities, 'facility', { id: newId(), nameZh });
}

/** Makes a person, optionally with a title at an organization from a date. */
export async function buildPerson(
  scope: TenantScope,
  nameZh: string,
  title?: { organizationId: string | null; titleZh: string; fromOn?: string | null; toOn?: string | null },
) {
  const person = await scope.create(people, 'person', { id: newId(), nameZh });
  if (title) {
    await scope.create(affiliations, 'affiliation', {
      id: newId(),
      personId: person.id,
      organizationId: title.organizationId,
      titleZh: title.titleZh,
      fromOn: title.fromOn ?? null,
      toOn: title.toOn ?? null,
    });
  }
  return person;
}

/** The day `days` from today (negative for the past), as YYYY-MM-DD. */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
