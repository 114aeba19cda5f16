import { z } from 'zod';

export const tenantSlugSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and hyphens');

/** A host name a college's public site answers, such as news.example.edu.cn. */
export const hostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
    'a host name such as news.example.edu.cn',
  );

const collegeNameSchema = z.string().trim().min(1).max(200);

export const createTenantInputSchema = z.object({
  slug: tenantSlugSchema,
  nameZh: collegeNameSchema,
  nameEn: collegeNameSchema,
  host: hostSchema,
  isDefault: z.boolean().default(false),
});
export type CreateTenantInput = z.input<typeof createTenantInputSchema>;

export const tenantOutputSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});
export type TenantOutput = z.infer<typeof tenantOutputSchema>;

/** A college as the platform administrator sees it: names, status and every host name of its sites. */
export const collegeOutputSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  status: z.enum(['active', 'suspended']),
  /** When it was added (ISO 8601). */
  createdAt: z.iso.datetime(),
  hosts: z.array(z.string()),
  isDefault: z.boolean(),
});
export type CollegeOutput = z.infer<typeof collegeOutputSchema>;

export const updateCollegeInputSchema = z.object({
  nameZh: collegeNameSchema.optional(),
  nameEn: collegeNameSchema.optional(),
  status: z.enum(['active', 'suspended']).optional(),
});
export type UpdateCollegeInput = z.input<typeof updateCollegeInputSchema>;

export const collegeHostInputSchema = z.object({ host: hostSchema });
export type CollegeHostInput = z.input<typeof collegeHostInputSchema>;
