/**
 * The one allow-list of places that leave the tenant scope's own query layer: `scope.build(…)`
 * (joins and aggregates the scope cannot express; the callback must apply `tenant(table)` to every
 * tenant table it reads) and raw `.execute(sql…)`. `test/architecture.test.ts` counts them in every
 * source file and fails when a file has more or fewer than listed here, so a new escape is a
 * reviewed change to this file.
 */
export const queryEscapes: Record<string, { build?: number; execute?: number; why: string }> = {
  'src/features/tenants/tenants.service.ts': {
    build: 1,
    why: 'a college renaming itself from its settings page goes through the platform rename (tenants and sites sit above tenant scoping)',
  },
  'src/features/articles/articles.service.ts': {
    build: 10,
    execute: 7,
    why: 'desk lists with names joined, search counts and walks, neighbours and counts kept by triggers, queued readings',
  },
  'src/features/reminders/reminders.service.ts': {
    build: 2,
    why: 'reminders recorded once per person and key (insert, skipping those already there) and claimed for one mail in one statement',
  },
  'src/features/articles/articles.portal.ts': {
    build: 5,
    execute: 1,
    why: 'public pages: the article page prepared statement, listings, related articles, sitemap',
  },
  'src/features/commitments/commitments.service.ts': {
    build: 2,
    execute: 2,
    why: 'the board: a loose index scan for its groups and capped counts per column',
  },
  'src/features/extraction/proposals.service.ts': {
    build: 3,
    why: 'articles not yet read, with their old address joined, their count, and the queued reading',
  },
  'src/features/engagements/engagements.service.ts': {
    build: 1,
    why: 'the per-college engagement count kept by a trigger',
  },
  'src/features/partnerships/partnerships.service.ts': {
    build: 1,
    why: 'partners joined to their partnership',
  },
  'src/features/organizations/organizations.service.ts': {
    build: 1,
    why: 'near-name search with trigram similarity',
  },
  'src/features/people/people.service.ts': {
    build: 1,
    why: 'people with their current title joined',
  },
  'src/features/reports/reports.service.ts': {
    build: 2,
    why: 'yearly facts summed per code, and per major and partner with their registry fields, over live programs',
  },
  'src/features/reports/reports.ledgers.ts': {
    build: 4,
    why: 'partner ledgers grouped per partner, year and code; teachers with their department posts; practice days per teacher over five years; the same for the met rate of two years at once',
  },
  'src/features/imports/engagement-sheet.ts': {
    build: 1,
    why: 'the engagements on record by day, type and partner (a join, with only the columns compared)',
  },
  'src/features/imports/imports.service.ts': {
    build: 1,
    why: 'queues the import job in the transaction that records the run',
  },
  'src/features/imports/news-import.service.ts': {
    build: 1,
    why: 'old address → published imported article with its channel, for the redirect',
  },
  'src/features/reports/reports.dashboard.ts': {
    build: 7,
    execute: 1,
    why: 'dashboard aggregates: partners, engagements per month, agreements per year, commitments per department and owner, the matrix, news lag',
  },
  'src/platform/jobs.ts': { execute: 2, why: 'claiming jobs across colleges with SKIP LOCKED' },
  'src/db/maintenance.ts': { execute: 1, why: 'VACUUM (ANALYZE) of the embedded database' },
  'src/db/doctor.ts': {
    execute: 3,
    why: 'the operator’s checks: a ping, the migration level, stored-file references',
  },
  'src/db/backup.ts': {
    execute: 13,
    why: 'backup and restore read and write every table of every college, through the catalogue, and move the sequences past the restored rows',
  },
  'src/db/college-transfer.ts': {
    execute: 3,
    why: 'moving one college: its own row, and the slugs and host names it must not clash with',
  },
  'src/db/tenant-scope.ts': {
    execute: 1,
    why: 'bulk inserts of imports as one JSON parameter (json_populate_recordset), always with the scope’s college',
  },
  'src/db/migrate.ts': { execute: 1, why: 'the advisory lock around migrations' },
};
