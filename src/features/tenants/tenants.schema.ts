import { z } from 'zod';

export const tenantSlugSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and hyphens');

export const createTenantInputSchema = z.object({
  slug: tenantSlugSchema,
  nameZh: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  host: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(253)
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
      'a host name such as news.example.edu.cn',
    ),
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
