import type { Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { FileStore } from '../../platform/file-store.ts';
import { defineRoutes, readBody } from '../../platform/routes.ts';
import { settingsOperations as op, updateSettingsInputSchema } from './settings.schema.ts';
import { getSettings, updateSettings } from './settings.service.ts';

const namesOf = (c: Context<AppEnv>) => ({ nameZh: c.var.tenant.nameZh, nameEn: c.var.tenant.nameEn });

/** The college's own settings: names, logo, icon, contact details and footer of its public site. */
export const settingsRoutes = defineRoutes('/api/settings', 'settings', (route) => {
  route(op.get, async (c) => c.json(await getSettings(c.var.scope, namesOf(c))));
  route(op.update, async (c) => {
    const input = await readBody(c, updateSettingsInputSchema);
    const store = new FileStore(c.var.services.config.DATA_DIR);
    return c.json(await updateSettings(c.var.scope, store, input, namesOf(c)));
  });
});
