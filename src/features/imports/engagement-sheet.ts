import { and, eq, isNull } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { engagementTypeSchema } from '../engagements/engagements.schema.ts';
import { recordEngagement } from '../engagements/engagements.service.ts';
import { engagementOrganizations, engagements } from '../engagements/engagements.table.ts';
import type { SheetChange, SheetReportRow } from './imports.table.ts';
import {
  type CheckedRow,
  firstRowOf,
  loadPartnerNames,
  loadStructure,
  readers,
  readRow,
  recordImported,
  referenceError,
  type SheetField,
  type SheetKind,
  type SheetRowInput,
} from './sheet-kind.ts';

const typeChoices = engagementTypeSchema.options.map((t) => ({
  value: t,
  zh: zhCN.admin.engagements.types[t],
  en: en.admin.engagements.types[t],
}));

export const engagementFields: SheetField[] = [
  {
    key: 'startsOn',
    required: true,
    headers: { zh: '日期', en: 'Date', aliases: ['时间', '活动日期', '来访日期', '开始日期', 'date'] },
    help: {
      zh: '活动日期，如 2024-05-11、2024.5.11、2024年5月11日，或 Excel 日期。',
      en: 'The day, such as 2024-05-11, 2024.5.11, 2024年5月11日, or an Excel date.',
    },
    read: readers.date,
    example: { zh: '2024年5月11日', en: '2024-05-11' },
  },
  {
    key: 'type',
    required: true,
    headers: { zh: '活动类型', en: 'Type', aliases: ['类型', '形式', 'kind'] },
    help: {
      zh: `从下拉列表选择：${typeChoices.map((c) => c.zh).join('、')}。`,
      en: `Choose from the list: ${typeChoices.map((c) => c.en).join(', ')}.`,
    },
    choices: typeChoices,
    read: readers.choice(typeChoices, [
      ['来校', 'visit_inbound'],
      ['来校交流', 'visit_inbound'],
      ['走访', 'visit_outbound'],
      ['出访', 'visit_outbound'],
      ['调研', 'visit_outbound'],
      ['座谈', 'meeting'],
      ['会议', 'meeting'],
      ['签约', 'signing'],
      ['签约仪式', 'signing'],
      ['论坛', 'forum'],
      ['培训', 'training'],
      ['比赛', 'competition'],
      ['竞赛', 'competition'],
      ['仪式', 'ceremony'],
      ['揭牌', 'ceremony'],
      ['其他', 'other'],
    ]),
    example: { zh: typeChoices[0]!.zh, en: typeChoices[0]!.en },
  },
  {
    key: 'partner',
    required: true,
    max: 200,
    headers: {
      zh: '合作单位',
      en: 'Partner',
      aliases: ['单位', '单位名称', '来访单位', '对方单位', '企业', 'organization', 'company'],
    },
    help: {
      zh: '对方单位，须与单位名录中的名称（或简称、曾用名）一致；请先导入单位。',
      en: 'The partner, as named in the registry (or an alias); import partners first.',
    },
    example: { zh: '上海申能电力设备有限公司', en: '上海申能电力设备有限公司' },
  },
  {
    key: 'titleZh',
    max: 300,
    headers: { zh: '标题', en: 'Title', aliases: ['事由', '活动名称', '主题', 'subject'] },
    help: {
      zh: '一句话标题，可空；留空时由单位和类型生成。',
      en: 'A one-line title; optional. When empty, one is made from the partner and the type.',
    },
    example: { zh: '申能电力来校洽谈订单班', en: 'Shenneng Power visits to discuss an order class' },
  },
  {
    key: 'summary',
    max: 20_000,
    headers: { zh: '主要内容', en: 'Summary', aliases: ['内容', '摘要', '纪要', '情况', 'notes'] },
    help: { zh: '经过和结果，可空。', en: 'What happened and what came of it; optional.' },
    example: {
      zh: '双方就订单班招生和实习安排交换了意见。',
      en: 'Both sides discussed enrolment and placements for an order class.',
    },
  },
  {
    key: 'location',
    max: 300,
    headers: { zh: '地点', en: 'Place', aliases: ['活动地点', 'location', 'venue'] },
    help: { zh: '地点，可空。', en: 'Where; optional.' },
    example: { zh: '行政楼第一会议室', en: 'Meeting room 1, administration building' },
  },
  {
    key: 'department',
    max: 200,
    headers: {
      zh: '接待部门',
      en: 'Our department',
      aliases: ['部门', '负责部门', '二级学院', 'department'],
    },
    help: {
      zh: '负责的部门或二级学院，须与“我方机构”中的名称一致，可空。',
      en: 'Our department in charge, as named in Our structure; optional.',
    },
    example: { zh: '', en: '' },
  },
];

export interface EngagementValues {
  startsOn?: string;
  type?: string;
  partner?: string;
  titleZh?: string;
  summary?: string;
  location?: string;
  department?: string;
  organizationId?: string;
  orgUnitId?: string;
}

export interface EngagementContext {
  partners: Awaited<ReturnType<typeof loadPartnerNames>>;
  units: Awaited<ReturnType<typeof loadStructure>>['units'];
  /** Engagements recorded already, by day, type and partner. */
  existing: Map<string, { id: string; titleZh: string }>;
}

function engagementKey(startsOn: string, type: string, organizationId: string): string {
  return `${startsOn}|${type}|${organizationId}`;
}

export function checkEngagementRow(
  input: SheetRowInput,
  ctx: EngagementContext,
  decisions: Parameters<SheetKind['check']>[2],
  seen: Map<string, number>,
): CheckedRow<EngagementValues> {
  const { row } = input;
  const read = readRow(input, engagementFields);
  const v = read.values as EngagementValues;
  const { errors, columnOf } = read;
  const warnings: SheetReportRow['warnings'] = [];
  if (v.partner) {
    const found = ctx.partners.all(v.partner);
    if (found.length === 1) v.organizationId = found[0]!.id;
    else
      errors.push(referenceError(columnOf('partner'), 'partner', v.partner, found.length, 'unknown_partner'));
  }
  if (v.department) {
    const found = ctx.units.all(v.department);
    if (found.length === 1) v.orgUnitId = found[0]!.id;
    else
      errors.push(
        referenceError(
          columnOf('department'),
          'department',
          v.department,
          found.length,
          'unknown_department',
        ),
      );
  }
  if (!v.titleZh && v.partner && v.type) {
    v.titleZh = `${v.partner}${typeChoices.find((c) => c.value === v.type)?.zh ?? ''}`.slice(0, 300);
  }
  const report: SheetReportRow = {
    row,
    action: 'create',
    name: [v.startsOn, v.titleZh].filter(Boolean).join(' '),
    errors,
    warnings,
  };
  const key =
    v.startsOn && v.type && v.organizationId ? engagementKey(v.startsOn, v.type, v.organizationId) : '';
  if (key && errors.length === 0) {
    const first = firstRowOf(seen, key, row);
    if (first)
      errors.push({
        column: columnOf('startsOn'),
        field: 'startsOn',
        code: 'duplicate_in_file',
        value: String(first),
      });
  }
  if (decisions.skip.includes(row)) return { report: { ...report, action: 'skipped' }, values: v };
  if (errors.length > 0) return { report: { ...report, action: 'rejected' }, values: v };
  const match = ctx.existing.get(key);
  // An engagement of that day, type and partner is on record: the log adds nothing to it.
  if (match)
    return {
      report: { ...report, action: 'unchanged', matchId: match.id, matchName: match.titleZh, matchBy: 'key' },
      values: v,
    };
  return { report, values: v };
}

/** A simple log of engagements: day, type, partner, and what happened. Never changes recorded ones. */
export const engagementSheet: SheetKind<EngagementValues, EngagementContext> = {
  fields: engagementFields,
  async prepare(scope: TenantScope) {
    const [partners, structure, rows] = await Promise.all([
      loadPartnerNames(scope),
      loadStructure(scope),
      scope.build((qb, tenant) =>
        qb
          .select({
            id: engagements.id,
            titleZh: engagements.titleZh,
            startsOn: engagements.startsOn,
            type: engagements.type,
            organizationId: engagementOrganizations.organizationId,
          })
          .from(engagements)
          .innerJoin(
            engagementOrganizations,
            and(
              eq(engagementOrganizations.tenantId, engagements.tenantId),
              eq(engagementOrganizations.engagementId, engagements.id),
            ),
          )
          .where(and(tenant(engagements), tenant(engagementOrganizations), isNull(engagements.deletedAt))),
      ),
    ]);
    const existing = new Map<string, { id: string; titleZh: string }>();
    for (const r of rows) existing.set(engagementKey(r.startsOn, r.type, r.organizationId), r);
    return { partners, units: structure.units, existing };
  },
  check: checkEngagementRow,
  async commit(tx, rows, _ctx, source) {
    const changes: SheetChange[] = [];
    for (const { report: r, values: v } of rows) {
      if (r.action !== 'create') continue;
      const e = await recordEngagement(tx, {
        type: v.type as 'meeting',
        titleZh: v.titleZh ?? '',
        startsOn: v.startsOn ?? '',
        summary: v.summary ?? null,
        location: v.location ?? null,
        hostOrgUnitId: v.orgUnitId ?? null,
        organizations: [
          {
            organizationId: v.organizationId ?? '',
            role: v.type === 'visit_outbound' ? 'host' : v.type === 'visit_inbound' ? 'guest' : 'partner',
          },
        ],
      });
      await recordImported(tx, 'engagement', e.id, source, r.row);
      changes.push({ subject: 'engagement', id: e.id, action: 'create', versionAfter: e.version });
    }
    return changes;
  },
};
