/**
 * Generates published news articles in one college for the news benchmark: `count` articles
 * (100,000 by default), half in Chinese and half in English, with texts drawn from a cooperation
 * vocabulary and their search columns segmented exactly as the server segments them.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { segmentText } from '../src/features/articles/search-text.ts';
import { createTenant, findTenantBySlug } from '../src/features/tenants/tenants.service.ts';

const zhWords =
  `消防 救援 支队 代表团 来校 参观 实训 中心 学院 企业 合作 校企 产教 融合 培训 学生 教师 专业 化工 安全
应急 技术 技能 大赛 订单班 实习 就业 基地 协议 签约 仪式 调研 交流 座谈 领导 书记 校长 副校长 部门 科研 课程 教材 共建
共享 双师 队伍 实践 岗位 人才 培养 质量 标准 国际 对标 智能 制造 绿色 工厂 园区 区域 发展 服务 社会 职业 教育 高职
项目 成果 奖项 竞赛 团队 创新 创业 平台 资源 数字化 转型 产业 链条 需求 对接 方案 计划 年度 总结 表彰 毕业生 招聘 宣讲
工程 设备 捐赠 奖学金 志愿者 社区 讲座 论坛 研讨 会议 考察 访问 政府 教育局 工业区 化学 材料 生产 工艺 检测 分析 环境
保护 管理 体系 认证 证书 考核 评价 指导 导师 企业家 工匠 精神 劳动 文化 传承 开放 日 新闻 报道 活动 典礼`
    .split(/\s+/)
    .filter(Boolean);
const enWords =
  `fire rescue corps delegation visit training center college enterprise cooperation industry education
integration students teachers major chemical safety emergency technology skills competition order class internship
employment base agreement signing ceremony survey exchange meeting leaders secretary president department research course
textbook shared practice position talent quality standard international benchmark intelligent manufacturing green factory
park region development service society vocational project outcome award team innovation platform resources digital
transformation chain demand plan annual summary graduates recruitment engineering equipment donation scholarship volunteer
community lecture forum seminar conference inspection government bureau district chemistry materials production process
testing analysis environment protection management system certification assessment mentor craftsmanship culture open day
news report activity partnership site delegation workshop laboratory apprenticeship curriculum campus dialogue`
    .split(/\s+/)
    .filter(Boolean);

export const benchNewsHost = 'newsbench.concord.test';

/** A few words of each language to search for, as the benchmark's queries. */
export const benchQueries = {
  zh: ['消防救援', '实训中心', '校企合作', '订单班', '绿色工厂', '奖学金', '技能大赛', '产教融合'],
  en: [
    'fire rescue',
    'training center',
    'cooperation',
    'order class',
    'green factory',
    'scholarship',
    'intern',
    'skills',
  ],
};

function arrayLiteral(words: string[]): string {
  return `array[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}]`;
}

/** Fills a college (created if missing) with published articles; returns its id and the seconds it took. */
export async function generateArticles(
  db: Database,
  count: number,
): Promise<{ tenantId: string; seconds: number }> {
  const started = performance.now();
  let tenant = await findTenantBySlug(db, 'newsbench');
  if (!tenant) {
    tenant = await createTenant(db, {
      slug: 'newsbench',
      nameZh: '新闻基准学院',
      nameEn: 'News Benchmark College',
      host: benchNewsHost,
    });
  }
  const t = tenant.id;
  // Each vocabulary word in the form the server's segmentation gives it (ICU may split a word).
  const zhSeg = zhWords.map((w) => segmentText(w, 'zh-CN'));
  const enSeg = enWords.map((w) => segmentText(w, 'en'));
  await db.execute(
    sql.raw(`insert into channels (tenant_id, id, slug, name_zh, name_en, position)
      values ('${t}', gen_random_uuid(), 'news', '新闻动态', 'News', 0) on conflict do nothing`),
  );
  const batch = 10_000;
  for (let from = 0; from < count; from += batch) {
    const to = Math.min(count, from + batch) - 1;
    // Row i picks its words with a per-row pseudo-random walk over the vocabulary, so rows differ.
    await db.execute(
      sql.raw(`with ch as (select id from channels where tenant_id = '${t}' and slug = 'news'),
      zh as (select ${arrayLiteral(zhWords)} as w, ${arrayLiteral(zhSeg)} as s),
      en as (select ${arrayLiteral(enWords)} as w, ${arrayLiteral(enSeg)} as s),
      rows as (
        select i, (i % 2 = 0) as is_zh,
          array(select (abs(hashtext(i::text || '-' || j)) % 1000)::int from generate_series(1, 90) j) as picks
        from generate_series(${from}, ${to}) i
      ),
      texts as (
        select r.i, r.is_zh,
          case when r.is_zh then
            array_to_string(array(select zh.w[1 + p % array_length(zh.w, 1)] from unnest(r.picks[1:8]) p), '')
          else initcap(array_to_string(array(select en.w[1 + p % array_length(en.w, 1)] from unnest(r.picks[1:8]) p), ' ')) end as title,
          case when r.is_zh then
            array_to_string(array(select zh.w[1 + p % array_length(zh.w, 1)] from unnest(r.picks) p), '')
          else array_to_string(array(select en.w[1 + p % array_length(en.w, 1)] from unnest(r.picks) p), ' ') end as body,
          case when r.is_zh then
            array_to_string(array(select zh.s[1 + p % array_length(zh.s, 1)] from unnest(r.picks[1:8]) p), ' ')
          else array_to_string(array(select en.s[1 + p % array_length(en.s, 1)] from unnest(r.picks[1:8]) p), ' ') end as search_title,
          case when r.is_zh then
            array_to_string(array(select zh.s[1 + p % array_length(zh.s, 1)] from unnest(r.picks) p), ' ')
          else array_to_string(array(select en.s[1 + p % array_length(en.s, 1)] from unnest(r.picks) p), ' ') end as search_body
        from rows r, zh, en
      )
      insert into articles (tenant_id, id, group_id, locale, channel_id, slug, title, summary, body_html,
        status, published_at, created_at, updated_at, search_title, search_body)
      select '${t}', gen_random_uuid(), gen_random_uuid(), case when is_zh then 'zh-CN' else 'en' end,
        (select id from ch), 'a-' || i, title, left(body, 80), '<p>' || body || '</p>',
        'published', timestamptz '2016-01-01' + (i * interval '50 minutes'),
        timestamptz '2016-01-01' + (i * interval '50 minutes'), timestamptz '2016-01-01' + (i * interval '50 minutes'),
        search_title, search_body
      from texts`),
    );
  }
  // What the maintenance job (PGlite) or autovacuum (PostgreSQL) does after a bulk load.
  await db.execute(sql.raw('vacuum (analyze) articles, article_search'));
  // Write the load out now, so PostgreSQL's checkpointer is not still busy with it while the
  // benchmark measures (it needs a superuser or pg_checkpoint; without, the load settles on its own).
  await db.execute(sql.raw('checkpoint')).catch(() => undefined);
  return { tenantId: t, seconds: (performance.now() - started) / 1000 };
}
