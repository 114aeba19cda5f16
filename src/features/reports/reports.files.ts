import { eq } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { type Locale, type MessageKey, translate } from '../../i18n/i18n.ts';
import {
  type ExportSheet,
  exportContentTypes,
  sheetsToXlsx,
  sheetToCsv,
} from '../../platform/table-export.ts';
import { majors, orgUnits } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { indicators } from './reports.schema.ts';

/** A report rendered as a file to download. */
export interface ReportFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export async function departmentLabel(scope: TenantScope, locale: Locale, orgUnitId: string | undefined) {
  if (!orgUnitId) return translate(locale, 'admin.reports.allDepartments');
  const [unit] = await scope.select(orgUnits, { where: eq(orgUnits.id, orgUnitId), limit: 1 });
  return unit ? (locale === 'en' ? unit.nameEn || unit.nameZh : unit.nameZh) : orgUnitId;
}

export async function renderSheets(
  sheets: ExportSheet[],
  format: 'xlsx' | 'csv',
  baseName: string,
): Promise<ReportFile> {
  // CSV carries one table: the first sheet.
  const bytes = format === 'xlsx' ? await sheetsToXlsx(sheets) : sheetToCsv(sheets[0]!);
  return { fileName: `${baseName}.${format}`, contentType: exportContentTypes[format], bytes };
}

/** A figure's column header: its name and unit in the language. */
export function headerOf(code: string, locale: Locale): string {
  const definition = indicators.find((i) => i.code === code);
  if (!definition) return code;
  return locale === 'en'
    ? `${definition.nameEn} (${definition.unitEn})`
    : `${definition.nameZh}（${definition.unitZh}）`;
}

/** A translator bound to one language. */
export function translatorFor(locale: Locale) {
  return (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
}

/** The filters a report was limited to, as the first rows of its download say them. */
export async function reportFilterLabels(
  scope: TenantScope,
  locale: Locale,
  query: {
    year: unknown;
    orgUnitId?: string | undefined;
    majorId?: string | undefined;
    organizationId?: string | undefined;
  },
): Promise<[string, string][]> {
  const t = translatorFor(locale);
  const en = locale === 'en';
  const labels: [string, string][] = [
    [t('admin.reports.filterYear'), String(query.year)],
    [t('admin.reports.filterDepartment'), await departmentLabel(scope, locale, query.orgUnitId)],
  ];
  if (query.majorId) {
    const [major] = await scope.select(majors, { where: eq(majors.id, query.majorId), limit: 1 });
    labels.push([
      t('admin.reports.majorName'),
      major ? (en ? major.nameEn || major.nameZh : major.nameZh) : query.majorId,
    ]);
  }
  if (query.organizationId) {
    const [org] = await scope.select(organizations, {
      where: eq(organizations.id, query.organizationId),
      limit: 1,
    });
    labels.push([
      t('admin.reports.partnerName'),
      org ? (en ? org.nameEn || org.nameZh : org.nameZh) : query.organizationId,
    ]);
  }
  return labels;
}
