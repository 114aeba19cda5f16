import { and, inArray, isNull } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import type { InsertValues, TenantScope } from '../../db/tenant-scope.ts';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { normalizeChineseName } from '../organizations/name-similarity.ts';
import { affiliations, people } from '../people/people.table.ts';
import type { SheetChange, SheetReportRow } from './imports.table.ts';
import {
  type CheckedRow,
  firstRowOf,
  loadPartnerNames,
  loadStructure,
  NameIndex,
  readers,
  readRow,
  referenceError,
  type SheetField,
  type SheetKind,
} from './sheet-kind.ts';

type PersonRow = typeof people.$inferSelect;
type AffiliationRow = typeof affiliations.$inferSelect;

const sideChoices = (['ours', 'theirs'] as const).map((s) => ({
  value: s,
  zh: zhCN.admin.people.sides[s],
  en: en.admin.people.sides[s],
}));

export const peopleFields: SheetField[] = [
  {
    key: 'nameZh',
    required: true,
    max: 100,
    headers: { zh: '姓名', en: 'Name (Chinese)', aliases: ['中文姓名', '联系人', '人员', 'name'] },
    help: { zh: '中文姓名，必填。', en: 'The name in Chinese; required.' },
    example: { zh: '林国栋', en: '林国栋' },
  },
  {
    key: 'nameEn',
    max: 200,
    headers: { zh: '英文名', en: 'Name (English)', aliases: ['英文姓名', '拼音', 'english name'] },
    help: { zh: '英文名或拼音，可空。', en: 'The name in English or pinyin; optional.' },
    example: { zh: 'Lin Guodong', en: 'Lin Guodong' },
  },
  {
    key: 'side',
    headers: { zh: '所属方', en: 'Side', aliases: ['我方或对方', '类别'] },
    help: {
      zh: `“${sideChoices[0]!.zh}”或“${sideChoices[1]!.zh}”；留空时，填了部门即为我方，填了单位即为对方。`,
      en: `“${sideChoices[0]!.en}” or “${sideChoices[1]!.en}”; when empty, a department makes it our side and a partner theirs.`,
    },
    choices: sideChoices,
    read: readers.choice(sideChoices, [
      ['我方', 'ours'],
      ['本校', 'ours'],
      ['校内', 'ours'],
      ['对方', 'theirs'],
      ['合作方', 'theirs'],
      ['企业方', 'theirs'],
      ['校外', 'theirs'],
    ]),
    example: { zh: sideChoices[1]!.zh, en: sideChoices[1]!.en },
  },
  {
    key: 'organization',
    max: 200,
    headers: {
      zh: '所在单位',
      en: 'Partner',
      aliases: ['单位', '单位名称', '工作单位', '合作单位', 'organization', 'organisation', 'company'],
    },
    help: {
      zh: '对方人员所在的合作单位，须与单位名录中的名称（或简称、曾用名）一致；请先导入单位。',
      en: 'The partner a person of their side works for, as named in the registry (or an alias); import partners first.',
    },
    example: { zh: '上海申能电力设备有限公司', en: '上海申能电力设备有限公司' },
  },
  {
    key: 'department',
    max: 200,
    headers: { zh: '所在部门', en: 'Department', aliases: ['部门', '二级学院', '院系', 'department'] },
    help: {
      zh: '我方人员所在的部门或二级学院，须与“我方机构”中的名称一致。',
      en: 'The department of a person of our side, as named in Our structure.',
    },
    example: { zh: '', en: '' },
  },
  {
    key: 'titleZh',
    max: 200,
    headers: { zh: '职务', en: 'Title (Chinese)', aliases: ['职务职称', '职位', '职称', 'title'] },
    help: {
      zh: '在该单位或部门的职务；填写职务须同时填写单位或部门。',
      en: 'The title held there; a title needs a partner or a department.',
    },
    example: { zh: '人力资源部经理', en: '人力资源部经理' },
  },
  {
    key: 'titleEn',
    max: 300,
    headers: { zh: '英文职务', en: 'Title (English)', aliases: ['english title'] },
    help: { zh: '英文职务，可空。', en: 'The title in English; optional.' },
    example: { zh: 'HR Manager', en: 'HR Manager' },
  },
  {
    key: 'email',
    max: 254,
    headers: { zh: '电子邮箱', en: 'Email', aliases: ['邮箱', 'e-mail', 'mail'] },
    help: {
      zh: '电子邮箱，可空；邮箱已登记时更新该人员。',
      en: 'An email address; optional. An address already registered updates that person.',
    },
    read: readers.email,
    example: { zh: 'lin.guodong@example.com', en: 'lin.guodong@example.com' },
  },
  {
    key: 'phone',
    max: 40,
    headers: { zh: '联系电话', en: 'Phone', aliases: ['电话', '手机', '手机号', 'mobile', 'telephone'] },
    help: { zh: '电话，可空。', en: 'A phone number; optional.' },
    example: { zh: '021-5888 0000', en: '+86 21 5888 0000' },
  },
  {
    key: 'notes',
    max: 5000,
    headers: { zh: '备注', en: 'Notes', aliases: ['说明', 'note', 'remarks'] },
    help: { zh: '备注，可空。', en: 'Notes; optional.' },
    example: { zh: '', en: '' },
  },
];

export interface PersonValues {
  nameZh?: string;
  nameEn?: string;
  side?: 'ours' | 'theirs';
  organization?: string;
  department?: string;
  organizationId?: string;
  orgUnitId?: string;
  titleZh?: string;
  titleEn?: string;
  email?: string;
  phone?: string;
  notes?: string;
}

export interface PeopleContext {
  byId: Map<string, PersonRow>;
  byEmail: Map<string, PersonRow>;
  names: NameIndex<PersonRow>;
  posts: Map<string, AffiliationRow[]>;
  partners: Awaited<ReturnType<typeof loadPartnerNames>>;
  units: Awaited<ReturnType<typeof loadStructure>>['units'];
}

/** The people of the college and their posts, by name and email. */
export async function loadPeople(scope: TenantScope) {
  const rows = await scope.select(people, { where: isNull(people.deletedAt) });
  const posts = new Map<string, AffiliationRow[]>();
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = rows.slice(i, i + 1000).map((p) => p.id);
    for (const a of await scope.select(affiliations, { where: and(inArray(affiliations.personId, ids)) })) {
      posts.set(a.personId, [...(posts.get(a.personId) ?? []), a]);
    }
  }
  return {
    rows,
    byId: new Map(rows.map((p) => [p.id, p])),
    names: new NameIndex(rows, (p) => [p.nameZh, p.nameEn]),
    posts,
  };
}

const personFields = ['nameZh', 'nameEn', 'email', 'phone', 'notes'] as const;

function postAt(ctx: PeopleContext, personId: string, v: PersonValues): AffiliationRow | undefined {
  return (ctx.posts.get(personId) ?? []).find((a) =>
    v.organizationId ? a.organizationId === v.organizationId : a.orgUnitId === v.orgUnitId,
  );
}

/** Checks one person row: the place it names, and whether the person is registered already. */
export function checkPersonRow(
  input: Parameters<SheetKind['check']>[0],
  ctx: PeopleContext,
  decisions: Parameters<SheetKind['check']>[2],
  seen: Map<string, number>,
): CheckedRow<PersonValues> {
  const { row } = input;
  const read = readRow(input, peopleFields);
  const v = read.values as PersonValues;
  const { errors, columnOf } = read;
  const warnings: SheetReportRow['warnings'] = [];
  if (v.organization && v.department) {
    errors.push({ column: columnOf('department'), field: 'department', code: 'partner_and_department' });
  } else if (v.organization) {
    const found = ctx.partners.all(v.organization);
    if (found.length === 1) v.organizationId = found[0]!.id;
    else
      errors.push(
        referenceError(
          columnOf('organization'),
          'organization',
          v.organization,
          found.length,
          'unknown_partner',
        ),
      );
  } else if (v.department) {
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
  const side = v.orgUnitId || v.department ? 'ours' : v.organization ? 'theirs' : undefined;
  if (v.side && side && v.side !== side) {
    errors.push({ column: columnOf('side'), field: 'side', code: 'side_conflict', value: v.side });
  }
  v.side = v.side ?? side ?? 'theirs';
  if ((v.titleZh || v.titleEn) && !v.organization && !v.department) {
    errors.push({ column: columnOf('titleZh'), field: 'titleZh', code: 'title_needs_place' });
  }
  const report: SheetReportRow = { row, action: 'create', name: v.nameZh ?? '', errors, warnings };
  const place = v.organizationId ?? v.orgUnitId ?? '';
  const earlier = v.email
    ? firstRowOf(seen, `email:${v.email}`, row)
    : v.nameZh
      ? firstRowOf(seen, `name:${normalizeChineseName(v.nameZh)}@${place}`, row)
      : undefined;
  if (earlier)
    errors.push({
      column: columnOf(v.email ? 'email' : 'nameZh'),
      field: v.email ? 'email' : 'nameZh',
      code: 'duplicate_in_file',
      value: String(earlier),
    });
  if (decisions.skip.includes(row)) return { report: { ...report, action: 'skipped' }, values: v };
  if (errors.length > 0) return { report: { ...report, action: 'rejected' }, values: v };

  const linked = decisions.links[String(row)];
  let match: PersonRow | undefined = linked ? ctx.byId.get(linked) : undefined;
  let by: SheetReportRow['matchBy'] = linked ? 'chosen' : undefined;
  if (!match && v.email) {
    match = ctx.byEmail.get(v.email);
    by = 'email';
  }
  if (!match && v.nameZh) {
    const same = [...ctx.names.all(v.nameZh), ...(v.nameEn ? ctx.names.all(v.nameEn) : [])].filter(
      (p, i, all) => all.indexOf(p) === i && p.side === v.side,
    );
    const here = place ? same.filter((p) => postAt(ctx, p.id, v)) : same;
    if (here.length === 1) {
      match = here[0];
      by = 'name';
    } else if (same.length > 0) {
      // Someone of this name is registered elsewhere: perhaps the same person in a new post.
      warnings.push({ code: 'same_name_elsewhere', detail: same[0]!.nameZh, id: same[0]!.id });
    }
  }
  if (!match) return { report, values: v };
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
      values: v,
    };
  }
  const changes: string[] = personFields.filter(
    (k) => v[k] !== undefined && v[k] !== (match[k] ?? undefined),
  );
  if (place) {
    const post = postAt(ctx, match.id, v);
    if (!post) changes.push('post');
    else if (v.titleZh && post.titleZh !== v.titleZh)
      warnings.push({ code: 'title_differs', detail: post.titleZh });
  }
  return {
    report: {
      ...report,
      action: changes.length ? 'update' : 'unchanged',
      matchId: match.id,
      matchName: match.nameZh,
      matchBy: by,
      changes,
    },
    values: v,
  };
}

/** People of either side, each with their post at a partner or one of our departments. */
export const peopleSheet: SheetKind<PersonValues, PeopleContext> = {
  fields: peopleFields,
  async prepare(scope) {
    const [loaded, partners, structure] = await Promise.all([
      loadPeople(scope),
      loadPartnerNames(scope),
      loadStructure(scope),
    ]);
    const byEmail = new Map<string, PersonRow>();
    for (const p of loaded.rows) if (p.email) byEmail.set(p.email.toLowerCase(), p);
    return { ...loaded, byEmail, partners, units: structure.units };
  },
  check: checkPersonRow,
  async commit(tx, rows, ctx, source) {
    const changes: SheetChange[] = [];
    const newPeople: (InsertValues<typeof people> & { id: string })[] = [];
    const newPosts: (InsertValues<typeof affiliations> & { id: string })[] = [];
    const rowOf = new Map<string, number>();
    const post = (personId: string, v: PersonValues, row: number) => {
      if (!v.organizationId && !v.orgUnitId) return;
      const id = newId();
      rowOf.set(id, row);
      newPosts.push({
        id,
        personId,
        organizationId: v.organizationId ?? null,
        orgUnitId: v.orgUnitId ?? null,
        titleZh: v.titleZh ?? '',
        titleEn: v.titleEn ?? '',
        isPrimary: !(ctx.posts.get(personId) ?? []).some((a) => a.isPrimary && !a.toOn),
      });
    };
    for (const { report: r, values: v } of rows) {
      if (r.action === 'create') {
        const id = newId();
        rowOf.set(id, r.row);
        newPeople.push({
          id,
          side: v.side ?? 'theirs',
          nameZh: v.nameZh ?? '',
          nameEn: v.nameEn ?? '',
          email: v.email ?? null,
          phone: v.phone ?? null,
          notes: v.notes ?? null,
        });
        post(id, v, r.row);
      } else if (r.action === 'update' && r.matchId) {
        const before = ctx.byId.get(r.matchId)!;
        const keys = (r.changes ?? []).filter((k) => k !== 'post') as (typeof personFields)[number][];
        if (keys.length > 0) {
          const set = Object.fromEntries(keys.map((k) => [k, v[k]]));
          const updated = await tx.change(people, 'person', r.matchId, before.version, set);
          changes.push({
            subject: 'person',
            id: r.matchId,
            action: 'update',
            versionAfter: updated.version,
            before: Object.fromEntries(keys.map((k) => [k, before[k]])),
          });
        }
        await tx.recordEvent({
          verb: 'person.imported',
          subjectType: 'person',
          subjectId: r.matchId,
          diff: { import: { to: source }, row: { to: r.row } },
        });
        if (r.changes?.includes('post')) post(r.matchId, v, r.row);
      }
    }
    const imported = (id: string) => [
      { verb: 'person.imported', diff: { import: { to: source }, row: { to: rowOf.get(id) } } },
    ];
    for (const p of await tx.createMany(people, 'person', newPeople, imported))
      changes.push({ subject: 'person', id: p.id, action: 'create', versionAfter: p.version });
    for (const a of await tx.createMany(affiliations, 'affiliation', newPosts))
      changes.push({ subject: 'affiliation', id: a.id, action: 'create', versionAfter: a.version });
    return changes;
  },
};
