import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Input, Select, Space, type TableProps, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { displayName, secondaryName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, sortOrderOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { useSession } from '../../../admin/session.tsx';
import { OrgUnitSelect } from '../../org-units/admin/org-unit-select.tsx';
import {
  industries,
  industryLabel,
  organizationKinds,
  regionLabel,
} from '../../organizations/organizations.values.ts';
import type { OrganizationListItem } from '../partnerships.schema.ts';
import { dimensions, partnershipStages } from '../partnerships.values.ts';

// The form loads when someone is about to add a partner, not with the list most visits only read.
const loadPartnerForm = () => import('./partner-form-drawer.tsx');
const PartnerFormDrawer = lazy(() => loadPartnerForm().then((m) => ({ default: m.PartnerFormDrawer })));

type Dimension = (typeof dimensions)[number];

const filterKeys = [
  'kind',
  'industry',
  'region',
  'stage',
  'dimension',
  'tag',
  'orgUnitId',
  'sinceYear',
  'notContactedSince',
  'lapsedYear',
] as const;
const sorts = ['nameZh', '-nameZh', 'nameEn', '-nameEn', 'since', '-since'];

/** Query key prefix of everything the partner screens load. */
export const partnersQueryKey = ['organizations'] as const;

/** The partner registry: search by name, alias or credit code; filter, sort, page; add a partner. */
export default function PartnersPage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const listState = useListState(filterKeys, sorts);
  const { state: query, filters, update } = listState;
  const [tag, setTag] = useState(filters.tag ?? '');
  useEffect(() => setTag(filters.tag ?? ''), [filters.tag]);
  const [creating, setCreatingState] = useState(false);
  // Mounted from the first use on, so closing it can animate.
  const [formWanted, setFormWanted] = useState(false);
  const setCreating = (open: boolean) => {
    if (open) setFormWanted(true);
    setCreatingState(open);
  };
  const canRead = session.can('records.read');
  const canWrite = session.can('records.write');

  const list = useQuery({
    queryKey: [...partnersQueryKey, 'list', query],
    queryFn: () =>
      api('GET /api/organizations', {
        query: {
          ...query,
          q: query.q.trim(),
          kind: oneOf(organizationKinds, query.kind),
          stage: oneOf(partnershipStages, query.stage),
          dimension: oneOf(dimensions, query.dimension),
        },
      }),
    placeholderData: keepPreviousData,
    enabled: canRead,
  });

  if (!canRead) return <NotFoundPage />;

  const columns: TableProps<OrganizationListItem>['columns'] = [
    {
      key: locale === 'en' ? 'nameEn' : 'nameZh',
      title: t('admin.partners.columns.name'),
      sorter: true,
      sortOrder: sortOrderOf(query.sort, locale === 'en' ? 'nameEn' : 'nameZh'),
      render: (_: unknown, org) => {
        const other = secondaryName(org, locale);
        return (
          <div>
            <Link to={`/partners/${org.id}`} data-testid="partner-link">
              <Typography.Text strong style={{ color: 'inherit' }}>
                {displayName(org, locale)}
              </Typography.Text>
            </Link>
            {other && (
              <div>
                <Typography.Text type="secondary">{other}</Typography.Text>
              </div>
            )}
          </div>
        );
      },
    },
    {
      key: 'kind',
      dataIndex: 'kind',
      title: t('admin.partners.columns.kind'),
      render: (kind: OrganizationListItem['kind']) => t(`admin.partners.kinds.${kind}`),
    },
    {
      key: 'stage',
      dataIndex: 'stage',
      title: t('admin.partners.columns.stage'),
      render: (stage: OrganizationListItem['stage']) => (stage ? <StageBadge stage={stage} /> : '—'),
    },
    {
      key: 'dimensions',
      dataIndex: 'dimensions',
      title: t('admin.partners.columns.dimensions'),
      render: (codes: OrganizationListItem['dimensions']) =>
        codes.length === 0 ? (
          '—'
        ) : (
          <Space size={[4, 4]} wrap style={{ maxWidth: 320 }}>
            {codes.map((code) => (
              <Tag key={code}>{t(`admin.dimensions.${code as Dimension}`)}</Tag>
            ))}
          </Space>
        ),
    },
    {
      key: 'industry',
      dataIndex: 'industry',
      title: t('admin.partners.columns.industry'),
      render: (value: string | null) => (value ? industryLabel(value, locale) : '—'),
    },
    {
      key: 'region',
      dataIndex: 'region',
      title: t('admin.partners.columns.region'),
      render: (value: string | null) => (value ? regionLabel(value, locale) : '—'),
    },
    {
      key: 'uscc',
      dataIndex: 'uscc',
      title: t('admin.partners.columns.uscc'),
      render: (value: string | null) => (value ? <span className="concord-mono">{value}</span> : '—'),
    },
    {
      key: 'since',
      dataIndex: 'since',
      title: t('admin.partners.columns.since'),
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'since'),
      render: (value: string | null) => value || '—',
    },
  ];

  const createButton = (
    <Button
      type="primary"
      data-testid="partners-create"
      onClick={() => setCreating(true)}
      onMouseEnter={() => void loadPartnerForm()}
      onFocus={() => void loadPartnerForm()}
    >
      {t('admin.partners.create')}
    </Button>
  );

  return (
    <RecordListPage<OrganizationListItem>
      title={t('admin.partners.title')}
      list={listState}
      result={list}
      columns={columns}
      exportList="partners"
      actions={canWrite && createButton}
      search={{
        label: t('admin.partners.searchLabel'),
        placeholder: t('admin.partners.searchPlaceholder'),
        width: 360,
        testId: 'partners-search',
      }}
      filters={
        <>
          <Select<string | undefined>
            aria-label={t('admin.partners.kindFilter')}
            placeholder={t('admin.partners.allKinds')}
            value={filters.kind}
            onChange={(kind) => update({ kind })}
            allowClear
            style={{ width: 170 }}
            options={organizationKinds.map((kind) => ({
              value: kind,
              label: t(`admin.partners.kinds.${kind}`),
            }))}
          />
          <Select<string | undefined>
            aria-label={t('admin.partners.stageFilter')}
            placeholder={t('admin.partners.allStages')}
            value={filters.stage}
            onChange={(stage) => update({ stage })}
            allowClear
            style={{ width: 150 }}
            options={partnershipStages.map((stage) => ({
              value: stage,
              label: t(`admin.partners.stages.${stage}`),
            }))}
          />
          <Select<string | undefined>
            aria-label={t('admin.partners.dimensionFilter')}
            placeholder={t('admin.partners.allDimensions')}
            value={filters.dimension}
            onChange={(dimension) => update({ dimension })}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            options={dimensions.map((code) => ({ value: code, label: t(`admin.dimensions.${code}`) }))}
          />
          <OrgUnitSelect
            aria-label={t('admin.partners.unitFilter')}
            placeholder={t('admin.partners.allUnits')}
            value={filters.orgUnitId}
            onChange={(orgUnitId) => update({ orgUnitId })}
            style={{ width: 220 }}
          />
          <Select<string | undefined>
            aria-label={t('admin.partners.industryFilter')}
            placeholder={t('admin.partners.industryFilter')}
            value={filters.industry}
            onChange={(code) => update({ industry: code })}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
            style={{ width: 220 }}
            options={industries.map(([code]) => ({ value: code, label: industryLabel(code, locale) }))}
          />
          <Input
            aria-label={t('admin.partners.tagFilter')}
            placeholder={t('admin.partners.tagFilter')}
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            onPressEnter={() => update({ tag: tag.trim() })}
            onBlur={() => tag.trim() !== (filters.tag ?? '') && update({ tag: tag.trim() })}
            allowClear
            style={{ width: 150 }}
          />
        </>
      }
      below={
        (filters.region || filters.sinceYear || filters.notContactedSince || filters.lapsedYear) && (
          <Space wrap style={{ marginBottom: 12 }} data-testid="partners-extra-filters">
            {filters.region && (
              <Tag closable onClose={() => update({ region: undefined })}>
                {t('admin.partners.regionTag', { region: regionLabel(filters.region, locale) })}
              </Tag>
            )}
            {filters.sinceYear && (
              <Tag closable onClose={() => update({ sinceYear: undefined })}>
                {t('admin.partners.sinceYearTag', { year: filters.sinceYear })}
              </Tag>
            )}
            {filters.notContactedSince && (
              <Tag closable onClose={() => update({ notContactedSince: undefined })}>
                {t('admin.partners.notContactedTag', { date: filters.notContactedSince })}
              </Tag>
            )}
            {filters.lapsedYear && (
              <Tag closable onClose={() => update({ lapsedYear: undefined })}>
                {t('admin.partners.lapsedTag', { year: filters.lapsedYear })}
              </Tag>
            )}
          </Space>
        )
      }
      empty={{
        text: t('admin.partners.empty'),
        filteredText: t('admin.partners.emptyFiltered'),
        action: canWrite && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('admin.partners.create')}
          </Button>
        ),
      }}
      testId="partners-table"
    >
      {formWanted && (
        <Suspense fallback={null}>
          <PartnerFormDrawer
            open={creating}
            organization={null}
            onClose={() => setCreating(false)}
            onSaved={(org) => {
              setCreating(false);
              void message.success(t('admin.partners.created', { name: displayName(org, locale) }));
              void queryClient.invalidateQueries({ queryKey: partnersQueryKey });
              void navigate(`/partners/${org.id}`);
            }}
          />
        </Suspense>
      )}
    </RecordListPage>
  );
}

const stageStatus = {
  prospect: 'processing',
  active: 'success',
  dormant: 'warning',
  ended: 'default',
} as const;

/** A partnership stage as a coloured dot and its name (text keeps full contrast). */
export function StageBadge({ stage }: { stage: (typeof partnershipStages)[number] }) {
  const { t } = useTranslation();
  return <Badge status={stageStatus[stage]} text={t(`admin.partners.stages.${stage}`)} />;
}
