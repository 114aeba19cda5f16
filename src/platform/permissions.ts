/** The roles of PRODUCT.md, in the order the admin shows them. */
export const roles = [
  'platform_admin',
  'college_admin',
  'cooperation_officer',
  'department_liaison',
  'editor',
  'reviewer',
  'viewer',
] as const;
export type Role = (typeof roles)[number];

/** Everything a route can require. */
export const permissions = [
  'tenants.manage',
  'users.manage',
  'audit.read',
  'settings.manage',
  'records.read',
  'records.write',
  'news.read',
  'news.write',
  'news.review',
  'news.publish',
  'media.write',
  'reports.read',
  'imports.run',
] as const;
export type Permission = (typeof permissions)[number];

const all = permissions.filter((p) => p !== 'tenants.manage');

/** What each role may do. Department liaisons are further limited to their departments' records. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  platform_admin: permissions,
  college_admin: all,
  cooperation_officer: [
    'records.read',
    'records.write',
    'news.read',
    'reports.read',
    'imports.run',
    'audit.read',
  ],
  department_liaison: ['records.read', 'records.write', 'news.read', 'reports.read'],
  editor: ['records.read', 'news.read', 'news.write', 'media.write'],
  reviewer: ['records.read', 'news.read', 'news.review', 'news.publish', 'reports.read'],
  viewer: ['records.read', 'news.read', 'reports.read'],
};

/** The union of the permissions of some roles. */
export function permissionsOf(userRoles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of userRoles) for (const p of rolePermissions[role as Role] ?? []) granted.add(p);
  return granted;
}

/** Tells whether the roles grant a permission. */
export function can(userRoles: readonly string[], permission: Permission): boolean {
  return permissionsOf(userRoles).has(permission);
}
