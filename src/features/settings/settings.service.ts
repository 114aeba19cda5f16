import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import type { PublicSiteSettings } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/file-store.ts';
import { parseInput } from '../../platform/validation.ts';
import { invalidateSitePages } from '../articles/articles.service.ts';
import { mediaThumbnail, renderMediaIcons } from '../media/media.service.ts';
import { renameOwnCollege } from '../tenants/tenants.service.ts';
import {
  type SettingsOutput,
  type UpdateSettingsInput,
  updateSettingsInputSchema,
} from './settings.schema.ts';
import { siteSettings } from './settings.table.ts';

type SettingsRow = typeof siteSettings.$inferSelect;

const emptySettings = {
  addressZh: '',
  addressEn: '',
  phone: '',
  email: '',
  footerZh: '',
  footerEn: '',
  icp: '',
} as const;

// What public pages show of each college's settings, for a few seconds: every page reads it.
const cacheTtlMs = 30_000;
const publicCache = new Map<string, { at: number; settings: PublicSiteSettings }>();

/** The address the college's rendered icon of a size is served at. */
export function iconUrlOf(size: number): string {
  return size === 32 ? '/favicon.ico' : size === 180 ? '/apple-touch-icon.png' : `/icon-${size}.png`;
}

async function thumbnailOrNull(scope: TenantScope, id: string | null) {
  if (!id) return null;
  try {
    return await mediaThumbnail(scope, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

/** The college's settings for its settings page; defaults until first saved. */
export async function getSettings(
  scope: TenantScope,
  names: { nameZh: string; nameEn: string },
): Promise<SettingsOutput> {
  const row = await scope.first(siteSettings);
  return {
    version: row?.version ?? 0,
    nameZh: names.nameZh,
    nameEn: names.nameEn,
    logo: await thumbnailOrNull(scope, row?.logoMediaId ?? null),
    icon: await thumbnailOrNull(scope, row?.iconMediaId ?? null),
    iconUrls: (row?.icons ?? []).map((icon) => iconUrlOf(icon.size)),
    addressZh: row?.addressZh ?? '',
    addressEn: row?.addressEn ?? '',
    phone: row?.phone ?? '',
    email: row?.email ?? '',
    footerZh: row?.footerZh ?? '',
    footerEn: row?.footerEn ?? '',
    icp: row?.icp ?? '',
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** Checks that a chosen image is one of this college's library, as a field error when not. */
async function assertImage(scope: TenantScope, field: string, id: string | null | undefined) {
  if (!id) return;
  try {
    await mediaThumbnail(scope, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found')
      throw fieldError(field, 'unknown_reference', 'No such image in the media library');
    throw err;
  }
}

/**
 * Changes the college's settings (version-checked once saved): its names (the college and its
 * sites), logo, icon (rendered again when it changes), contact details and footer. Every cached
 * public page is dropped, since each shows the header and footer.
 */
export async function updateSettings(
  scope: TenantScope,
  store: FileStore,
  input: UpdateSettingsInput,
  names: { nameZh: string; nameEn: string },
): Promise<SettingsOutput> {
  const { version, nameZh, nameEn, ...data } = parseInput(updateSettingsInputSchema, input);
  await assertImage(scope, 'logoMediaId', data.logoMediaId);
  await assertImage(scope, 'iconMediaId', data.iconMediaId);
  const before = await scope.first(siteSettings);
  if (before && version === undefined)
    throw fieldError('version', 'required', 'Send the version you read: the settings were saved before');
  if (before && version !== undefined && before.version !== version)
    throw new AppError('conflict', `Settings are at version ${before.version}, not ${version}`, {
      currentVersion: before.version,
    });
  // Icons are rendered before the transaction: a slow image never holds the row.
  const iconChanged = data.iconMediaId !== undefined && data.iconMediaId !== (before?.iconMediaId ?? null);
  const icons = iconChanged
    ? data.iconMediaId
      ? await renderMediaIcons(scope, store, data.iconMediaId)
      : []
    : undefined;
  await scope.transaction(async (tx) => {
    const values = { ...data, ...(icons ? { icons } : {}) };
    if (!before) await tx.create(siteSettings, 'site_settings', { id: newId(), ...emptySettings, ...values });
    else if (Object.keys(values).length > 0)
      await tx.change(siteSettings, 'site_settings', before.id, before.version, values);
    await renameOwnCollege(tx, { nameZh, nameEn });
    await invalidateSitePages(tx);
  });
  publicCache.delete(scope.tenantId);
  return getSettings(scope, { nameZh: nameZh ?? names.nameZh, nameEn: nameEn ?? names.nameEn });
}

function toPublic(row: SettingsRow | undefined, logo: PublicSiteSettings['logo']): PublicSiteSettings {
  return {
    logo,
    icons: row?.icons ?? [],
    addressZh: row?.addressZh ?? '',
    addressEn: row?.addressEn ?? '',
    phone: row?.phone ?? '',
    email: row?.email ?? '',
    footerZh: row?.footerZh ?? '',
    footerEn: row?.footerEn ?? '',
    icp: row?.icp ?? '',
  };
}

/** What the public pages of the scope's college show of its settings (cached for a few seconds). */
export async function loadPublicSettings(scope: TenantScope): Promise<PublicSiteSettings> {
  const cached = publicCache.get(scope.tenantId);
  if (cached && Date.now() - cached.at < cacheTtlMs) return cached.settings;
  const row = await scope.first(siteSettings);
  const logo = await thumbnailOrNull(scope, row?.logoMediaId ?? null);
  const settings = toPublic(row, logo && { url: logo.url, width: logo.width, height: logo.height });
  if (publicCache.size >= 1000) publicCache.clear();
  publicCache.set(scope.tenantId, { at: Date.now(), settings });
  return settings;
}
