import { defineOperation, type Operation } from '../../platform/api-operation.ts';
import { agreementListQuerySchema } from '../agreements/agreements.schema.ts';
import { articleListQuerySchema } from '../articles/articles.schema.ts';
import { auditQuerySchema } from '../audit/audit.schema.ts';
import { commitmentListQuerySchema } from '../commitments/commitments.schema.ts';
import { engagementListQuerySchema } from '../engagements/engagements.schema.ts';
import { organizationListQuerySchema } from '../partnerships/partnerships.schema.ts';
import { personListQuerySchema } from '../people/people.schema.ts';
import { programListQuerySchema } from '../programs/programs.schema.ts';
import { exportFormatSchema, localeQuerySchema } from './reports.schema.ts';

// The list exports, apart from the reports' schemas: they read every list's query schema, which the
// report screens (importing the indicator catalogue from reports.schema.ts) have no need to load.

/** The admin lists that export what the user sees (filters and sort, every page). */
export const exportableLists = [
  'engagements',
  'partners',
  'people',
  'agreements',
  'commitments',
  'programs',
  'articles',
  'audit',
] as const;
export type ExportableList = (typeof exportableLists)[number];

/** The list query schemas, without paging: an export is every page. */
export const exportQuerySchemas = {
  engagements: engagementListQuerySchema.omit({ page: true, pageSize: true }),
  partners: organizationListQuerySchema.omit({ page: true, pageSize: true }),
  agreements: agreementListQuerySchema.omit({ page: true, pageSize: true }),
  commitments: commitmentListQuerySchema.omit({ page: true, pageSize: true }),
  programs: programListQuerySchema.omit({ page: true, pageSize: true }),
  people: personListQuerySchema.omit({ page: true, pageSize: true }),
  articles: articleListQuerySchema.omit({ page: true, pageSize: true }),
  audit: auditQuerySchema.omit({ page: true, pageSize: true }),
} as const;

/** What an export adds to the list's filters: the file format and the language of its headers. */
const exportFields = { format: exportFormatSchema, lang: localeQuerySchema };

// ---------------------------------------------------------------- operations

const base = '/api/reports';

/** One export per list, each needing the permission to read the list. */
export const exportOperations = {
  engagements: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/exports/engagements',
    access: 'records.read',
    summary:
      'The engagements list as .xlsx or .csv: the same filters and sort as the list, every page, streamed',
    query: exportQuerySchemas.engagements.extend(exportFields),
  }),
  partners: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/exports/partners',
    access: 'records.read',
    summary:
      'The partners list as .xlsx or .csv: the same filters and sort as the list, every page, streamed',
    query: exportQuerySchemas.partners.extend(exportFields),
  }),
  people: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/exports/people',
    access: 'records.read',
    summary: 'The people list as .xlsx or .csv: the same filters and sort as the list, every page, streamed',
    query: exportQuerySchemas.people.extend(exportFields),
  }),
  agreements: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/exports/agreements',
    access: 'records.read',
    summary:
      'The agreements list as .xlsx or .csv: the same filters and sort as the list, every page, streamed',
    query: exportQuerySchemas.agreements.extend(exportFields),
  }),
  commitments: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/exports/commitments',
    access: 'records.read',
    summary:
      'The commitments list as .xlsx or .csv: the same filters and sort as the list, every page, streamed',
    query: exportQuerySchemas.commitments.extend(exportFields),
  }),
  programs: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/exports/programs',
    access: 'records.read',
    summary:
      'The programs list as .xlsx or .csv: the same filters and sort as the list, every page, streamed',
    query: exportQuerySchemas.programs.extend(exportFields),
  }),
  articles: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/exports/articles',
    access: 'news.read',
    summary:
      'The articles list as .xlsx or .csv: the same filters and sort as the list, every page, streamed',
    query: exportQuerySchemas.articles.extend(exportFields),
  }),
  audit: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/exports/audit',
    access: 'audit.read',
    summary: 'The audit list as .xlsx or .csv: the same filters and sort as the list, every page, streamed',
    query: exportQuerySchemas.audit.extend(exportFields),
  }),
} satisfies Record<ExportableList, Operation>;
