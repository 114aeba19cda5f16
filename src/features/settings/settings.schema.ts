import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';

const text = (max: number) => z.string().trim().max(max);

/** A phone number as people write it: digits, spaces, +, -, parentheses and an extension. */
const phoneSchema = text(40)
  .regex(/^[0-9+\-() 转ext.]*$/u, { message: 'Use digits, spaces, +, - and parentheses' })
  .meta({ examples: ['021-5723 0000'] });

/** The settings a college administrator changes; every field may be left out. */
export const updateSettingsInputSchema = z.object({
  /** Required once the settings were saved: the version read, for conflicts. */
  version: z.number().int().min(1).optional(),
  nameZh: z.string().trim().min(1).max(200).optional(),
  nameEn: z.string().trim().min(1).max(200).optional(),
  logoMediaId: z.uuid().nullable().optional(),
  iconMediaId: z.uuid().nullable().optional(),
  addressZh: text(300).optional(),
  addressEn: text(300).optional(),
  phone: phoneSchema.optional(),
  email: z
    .union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email().max(254))])
    .meta({ examples: ['office@college.example.cn'] })
    .optional(),
  footerZh: text(1000).optional(),
  footerEn: text(1000).optional(),
  icp: text(60)
    .meta({ examples: ['沪ICP备00000000号-1'] })
    .optional(),
});
export type UpdateSettingsInput = z.input<typeof updateSettingsInputSchema>;

const imageOutputSchema = z
  .object({
    id: z.string(),
    /** The 320 px rendition, as the header shows it. */
    url: z.string(),
    width: z.number().int(),
    height: z.number().int(),
  })
  .nullable();

/** The college's settings as the admin shows them. */
export const settingsOutputSchema = z.object({
  /** 0 until the settings are first saved. */
  version: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  logo: imageOutputSchema,
  icon: imageOutputSchema,
  /** The rendered icons' addresses, when the college has its own icon. */
  iconUrls: z.array(z.string()),
  addressZh: z.string(),
  addressEn: z.string(),
  phone: z.string(),
  email: z.string(),
  footerZh: z.string(),
  footerEn: z.string(),
  icp: z.string(),
  updatedAt: z.string().nullable(),
});
export type SettingsOutput = z.infer<typeof settingsOutputSchema>;

// ---------------------------------------------------------------- operations

const base = '/api/settings';

/** The college's own settings: names, logo, icon, contact details and footer of its public site. */
export const settingsOperations = {
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'authenticated',
    summary: "Get the college's settings: names, logo, icon, contact details and footer",
    response: settingsOutputSchema,
  }),
  update: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/',
    access: 'settings.manage',
    summary: "Change the college's settings (send the version read once they were saved)",
    body: updateSettingsInputSchema,
    response: settingsOutputSchema,
  }),
};
