import { isNull } from 'drizzle-orm';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { collectGarbage } from '../../platform/memory.ts';
import { nameBigrams, normalizeChineseName } from '../organizations/name-similarity.ts';
import { organizationKinds } from '../organizations/organizations.schema.ts';
import { createOrganizations, updateOrganization } from '../organizations/organizations.service.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { industryCodeOf, regionValueOf } from '../organizations/organizations.values.ts';
import { isValidUscc, normalizeUscc } from '../organizations/uscc.ts';
import type { SheetChange, SheetReportRow } from './imports.table.ts';
import {
  type CheckedRow,
  type Decisions,
  firstRowOf,
  readRow,
  recordImported,
  type SheetField,
  type SheetKind,
  type SheetRowInput,
} from './sheet-kind.ts';
import { headerKey, readList, readYearMonth } from './sheet-values.ts';

type OrganizationRow = typeof organizations.$inferSelect;

const kindChoices = organizationKinds.map((k) => ({
  value: k,
  zh: zhCN.admin.partners.kinds[k],
  en: en.admin.partners.kinds[k],
}));

export const partnerFields: SheetField[] = [
  {
    key: 'nameZh',
    required: true,
    headers: {
      zh: '单位名称',
      en: 'Name (Chinese)',
      aliases: ['名称', '中文名称', '企业名称', '合作单位', '单位全称', 'name', 'chinese name'],
    },
    help: { zh: '单位的中文全称，必填。', en: 'The full Chinese name; required.' },
    max: 200,
    example: { zh: '上海申能电力设备有限公司', en: '上海申能电力设备有限公司' },
  },
  {
    key: 'nameEn',
    headers: { zh: '英文名称', en: 'Name (English)', aliases: ['english name', '外文名称'] },
    help: { zh: '英文名称，可空。', en: 'The English name; optional.' },
    max: 300,
    example: {
      zh: 'Shanghai Shenneng Power Equipment Co., Ltd.',
      en: 'Shanghai Shenneng Power Equipment Co., Ltd.',
    },
  },
  {
    key: 'kind',
    required: true,
    headers: { zh: '单位类型', en: 'Kind', aliases: ['类型', '类别', '单位性质', '性质', 'type'] },
    help: {
      zh: `从下拉列表选择：${kindChoices.map((c) => c.zh).join('、')}。`,
      en: `Choose from the list: ${kindChoices.map((c) => c.en).join(', ')}.`,
    },
    choices: kindChoices,
    read: (raw) => {
      const kind = kindByLabel.get(headerKey(raw));
      return kind ? { value: kind } : { code: 'unknown_kind' };
    },
    example: { zh: zhCN.admin.partners.kinds.enterprise, en: en.admin.partners.kinds.enterprise },
  },
  {
    key: 'uscc',
    headers: {
      zh: '统一社会信用代码',
      en: 'Credit code',
      aliases: ['信用代码', '社会信用代码', 'uscc', 'unified social credit code'],
    },
    help: {
      zh: '18 位统一社会信用代码，会校验末位校验码；已登记的代码会更新原单位。',
      en: 'The 18-character unified social credit code; its check character is verified. A code already registered updates that partner.',
    },
    read: (raw) => {
      const code = normalizeUscc(raw);
      if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return { code: 'invalid_uscc' };
      return isValidUscc(code) ? { value: code } : { code: 'uscc_check_digit' };
    },
    example: { zh: '91310115MA1K4ABC2X', en: '91310115MA1K4ABC2X' },
  },
  {
    key: 'industry',
    headers: { zh: '所属行业', en: 'Industry', aliases: ['行业'] },
    help: {
      zh: '国民经济行业分类（GB/T 4754）的代码或名称，如 C38 或“电气机械和器材制造业”，可空。',
      en: 'A code or name of the national industry classification (GB/T 4754), e.g. C38; optional.',
    },
    max: 200,
    // A name the classification lacks is kept aside: the row imports without it, with a warning.
    read: (raw) => ({ value: industryCodeOf(raw) ?? { unknown: raw } }),
    example: { zh: 'C38 电气机械和器材制造业', en: 'C38 Manufacture of electrical machinery and equipment' },
  },
  {
    key: 'region',
    headers: { zh: '所在地区', en: 'Region', aliases: ['地区', '所在地'] },
    help: { zh: '所在地区，可空。', en: 'Where it is; optional.' },
    max: 60,
    read: (raw) => ({ value: regionValueOf(raw) }),
    example: { zh: '上海市浦东新区', en: 'Pudong New Area, Shanghai' },
  },
  {
    key: 'aliases',
    headers: {
      zh: '简称或曾用名',
      en: 'Aliases',
      aliases: ['简称', '曾用名', '别名', 'also known as', 'former names'],
    },
    help: { zh: '简称、曾用名，多个用“；”分隔。', en: 'Short or former names, separated by “;”.' },
    read: (raw) => ({ value: readList(raw).map((v) => v.slice(0, 200)) }),
    example: { zh: '申能电力；申能设备', en: 'Shenneng Power; Shenneng Equipment' },
  },
  {
    key: 'tags',
    headers: { zh: '标签', en: 'Tags', aliases: ['tag'] },
    help: { zh: '标签，多个用“；”分隔。', en: 'Tags, separated by “;”.' },
    read: (raw) => ({ value: readList(raw).map((v) => v.slice(0, 60)) }),
    example: { zh: '订单班；实习基地', en: 'order class; internship base' },
  },
  {
    key: 'since',
    headers: {
      zh: '合作起始年月',
      en: 'Cooperating since',
      aliases: ['合作起始', '合作开始时间', '合作时间', 'since', '开始合作'],
    },
    help: {
      zh: '开始合作的年份或年月，如 2019、2019.3、2019年3月。',
      en: 'The year or month cooperation began, such as 2019, 2019-03 or 2019.3.',
    },
    read: (raw, cell) => {
      const since = readYearMonth(typeof cell === 'number' ? cell : raw);
      return since ? { value: since } : { code: 'invalid_year_month' };
    },
    example: { zh: '2019.3', en: '2019-03' },
  },
  {
    key: 'website',
    headers: { zh: '网址', en: 'Website', aliases: ['官网', 'url', 'web'] },
    help: {
      zh: '以 http:// 或 https:// 开头的网址，可空。',
      en: 'An address starting with http:// or https://; optional.',
    },
    max: 500,
    read: (raw) => (/^https?:\/\/[^\s]+\.[^\s]+$/i.test(raw) ? { value: raw } : { code: 'invalid_url' }),
    example: { zh: 'https://www.example.com', en: 'https://www.example.com' },
  },
];

const kindByLabel = new Map<string, string>();
for (const c of kindChoices)
  for (const label of [c.value, c.zh, c.en]) kindByLabel.set(headerKey(label), c.value);
for (const [label, kind] of [
  ['企业', 'enterprise'],
  ['公司', 'enterprise'],
  ['政府', 'government'],
  ['政府部门', 'government'],
  ['机关', 'government'],
  ['学校', 'school'],
  ['院校', 'school'],
  ['高校', 'school'],
  ['行业协会', 'industry_body'],
  ['协会', 'industry_body'],
  ['科研院所', 'research'],
  ['园区', 'park'],
  ['association', 'industry_body'],
] as const)
  kindByLabel.set(headerKey(label), kind);

/** The registry as the import matches against it: by credit code, by any name, and by name pieces. */
export class PartnerIndex {
  private byUscc = new Map<string, OrganizationRow>();
  private byName = new Map<string, OrganizationRow>();
  private byGram = new Map<string, Set<OrganizationRow>>();

  constructor(rows: OrganizationRow[]) {
    for (const o of rows) {
      if (o.uscc) this.byUscc.set(o.uscc, o);
      for (const n of [o.nameZh, o.nameEn, ...o.aliases]) if (n) this.byName.set(normalizeChineseName(n), o);
      for (const g of nameBigrams(o.nameZh)) {
        const set = this.byGram.get(g) ?? new Set<OrganizationRow>();
        set.add(o);
        this.byGram.set(g, set);
      }
    }
  }

  uscc(code: string): OrganizationRow | undefined {
    return this.byUscc.get(code);
  }

  name(name: string): OrganizationRow | undefined {
    return this.byName.get(normalizeChineseName(name));
  }

  /** The most similar registered name (Dice ≥ 0.7 over character pairs), if any. */
  similar(name: string): OrganizationRow | undefined {
    const grams = nameBigrams(name);
    if (grams.length === 0) return undefined;
    const shared = new Map<OrganizationRow, number>();
    for (const g of grams) for (const o of this.byGram.get(g) ?? []) shared.set(o, (shared.get(o) ?? 0) + 1);
    let best: OrganizationRow | undefined;
    let bestScore = 0;
    for (const [o, n] of shared) {
      const score = (2 * n) / (grams.length + nameBigrams(o.nameZh).length);
      if (score > bestScore) {
        best = o;
        bestScore = score;
      }
    }
    return bestScore >= 0.7 ? best : undefined;
  }
}

/** A partner as a row gives it: only the fields the sheet fills. */
export interface PartnerValues {
  nameZh?: string;
  nameEn?: string;
  kind?: string;
  uscc?: string;
  industry?: string;
  region?: string;
  aliases?: string[];
  tags?: string[];
  since?: string;
  website?: string;
}

/** What a partner row is matched against: the registry by code and names, and by id for links. */
export interface PartnerContext {
  index: PartnerIndex;
  byId: Map<string, OrganizationRow>;
}

/**
 * Reads and checks one row: the values it gives, its errors (naming the column), and what it will do
 * against the registry and the rows above it.
 */
export function checkPartnerRow(
  input: SheetRowInput,
  ctx: PartnerContext,
  decisions: Decisions,
  seen: Map<string, number>,
): CheckedRow<PartnerValues> {
  const { row } = input;
  const { index } = ctx;
  const read = readRow(input, partnerFields);
  const values = read.values as PartnerValues;
  const { errors, columnOf } = read;
  const warnings: SheetReportRow['warnings'] = [];
  const name = values.nameZh ?? values.nameEn ?? '';
  const report: SheetReportRow = { row, action: 'create', name, errors, warnings };
  const industry = values.industry as PartnerValues['industry'] | { unknown: string } | undefined;
  if (industry && typeof industry === 'object') {
    warnings.push({ code: 'unknown_industry', detail: industry.unknown });
    delete values.industry;
  }
  // The same partner twice in one file: the second is refused, naming the first.
  const byCode = values.uscc ? firstRowOf(seen, `uscc:${values.uscc}`, row) : undefined;
  const byName = values.nameZh
    ? firstRowOf(seen, `name:${normalizeChineseName(values.nameZh)}`, row)
    : undefined;
  const earlier = byCode ?? byName;
  if (earlier)
    errors.push({
      column: columnOf(byCode ? 'uscc' : 'nameZh'),
      field: byCode ? 'uscc' : 'nameZh',
      code: 'duplicate_in_file',
      value: String(earlier),
    });

  if (decisions.skip.includes(row)) return { report: { ...report, action: 'skipped' }, values };
  if (errors.length > 0) return { report: { ...report, action: 'rejected' }, values };
  const linked = decisions.links[String(row)];
  const match =
    (linked && ctx.byId.get(linked)) ||
    (values.uscc && index.uscc(values.uscc)) ||
    (values.nameZh && index.name(values.nameZh)) ||
    (values.nameEn && index.name(values.nameEn)) ||
    undefined;
  if (match) {
    // Two rows for one registered partner: the second is refused, naming the first.
    const first = firstRowOf(seen, `match:${match.id}`, row);
    if (first) {
      errors.push({
        column: columnOf('nameZh'),
        field: 'nameZh',
        code: 'duplicate_in_file',
        value: String(first),
      });
      return {
        report: { ...report, action: 'rejected', matchId: match.id, matchName: match.nameZh },
        values,
      };
    }
    const by: SheetReportRow['matchBy'] = linked
      ? 'chosen'
      : values.uscc && index.uscc(values.uscc)
        ? 'uscc'
        : 'name';
    if (values.uscc && match.uscc && match.uscc !== values.uscc) {
      errors.push({ column: columnOf('uscc'), field: 'uscc', code: 'uscc_differs', value: match.uscc });
      return {
        report: { ...report, action: 'rejected', matchId: match.id, matchName: match.nameZh },
        values,
      };
    }
    const changes = changedFields(match, values);
    return {
      report: {
        ...report,
        action: changes.length ? 'update' : 'unchanged',
        matchId: match.id,
        matchName: match.nameZh,
        matchBy: by,
        changes,
      },
      values,
    };
  }
  const similar = values.nameZh ? index.similar(values.nameZh) : undefined;
  if (similar) warnings.push({ code: 'similar_name', detail: similar.nameZh, id: similar.id });
  return { report, values };
}

const listFields = new Set(['aliases', 'tags']);

/** Partners: created a few hundred per statement, changed one by one, each with its event naming the import. */
export const partnerSheet: SheetKind<PartnerValues, PartnerContext> = {
  fields: partnerFields,
  async prepare(scope) {
    const registry = await scope.select(organizations, { where: isNull(organizations.deletedAt) });
    const live = registry.filter((o) => o.status !== 'merged');
    return { index: new PartnerIndex(live), byId: new Map(live.map((o) => [o.id, o])) };
  },
  check: checkPartnerRow,
  async commit(tx, rows, ctx, source) {
    const changes: SheetChange[] = [];
    const creates: { row: number; v: PartnerValues }[] = [];
    for (const { report: r, values: v } of rows) {
      if (r.action === 'create') {
        creates.push({ row: r.row, v });
      } else if (r.action === 'update' && r.matchId) {
        const before = ctx.byId.get(r.matchId)!;
        const set: Record<string, unknown> = {};
        const previous: Record<string, unknown> = {};
        for (const key of r.changes ?? []) {
          const value = (v as Record<string, unknown>)[key];
          const was = (before as unknown as Record<string, unknown>)[key];
          previous[key] = was;
          set[key] = listFields.has(key)
            ? [...new Set([...((was as string[]) ?? []), ...(value as string[])])]
            : value;
        }
        const updated = await updateOrganization(tx, r.matchId, { version: before.version, ...set });
        await recordImported(tx, 'organization', r.matchId, source, r.row);
        changes.push({ id: r.matchId, action: 'update', versionAfter: updated.version, before: previous });
      }
    }
    // New partners go in a few hundred per statement, each with its created and imported events, a
    // thousand rows at a time so only those are held as rows to write.
    for (let start = 0; start < creates.length; start += 1000) {
      const chunk = creates.slice(start, start + 1000);
      let next = 0;
      const created = await createOrganizations(
        tx,
        chunk.map(({ v }) => ({
          kind: v.kind as 'enterprise',
          nameZh: v.nameZh ?? v.nameEn ?? '',
          nameEn: v.nameEn ?? '',
          aliases: v.aliases ?? [],
          tags: v.tags ?? [],
          uscc: v.uscc ?? null,
          industry: v.industry ?? null,
          region: v.region ?? null,
          since: v.since ?? null,
          website: v.website ?? null,
        })),
        // Rows are inserted and returned in order, so the n-th event belongs to the n-th created row.
        () => [
          {
            verb: 'organization.imported',
            diff: { import: { to: source }, row: { to: chunk[next++]?.row } },
          },
        ],
      );
      for (const o of created) changes.push({ id: o.id, action: 'create', versionAfter: o.version });
      if ((start / 1000) % 5 === 4) collectGarbage();
    }
    return changes;
  },
};

/** The fields a row would change on an existing partner (lists are merged, empty cells change nothing). */
export function changedFields(current: OrganizationRow, values: PartnerValues): string[] {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const now = (current as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      const list = (now as string[] | null) ?? [];
      if (value.some((v) => !list.includes(v))) changed.push(key);
    } else if (now !== value) changed.push(key);
  }
  return changed;
}
