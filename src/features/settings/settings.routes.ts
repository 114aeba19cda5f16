import type { Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { FileStore } from '../../platform/file-store.ts';
import { defineRoutes, readBody } from '../../platform/routes.ts';
import { settingsOutputSchema, updateSettingsInputSchema } from './settings.schema.ts';
import { getSettings, updateSettings } from './settings.service.ts';

const namesOf = (c: Context<AppEnv>) => ({ nameZh: c.var.tenant.nameZh, nameEn: c.var.tenant.nameEn });

/** The college's own settings: names, logo, icon, contact details and footer of its public site. */
export const settingsRoutes = defineRoutes('/api/settings', 'settings', (route) => {
  route(
    {
      method: 'GET',
      path: '/',
      access: 'authenticated',
      summary: "Get the college's settings: names, logo, icon, contact details and footer",
      response: settingsOutputSchema,
    },
    async (c) => c.json(await getSettings(c.var.scope, namesOf(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/',
      access: 'settings.manage',
      summary: "Change the college's settings (send the version read once they were saved)",
      body: updateSettingsInputSchema,
      response: settingsOutputSchema,
    },
    async (c) => {
      const input = await readBody(c, updateSettingsInputSchema);
      const store = new FileStore(c.var.services.config.DATA_DIR);
      return c.json(await updateSettings(c.var.scope, store, input, namesOf(c)));
    },
  );
});
