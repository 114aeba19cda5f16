import { and, asc, ilike, isNull, or, sql } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { listEngagements } from '../engagements/engagements.service.ts';
import { organizations } from '../organizations/organizations.table.ts';
import type { ArticleLinkInput, ArticleLocale } from './articles.schema.ts';
import { createArticle, ensureDefaultChannels } from './articles.service.ts';
import { articles } from './articles.table.ts';

/*
 * The demo college's news: stories built on the facts of the two source visits and the long
 * partnership around them, written afresh, in Chinese and (mostly) English. Most are published on
 * their historical dates; one waits for review, one is scheduled, one is a draft, so every screen of
 * the news desk has something to show.
 */

type MediaKey = 'fireRescueVisit' | 'chemicalTrainingBuilding' | 'covestroSite' | 'covestroMeeting';

interface DemoText {
  title: string;
  summary: string;
  body: string;
  slug: string;
}

interface DemoStory {
  channel: 'news' | 'notices' | 'coverage';
  /** Publication time (college time); in the future for the scheduled one. */
  at: string;
  zh: DemoText;
  en?: DemoText;
  /** The state of each language, when not published. */
  zhStatus?: 'draft' | 'in_review' | 'scheduled';
  enStatus?: 'draft' | 'in_review';
  cover?: MediaKey;
  /** An image inside the body (the media library's id is filled in at load time). */
  inline?: { key: MediaKey; captionZh: string; captionEn: string };
  featured?: boolean;
  tags: string[];
  partners?: string[];
  engagementOn?: string;
}

/** The demo's tags in English: an English article is tagged in English. */
const tagsEn: Record<string, string> = {
  校企合作: 'school–enterprise cooperation',
  科思创: 'Covestro',
  技能大赛: 'skills competition',
  化工安全: 'chemical safety',
  员工培训: 'staff training',
  社会服务: 'community service',
  教师企业实践: 'teacher industry practice',
  产教融合: 'industry–education integration',
  媒体报道: 'in the media',
  政校合作: 'government–school cooperation',
  消防救援技术: 'fire rescue technology',
  新专业: 'new programme',
  通知: 'notice',
  实习: 'internship',
  订单班: 'order class',
};

const p = (...paragraphs: string[]) => paragraphs.map((x) => `<p>${x}</p>`).join('');

const stories: DemoStory[] = [
  {
    channel: 'news',
    at: '2019-06-20T10:00:00+08:00',
    tags: ['校企合作', '科思创'],
    partners: ['科思创'],
    zh: {
      slug: 'covestro-training-base-renewed-2019',
      title: '我校与科思创续签校外实训基地协议',
      summary: '双方续签实训基地协议，继续共同培养化工安全与生产运行岗位人才。',
      body: p(
        '6月20日，我校与科思创上海一体化基地举行校外实训基地续签仪式。双方回顾了自本世纪初开始的合作历程，确认在学生实习、订单班培养和教师企业实践三个方面继续合作。',
        '根据新协议，基地每年为我校化工类专业学生提供不少于六十个实习岗位，并选派工程师担任兼职教师，参与课程标准修订。',
      ),
    },
    en: {
      slug: 'covestro-training-base-renewed-2019',
      title: 'College and Covestro renew their off-campus training base agreement',
      summary: 'The renewed agreement keeps internships, the order class and teacher placements going.',
      body: p(
        'On 20 June the college and Covestro Integrated Site Shanghai renewed the agreement that makes the site one of our off-campus training bases. Both sides looked back on a partnership that began two decades ago and agreed to continue in three areas: student internships, the order class and teachers’ practice in the enterprise.',
        'Under the renewed agreement the site offers at least sixty internship places a year to students of our chemical majors and sends engineers to teach part time and to help revise course standards.',
      ),
    },
  },
  {
    channel: 'news',
    at: '2020-10-23T15:00:00+08:00',
    tags: ['技能大赛', '化工安全'],
    zh: {
      slug: 'chemical-safety-skills-contest-2020',
      title: '我校学生在市级化工安全技能大赛中获佳绩',
      summary: '化工学院代表队获团体二等奖，两名学生获个人三等奖。',
      body: p(
        '10月下旬，市职业院校化工安全技能大赛在金山举行。我校化工学院代表队在应急处置和工艺操作两个项目中表现稳定，获得团体二等奖。',
        '备赛期间，合作企业的安全工程师多次来校指导，把真实装置中的隐患排查方法带进了实训课堂。',
      ),
    },
    en: {
      slug: 'chemical-safety-skills-contest-2020',
      title: 'Our students win prizes at the city’s chemical safety skills contest',
      summary:
        'The School of Chemical Engineering team took a second prize; two students won individual thirds.',
      body: p(
        'The city’s vocational chemical safety skills contest was held in Jinshan in late October. Our School of Chemical Engineering team performed steadily in emergency response and process operation and won a team second prize.',
        'While the team trained, safety engineers from partner enterprises came to the college several times and brought the way they inspect real plants into our training rooms.',
      ),
    },
  },
  {
    channel: 'news',
    at: '2021-11-12T09:30:00+08:00',
    tags: ['员工培训', '社会服务'],
    partners: ['科思创'],
    zh: {
      slug: 'enterprise-staff-training-2021',
      title: '我校为园区企业开展新员工安全培训',
      summary: '三期培训共覆盖一百二十名企业新员工。',
      body: p(
        '11月，我校继续教育部门联合化工学院为园区企业开设新员工安全培训班，内容涵盖危险化学品知识、个人防护和应急演练。',
        '三期培训共有一百二十名学员参加，考核合格率达百分之九十八。企业反馈，培训内容与岗位要求贴合，希望形成长期合作。',
      ),
    },
  },
  {
    channel: 'news',
    at: '2022-09-08T11:00:00+08:00',
    tags: ['教师企业实践', '科思创'],
    partners: ['科思创'],
    zh: {
      slug: 'teachers-practice-at-covestro-2022',
      title: '八名专业教师赴科思创开展暑期企业实践',
      summary: '教师们在生产、质量和安全岗位跟岗学习，带回十余个教学案例。',
      body: p(
        '暑假期间，我校化工学院八名专业教师赴科思创上海一体化基地，在生产运行、质量检测和安全环保岗位跟岗实践四周。',
        '实践结束后，教师们整理出十余个来自生产现场的教学案例，将用于新学期的专业核心课程。',
      ),
    },
    en: {
      slug: 'teachers-practice-at-covestro-2022',
      title: 'Eight teachers spend the summer in practice at Covestro',
      summary:
        'Working alongside production, quality and safety staff, they brought back more than ten teaching cases.',
      body: p(
        'During the summer break eight teachers of the School of Chemical Engineering spent four weeks at Covestro Integrated Site Shanghai, working alongside staff in production, quality testing and safety and environment.',
        'They came back with more than ten cases from the plant floor, which go into the core courses of the new semester.',
      ),
    },
  },
  {
    channel: 'news',
    at: '2023-05-12T16:00:00+08:00',
    featured: true,
    cover: 'covestroSite',
    inline: {
      key: 'covestroMeeting',
      captionZh: '校企双方在座谈会上交流合作方向',
      captionEn: 'The two sides discuss where the partnership goes next',
    },
    tags: ['校企合作', '产教融合', '科思创'],
    partners: ['科思创', '金山区教育局'],
    engagementOn: '2023-05-11',
    zh: {
      slug: 'delegation-visits-covestro-2023',
      title: '校企携手谋发展——我校代表团赴科思创上海一体化基地交流',
      summary:
        '区教育局、学校领导一行十人赴科思创参观座谈，双方商定在新专业建设、教师企业实践和员工培训等方面深化合作。',
      body: `${p(
        '5月11日，金山区教育局副局长李松浩，学校党委书记高炬、校长陈小斌带领代表团一行十人赴科思创上海一体化基地参观交流。科思创全球高级副总裁、上海一体化基地总经理陈云博士，基地副总经理、亚太区HSEQ总监纪文斌博士等热情接待了代表团。',
        '在纪文斌的陪同下，代表团参观了一体化基地。该基地是科思创全球规模最大的综合性生产基地，拥有十一座工厂，产品广泛用于建筑、汽车和电子等行业，曾入选国家级绿色工厂名单。',
      )}<h2>二十年合作再出发</h2>${p(
        '座谈中，陈云表示，二十年来科思创与学校建立了深厚的信任，学校持续输送的年轻化工人才是企业发展的重要支撑。高炬从校企合作与产教融合、对标国际提升质量、政校协同育人三个方面介绍了学校办学特色。',
      )}<ul><li>共同申报与建设新专业</li><li>深化教学与科研合作</li><li>教师企业实践常态化</li><li>教育与培训融合，开展员工培训</li></ul>`,
    },
    en: {
      slug: 'delegation-visits-covestro-2023',
      title: 'Building on twenty years: our delegation visits Covestro Integrated Site Shanghai',
      summary:
        'Education bureau and college leaders visited the site and agreed to deepen cooperation on new majors, teacher practice and staff training.',
      body: `${p(
        'On 11 May Li Songhao, Deputy Director of the Jinshan District Education Bureau, Party Secretary Gao Ju and President Chen Xiaobin led a delegation of ten to Covestro Integrated Site Shanghai. Dr Chen Yun, Senior Vice President of Covestro Global and General Manager of the site, and Dr Ji Wenbin, Deputy General Manager and Director of HSEQ Asia Pacific, welcomed the delegation.',
        'Guided by Ji Wenbin, the delegation toured the site, Covestro’s largest integrated production base in the world, whose eleven plants supply the construction, automotive and electronics industries and which has been listed as a national green factory.',
      )}<h2>Twenty years on, a new start</h2>${p(
        'At the meeting Chen Yun said that two decades of cooperation had built deep trust, and that the young chemical technicians trained by the college were part of the company’s success. Gao Ju presented the college’s approach: industry–education integration, international benchmarks for quality, and government and college training together.',
      )}<ul><li>Applying for and building new majors together</li><li>Closer cooperation in teaching and research</li><li>Regular teacher practice in the enterprise</li><li>Training for the company’s staff</li></ul>`,
    },
  },
  {
    channel: 'coverage',
    at: '2023-05-16T09:00:00+08:00',
    tags: ['媒体报道', '科思创'],
    partners: ['科思创'],
    zh: {
      slug: 'media-covestro-partnership-2023',
      title: '区融媒体中心报道我校与科思创二十年校企合作',
      summary: '报道聚焦订单班培养和教师企业实践等合作成果。',
      body: p(
        '区融媒体中心近日刊发报道，介绍我校与科思创上海一体化基地二十年来的合作历程。报道以订单班毕业生在企业成长为主线，展示了校企共同育人的成效。',
      ),
    },
  },
  {
    channel: 'news',
    at: '2023-11-20T10:00:00+08:00',
    featured: true,
    cover: 'fireRescueVisit',
    inline: {
      key: 'chemicalTrainingBuilding',
      captionZh: '来宾参观化工综合实训楼',
      captionEn: 'The guests in the Chemical Comprehensive Training Building',
    },
    tags: ['政校合作', '消防救援技术', '新专业'],
    partners: ['消防救援总队'],
    engagementOn: '2023-11-18',
    zh: {
      slug: 'fire-rescue-corps-visit-2023',
      title: '市消防救援总队来校洽谈消防救援技术专业合作',
      summary:
        '双方就合作开设消防救援技术专业及后续工作计划深入交流，来宾参观了跨企业培训中心和化工综合实训楼。',
      body: `${p(
        '11月18日下午，上海市消防救援总队政治部副主任兼综合部部长陆继军带队来校洽谈交流。学校党委书记高炬、校长陈小斌及相关部门负责人参加接待。双方围绕消防救援技术专业合作及后续工作计划进行了交流。',
        '陆继军介绍，国家应急管理部组建以来，消防救援力量得到优化整合，同时也面临提高队伍专业化和稳定性的新要求。本市正通过在中高职院校开设消防救援技术专业，创新人才培养机制。',
      )}<h2>实地考察实训条件</h2>${p(
        '来宾一行参观了学校跨企业培训中心和化工综合实训楼，了解学校的先进设备和管理理念，对学校在政校合作和国际化办学方面的经验给予肯定。',
        '双方商定，尽快形成消防救援技术专业联合培养方案，并由专项工作小组推进专业申报、师资互聘和实训基地共建。',
      )}`,
    },
    en: {
      slug: 'fire-rescue-corps-visit-2023',
      title: 'Shanghai Fire Rescue Corps visits to plan a Fire Rescue Technology major',
      summary:
        'The two sides discussed a joint Fire Rescue Technology major and the next steps; the guests toured two training centers.',
      body: `${p(
        'On the afternoon of 18 November a team led by Lu Jijun, Deputy Director of the Political Department and Director of the General Affairs Department of the Shanghai Municipal Fire Rescue Corps, came to the college. Party Secretary Gao Ju, President Chen Xiaobin and heads of departments received them. The talks covered cooperation on the Fire Rescue Technology major and a plan for the follow-up work.',
        'Lu Jijun explained that since the national emergency management ministry was formed, fire and rescue forces have been merged and strengthened, and now need teams that are more professional and more stable. The city answers this by opening Fire Rescue Technology majors in secondary and higher vocational schools.',
      )}<h2>Seeing the training facilities</h2>${p(
        'The guests toured the Cross-enterprise Training Center and the Chemical Comprehensive Training Building, and praised the college’s experience in government–college cooperation and international programs.',
        'Both sides agreed to draft a joint training plan for the major soon, with a working group to take the application, shared teaching staff and a joint training base forward.',
      )}`,
    },
  },
  {
    channel: 'news',
    at: '2023-12-15T14:00:00+08:00',
    cover: 'chemicalTrainingBuilding',
    tags: ['消防救援技术', '新专业'],
    partners: ['消防救援总队'],
    enStatus: 'in_review',
    zh: {
      slug: 'fire-rescue-major-plan-2023',
      title: '消防救援技术专业联合培养方案通过专家论证',
      summary: '方案明确了课程体系、实训安排和师资互聘机制，计划于次年秋季招生。',
      body: p(
        '12月中旬，由行业专家和院校教师组成的论证组审议了我校与市消防救援总队共同制定的消防救援技术专业联合培养方案。',
        '方案设置了灭火救援技术、化工事故应急处置等核心课程，安排学生在总队训练基地完成实训，并建立双方人员互聘机制。论证组一致同意方案通过。',
      ),
    },
    en: {
      slug: 'fire-rescue-major-plan-2023',
      title: 'Experts approve the joint training plan for the Fire Rescue Technology major',
      summary:
        'The plan sets the courses, training placements and shared staff; the first students arrive next autumn.',
      body: p(
        'In mid-December a panel of industry experts and teachers reviewed the training plan for the Fire Rescue Technology major drawn up by the college and the Shanghai Municipal Fire Rescue Corps.',
        'The plan includes core courses such as firefighting and rescue techniques and emergency response to chemical accidents, training at the Corps’ training base and staff shared between both sides. The panel approved it unanimously.',
      ),
    },
  },
  {
    channel: 'notices',
    at: '2024-02-26T09:00:00+08:00',
    tags: ['通知'],
    zh: {
      slug: 'call-for-cooperation-projects-2024',
      title: '关于申报2024年度校企合作项目的通知',
      summary: '各二级学院请于3月20日前提交项目申报材料。',
      body: `${p('为深化产教融合，学校现组织2024年度校企合作项目申报，有关事项通知如下：')}<ol><li>申报范围：订单班、共建实训基地、教师企业实践和员工培训项目。</li><li>申报材料：项目申报书及合作企业意向书。</li><li>截止时间：3月20日。</li></ol>${p('联系人：合作交流处。')}`,
    },
    en: {
      slug: 'call-for-cooperation-projects-2024',
      title: 'Call for school–enterprise cooperation projects, 2024',
      summary: 'Schools of the college submit their proposals by 20 March.',
      body: `${p('To deepen industry–education integration, the college invites proposals for its 2024 cooperation projects:')}<ol><li>Scope: order classes, joint training bases, teachers’ practice in enterprises and staff training.</li><li>Documents: a project proposal and a letter of intent from the partner.</li><li>Deadline: 20 March.</li></ol>${p('Contact: Office of Cooperation and Exchange.')}`,
    },
  },
  {
    channel: 'notices',
    at: '2024-06-03T09:00:00+08:00',
    tags: ['通知', '实习'],
    zh: {
      slug: 'summer-internship-arrangements-2024',
      title: '关于2024年暑期企业实习安排的通知',
      summary: '实习学生须在出发前完成安全教育并签订三方协议。',
      body: p(
        '2024年暑期企业实习将于7月1日开始。请各二级学院组织实习学生完成安全教育，签订学校、企业和学生三方协议，并在系统中登记实习岗位和指导教师。',
      ),
    },
  },
  {
    channel: 'news',
    at: '2099-01-05T09:00:00+08:00',
    zhStatus: 'scheduled',
    tags: ['新专业'],
    zh: {
      slug: 'fire-rescue-major-first-class',
      title: '消防救援技术专业首届新生开学',
      summary: '首届新生将在总队训练基地开始第一堂实训课。',
      body: p('消防救援技术专业首届新生今日报到，并将在市消防救援总队训练基地上第一堂实训课。'),
    },
  },
  {
    channel: 'news',
    at: '2024-10-10T09:00:00+08:00',
    zhStatus: 'draft',
    tags: ['订单班'],
    partners: ['科思创'],
    zh: {
      slug: 'order-class-2024-draft',
      title: '（草稿）科思创订单班2024级开班',
      summary: '',
      body: p('待补充：开班时间、学员人数、企业导师名单。'),
    },
  },
];

async function organizationId(scope: TenantScope, q: string): Promise<string | undefined> {
  const [found] = await scope.select(organizations, {
    where: and(
      isNull(organizations.deletedAt),
      or(ilike(organizations.nameZh, `%${q}%`), sql`${q} = any(${organizations.aliases})`),
    ),
    orderBy: [asc(organizations.createdAt)],
    limit: 1,
  });
  return found?.id;
}

async function engagementOn(scope: TenantScope, on: string): Promise<string | undefined> {
  const found = await listEngagements(scope, { from: on, to: on, pageSize: 1 });
  return found.items[0]?.id;
}

function figure(mediaId: string, caption: string, alt: string): string {
  const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<figure><img src="/media/${mediaId}/960.webp" alt="${html(alt)}"><figcaption>${html(caption)}</figcaption></figure>`;
}

/**
 * Loads the demo college's channels and articles (skipped when it already has articles). Published
 * stories keep their historical dates; `media` maps the demo images' keys to their ids.
 */
export async function loadDemoArticles(
  scope: TenantScope,
  media: Partial<Record<MediaKey, string>> | null,
): Promise<number> {
  const channelRows = await ensureDefaultChannels(scope);
  if (await scope.first(articles, isNull(articles.deletedAt))) return 0;
  const channelId = (slug: string) => channelRows.find((c) => c.slug === slug)?.id;
  let count = 0;
  for (const story of stories) {
    const links: ArticleLinkInput[] = [];
    for (const q of story.partners ?? []) {
      const id = await organizationId(scope, q);
      if (id) links.push({ type: 'organization', id });
    }
    if (story.engagementOn) {
      const id = await engagementOn(scope, story.engagementOn);
      if (id) links.push({ type: 'engagement', id });
    }
    let groupId: string | undefined;
    for (const locale of ['zh-CN', 'en'] as const satisfies readonly ArticleLocale[]) {
      const text = locale === 'zh-CN' ? story.zh : story.en;
      if (!text) continue;
      const inlineId = story.inline ? media?.[story.inline.key] : undefined;
      const body =
        inlineId && story.inline
          ? `${text.body}${figure(
              inlineId,
              locale === 'en' ? story.inline.captionEn : story.inline.captionZh,
              locale === 'en' ? story.inline.captionEn : story.inline.captionZh,
            )}`
          : text.body;
      const created = await createArticle(scope, {
        ...(groupId ? { groupId } : {}),
        locale,
        channelId: channelId(story.channel),
        title: text.title,
        summary: text.summary,
        bodyHtml: body,
        slug: text.slug,
        tags: locale === 'en' ? story.tags.map((tag) => tagsEn[tag] ?? tag) : story.tags,
        featured: story.featured ?? false,
        coverMediaId: story.cover ? (media?.[story.cover] ?? null) : null,
        links,
      });
      groupId = created.groupId;
      count++;
      const status = locale === 'zh-CN' ? (story.zhStatus ?? 'published') : (story.enStatus ?? 'published');
      if (status === 'draft') continue;
      const at = new Date(story.at);
      // The demo's history: states and dates set directly, as an import of an existing archive would.
      await scope.change(
        articles,
        'article',
        created.id,
        created.version,
        status === 'published'
          ? { status, publishedAt: at, publishAt: null }
          : status === 'scheduled'
            ? { status, publishAt: at }
            : { status },
        status,
      );
    }
  }
  return count;
}
