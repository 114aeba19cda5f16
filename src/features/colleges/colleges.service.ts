import type { Database } from '../../db/client.ts';
import { systemCaller, TenantScope } from '../../db/tenant-scope.ts';
import { parseInput } from '../../platform/validation.ts';
import type { CollegeOutput } from '../tenants/tenants.schema.ts';
import { type CollegeChanger, createTenant, getCollege } from '../tenants/tenants.service.ts';
import { createUser } from '../users/users.service.ts';
import { type CreateCollegeInput, createCollegeInputSchema } from './colleges.schema.ts';

// Colleges sit above tenant scoping: the platform administrator manages them across the deployment.

/**
 * Adds a college, its public site at the host name and its first college administrator, in one
 * transaction: a taken slug, host name or a refused password leaves nothing behind. The new
 * administrator's timeline names the platform administrator who made the college.
 */
export async function createCollege(
  db: Database,
  input: CreateCollegeInput,
  by: CollegeChanger,
): Promise<CollegeOutput> {
  const data = parseInput(createCollegeInputSchema, input);
  const id = await db.transaction(async (tx) => {
    const tenant = await createTenant(
      tx as unknown as Database,
      {
        slug: data.slug,
        nameZh: data.nameZh,
        nameEn: data.nameEn,
        host: data.host,
      },
      by,
    );
    const maker = systemCaller(`platform: ${by.actor.name ?? 'administrator'}`, by.actor.requestId ?? null);
    await createUser(new TenantScope(tx as unknown as Database, tenant.id, maker), {
      email: data.admin.email,
      name: data.admin.name,
      password: data.admin.password,
      roles: ['college_admin'],
    });
    return tenant.id;
  });
  return getCollege(db, id);
}
