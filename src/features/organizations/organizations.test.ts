import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, clientAs, createTestApp, type TestApp } from '../../../test/test-app.ts';
import { timelineEvents } from '../audit/audit.table.ts';
import { compareChineseNames, compareEnglishNames, normalizeChineseName } from './name-similarity.ts';
import { assertOrganizationsExist } from './organizations.service.ts';
import { computeUsccCheck, isValidUscc, normalizeUscc } from './uscc.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
let other: Awaited<ReturnType<typeof buildTenant>>;

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
  other = await buildTenant(t);
});
afterAll(() => t.close());

/** A valid credit code built from 17 characters with the computed check character. */
function uscc(first17: string): string {
  return `${first17}${computeUsccCheck(first17)}`;
}

describe('unified social credit code', () => {
  it('accepts codes whose check character is right, computed by GB 32100-2015', () => {
    // A published example and a real company's code, then one whose check character is computed here.
    expect(computeUsccCheck('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('914403001922038216')).toBe(true);
    const mine = uscc('91330100MA2H3KXQ0');
    expect(mine).toBe('91330100MA2H3KXQ0J');
    expect(isValidUscc(mine)).toBe(true);
  });

  it('refuses a wrong check character, letters outside the alphabet and wrong lengths', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100M000100I43')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(computeUsccCheck('91350100M000100O4')).toBeNull();
    expect(normalizeUscc(' 9135 0100m000100y43 ')).toBe('91350100M000100Y43');
  });

  it('maps a check value of 31 to 0', () => {
    // Search a prefix whose weighted sum is a multiple of 31: its check character must be '0'.
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let found = '';
    for (const c of alphabet) {
      const prefix = `9133010000000000${c}`;
      if (computeUsccCheck(prefix) === '0') found = prefix;
    }
    expect(found).not.toBe('');
    expect(isValidUscc(`${found}0`)).toBe(true);
  });
});

describe('Chinese name similarity', () => {
  it('ignores punctuation and company-form suffixes and scores shared character pairs', () => {
    expect(normalizeChineseName('科思创聚合物（中国）有限公司')).toBe('科思创聚合物中国');
    expect(compareChineseNames('科思创聚合物（中国）有限公司', '科思创聚合物中国有限责任公司')).toBe(1);
    expect(compareChineseNames('科思创聚合物（中国）有限公司', '科思创上海')).toBeLessThan(0.5);
    expect(compareChineseNames('福州新大陆科技有限公司', '福州新大陆科技集团')).toBe(1);
    expect(compareChineseNames('', '科思创')).toBe(0);
    expect(
      compareEnglishNames(
        'Shanghai Chemical Industry Park Logistics Co., Ltd.',
        'Shanghai Chemical Industry Park Administration Committee',
      ),
    ).toBeLessThan(0.3);
    expect(
      compareEnglishNames('Fuzhou Newland Technology Co., Ltd.', 'Fuzhou Newland Technology Group'),
    ).toBe(1);
    expect(compareEnglishNames('Covestro Polymers (China) Co., Ltd.', 'Covestro Polymers China')).toBe(1);
    expect(
      compareEnglishNames('Shanghai Fire Rescue Corps', 'Shanghai Fire and Rescue Corps'),
    ).toBeGreaterThan(0.5);
    // A shared place is not a likeness: what follows it is compared.
    expect(compareChineseNames('上海化学工业区物流有限公司', '上海化学工业区管理委员会')).toBe(0);
    expect(compareChineseNames('上海市消防救援总队', '上海市教育委员会')).toBe(0);
    expect(compareChineseNames('上海华谊集团', '上海华谊（集团）公司')).toBe(1);
    expect(compareChineseNames('上海化学工业区物流有限公司', '上海化学工业区物流公司')).toBe(1);
    expect(compareChineseNames('上海市消防救援总队', '上海市消防救援总队奉贤支队')).toBeGreaterThanOrEqual(
      0.5,
    );
  });
});

describe('organizations', () => {
  it('registers an organization, reads it back and writes its timeline', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const res = await client.post('/api/organizations', {
      kind: 'enterprise',
      nameZh: '福州新大陆科技有限公司',
      nameEn: 'Fuzhou Newland Technology Co., Ltd.',
      uscc: ' 91350100m000100y43 ',
      aliases: ['新大陆'],
      flags: ['industry_education_enterprise'],
      since: '2005-09',
    });
    expect(res.status).toBe(201);
    const made = await res.json();
    expect(made).toMatchObject({ uscc: '91350100M000100Y43', version: 1, status: 'active' });
    const read = await client.get(`/api/organizations/${made.id}`);
    expect((await read.json()).nameZh).toBe('福州新大陆科技有限公司');
    const events = await t.database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.subjectId, made.id), eq(timelineEvents.verb, 'organization.created')));
    expect(events).toHaveLength(1);
  });

  it('refuses invalid input with field details', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const res = await client.post('/api/organizations', {
      kind: 'spaceship',
      nameZh: '',
      uscc: '91350100M000100Y44',
      since: '2005/09',
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'nameZh', 'uscc', 'since']));
    const usccIssue = body.error.details.find((d: { path: string }) => d.path === 'uscc');
    expect(usccIssue.code).toBe('invalid_uscc');
  });

  it('keeps credit codes unique within a college, but not across colleges', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const code = uscc('91440300MA5ABCDE1');
    expect(
      (await client.post('/api/organizations', { kind: 'enterprise', nameZh: '甲公司', uscc: code })).status,
    ).toBe(201);
    const dup = await client.post('/api/organizations', { kind: 'enterprise', nameZh: '乙公司', uscc: code });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error).toMatchObject({
      code: 'already_exists',
      details: [{ path: 'uscc', code: 'already_exists' }],
    });
    const { client: elsewhere } = await clientAs(t, other, ['cooperation_officer']);
    expect(
      (await elsewhere.post('/api/organizations', { kind: 'enterprise', nameZh: '甲公司', uscc: code }))
        .status,
    ).toBe(201);
  });

  it('lets viewers and editors read but not write', async () => {
    const { client: officer } = await clientAs(t, college, ['cooperation_officer']);
    const made = await (
      await officer.post('/api/organizations', { kind: 'school', nameZh: '某职业学院' })
    ).json();
    for (const role of ['viewer', 'editor'] as const) {
      const { client } = await clientAs(t, college, [role]);
      expect((await client.get(`/api/organizations/${made.id}`)).status).toBe(200);
      expect((await client.get('/api/organizations')).status).toBe(200);
      expect((await client.post('/api/organizations', { kind: 'school', nameZh: 'X' })).status).toBe(403);
      expect((await client.patch(`/api/organizations/${made.id}`, { version: 1, nameZh: 'Y' })).status).toBe(
        403,
      );
      expect((await client.request('DELETE', `/api/organizations/${made.id}?version=1`)).status).toBe(403);
    }
  });

  it("hides one college's organizations from another", async () => {
    const { client: mine } = await clientAs(t, college, ['cooperation_officer']);
    const made = await (await mine.post('/api/organizations', { kind: 'park', nameZh: '高新园区' })).json();
    const { client: theirs } = await clientAs(t, other, ['college_admin']);
    expect((await theirs.get(`/api/organizations/${made.id}`)).status).toBe(404);
    expect((await theirs.patch(`/api/organizations/${made.id}`, { version: 1, nameZh: '改' })).status).toBe(
      404,
    );
    expect((await theirs.get(`/api/organizations/${made.id}/duplicates`)).status).toBe(404);
    const list = await (await theirs.get('/api/organizations?q=高新园区')).json();
    expect(list.items.map((o: { id: string }) => o.id)).not.toContain(made.id);
  });

  it('updates with the version, answers 409 when stale, and deletes softly', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const made = await (
      await client.post('/api/organizations', { kind: 'research', nameZh: '某研究院' })
    ).json();
    const changed = await client.patch(`/api/organizations/${made.id}`, { version: 1, region: '350100' });
    expect(changed.status).toBe(200);
    expect((await changed.json()).version).toBe(2);
    const stale = await client.patch(`/api/organizations/${made.id}`, { version: 1, region: '350200' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('conflict');
    const noVersion = await client.patch(`/api/organizations/${made.id}`, { region: '350200' });
    expect((await noVersion.json()).error.details[0].path).toBe('version');
    expect((await client.request('DELETE', `/api/organizations/${made.id}?version=1`)).status).toBe(409);
    expect((await client.request('DELETE', `/api/organizations/${made.id}?version=2`)).status).toBe(200);
    expect((await client.get(`/api/organizations/${made.id}`)).status).toBe(404);
    await expect(assertOrganizationsExist(college.scope, [made.id])).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('names the unknown ids when asked to check references', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const made = await (await client.post('/api/organizations', { kind: 'other', nameZh: '某机构' })).json();
    await expect(assertOrganizationsExist(college.scope, [made.id])).resolves.toBeUndefined();
    const ghost = crypto.randomUUID();
    const err = await assertOrganizationsExist(college.scope, [made.id, ghost, 'nonsense']).catch((e) => e);
    expect(err.code).toBe('validation_failed');
    expect(err.details[0]).toMatchObject({ path: 'organizationIds', code: 'unknown_reference' });
    expect(err.message).toContain(ghost);
    expect(err.message).toContain('nonsense');
    expect(err.message).not.toContain(made.id);
  });

  it('suggests duplicates by similar names and aliases, with a score', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const post = async (body: Record<string, unknown>) =>
      (await client.post('/api/organizations', { kind: 'enterprise', ...body })).json();
    const main = await post({
      nameZh: '科思创聚合物（中国）有限公司',
      nameEn: 'Covestro Polymers (China) Co., Ltd.',
      aliases: ['科思创'],
    });
    const similarEn = await post({ nameZh: '科思创上海', nameEn: 'Covestro Polymers China Co Ltd' });
    const aliasHit = await post({ nameZh: '科思创' });
    const unrelated = await post({ nameZh: '福建省消防救援总队', nameEn: 'Fujian Fire and Rescue Corps' });
    const res = await client.get(`/api/organizations/${main.id}/duplicates`);
    expect(res.status).toBe(200);
    const { items } = await res.json();
    const byId = new Map(items.map((d: { organization: { id: string } }) => [d.organization.id, d]));
    expect(byId.get(similarEn.id)).toMatchObject({ reasons: expect.arrayContaining(['similar_name']) });
    expect((byId.get(similarEn.id) as { score: number }).score).toBeGreaterThanOrEqual(0.5);
    expect(byId.get(aliasHit.id)).toMatchObject({
      score: 1,
      reasons: expect.arrayContaining(['alias_match']),
    });
    expect(byId.has(unrelated.id)).toBe(false);
    const zhOnly = await post({ nameZh: '科思创聚合物中国有限公司' });
    const { items: again } = await (await client.get(`/api/organizations/${main.id}/duplicates`)).json();
    expect(again.map((d: { organization: { id: string } }) => d.organization.id)).toContain(zhOnly.id);
    expect(byId.has(main.id)).toBe(false);
  });
});
