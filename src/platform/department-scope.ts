import type { SessionUser } from './context.ts';

const collegeWide = new Set(['platform_admin', 'college_admin', 'cooperation_officer']);

/**
 * The departments whose records a caller may see and change, or null for the whole college.
 * Department liaisons are limited to their departments; read-only roles read everything (their
 * writes are refused by permission anyway).
 */
export function departmentLimit(user: SessionUser | null): string[] | null {
  if (!user) return null;
  if (user.roles.some((r) => collegeWide.has(r))) return null;
  if (user.roles.includes('department_liaison')) return user.orgUnitIds;
  return null;
}
