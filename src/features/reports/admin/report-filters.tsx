import { Button, Flex, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { withQuery } from '../../../admin/api-client.ts';
import { useLanguage } from '../../../admin/language.tsx';
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
  const orgUnit = params.get('orgUnitId') ?? '';
  const orgUnitId = uuid.test(orgUnit) ? orgUnit : undefined;
  const update = (next: { year?: number; orgUnitId?: string | undefined }) => {
    const merged = { year, orgUnitId, ...next };
    setParams(
      Object.fromEntries(
        Object.entries(merged)
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => [k, String(v)]),
      ),
      { replace: true },
    );
  };
  return { year, orgUnitId, years, update };
}

/** The links between the report screens. */
export function ReportsNav() {
  const { t } = useTranslation();
  const location = useLocation();
  const links = [
    { to: '/reports', label: t('admin.nav.reports') },
    { to: '/reports/cooperation-table', label: t('admin.nav.cooperationTable') },
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

/** Year and department pickers with the report's downloads in the reader's language. */
export function ReportFilters({ exportPath }: { exportPath: string }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { year, orgUnitId, years, update } = useReportFilters();
  const download = (format: 'xlsx' | 'csv') =>
    `/api${withQuery(exportPath, { year, orgUnitId, format, lang: locale })}`;
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
