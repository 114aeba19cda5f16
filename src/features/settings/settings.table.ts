import { sql } from 'drizzle-orm';
import { jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

/** One rendered square icon of the college (favicon, home-screen icons), in the file store. */
export interface SiteIcon {
  size: number;
  storageKey: string;
}

/**
 * The college's public-site settings, one row per college: its logo and icon (images of the media
 * library; the icons rendered from it at the sizes browsers ask for), contact details and footer.
 * The names live with the college and its sites (tenants.table.ts).
 */
export const siteSettings = pgTable(
  'site_settings',
  {
    ...recordColumns(),
    logoMediaId: uuid('logo_media_id'),
    iconMediaId: uuid('icon_media_id'),
    icons: jsonb('icons').$type<SiteIcon[]>().notNull().default(sql`'[]'::jsonb`),
    addressZh: text('address_zh').notNull().default(''),
    addressEn: text('address_en').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    footerZh: text('footer_zh').notNull().default(''),
    footerEn: text('footer_en').notNull().default(''),
    /** The site's ICP filing number (ICP备案号), shown in the footer as Chinese sites must. */
    icp: text('icp').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('site_settings_tenant_uq').on(t.tenantId)],
);
