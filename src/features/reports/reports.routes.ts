import type { Context } from 'hono';
import type { Locale } from '../../i18n/i18n.ts';
import type { AppEnv } from '../../platform/context.ts';
import { defineRoutes, readQuery } from '../../platform/routes.ts';
import { exportContentTypes, streamSheet } from '../../platform/table-export.ts';
import { showDashboard } from './reports.dashboard.ts';
import { exportableLists, exportOperations } from './reports.exports.schema.ts';
import { exportList } from './reports.exports.ts';
import type { ReportFile } from './reports.files.ts';
import {
  exportPartnerLedger,
  exportTeacherPracticeLedger,
  showPartnerLedger,
  showTeacherPracticeLedger,
} from './reports.ledgers.ts';
import {
  dashboardQuerySchema,
  indicators,
  reportOperations as op,
  partnerLedgerExportQuerySchema,
  partnerLedgerQuerySchema,
  reportExportQuerySchema,
  reportQuerySchema,
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
    const operation = exportOperations[list];
    route(operation, async (c) => {
      const { format, lang, ...filters } = readQuery(c, operation.query) as Record<string, unknown> & {
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
    });
  }
  route(op.definitions, async (c) => c.json({ items: indicators }));
  route(op.dashboard, async (c) =>
    c.json(await showDashboard(c.var.scope, readQuery(c, dashboardQuerySchema))),
  );
  route(op.indicators, async (c) =>
    c.json(await showIndicatorReport(c.var.scope, readQuery(c, reportQuerySchema))),
  );
  route(op.indicatorsExport, async (c) => {
    const { format, lang, ...query } = readQuery(c, reportExportQuerySchema);
    return sendFile(c, await exportIndicatorReport(c.var.scope, query, format, lang ?? c.var.locale));
  });
  route(op.cooperationTable, async (c) =>
    c.json(await showCooperationTable(c.var.scope, readQuery(c, reportQuerySchema))),
  );
  route(op.cooperationTableExport, async (c) => {
    const { format, lang, ...query } = readQuery(c, reportExportQuerySchema);
    return sendFile(c, await exportCooperationTable(c.var.scope, query, format, lang ?? c.var.locale));
  });
  route(op.qualityReport, async (c) =>
    c.json(await showQualityReport(c.var.scope, readQuery(c, reportQuerySchema))),
  );
  route(op.qualityReportExport, async (c) => {
    const { format, lang, ...query } = readQuery(c, reportExportQuerySchema);
    return sendFile(c, await exportQualityReport(c.var.scope, query, format, lang ?? c.var.locale));
  });
  route(op.ledgers, async (c) => {
    const { kind, ...query } = readQuery(c, partnerLedgerQuerySchema);
    return c.json(await showPartnerLedger(c.var.scope, kind, query));
  });
  route(op.ledgersExport, async (c) => {
    const { kind, format, lang, ...query } = readQuery(c, partnerLedgerExportQuerySchema);
    return sendFile(c, await exportPartnerLedger(c.var.scope, kind, query, format, lang ?? c.var.locale));
  });
  route(op.teacherPractice, async (c) =>
    c.json(await showTeacherPracticeLedger(c.var.scope, readQuery(c, reportQuerySchema))),
  );
  route(op.teacherPracticeExport, async (c) => {
    const { format, lang, ...query } = readQuery(c, reportExportQuerySchema);
    return sendFile(c, await exportTeacherPracticeLedger(c.var.scope, query, format, lang ?? c.var.locale));
  });
});
