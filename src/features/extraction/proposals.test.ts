import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  clientAs,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../../test/test-app.ts';
import { jobs } from '../../platform/jobs.table.ts';
import { proposeEngagementsKind } from '../articles/articles.service.ts';
import { proposeForArticles } from './proposals.service.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
let officer: TestClient;
let editor: TestClient;
const ids: Record<string, string> = {};

const visitEn = {
  locale: 'en',
  title: 'Qingshan Robotics delegation visits the college to plan an order class',
  bodyHtml: `<p>On the morning of March 12, 2025, Chen Mingyuan, General Manager of Qingshan Robotics Co., Ltd., led a five-member delegation to the college. President Zhao Lihua received the guests.</p>
<p>The guests toured the intelligent manufacturing training center and the industrial robot lab.</p>
<p>At the symposium, the two sides reached consensus on opening an industrial robot order class in September.</p>`,
};
const visitZh = {
  locale: 'zh-CN',
  title: '江苏海港物流集团来校洽谈校企合作',
  bodyHtml: `<p>2025年4月8日上午，江苏海港物流集团副总经理刘建国一行4人来校调研。党委书记高炬接待了来宾。</p>
<p>来宾参观了智慧物流实训中心。双方就共建产业学院、学生实习就业等事项达成共识，并签订了校企合作框架协议。</p>`,
};
const freshmen = {
  locale: 'en',
  title: 'College holds the 2025 freshmen opening ceremony',
  bodyHtml:
    '<p>On September 10, 2025, the college held its opening ceremony for 4,200 new students in the stadium. The president welcomed the freshmen.</p>',
};

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
  officer = (await clientAs(t, college, ['cooperation_officer'])).client;
  editor = (await clientAs(t, college, ['editor'])).client;
  // The registry already knows the logistics group by its short name, and its manager.
  const org = await officer.post('/api/organizations', {
    kind: 'enterprise',
    nameZh: '江苏海港物流集团有限公司',
    aliases: ['江苏海港物流集团'],
  });
  ids.logistics = (await org.json()).id;
  const person = await officer.post('/api/people', { side: 'theirs', nameZh: '刘建国' });
  ids.liu = (await person.json()).id;
  await officer.post(`/api/people/${ids.liu}/affiliations`, {
    organizationId: ids.logistics,
    titleZh: '副总经理',
  });
  for (const [key, article] of Object.entries({ visitEn, visitZh, freshmen })) {
    const res = await editor.post('/api/articles', article);
    expect(res.status).toBe(201);
    ids[key] = (await res.json()).id;
  }
});
afterAll(async () => t.close());

async function proposalOf(articleId: string) {
  const list = await (await officer.get('/api/proposals?pageSize=100')).json();
  const item = list.items.find((p: { articleId: string }) => p.articleId === articleId);
  return (await officer.get(`/api/proposals/${item.id}`)).json();
}

describe('proposals from articles', () => {
  it('queues a reading when an article is written, and reads each article once', async () => {
    const queued = await t.database.db.select().from(jobs).where(eq(jobs.kind, proposeEngagementsKind));
    expect(queued.filter((j) => j.tenantId === college.id)).toHaveLength(1);
    expect(await proposeForArticles(college.scope)).toBe(3);
    expect(await proposeForArticles(college.scope)).toBe(0);
  });

  it('lists the queue with filters, and tells cooperation from campus life', async () => {
    const all = await (await officer.get('/api/proposals')).json();
    expect(all.total).toBe(3);
    const coop = await (await officer.get('/api/proposals?cooperation=true&year=2025')).json();
    expect(coop.items.map((p: { title: string }) => p.title).sort()).toEqual(
      [visitEn.title, visitZh.title].sort(),
    );
    const not = await (await officer.get('/api/proposals?cooperation=false')).json();
    expect(not.items).toMatchObject([{ title: freshmen.title, status: 'pending' }]);
    expect(
      (await (await officer.get('/api/proposals?type=visit_inbound&minConfidence=0.5')).json()).total,
    ).toBe(2);
    expect((await (await officer.get('/api/proposals?year=2019')).json()).total).toBe(0);
    expect((await officer.get('/api/proposals?minConfidence=2')).status).toBe(400);
  });

  it('shows every value with the span it came from, and matches the registry', async () => {
    const p = await proposalOf(ids.visitZh!);
    const at = (s: { start: number; end: number }) => p.document.slice(s.start, s.end);
    expect(p).toMatchObject({ eventType: 'visit_inbound', eventDate: '2025-04-08', isCooperation: true });
    expect(at(p.extraction.dateEvidence)).toBe(p.extraction.dateEvidence.text);
    expect(p.extraction.delegationSize).toBe(4);
    const org = p.extraction.organizations[0];
    expect(org).toMatchObject({ name: '江苏海港物流集团', match: { id: ids.logistics } });
    expect(at(org.evidence)).toBe(org.evidence.text);
    const liu = p.extraction.people.find((x: { name: string }) => x.name === '刘建国');
    expect(liu).toMatchObject({
      title: '副总经理',
      side: 'theirs',
      candidates: [{ personId: ids.liu, title: '副总经理' }],
    });
    const gao = p.extraction.people.find((x: { name: string }) => x.name === '高炬');
    expect(gao).toMatchObject({ title: '党委书记', side: 'ours', organization: null, candidates: [] });
    expect(p.extraction.outcomes.length).toBeGreaterThanOrEqual(1);
    for (const o of p.extraction.outcomes) expect(at(o.evidence)).toBe(o.evidence.text);
  });

  it('confirms as edited in one transaction: partner, person, title, engagement, links both ways', async () => {
    const p = await proposalOf(ids.visitEn!);
    const chen = p.extraction.people.find((x: { name: string }) => x.name === 'Chen Mingyuan');
    expect(chen).toMatchObject({
      title: 'General Manager',
      organization: 'Qingshan Robotics Co., Ltd.',
      side: 'theirs',
    });
    const body = {
      version: p.version,
      type: p.eventType,
      titleZh: '青山机器人公司来校洽谈订单班',
      titleEn: p.title,
      startsOn: p.eventDate,
      delegationSize: p.extraction.delegationSize,
      organizations: [
        {
          key: 'o0',
          create: { kind: 'enterprise', nameZh: '青山机器人有限公司', nameEn: 'Qingshan Robotics Co., Ltd.' },
          role: 'guest',
        },
      ],
      people: [
        {
          create: { nameZh: '陈明远', nameEn: 'Chen Mingyuan' },
          organizationKey: 'o0',
          side: 'theirs',
          role: 'led',
          titleZh: '总经理',
          titleEn: 'General Manager',
        },
        {
          create: { nameZh: '赵丽华', nameEn: 'Zhao Lihua' },
          side: 'ours',
          role: 'received',
          titleZh: '院长',
          titleEn: 'President',
        },
      ],
      outcomes: p.extraction.outcomes.map((o: { text: string }) => ({ kind: 'consensus', text: o.text })),
    };
    // A bad reference anywhere refuses the whole confirmation: nothing is created.
    const before = (await (await officer.get('/api/organizations?pageSize=100')).json()).total;
    const bad = await officer.post(`/api/proposals/${p.id}/confirm`, {
      ...body,
      people: [...body.people, { personId: '00000000-0000-4000-8000-000000000000', side: 'theirs' }],
    });
    expect(bad.status).toBe(400);
    expect((await (await officer.get('/api/organizations?pageSize=100')).json()).total).toBe(before);
    const dangling = await officer.post(`/api/proposals/${p.id}/confirm`, {
      ...body,
      people: [{ ...body.people[0], organizationKey: 'nope' }],
    });
    expect(dangling.status).toBe(400);
    expect((await dangling.json()).error.details[0]).toMatchObject({ path: 'people.0.organizationKey' });

    const res = await officer.post(`/api/proposals/${p.id}/confirm`, body);
    expect(res.status).toBe(201);
    const done = await res.json();
    expect(done.proposal).toMatchObject({ status: 'confirmed', engagementId: done.engagementId });
    expect(done.createdOrganizationIds).toHaveLength(1);
    expect(done.createdPersonIds).toHaveLength(2);

    const engagement = await (await officer.get(`/api/engagements/${done.engagementId}`)).json();
    expect(engagement).toMatchObject({ type: 'visit_inbound', startsOn: '2025-03-12', delegationSize: 5 });
    expect(engagement.participants).toEqual(
      expect.arrayContaining([expect.objectContaining({ titleZh: '总经理', side: 'theirs', role: 'led' })]),
    );
    expect(engagement.outcomes[0].text).toContain('order class');
    // The new partner: its title of that day is the person's post there, and its history has the visit.
    const partnerId = done.createdOrganizationIds[0];
    const history = await (await officer.get(`/api/organizations/${partnerId}/history`)).json();
    expect(history.items.map((h: { id: string }) => h.id)).toContain(done.engagementId);
    const posts = await (await officer.get(`/api/people/${done.createdPersonIds[0]}/affiliations`)).json();
    expect(posts.items ?? posts).toMatchObject([{ organizationId: partnerId, titleZh: '总经理' }]);
    // The article links the engagement and the partner; the engagement finds the article.
    const article = await (await editor.get(`/api/articles/${ids.visitEn}`)).json();
    expect(article.links.map((l: { type: string; id: string }) => `${l.type}:${l.id}`)).toEqual(
      expect.arrayContaining([`engagement:${done.engagementId}`, `organization:${partnerId}`]),
    );
    const reporting = await (await officer.get(`/api/articles?engagementId=${done.engagementId}`)).json();
    expect(reporting.items.map((a: { id: string }) => a.id)).toContain(ids.visitEn);
    // Confirming twice is refused; the article, now linked, is not read again.
    const again = await officer.post(`/api/proposals/${p.id}/confirm`, {
      ...body,
      version: done.proposal.version,
    });
    expect(again.status).toBe(409);
    expect(await proposeForArticles(college.scope)).toBe(0);
    const events = await (
      await officer.get(`/api/audit?subjectType=engagement&subjectId=${done.engagementId}`)
    ).json();
    expect(events.items.map((e: { verb: string }) => e.verb)).toContain('engagement.proposal_confirmed');
  });

  it('links an existing partner and person instead of duplicating them', async () => {
    const p = await proposalOf(ids.visitZh!);
    const res = await officer.post(`/api/proposals/${p.id}/confirm`, {
      version: p.version,
      type: 'visit_inbound',
      titleZh: p.title,
      startsOn: p.eventDate,
      organizations: [{ key: 'a', organizationId: ids.logistics, role: 'guest' }],
      people: [{ personId: ids.liu, organizationKey: 'a', side: 'theirs', role: 'led', titleZh: '副总经理' }],
    });
    expect(res.status).toBe(201);
    const done = await res.json();
    expect(done.createdOrganizationIds).toEqual([]);
    expect(done.createdPersonIds).toEqual([]);
    const posts = await (await officer.get(`/api/people/${ids.liu}/affiliations`)).json();
    expect(posts.items ?? posts).toHaveLength(1);
  });

  it('finds a person recorded in Chinese from the pinyin of an English article, and the reverse', async () => {
    const gao = await (await officer.post('/api/people', { side: 'ours', nameZh: '高炬' })).json();
    const res = await editor.post('/api/articles', {
      locale: 'en',
      title: 'Party Secretary meets harbour logistics group',
      bodyHtml:
        '<p>On May 6, 2025, Party Secretary Gao Ju met Liu Jianguo, Deputy General Manager of Jiangsu Harbour Logistics Group, at the college.</p>',
    });
    const id = (await res.json()).id;
    await proposeForArticles(college.scope);
    const p = await proposalOf(id);
    const person = (name: string) => p.extraction.people.find((x: { name: string }) => x.name === name);
    expect(person('Gao Ju').candidates.map((c: { personId: string }) => c.personId)).toEqual([gao.id]);
    expect(person('Liu Jianguo').candidates.map((c: { personId: string }) => c.personId)).toContain(ids.liu);
    // A person recorded only in Latin letters is found from a Chinese article's 吴磊.
    const wu = await (
      await officer.post('/api/people', { side: 'theirs', nameZh: 'Wu Lei', nameEn: 'Wu Lei' })
    ).json();
    const zhRes = await editor.post('/api/articles', {
      locale: 'zh-CN',
      title: '滨海物流枢纽来校交流',
      bodyHtml:
        '<p>2025年6月3日，滨海物流枢纽有限公司总经理吴磊一行3人来校交流，双方就共建实训基地达成共识。</p>',
    });
    const zhId = (await zhRes.json()).id;
    await proposeForArticles(college.scope);
    const zh = (await proposalOf(zhId)).extraction.people;
    expect(zh.find((x: { name: string }) => x.name === '吴磊').candidates[0].personId).toBe(wu.id);
  });

  it('rejects, undoes and rejects in bulk; a rejected article is not read again', async () => {
    const p = await proposalOf(ids.freshmen!);
    const rejected = await (
      await officer.post(`/api/proposals/${p.id}/reject`, { version: p.version, reason: 'not_cooperation' })
    ).json();
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'not_cooperation' });
    const reopened = await officer.post(`/api/proposals/${p.id}/reopen`, { version: rejected.version });
    expect(await reopened.json()).toMatchObject({ status: 'pending', rejectReason: null });
    const bulk = await officer.post('/api/proposals/bulk', { action: 'reject', ids: [p.id] });
    expect(await bulk.json()).toEqual({ changed: 1, skipped: 0 });
    const none = await officer.post('/api/proposals/bulk', { action: 'reject', ids: [p.id] });
    expect(await none.json()).toEqual({ changed: 0, skipped: 1 });
    expect((await (await officer.get('/api/proposals?status=rejected')).json()).total).toBe(1);
    // Editing a decided article leaves the decision alone.
    const article = await (await editor.get(`/api/articles/${ids.freshmen}`)).json();
    await editor.patch(`/api/articles/${ids.freshmen}`, {
      version: article.version,
      title: `${freshmen.title}!`,
    });
    expect(await proposeForArticles(college.scope)).toBe(0);
  });

  it('reads a pending article again after it is edited', async () => {
    const res = await editor.post('/api/articles', { ...visitEn, title: 'Draft about a visit' });
    const id = (await res.json()).id;
    await proposeForArticles(college.scope);
    const article = await (await editor.get(`/api/articles/${id}`)).json();
    await editor.patch(`/api/articles/${id}`, {
      version: article.version,
      bodyHtml: visitEn.bodyHtml.replace('five-member', 'seven-member'),
    });
    expect(await proposeForArticles(college.scope)).toBe(1);
    expect((await proposalOf(id)).extraction.delegationSize).toBe(7);
  });

  it('keeps the queue to officers of the college', async () => {
    const p = await proposalOf(ids.visitZh!);
    expect((await editor.get('/api/proposals')).status).toBe(403);
    const viewer = (await clientAs(t, college, ['viewer'])).client;
    expect((await viewer.post(`/api/proposals/${p.id}/reject`, { version: p.version })).status).toBe(403);
    const other = await buildTenant(t);
    const stranger = (await clientAs(t, other, ['cooperation_officer'])).client;
    expect((await stranger.get(`/api/proposals/${p.id}`)).status).toBe(404);
    expect((await (await stranger.get('/api/proposals')).json()).total).toBe(0);
    const bulk = await stranger.post('/api/proposals/bulk', { action: 'reject', ids: [p.id] });
    expect(await bulk.json()).toEqual({ changed: 0, skipped: 1 });
  });
});
