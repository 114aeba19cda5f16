import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { containsPattern } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { linkArticleToRecords, proposeEngagementsKind } from '../articles/articles.service.ts';
import { articles } from '../articles/articles.table.ts';
import { richTextToPlainText } from '../articles/rich-text.ts';
import { recordEngagement } from '../engagements/engagements.service.ts';
import { articleSources } from '../imports/imports.table.ts';
import { assertOrganizationsExist, createOrganization } from '../organizations/organizations.service.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { addAffiliation, assertPeopleExist, createPerson } from '../people/people.service.ts';
import { affiliations, people } from '../people/people.table.ts';
import { buildDocument, type Extraction, extractEngagement } from './extract.ts';
import { loadRegistry, type Registry } from './extraction.service.ts';
import { hanKeys, isHanName, isLatinName, latinKey } from './name-keys.ts';
import {
  type BulkProposalInput,
  bulkProposalInputSchema,
  type ConfirmProposalInput,
  confirmProposalInputSchema,
  type ProposalDetail,
  type ProposalListItem,
  type ProposalListQuery,
  proposalListQuerySchema,
  type RejectProposalInput,
  rejectProposalInputSchema,
} from './proposals.schema.ts';
import { engagementProposals, type ProposalRow } from './proposals.table.ts';

type ArticleRow = typeof articles.$inferSelect;

/** The extractor's organization kinds in the registry's words. */
const registryKind: Record<string, ProposalDetail['extraction']['organizations'][number]['kind']> = {
  enterprise: 'enterprise',
  government: 'government',
  school: 'school',
  association: 'industry_body',
  research: 'research',
  other: 'other',
};

/** How the news names the college itself when it gives someone's post ("President of the college"). */
const ownCollege = /^(the |our )?(college|school|university)$|^(学院|学校|我校|本校|我院|本院)$/i;

function dayOf(value: Date | null): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

/**
 * Reads one article and stores (or refreshes, while still pending) the engagement it proposes.
 * A proposal someone already confirmed or rejected is left as it is.
 */
export async function proposeFromArticle(
  scope: TenantScope,
  article: ArticleRow,
  registry: Registry,
  source: { oldPath: string | null; pageDate: string | null } = { oldPath: null, pageDate: null },
): Promise<ProposalRow | null> {
  const existing = await scope.first(engagementProposals, eq(engagementProposals.articleId, article.id));
  if (existing && (existing.status !== 'pending' || existing.articleVersion === article.version)) return null;
  const text = richTextToPlainText(article.bodyHtml);
  // What completes a day without a year: publication, else the old site's date, else when it was written.
  const publishedOn = dayOf(article.publishedAt ?? article.publishAt) ?? source.pageDate;
  const knownDay = publishedOn ?? dayOf(article.createdAt);
  const extraction = extractEngagement({
    title: article.title,
    text,
    language: article.locale,
    ...(source.oldPath ? { url: source.oldPath } : {}),
    ...(knownDay ? { published: knownDay } : {}),
    gazetteer: registry.gazetteer,
  });
  const values = {
    articleId: article.id,
    groupId: article.groupId,
    articleVersion: article.version,
    language: article.locale,
    title: article.title,
    publishedOn,
    isCooperation: extraction.isCooperation,
    eventType: extraction.eventType,
    eventDate: extraction.date,
    confidence: extraction.confidence,
    document: buildDocument(article.title, text),
    extraction,
  };
  if (existing) {
    await scope.updateRaw(engagementProposals, eq(engagementProposals.id, existing.id), {
      ...values,
      version: existing.version + 1,
      updatedAt: new Date(),
    });
    return (await scope.first(engagementProposals, eq(engagementProposals.id, existing.id))) ?? null;
  }
  return scope.insertRaw(engagementProposals, { id: newId(), ...values });
}

/**
 * Proposes an engagement for every article of the college that has none yet, or whose pending
 * proposal was read from an older version. Articles already linked to an engagement (written from
 * one, or confirmed) are left out. Returns how many were read.
 */
export async function proposeForArticles(scope: TenantScope, batch = 200): Promise<number> {
  const registry = await loadRegistry(scope);
  let done = 0;
  for (;;) {
    const rows = await scope.build((qb, tenant) =>
      qb
        .select({ article: articles, oldPath: articleSources.oldPath, pageDate: articleSources.pageDate })
        .from(articles)
        .leftJoin(
          articleSources,
          and(eq(articleSources.tenantId, articles.tenantId), eq(articleSources.articleId, articles.id)),
        )
        .where(
          and(
            tenant(articles),
            isNull(articles.deletedAt),
            sql`not exists (select 1 from article_links l where l.tenant_id = ${articles.tenantId}
              and l.group_id = ${articles.groupId} and l.subject_type = 'engagement')`,
            sql`not exists (select 1 from ${engagementProposals} p where p.tenant_id = ${articles.tenantId}
              and p.article_id = ${articles.id} and (p.status <> 'pending' or p.article_version = ${articles.version}))`,
          ),
        )
        .orderBy(asc(articles.createdAt), asc(articles.id))
        .limit(batch),
    );
    if (rows.length === 0) return done;
    for (const r of rows) {
      await proposeFromArticle(scope, r.article, registry, { oldPath: r.oldPath, pageDate: r.pageDate });
      done++;
    }
    if (rows.length < batch) return done;
  }
}

/** Queues the reading of every article not yet proposed from (the admin's "read all articles"). */
export async function queueProposalRun(scope: TenantScope): Promise<{ queued: true; unread: number }> {
  if (!scope.may('imports.run')) throw new AppError('forbidden', 'You may not run extraction');
  await scope.build((qb) =>
    enqueueJob(qb, {
      kind: proposeEngagementsKind,
      tenantId: scope.tenantId,
      uniqueKey: `${proposeEngagementsKind}:${scope.tenantId}`,
      maxAttempts: 3,
    }),
  );
  const [row] = await scope.build((qb, tenant) =>
    qb
      .select({ n: sql<number>`count(*)::int` })
      .from(articles)
      .where(
        and(
          tenant(articles),
          isNull(articles.deletedAt),
          sql`not exists (select 1 from ${engagementProposals} p where p.tenant_id = ${articles.tenantId} and p.article_id = ${articles.id})`,
          sql`not exists (select 1 from article_links l where l.tenant_id = ${articles.tenantId}
            and l.group_id = ${articles.groupId} and l.subject_type = 'engagement')`,
        ),
      ),
  );
  return { queued: true, unread: Number(row?.n ?? 0) };
}

function toListItem(row: ProposalRow): ProposalListItem {
  return {
    id: row.id,
    articleId: row.articleId,
    title: row.title,
    language: row.language,
    publishedOn: row.publishedOn,
    status: row.status,
    isCooperation: row.isCooperation,
    eventType: row.eventType as ProposalListItem['eventType'],
    eventDate: row.eventDate,
    confidence: Math.round(row.confidence * 100) / 100,
    organizations: row.extraction.organizations.slice(0, 5).map((o) => o.name),
    engagementId: row.engagementId,
    rejectReason: row.rejectReason,
    version: row.version,
  };
}

/** The review queue: proposals filtered by status, cooperation, type, year and confidence. */
export async function listProposals(
  scope: TenantScope,
  query: ProposalListQuery,
): Promise<{ items: ProposalListItem[]; total: number }> {
  const q = parseInput(proposalListQuerySchema, query);
  const p = engagementProposals;
  const conditions: (SQL | undefined)[] = [];
  if (q.status) conditions.push(eq(p.status, q.status));
  if (q.cooperation) conditions.push(eq(p.isCooperation, q.cooperation === 'true'));
  if (q.type) conditions.push(eq(p.eventType, q.type));
  if (q.year !== undefined) {
    const day = sql`coalesce(${p.eventDate}, ${p.publishedOn})`;
    conditions.push(sql`${day} >= ${`${q.year}-01-01`}::date and ${day} <= ${`${q.year}-12-31`}::date`);
  }
  if (q.minConfidence !== undefined) conditions.push(gte(p.confidence, q.minConfidence));
  if (q.maxConfidence !== undefined) conditions.push(lte(p.confidence, q.maxConfidence));
  if (q.q) conditions.push(ilike(p.title, containsPattern(q.q)));
  const order = {
    eventDate: [sql`${p.eventDate} asc nulls last`],
    '-eventDate': [sql`${p.eventDate} desc nulls last`],
    confidence: [asc(p.confidence)],
    '-confidence': [desc(p.confidence)],
  }[q.sort ?? '-eventDate'];
  const { items, total } = await scope.page(p, {
    where: and(...conditions),
    orderBy: [...order, asc(p.id)],
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: items.map(toListItem), total };
}

async function findProposal(scope: TenantScope, id: string, forUpdate = false): Promise<ProposalRow> {
  const [row] = await scope.select(engagementProposals, {
    where: eq(engagementProposals.id, id),
    limit: 1,
    forUpdate,
  });
  if (!row) throw new AppError('not_found', `Proposal ${id} not found`);
  return row;
}

/** People of the given names (in either language), with their current title and organization. */
async function candidatesFor(scope: TenantScope, extraction: Extraction, organizationIds: (string | null)[]) {
  const names = [...new Set(extraction.people.map((p) => p.name))];
  if (names.length === 0) return [];
  const lowered = names.map((n) => n.toLowerCase());
  // A Chinese name also finds the people recorded under its pinyin spelling, and the reverse.
  const keysOf = new Map<string, string[]>();
  for (const name of names) {
    if (isHanName(name)) keysOf.set(name, await hanKeys(name));
    else if (isLatinName(name)) keysOf.set(name, [latinKey(name)]);
  }
  const hanSpellings = names.filter(isHanName).flatMap((n) => keysOf.get(n) ?? []);
  const latinNames = names.filter(isLatinName);
  const latinOfEn = sql`regexp_replace(translate(lower(${people.nameEn}), 'v', 'u'), '[^a-z]', '', 'g')`;
  const found = await scope.select(people, {
    where: and(
      isNull(people.deletedAt),
      or(
        inArray(people.nameZh, names),
        inArray(sql`lower(${people.nameEn})`, lowered),
        hanSpellings.length ? inArray(latinOfEn, hanSpellings) : undefined,
        // Chinese names of two to four characters, read against the Latin spellings below.
        latinNames.length ? sql`${people.nameZh} ~ '^[一-龥]{2,4}$'` : undefined,
      ),
    ),
    limit: 5000,
  });
  const spelled = new Map<string, string[]>();
  for (const f of found)
    if (latinNames.length && isHanName(f.nameZh)) spelled.set(f.id, await hanKeys(f.nameZh));
  const sameName = (f: (typeof found)[number], name: string) => {
    if (f.nameZh === name || f.nameEn.toLowerCase() === name.toLowerCase()) return true;
    const keys = keysOf.get(name) ?? [];
    if (isHanName(name)) return f.nameEn !== '' && keys.includes(latinKey(f.nameEn));
    return keys.some((k) => (spelled.get(f.id) ?? []).includes(k));
  };
  const matchesOf = extraction.people.map((person) =>
    found.filter((f) => sameName(f, person.name)).slice(0, 10),
  );
  const matchedIds = [...new Set(matchesOf.flat().map((f) => f.id))];
  const posts = matchedIds.length
    ? await scope.select(affiliations, {
        where: inArray(affiliations.personId, matchedIds),
        orderBy: [desc(affiliations.isPrimary), sql`${affiliations.fromOn} desc nulls last`],
      })
    : [];
  const orgIds = [...new Set(posts.map((a) => a.organizationId).filter((x): x is string => Boolean(x)))];
  const orgRows = orgIds.length
    ? await scope.select(organizations, { where: inArray(organizations.id, orgIds) })
    : [];
  const orgName = new Map(orgRows.map((o) => [o.id, o.nameZh]));
  return extraction.people.map((person, i) => {
    const wanted = organizationIds[extraction.organizations.findIndex((o) => o.name === person.organization)];
    return (matchesOf[i] ?? [])
      .map((f) => {
        const own = posts.filter((a) => a.personId === f.id);
        const post = own.find((a) => wanted && a.organizationId === wanted) ?? own[0] ?? null;
        return {
          personId: f.id,
          nameZh: f.nameZh,
          nameEn: f.nameEn,
          side: f.side,
          title: post?.titleZh ?? null,
          organizationId: post?.organizationId ?? null,
          organizationName: post?.organizationId ? (orgName.get(post.organizationId) ?? null) : null,
          atWanted: Boolean(wanted && own.some((a) => a.organizationId === wanted)),
        };
      })
      .sort((a, b) => Number(b.atWanted) - Number(a.atWanted))
      .map(({ atWanted: _, ...c }) => c);
  });
}

/** One proposal with its text, every value's evidence, and what each name matches in the registry. */
export async function getProposal(scope: TenantScope, id: string): Promise<ProposalDetail> {
  const row = await findProposal(scope, id);
  const registry = await loadRegistry(scope);
  const x = row.extraction;
  const orgIds = x.organizations.map((o) => registry.organizationIdOf(o.name));
  const known = orgIds.filter((v): v is string => Boolean(v));
  const orgRows = known.length
    ? await scope.select(organizations, { where: inArray(organizations.id, known) })
    : [];
  const byId = new Map(orgRows.map((o) => [o.id, o]));
  const candidates = await candidatesFor(scope, x, orgIds);
  const article = await scope.first(
    articles,
    and(eq(articles.id, row.articleId), isNull(articles.deletedAt)),
  );
  return {
    ...toListItem(row),
    article: article
      ? { id: article.id, title: article.title, status: article.status, locale: article.locale }
      : null,
    document: row.document,
    extraction: {
      isCooperationEvidence: x.isCooperationEvidence,
      dateEvidence: x.dateEvidence,
      eventTypeEvidence: x.eventTypeEvidence,
      delegationSize: x.delegationSize,
      delegationEvidence: x.delegationEvidence,
      organizations: x.organizations.map((o, i) => {
        const match = orgIds[i] ? byId.get(orgIds[i]) : undefined;
        return {
          name: o.name,
          kind: registryKind[o.kind] ?? 'other',
          role: o.role,
          evidence: o.evidence,
          match: match
            ? { id: match.id, nameZh: match.nameZh, nameEn: match.nameEn, kind: match.kind }
            : null,
        };
      }),
      people: x.people.map((p, i) => {
        const ours = !p.organization || ownCollege.test(p.organization.trim());
        return {
          ...p,
          organization: ours ? null : p.organization,
          side: ours ? 'ours' : 'theirs',
          candidates: candidates[i] ?? [],
        };
      }),
      placesVisited: x.placesVisited.map((p) => ({ ...p, facilityId: registry.facilityIdOf(p.name) })),
      topics: x.topics,
      outcomes: x.outcomes,
    },
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

function assertPending(row: ProposalRow, version: number): void {
  if (row.version !== version) {
    throw new AppError('conflict', `proposal ${row.id} is at version ${row.version}, not ${version}`, {
      currentVersion: row.version,
    });
  }
  if (row.status !== 'pending') {
    throw new AppError('invalid_transition', `This proposal was already ${row.status}`, {
      status: row.status,
    });
  }
}

/**
 * Confirms a proposal as the reviewer edited it, in one transaction: new partners and people are
 * created (with the title each held that day), the engagement is recorded with its partners,
 * participants and outcomes, and the article (all its languages) is linked to it both ways.
 */
export async function confirmProposal(
  scope: TenantScope,
  id: string,
  input: ConfirmProposalInput,
): Promise<{
  proposal: ProposalListItem;
  engagementId: string;
  createdOrganizationIds: string[];
  createdPersonIds: string[];
}> {
  const data = parseInput(confirmProposalInputSchema, input);
  if (!scope.may('records.write')) throw new AppError('forbidden', 'You may not record engagements');
  return scope.transaction(async (tx) => {
    const row = await findProposal(tx, id, true);
    assertPending(row, data.version);
    await assertOrganizationsExist(
      tx,
      data.organizations.flatMap((o) => (o.organizationId ? [o.organizationId] : [])),
      'organizations',
    );
    await assertPeopleExist(
      tx,
      data.people.flatMap((p) => (p.personId ? [p.personId] : [])),
      'people',
    );
    const orgIdOf = new Map<string, string>();
    const createdOrganizationIds: string[] = [];
    for (const o of data.organizations) {
      if (o.organizationId) {
        orgIdOf.set(o.key, o.organizationId);
        continue;
      }
      const create = o.create!;
      const created = await createOrganization(tx, {
        kind: create.kind,
        nameZh: create.nameZh,
        nameEn: create.nameEn,
      });
      orgIdOf.set(o.key, created.id);
      createdOrganizationIds.push(created.id);
    }
    const createdPersonIds: string[] = [];
    const participants: {
      personId: string;
      organizationId: string | null;
      side: 'ours' | 'theirs';
      role: (typeof data.people)[number]['role'];
      titleZh: string | null;
      titleEn: string | null;
    }[] = [];
    for (const p of data.people) {
      const organizationId = p.organizationKey ? (orgIdOf.get(p.organizationKey) ?? null) : null;
      let personId = p.personId;
      let isNew = false;
      if (!personId) {
        const create = p.create!;
        personId = (await createPerson(tx, { side: p.side, nameZh: create.nameZh, nameEn: create.nameEn }))
          .id;
        createdPersonIds.push(personId);
        isNew = true;
      }
      if (participants.some((x) => x.personId === personId)) continue;
      const title = p.titleZh || p.titleEn;
      if (organizationId && title) {
        // The title of that day becomes the person's post at the partner, unless they already have one there.
        const post = isNew
          ? undefined
          : await tx.first(
              affiliations,
              and(eq(affiliations.personId, personId), eq(affiliations.organizationId, organizationId)),
            );
        if (!post) {
          await addAffiliation(tx, personId, {
            organizationId,
            // The registry wants a Chinese title; an English-only one stands in until someone adds it.
            titleZh: title,
            titleEn: p.titleEn ?? '',
            isPrimary: true,
          });
        }
      }
      participants.push({
        personId,
        organizationId,
        side: p.side,
        role: p.role,
        titleZh: p.titleZh ?? null,
        titleEn: p.titleEn ?? null,
      });
    }
    const organizationsOfEngagement = [
      ...new Map(
        data.organizations.map((o) => [
          orgIdOf.get(o.key)!,
          { organizationId: orgIdOf.get(o.key)!, role: o.role },
        ]),
      ).values(),
    ];
    const engagement = await recordEngagement(tx, {
      type: data.type,
      titleZh: data.titleZh,
      ...(data.titleEn !== undefined ? { titleEn: data.titleEn } : {}),
      startsOn: data.startsOn,
      location: data.location ?? null,
      hostOrgUnitId: data.hostOrgUnitId ?? null,
      summary: data.summary ?? null,
      delegationSize: data.delegationSize ?? null,
      topics: data.topics,
      facilityIds: data.facilityIds,
      organizations: organizationsOfEngagement,
      participants,
      outcomes: data.outcomes,
    });
    const article = await tx.first(articles, and(eq(articles.id, row.articleId), isNull(articles.deletedAt)));
    if (article) {
      await linkArticleToRecords(tx, article.id, [
        { type: 'engagement', id: engagement.id },
        ...organizationsOfEngagement.map((o) => ({ type: 'organization' as const, id: o.organizationId })),
      ]);
    }
    await tx.recordEvent({
      verb: 'engagement.proposal_confirmed',
      subjectType: 'engagement',
      subjectId: engagement.id,
      diff: { article: { to: row.title }, proposal: { to: row.id } },
    });
    const decided = { engagementId: engagement.id, decidedBy: tx.actor.id, decidedAt: new Date() };
    const after = await tx.change(
      engagementProposals,
      'engagement_proposal',
      id,
      data.version,
      {
        status: 'confirmed',
        ...decided,
      },
      'confirmed',
    );
    // The article's other languages report the same engagement: their proposals are settled too.
    await tx.updateRaw(
      engagementProposals,
      and(eq(engagementProposals.groupId, row.groupId), eq(engagementProposals.status, 'pending'))!,
      { status: 'confirmed', ...decided, updatedAt: new Date() },
    );
    return {
      proposal: toListItem(after),
      engagementId: engagement.id,
      createdOrganizationIds,
      createdPersonIds,
    };
  });
}

/** Rejects a proposal (not cooperation, a duplicate of a recorded engagement, or otherwise wrong). */
export async function rejectProposal(
  scope: TenantScope,
  id: string,
  input: RejectProposalInput,
): Promise<ProposalListItem> {
  const data = parseInput(rejectProposalInputSchema, input);
  return scope.transaction(async (tx) => {
    const row = await findProposal(tx, id, true);
    assertPending(row, data.version);
    const after = await tx.change(
      engagementProposals,
      'engagement_proposal',
      id,
      data.version,
      { status: 'rejected', rejectReason: data.reason, decidedBy: tx.actor.id, decidedAt: new Date() },
      'rejected',
    );
    return toListItem(after);
  });
}

/** Puts a rejected proposal back in the queue (undo). A confirmed one stays: its engagement exists. */
async function reopen(scope: TenantScope, row: ProposalRow): Promise<ProposalRow> {
  if (row.status !== 'rejected') {
    throw new AppError(
      'invalid_transition',
      `Only a rejected proposal can be reopened, not a ${row.status} one`,
    );
  }
  return scope.change(
    engagementProposals,
    'engagement_proposal',
    row.id,
    row.version,
    { status: 'pending', rejectReason: null, decidedBy: null, decidedAt: null },
    'reopened',
  );
}

export async function reopenProposal(
  scope: TenantScope,
  id: string,
  version: number,
): Promise<ProposalListItem> {
  return scope.transaction(async (tx) => {
    const row = await findProposal(tx, id, true);
    if (row.version !== version) {
      throw new AppError('conflict', `proposal ${id} is at version ${row.version}, not ${version}`, {
        currentVersion: row.version,
      });
    }
    return toListItem(await reopen(tx, row));
  });
}

/**
 * Rejects many pending proposals (such as everything judged not cooperation) or reopens many
 * rejected ones, in one transaction; proposals in another state are left and counted.
 */
export async function bulkProposals(
  scope: TenantScope,
  input: BulkProposalInput,
): Promise<{ changed: number; skipped: number }> {
  const data = parseInput(bulkProposalInputSchema, input);
  return scope.transaction(async (tx) => {
    const rows = await tx.select(engagementProposals, {
      where: inArray(engagementProposals.id, [...new Set(data.ids)]),
      forUpdate: true,
    });
    let changed = 0;
    for (const row of rows) {
      if (data.action === 'reject' && row.status === 'pending') {
        await tx.change(
          engagementProposals,
          'engagement_proposal',
          row.id,
          row.version,
          { status: 'rejected', rejectReason: data.reason, decidedBy: tx.actor.id, decidedAt: new Date() },
          'rejected',
        );
        changed++;
      } else if (data.action === 'reopen' && row.status === 'rejected') {
        await reopen(tx, row);
        changed++;
      }
    }
    return { changed, skipped: data.ids.length - changed };
  });
}
