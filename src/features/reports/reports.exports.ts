import { inArray, isNull } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { type Locale, type MessageKey, translate } from '../../i18n/i18n.ts';
import {
  type ExportCell,
  type ExportColumn,
  type StreamedSheet,
  walkPages,
} from '../../platform/table-export.ts';
import { parseInput } from '../../platform/validation.ts';
import { listAgreements } from '../agreements/agreements.service.ts';
import { listArticles } from '../articles/articles.service.ts';
import { listTimelineEvents } from '../audit/audit.service.ts';
import { listCommitments } from '../commitments/commitments.service.ts';
import { listEngagements } from '../engagements/engagements.service.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { industryLabel, regionLabel } from '../organizations/organizations.values.ts';
import { listOrganizations } from '../partnerships/partnerships.service.ts';
import { listPeople } from '../people/people.service.ts';
import { listPrograms } from '../programs/programs.service.ts';
import { type ExportableList, exportQuerySchemas } from './reports.exports.schema.ts';

export { type ExportableList, exportableLists } from './reports.exports.schema.ts';

type Row = Record<string, ExportCell>;

/** Names by id for the departments of the college (few) and, per page, the partners it names. */
function namer(scope: TenantScope, locale: Locale) {
  const pick = (r: { nameZh: string; nameEn: string }) => (locale === 'en' ? r.nameEn || r.nameZh : r.nameZh);
  let units: Map<string, string> | undefined;
  return {
    async department(id: string | null): Promise<string | null> {
      if (!id) return null;
      units ??= new Map(
        (await scope.select(orgUnits, { where: isNull(orgUnits.deletedAt) })).map((u) => [u.id, pick(u)]),
      );
      return units.get(id) ?? null;
    },
    async partners(ids: readonly (string | null)[]): Promise<Map<string, string>> {
      const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
      if (!wanted.length) return new Map();
      const rows = await scope.select(organizations, { where: inArray(organizations.id, wanted) });
      return new Map(rows.map((o) => [o.id, pick(o)]));
    },
  };
}

/** Rows of a paged list, read page by page and shaped page by page (so names are looked up in batches). */
async function* shaped<T>(
  readPage: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
  shape: (items: T[]) => Promise<Row[]>,
): AsyncIterable<Row> {
  let batch: T[] = [];
  for await (const item of walkPages(readPage)) {
    batch.push(item);
    if (batch.length === 200) {
      yield* await shape(batch);
      batch = [];
    }
  }
  if (batch.length) yield* await shape(batch);
}

/**
 * A list as an export: the same filters and sort as on screen, every page, in the reader's
 * language, with names instead of ids and labels instead of codes.
 */
export function exportList(
  scope: TenantScope,
  list: ExportableList,
  query: Record<string, unknown>,
  locale: Locale,
): StreamedSheet {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(locale, key as MessageKey, params);
  const label = (group: string, code: string | null | undefined) => (code ? t(`${group}.${code}`) : null);
  const names = namer(scope, locale);
  const en = locale === 'en';
  const col = (key: string, type: ExportColumn['type'] = 'text', width?: number): ExportColumn => ({
    key,
    header: t(`admin.exports.columns.${key}`),
    type,
    ...(width ? { width } : {}),
  });
  const filters = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  const sheet = (columns: ExportColumn[], rows: AsyncIterable<Row>): StreamedSheet => ({
    name: t(`admin.exports.lists.${list}`),
    title: t(`admin.exports.lists.${list}`),
    filters: [
      [t('admin.exports.filters'), filters || t('admin.exports.noFilters')],
      [t('admin.exports.exported'), new Date().toISOString().slice(0, 16).replace('T', ' ')],
    ],
    columns,
    rows,
  });

  switch (list) {
    case 'engagements': {
      const q = parseInput(exportQuerySchemas.engagements, query);
      return sheet(
        [
          col('date', 'date'),
          col('type'),
          col('title', 'text', 40),
          col('location'),
          col('department', 'text', 24),
          col('delegationSize', 'number'),
          col('summary', 'text', 60),
        ],
        shaped(
          (page, pageSize) => listEngagements(scope, { ...q, page, pageSize }),
          async (items) => {
            const rows: Row[] = [];
            for (const e of items) {
              rows.push({
                date: e.startsOn,
                type: label('admin.engagements.types', e.type),
                title: en ? e.titleEn || e.titleZh : e.titleZh,
                location: e.location,
                department: await names.department(e.hostOrgUnitId),
                delegationSize: e.delegationSize,
                summary: e.summary,
              });
            }
            return rows;
          },
        ),
      );
    }
    case 'partners': {
      const q = parseInput(exportQuerySchemas.partners, query);
      return sheet(
        [
          col('nameZh', 'text', 36),
          col('nameEn', 'text', 36),
          col('kind'),
          col('uscc', 'text', 22),
          col('industry'),
          col('region'),
          col('stage'),
          col('dimensions', 'text', 40),
          col('department', 'text', 24),
          col('since'),
        ],
        shaped(
          (page, pageSize) => listOrganizations(scope, { ...q, page, pageSize }),
          async (items) => {
            const rows: Row[] = [];
            for (const o of items) {
              rows.push({
                nameZh: o.nameZh,
                nameEn: o.nameEn,
                kind: label('admin.partners.kinds', o.kind),
                uscc: o.uscc,
                industry: o.industry && industryLabel(o.industry, locale),
                region: o.region && regionLabel(o.region, locale),
                stage: label('admin.partners.stages', o.stage),
                dimensions: o.dimensions.map((d) => t(`admin.dimensions.${d}`)).join(en ? '; ' : '；'),
                department: await names.department(o.leadOrgUnitId),
                since: o.since,
              });
            }
            return rows;
          },
        ),
      );
    }
    case 'agreements': {
      const q = parseInput(exportQuerySchemas.agreements, query);
      return sheet(
        [
          col('code'),
          col('title', 'text', 40),
          col('type'),
          col('status'),
          col('signedOn', 'date'),
          col('validFrom', 'date'),
          col('validTo', 'date'),
          col('partners', 'text', 40),
          col('department', 'text', 24),
        ],
        shaped(
          (page, pageSize) => listAgreements(scope, { ...q, page, pageSize }),
          async (items) => {
            const partnerNames = await names.partners(
              items.flatMap((a) => a.parties.map((p) => p.organizationId)),
            );
            const rows: Row[] = [];
            for (const a of items) {
              rows.push({
                code: a.code,
                title: en ? a.titleEn || a.titleZh : a.titleZh,
                type: label('admin.agreements.types', a.type),
                status: label('admin.agreements.statuses', a.status),
                signedOn: a.signedOn,
                validFrom: a.validFrom,
                validTo: a.validTo,
                partners: a.parties
                  .map((p) => (p.organizationId ? partnerNames.get(p.organizationId) : null))
                  .filter(Boolean)
                  .join(en ? '; ' : '；'),
                department: await names.department(a.ownerOrgUnitId),
              });
            }
            return rows;
          },
        ),
      );
    }
    case 'commitments': {
      const q = parseInput(exportQuerySchemas.commitments, query);
      return sheet(
        [
          col('text', 'text', 50),
          col('status'),
          col('priority'),
          col('dueOn', 'date'),
          col('completedOn', 'date'),
          col('department', 'text', 24),
          col('partner', 'text', 32),
        ],
        shaped(
          (page, pageSize) => listCommitments(scope, { ...q, page, pageSize }),
          async (items) => {
            const partnerNames = await names.partners(items.map((c) => c.organizationId));
            const rows: Row[] = [];
            for (const c of items) {
              rows.push({
                text: c.text,
                status: label('admin.commitments.statuses', c.overdue ? 'overdue' : c.status),
                priority: label('admin.commitments.priorities', c.priority),
                dueOn: c.dueOn,
                completedOn: c.completedOn,
                department: await names.department(c.ownerOrgUnitId),
                partner: c.organizationId ? (partnerNames.get(c.organizationId) ?? null) : null,
              });
            }
            return rows;
          },
        ),
      );
    }
    case 'programs': {
      const q = parseInput(exportQuerySchemas.programs, query);
      return sheet(
        [
          col('title', 'text', 40),
          col('dimension'),
          col('status'),
          col('startOn', 'date'),
          col('endOn', 'date'),
          col('department', 'text', 24),
          col('partners', 'text', 40),
        ],
        shaped(
          (page, pageSize) => listPrograms(scope, { ...q, page, pageSize }),
          async (items) => {
            const partnerNames = await names.partners(items.flatMap((p) => p.organizationIds));
            const rows: Row[] = [];
            for (const p of items) {
              rows.push({
                title: en ? p.titleEn || p.titleZh : p.titleZh,
                dimension: label('admin.dimensions', p.dimension),
                status: label('admin.programs.statuses', p.status),
                startOn: p.startOn,
                endOn: p.endOn,
                department: await names.department(p.leadOrgUnitId),
                partners: p.organizationIds
                  .map((id) => partnerNames.get(id))
                  .filter(Boolean)
                  .join(en ? '; ' : '；'),
              });
            }
            return rows;
          },
        ),
      );
    }
    case 'people': {
      const q = parseInput(exportQuerySchemas.people, query);
      return sheet(
        [
          col('nameZh', 'text', 20),
          col('nameEn', 'text', 24),
          col('side'),
          col('email', 'text', 28),
          col('phone', 'text', 18),
        ],
        shaped(
          (page, pageSize) => listPeople(scope, { ...q, page, pageSize }),
          async (items) =>
            items.map((p) => ({
              nameZh: p.nameZh,
              nameEn: p.nameEn,
              side: label('admin.people.sides', p.side),
              email: p.email,
              phone: p.phone,
            })),
        ),
      );
    }
    case 'articles': {
      const q = parseInput(exportQuerySchemas.articles, query);
      return sheet(
        [
          col('title', 'text', 48),
          col('language'),
          col('status'),
          col('publishedOn', 'date'),
          col('author', 'text', 16),
          col('tags', 'text', 30),
        ],
        shaped(
          (page, pageSize) => listArticles(scope, { ...q, page, pageSize }),
          async (items) =>
            items.map((a) => ({
              title: a.title,
              language: t(`admin.languages.${a.locale}`),
              status: label('newsDesk.statuses', a.status),
              publishedOn: a.publishedAt,
              author: a.authorName,
              tags: a.tags.join(en ? '; ' : '；'),
            })),
        ),
      );
    }
    case 'audit': {
      const q = parseInput(exportQuerySchemas.audit, query);
      return sheet(
        [
          col('happenedAt', 'text', 20),
          col('actor', 'text', 16),
          col('verb', 'text', 28),
          col('subject', 'text', 40),
          col('changes', 'text', 80),
        ],
        shaped(
          (page, pageSize) => listTimelineEvents(scope, { ...q, page, pageSize }),
          async (items) =>
            items.map((e) => ({
              happenedAt: e.happenedAt.slice(0, 19).replace('T', ' '),
              actor: e.actorName,
              verb: e.verb,
              subject: `${e.subjectType} ${e.subjectId}`,
              changes: Object.keys(e.diff).join(', '),
            })),
        ),
      );
    }
  }
}
