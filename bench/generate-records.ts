/**
 * Generates a large cooperation data set in one college, for the records benchmark:
 * 10,000 organizations, 30,000 people, 100,000 engagements and 50,000 commitments (default scale 1).
 * Usage: node bin/run-ts.js bench/generate-records.ts [--scale 1] [--slug bench]
 *   (DATA_DIR or DATABASE_URL chooses the database, as for `concord`)
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { systemCaller, TenantScope } from '../src/db/tenant-scope.ts';
import { createTenant, findTenantBySlug } from '../src/features/tenants/tenants.service.ts';
import { createUser } from '../src/features/users/users.service.ts';

export const benchUser = { email: 'bench@bench.concord.test', password: 'bench-password-2026' };

/** Fills one college with `scale` × the budget's data set; returns the tenant id and timings. */
export async function generateRecords(db: Database, slug: string, scale: number) {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const timings: Record<string, number> = {};
  const step = async (name: string, query: ReturnType<typeof sql>) => {
    const t0 = performance.now();
    await db.execute(query);
    timings[name] = Math.round(performance.now() - t0);
  };
  let tenant = await findTenantBySlug(db, slug);
  if (!tenant) {
    tenant = await createTenant(db, {
      slug,
      nameZh: '基准测试学院',
      nameEn: 'Benchmark College',
      host: `${slug}.concord.test`,
    });
  }
  const scope = new TenantScope(db, tenant.id, systemCaller());
  await createUser(scope, {
    email: benchUser.email,
    name: 'Bench',
    password: benchUser.password,
    roles: ['college_admin'],
  }).catch(() => undefined);
  const t = tenant.id;
  const kinds = `array['enterprise','enterprise','enterprise','government','school','industry_body','research','park','union','certifier']`;
  const dims = `array['order_class','training_base','teaching_team','dialogue','staff_training','specialty','competition','fund','teacher_practice','internship_employment']`;
  await step(
    'org_units',
    sql`insert into org_units (tenant_id, id, kind, name_zh, name_en)
    select ${t}, gen_random_uuid(), 'school', '第' || i || '二级学院', 'School ' || i from generate_series(1, 20) i`,
  );
  const units = `u as (select id, (row_number() over (order by id) - 1) % 20 as k from org_units where tenant_id = '${t}')`;
  await step(
    'majors',
    sql.raw(`with ${units} insert into majors (tenant_id, id, code, name_zh, name_en, org_unit_id)
    select '${t}', gen_random_uuid(), lpad(i::text, 6, '4'), '专业' || i, 'Major ' || i, u.id
    from generate_series(1, 60) i join u on u.k = i % 20`),
  );
  await step(
    'organizations',
    sql.raw(`insert into organizations (tenant_id, id, kind, name_zh, name_en, industry, region, tags, since, created_at)
    select '${t}', gen_random_uuid(), (${kinds})[1 + i % 10],
      (array['上海','江苏','浙江','安徽','山东'])[1 + i % 5] || (array['华','新','瑞','宏','科','联','海','金'])[1 + i % 8] ||
        (array['化工','材料','能源','消防','智能','环保','医药','物流'])[1 + (i / 8) % 8] || '有限公司' || i,
      (array['Shanghai','Jiangsu','Zhejiang','Anhui','Shandong'])[1 + i % 5] || ' ' ||
        (array['Chemical','Materials','Energy','Fire Safety','Smart','Green','Pharma','Logistics'])[1 + (i / 8) % 8] || ' Co. ' || i,
      (array['C26','C27','E48','G59','I65','M73'])[1 + i % 6],
      (array['上海市','江苏省','浙江省','安徽省','山东省'])[1 + i % 5],
      case when i % 7 = 0 then array['重点'] else '{}'::text[] end,
      (2000 + i % 25)::text,
      now() - (i || ' minutes')::interval
    from generate_series(1, ${n(10_000)}) i`),
  );
  await step(
    'partnerships',
    sql.raw(`with ${units},
      o as (select id, since, row_number() over (order by id) rn from organizations where tenant_id = '${t}')
    insert into partnerships (tenant_id, id, organization_id, stage, dimensions, lead_org_unit_id, since)
    select '${t}', gen_random_uuid(), o.id, (array['prospect','active','active','dormant','ended'])[1 + o.rn % 5],
      array[(${dims})[1 + o.rn % 10], (${dims})[1 + (o.rn + 3) % 10]], u.id, o.since
    from o join u on u.k = o.rn % 20 where o.rn % 5 < 2`),
  );
  await step(
    'people',
    sql.raw(`insert into people (tenant_id, id, side, name_zh, name_en)
    select '${t}', gen_random_uuid(), case when i % 10 = 0 then 'ours' else 'theirs' end,
      (array['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + i % 10] || (array['伟','芳','娜','敏','静','强','磊','洋','艳','军'])[1 + (i / 10) % 10] || i,
      'Person ' || i
    from generate_series(1, ${n(30_000)}) i`),
  );
  await step(
    'affiliations',
    sql.raw(`with o as (select id, row_number() over (order by id) rn from organizations where tenant_id = '${t}'),
      p as (select id, row_number() over (order by id) rn from people where tenant_id = '${t}'),
      oc as (select count(*) c from o)
    insert into affiliations (tenant_id, id, person_id, organization_id, title_zh, title_en, from_on)
    select '${t}', gen_random_uuid(), p.id, o.id, (array['总经理','副总经理','部门经理','主任','工程师'])[1 + p.rn % 5],
      (array['General Manager','Deputy General Manager','Department Manager','Director','Engineer'])[1 + p.rn % 5], date '2015-01-01'
    from p, oc join o on true where o.rn = 1 + (p.rn % oc.c)`),
  );
  await step(
    'engagements',
    sql.raw(`with ${units} insert into engagements (tenant_id, id, type, title_zh, title_en, starts_on, location, host_org_unit_id, summary, delegation_size, topics, created_at)
    select '${t}', gen_random_uuid(),
      (array['visit_inbound','visit_outbound','meeting','signing','forum','training','competition','ceremony'])[1 + i % 8],
      '合作交流活动 ' || i, 'Cooperation activity ' || i,
      date '2016-01-01' + (i % 3650), (array['校本部','企业现场','区教育局','化工区'])[1 + i % 4],
      u.id,
      '双方就校企合作深入交流。', 2 + i % 12, array[(array['人才培养','实习就业','专业共建','员工培训'])[1 + i % 4]],
      now() - (i || ' seconds')::interval
    from generate_series(1, ${n(100_000)}) i join u on u.k = i % 20`),
  );
  await step(
    'engagement_organizations',
    sql.raw(`with e as (select id, row_number() over (order by id) rn from engagements where tenant_id = '${t}'),
      o as (select id, row_number() over (order by id) rn from organizations where tenant_id = '${t}'),
      oc as (select count(*) c from o)
    insert into engagement_organizations (tenant_id, id, engagement_id, organization_id, role)
    select '${t}', gen_random_uuid(), e.id, o.id, 'partner' from e, oc join o on true where o.rn = 1 + (e.rn * 7 % oc.c)`),
  );
  await step(
    'engagement_participants',
    sql.raw(`with e as (select id, row_number() over (order by id) rn from engagements where tenant_id = '${t}'),
      p as (select id, row_number() over (order by id) rn from people where tenant_id = '${t}'),
      pc as (select count(*) c from p)
    insert into engagement_participants (tenant_id, id, engagement_id, person_id, side, role, title_zh, title_en)
    select '${t}', gen_random_uuid(), e.id, p.id, 'theirs', 'led', '总经理', 'General Manager' from e, pc join p on true where p.rn = 1 + (e.rn * 13 % pc.c)`),
  );
  await step(
    'commitments',
    sql.raw(`with e as (select e.id, eo.organization_id, e.host_org_unit_id, row_number() over (order by e.id) rn
        from engagements e join engagement_organizations eo on eo.tenant_id = e.tenant_id and eo.engagement_id = e.id
        where e.tenant_id = '${t}' limit ${n(50_000)})
    insert into commitments (tenant_id, id, text, source_type, source_id, owner_org_unit_id, organization_id, due_on, status, priority)
    select '${t}', gen_random_uuid(), '落实合作事项 ' || rn, 'engagement', e.id, e.host_org_unit_id, e.organization_id,
      date '2020-01-01' + (rn % 2600)::int, (array['open','in_progress','done','dropped','done'])[1 + rn % 5], (array['low','normal','high'])[1 + rn % 3]
    from e`),
  );
  await step(
    'agreements',
    sql.raw(`with ${units} insert into agreements (tenant_id, id, type, title_zh, title_en, signed_on, valid_from, valid_to, status, owner_org_unit_id)
    select '${t}', gen_random_uuid(), (array['framework','specific','order_class','training_base','mou'])[1 + i % 5],
      '合作协议 ' || i, 'Agreement ' || i, date '2016-01-01' + (i % 3650), date '2016-01-01' + (i % 3650),
      date '2016-01-01' + (i % 3650) + 1095, 'active', u.id
    from generate_series(1, ${n(5_000)}) i join u on u.k = i % 20`),
  );
  await step(
    'programs',
    sql.raw(`with ${units}, o as (select id, row_number() over (order by id) rn from organizations where tenant_id = '${t}')
    insert into programs (tenant_id, id, dimension, title_zh, title_en, status, organization_ids, lead_org_unit_id, start_on)
    select '${t}', gen_random_uuid(), (${dims})[1 + o.rn % 10], '合作项目 ' || o.rn, 'Program ' || o.rn,
      (array['running','running','completed','planned'])[1 + o.rn % 4], array[o.id], u.id, date '2016-01-01' + (o.rn % 3000)::int
    from o join u on u.k = o.rn % 20 where o.rn <= ${n(2_000)}`),
  );
  // Yearly facts over ten years: each program reports its codes per major and year.
  await step(
    'facts',
    sql.raw(`with p as (select id, organization_ids[1] as org, row_number() over (order by id) rn from programs where tenant_id = '${t}'),
      m as (select id, row_number() over (order by id) - 1 as k from majors where tenant_id = '${t}'),
      pc as (select count(*) c from p)
    insert into facts (tenant_id, id, code, year, value, program_id, major_id, organization_id)
    select '${t}', gen_random_uuid(),
      (array['order_class_students','co_developed_courses','co_developed_textbooks','enterprise_part_time_teachers','interns_hosted','graduates_hired','donated_equipment_value','tech_service_income','staff_training_person_days','teacher_practice_days'])[1 + i % 10],
      2016 + (i / 10) % 10, 1 + i % 97, p.id, m.id, p.org
    from generate_series(0, ${n(200_000)} - 1) i, pc
      join p on true join m on true
    where p.rn = 1 + (i / 100) % pc.c and m.k = (i / 10) % 60`),
  );
  // The college's own people (one in ten) hold a post in a department; their practice days name them.
  await step(
    'teacher posts',
    sql.raw(`with ${units},
      p as (select id, row_number() over (order by id) rn from people where tenant_id = '${t}' and side = 'ours')
    insert into affiliations (tenant_id, id, person_id, org_unit_id, title_zh, title_en, from_on)
    select '${t}', gen_random_uuid(), p.id, u.id, '专任教师', 'Lecturer', date '2010-09-01'
    from p join u on u.k = p.rn % 20`),
  );
  await step(
    'practice days per teacher',
    sql.raw(`with p as (select id, row_number() over (order by id) - 1 as k, count(*) over () as c
        from people where tenant_id = '${t}' and side = 'ours'),
      f as (select id, row_number() over (order by id) - 1 as k from facts
        where tenant_id = '${t}' and code = 'teacher_practice_days')
    update facts set person_id = p.id from f join p on p.k = f.k % p.c
    where facts.tenant_id = '${t}' and facts.id = f.id`),
  );
  // What the maintenance job (PGlite) or autovacuum (PostgreSQL) does after a bulk load.
  await step('vacuum', sql`vacuum (analyze)`);
  return { tenantId: t, timings };
}

const isMain = process.argv[1]?.endsWith('generate-records.ts');
if (isMain) {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, slug: { type: 'string', default: 'bench' } },
  });
  const config = loadConfig();
  const handle = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    purpose: 'bench generate',
  });
  try {
    await migrateDatabase(handle);
    const started = performance.now();
    const result = await generateRecords(handle.db, values.slug, Number(values.scale));
    const total = Math.round((performance.now() - started) / 1000);
    process.stdout.write(
      `${JSON.stringify(result.timings)}\ngenerated scale ${values.scale} in ${total} s (budget 180 s)\n`,
    );
  } finally {
    await handle.close();
  }
}
