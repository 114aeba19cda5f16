import { z } from 'zod';
import { createTenantInputSchema } from '../tenants/tenants.schema.ts';
import { emailSchema, passwordSchema } from '../users/users.schema.ts';

/** A new college with its public site's host name and its first administrator. */
export const createCollegeInputSchema = createTenantInputSchema.omit({ isDefault: true }).extend({
  admin: z.object({
    email: emailSchema,
    name: z.string().trim().min(1).max(100),
    password: passwordSchema,
  }),
});
export type CreateCollegeInput = z.input<typeof createCollegeInputSchema>;
