import type { Context } from 'hono';
import { z } from 'zod';
import type { Locale } from '../../i18n/i18n.ts';
import type { AppEnv } from '../../platform/context.ts';
import { defineRoutes, readQuery } from '../../platform/routes.ts';
import { exportContentTypes, streamSheet } from '../../platform/table-export.ts';
import { showDashboard } from './reports.dashboard.ts';
import { exportAccess, exportableLists, exportList, exportQuerySchemas } from './reports.exports.ts';
import type { ReportFile } from './reports.files.ts';
import {
  exportPartnerLedger,
  exportTeacherPracticeLedger,
  showPartnerLedger,
  showTeacherPracticeLedger,
} from './reports.ledgers.ts';
import {
  cooperationTableSchema,
  dashboardQuerySchema,
  dashboardSchema,
  exportFormatSchema,
  indicatorDefinitionSchema,
  indicatorReportSchema,
  indicators,
  localeQuerySchema,
  partnerLedgerExportQuerySchema,
  partnerLedgerQuerySchema,
  partnerLedgerSchema,
  qualityReportSchema,
  reportExportQuerySchema,
  reportQuerySchema,
  teacherPracticeLedgerSchema,
} from './reports.schema.ts';
import {
  exportCooperationTable,
  exportIndicatorReport,
  exportQualityReport,
  showCooperationTable,
  showIndicatorReport,
  showQualityReport,
} from './reports.service.ts';

function sendFile(c: Context<AppEnv>, file: ReportFile) {
  return c.body(new Uint8Array(file.bytes), 200, {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.fileName}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  });
}

export const reportsRoutes = defineRoutes('/api/reports', 'reports', (route) => {
  for (const list of exportableLists) {
    const query = exportQuerySchemas[list].extend({ format: exportFormatSchema, lang: localeQuerySchema });
    route(
      {
        method: 'GET',
        path: `/exports/${list}`,
        access: exportAccess[list],
        summary: `The ${list} list as .xlsx or .csv: the same filters and sort as the list, every page, streamed`,
        query,
      },
      async (c) => {
        const { format, lang, ...filters } = readQuery(c, query) as Record<string, unknown> & {
          format: 'xlsx' | 'csv';
          lang?: Locale;
        };
        const sheet = exportList(c.var.scope, list, filters, lang ?? c.var.locale);
        const date = new Date().toISOString().slice(0, 10);
        return new Response(streamSheet(sheet, format), {
          headers: {
            'content-type': exportContentTypes[format],
            'content-disposition': `attachment; filename="${list}-${date}.${format}"`,
            'x-content-type-options': 'nosniff',
            'cache-control': 'private, no-store',
          },
        });
      },
    );
  }
  route(
    {
      method: 'GET',
      path: '/definitions',
      access: 'reports.read',
      summary: 'The catalogue of yearly indicators: names, units and how each is derived',
      response: z.object({ items: z.array(indicatorDefinitionSchema) }),
    },
    async (c) => c.json({ items: indicators }),
  );
  route(
    {
      method: 'GET',
      path: '/dashboard',
      access: 'reports.read',
      summary:
        'The admin home figures: partners, engagements per month, agreements, commitments, the partner × dimension matrix, news output',
      query: dashboardQuerySchema,
      response: dashboardSchema,
    },
    async (c) => c.json(await showDashboard(c.var.scope, readQuery(c, dashboardQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/indicators',
      access: 'reports.read',
      summary: "Every indicator's value for a year, the previous year's and the change",
      query: reportQuerySchema,
      response: indicatorReportSchema,
    },
    async (c) => c.json(await showIndicatorReport(c.var.scope, readQuery(c, reportQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/indicators/export',
      access: 'reports.read',
      summary: 'The yearly figures as .xlsx or .csv in the chosen language',
      query: reportExportQuerySchema,
    },
    async (c) => {
      const { format, lang, ...query } = readQuery(c, reportExportQuerySchema);
      return sendFile(c, await exportIndicatorReport(c.var.scope, query, format, lang ?? c.var.locale));
    },
  );
  route(
    {
      method: 'GET',
      path: '/cooperation-table',
      access: 'reports.read',
      summary:
        "The national data platform's cooperation table (major × partner) for a year, with rows to fix",
      query: reportQuerySchema,
      response: cooperationTableSchema,
    },
    async (c) => c.json(await showCooperationTable(c.var.scope, readQuery(c, reportQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/cooperation-table/export',
      access: 'reports.read',
      summary: 'The cooperation table as .xlsx (with a sheet of rows to fix) or .csv',
      query: reportExportQuerySchema,
    },
    async (c) => {
      const { format, lang, ...query } = readQuery(c, reportExportQuerySchema);
      return sendFile(c, await exportCooperationTable(c.var.scope, query, format, lang ?? c.var.locale));
    },
  );
  route(
    {
      method: 'GET',
      path: '/quality-report',
      access: 'reports.read',
      summary:
        "The annual quality report's cooperation tables (resources, service contribution, policy) with the previous year and the change",
      query: reportQuerySchema,
      response: qualityReportSchema,
    },
    async (c) => c.json(await showQualityReport(c.var.scope, readQuery(c, reportQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/quality-report/export',
      access: 'reports.read',
      summary: 'The quality report tables as .xlsx (a sheet per table) or .csv',
      query: reportExportQuerySchema,
    },
    async (c) => {
      const { format, lang, ...query } = readQuery(c, reportExportQuerySchema);
      return sendFile(c, await exportQualityReport(c.var.scope, query, format, lang ?? c.var.locale));
    },
  );
  route(
    {
      method: 'GET',
      path: '/ledgers',
      access: 'reports.read',
      summary:
        'A ledger per partner for a year and the year before: the order class → internship → hire funnel, donations and funds, or training and technical-service output',
      query: partnerLedgerQuerySchema,
      response: partnerLedgerSchema,
    },
    async (c) => {
      const { kind, ...query } = readQuery(c, partnerLedgerQuerySchema);
      return c.json(await showPartnerLedger(c.var.scope, kind, query));
    },
  );
  route(
    {
      method: 'GET',
      path: '/ledgers/export',
      access: 'reports.read',
      summary: 'A partner ledger as .xlsx or .csv',
      query: partnerLedgerExportQuerySchema,
    },
    async (c) => {
      const { kind, format, lang, ...query } = readQuery(c, partnerLedgerExportQuerySchema);
      return sendFile(c, await exportPartnerLedger(c.var.scope, kind, query, format, lang ?? c.var.locale));
    },
  );
  route(
    {
      method: 'GET',
      path: '/teacher-practice',
      access: 'reports.read',
      summary:
        "Teachers' enterprise practice: days this year and over five years against the six-months rule, who is short and by how much",
      query: reportQuerySchema,
      response: teacherPracticeLedgerSchema,
    },
    async (c) => c.json(await showTeacherPracticeLedger(c.var.scope, readQuery(c, reportQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/teacher-practice/export',
      access: 'reports.read',
      summary: "The teachers' practice ledger as .xlsx or .csv",
      query: reportExportQuerySchema,
    },
    async (c) => {
      const { format, lang, ...query } = readQuery(c, reportExportQuerySchema);
      return sendFile(c, await exportTeacherPracticeLedger(c.var.scope, query, format, lang ?? c.var.locale));
    },
  );
});
