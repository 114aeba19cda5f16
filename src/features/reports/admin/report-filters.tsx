import { Button, Flex, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { withQuery } from '../../../admin/api-client.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import { OrgUnitSelect } from '../../org-units/admin/org-unit-select.tsx';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The years a report offers: this one and the nine before, newest first. */
export function reportYears(now = new Date()): number[] {
  const current = now.getFullYear();
  return Array.from({ length: 10 }, (_, i) => current - i);
}

/** The report filters kept in the address (so a report can be bookmarked and shared). */
export function useReportFilters() {
  const [params, setParams] = useSearchParams();
  const years = reportYears();
  const asked = Number(params.get('year'));
  // Last year by default: the yearly figures are filed for a finished year.
  const year = years.includes(asked) ? asked : years[1]!;
  const idParam = (name: string) => {
    const value = params.get(name) ?? '';
    return uuid.test(value) ? value : undefined;
  };
  const orgUnitId = idParam('orgUnitId');
  const majorId = idParam('majorId');
  const organizationId = idParam('organizationId');
  const update = (next: {
    year?: number;
    orgUnitId?: string | undefined;
    majorId?: string | undefined;
    organizationId?: string | undefined;
  }) => {
    const merged = { year, orgUnitId, majorId, organizationId, ...next };
    setParams(
      Object.fromEntries(
        Object.entries(merged)
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => [k, String(v)]),
      ),
      { replace: true },
    );
  };
  return { year, orgUnitId, majorId, organizationId, years, update };
}

/** The links between the report screens. */
export function ReportsNav() {
  const { t } = useTranslation();
  const location = useLocation();
  const links = [
    { to: '/reports', label: t('admin.nav.reports') },
    { to: '/reports/cooperation-table', label: t('admin.nav.cooperationTable') },
    { to: '/reports/quality', label: t('admin.nav.qualityReport') },
    { to: '/reports/ledgers', label: t('admin.nav.ledgers') },
    { to: '/reports/teacher-practice', label: t('admin.nav.teacherPractice') },
    { to: '/reports/definitions', label: t('admin.nav.definitions') },
  ];
  return (
    <nav aria-label={t('admin.nav.reports')}>
      <Space wrap size="middle">
        {links.map((link) =>
          location.pathname === link.to ? (
            <strong key={link.to} aria-current="page">
              {link.label}
            </strong>
          ) : (
            <Link key={link.to} to={`${link.to}${location.search}`}>
              {link.label}
            </Link>
          ),
        )}
      </Space>
    </nav>
  );
}

/**
 * Year and department pickers (and, where the report is by major and partner, those too) with the
 * report's downloads in the reader's language.
 */
export function ReportFilters({
  exportPath,
  byRecord = false,
  extra = {},
}: {
  exportPath: string;
  byRecord?: boolean;
  /** More query fields the download needs (such as which ledger). */
  extra?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { year, orgUnitId, majorId, organizationId, years, update } = useReportFilters();
  const records = byRecord ? { majorId, organizationId } : {};
  const download = (format: 'xlsx' | 'csv') =>
    `/api${withQuery(exportPath, { ...extra, year, orgUnitId, ...records, format, lang: locale })}`;
  return (
    <Flex wrap gap={12} align="center" justify="space-between">
      <Space wrap>
        <label htmlFor="report-year">{t('admin.reports.year')}</label>
        <Select<number>
          id="report-year"
          data-testid="report-year"
          value={year}
          onChange={(next) => update({ year: next })}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 110 }}
        />
        <label htmlFor="report-department">{t('admin.reports.department')}</label>
        <OrgUnitSelect
          id="report-department"
          value={orgUnitId}
          onChange={(next) => update({ orgUnitId: next })}
          placeholder={t('admin.reports.allDepartments')}
          style={{ minWidth: 220 }}
        />
        {byRecord && (
          <>
            <RecordPicker
              source="majors"
              aria-label={t('admin.reports.majorName')}
              placeholder={t('admin.reports.allMajors')}
              value={majorId}
              onChange={(v) => update({ majorId: v as string | undefined })}
              style={{ width: 200 }}
            />
            <RecordPicker
              source="organizations"
              aria-label={t('admin.reports.partnerName')}
              placeholder={t('admin.reports.allPartners')}
              value={organizationId}
              onChange={(v) => update({ organizationId: v as string | undefined })}
              style={{ width: 240 }}
            />
          </>
        )}
      </Space>
      <Space wrap>
        <Button href={download('xlsx')} data-testid="export-xlsx">
          {t('admin.reports.exportXlsx')}
        </Button>
        <Button href={download('csv')} data-testid="export-csv">
          {t('admin.reports.exportCsv')}
        </Button>
      </Space>
    </Flex>
  );
}
