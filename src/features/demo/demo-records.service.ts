import { eq } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { createAgreement, expireAgreements, transitionAgreement } from '../agreements/agreements.service.ts';
import { completeCommitment, createCommitment } from '../commitments/commitments.service.ts';
import { commitments } from '../commitments/commitments.table.ts';
import { convertOutcomeToCommitment, recordEngagement } from '../engagements/engagements.service.ts';
import { createFacility, createMajor, createOrgUnit } from '../org-units/org-units.service.ts';
import { countOrganizations, createOrganization } from '../organizations/organizations.service.ts';
import { computeUsccCheck, usccAlphabet } from '../organizations/uscc.ts';
import { putPartnership } from '../partnerships/partnerships.service.ts';
import { addAffiliation, createPerson } from '../people/people.service.ts';
import { addFact, addMilestone, createProgram } from '../programs/programs.service.ts';
import {
  demoFacilities,
  demoMajors,
  demoOtherOrganizations,
  demoPracticeDays,
  demoSeedOrganizations,
  demoSeedPeople,
  demoTeachers,
  demoUnits,
} from './demo.records.ts';

/** A small deterministic random generator, so every demo college is the same. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) =>
  day(new Date(new Date(`${iso}T00:00:00Z`).getTime() + n * 86_400_000));

type Kind =
  | 'visit_inbound'
  | 'visit_outbound'
  | 'meeting'
  | 'signing'
  | 'forum'
  | 'training'
  | 'competition'
  | 'ceremony';
const kinds: Kind[] = [
  'visit_inbound',
  'visit_outbound',
  'visit_outbound',
  'meeting',
  'signing',
  'forum',
  'training',
  'competition',
  'ceremony',
];
const titles: Record<Kind, [string, string]> = {
  visit_inbound: ['{org}一行来校交流', 'Delegation of {org} visits the college'],
  visit_outbound: ['学校赴{org}访企拓岗', 'College delegation visits {org} to open up internships and jobs'],
  meeting: ['与{org}召开校企合作推进会', 'Cooperation progress meeting with {org}'],
  signing: ['与{org}签署合作协议', 'Cooperation agreement signed with {org}'],
  forum: ['{org}参加产教融合论坛', '{org} joins the industry-education forum'],
  training: ['为{org}员工开展技能培训', 'Skills training for employees of {org}'],
  competition: ['与{org}联合举办职业技能竞赛', 'Skills competition co-hosted with {org}'],
  ceremony: ['{org}订单班开班仪式', 'Opening ceremony of the {org} order class'],
};
const topicsPool: [string, string][] = [
  ['人才培养', 'training students'],
  ['实习就业', 'internships and jobs'],
  ['专业共建', 'building majors together'],
  ['员工培训', 'staff training'],
  ['教师企业实践', 'teachers’ practice in companies'],
  ['实训基地', 'training bases'],
  ['技能竞赛', 'skills competitions'],
  ['课程开发', 'course development'],
];
const outcomesPool: [string, string][] = [
  ['双方商定下学期共同修订人才培养方案', 'Revise the training plan together next term'],
  ['企业接收第二批学生顶岗实习', 'The company takes a second group of interns'],
  ['共同申报市级产教融合项目', 'Apply jointly for a municipal industry–education project'],
  ['安排专业教师赴企业实践', 'Send teachers to practise in the company'],
  ['联合开发一门项目化课程', 'Develop one project-based course together'],
];

/** Where the demo's partners are registered (GB/T 2260 codes), for their credit codes. */
const regionCodes: Record<string, string> = {
  上海市: '310000',
  上海市金山区: '310116',
  上海市奉贤区: '310120',
};

/**
 * An invented but well-formed unified social credit code (GB 32100-2015) for the n-th demo partner:
 * the registering authority and kind by the partner's kind (91 company, 11 government body, 12 public
 * institution, 51 association), the region's code, an organization code and the check character.
 */
function demoUscc(kind: string, region: string, n: number): string {
  const prefix =
    kind === 'government' || kind === 'park'
      ? '11'
      : kind === 'school' || kind === 'certifier'
        ? '12'
        : kind === 'industry_body' || kind === 'union'
          ? '51'
          : '91';
  let serial = '';
  for (let rest = 7_919 * (n + 1) + 104_729; serial.length < 6; rest = Math.floor(rest / usccAlphabet.length))
    serial = usccAlphabet.charAt(rest % usccAlphabet.length) + serial;
  const first17 = `${prefix}${regionCodes[region] ?? '310000'}MA1${serial}`;
  return first17 + computeUsccCheck(first17);
}

/** Two topics drawn from the pool, without repeats, in both languages. */
function topicPair(drawn: [string, string][]): { topics: string[]; topicsEn: string[] } {
  const unique = drawn.filter((t, k, a) => a.indexOf(t) === k);
  return { topics: unique.map((t) => t[0]), topicsEn: unique.map((t) => t[1]) };
}

const outcomeOf = ([text, textEn]: [string, string]) => ({ kind: 'consensus' as const, text, textEn });

/**
 * Loads the demo college's cooperation records through the features' services: the two visits of
 * the source documents with their people, titles, places and outcomes, and several years of
 * plausible partners, engagements, agreements, programs and commitments around them.
 * Skipped when the college already has partners.
 */
export async function loadDemoRecords(
  scope: TenantScope,
  today: Date = new Date(),
): Promise<{ engagements: number; units: ReadonlyMap<string, string> } | null> {
  if ((await countOrganizations(scope)) > 0) return null;
  const rand = random(20231118);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const todayIso = day(today);

  const units = new Map<string, string>();
  for (const u of demoUnits)
    units.set(
      u.key,
      (await createOrgUnit(scope, { kind: u.kind, code: u.code, nameZh: u.nameZh, nameEn: u.nameEn })).id,
    );
  const majors = new Map<string, string>();
  for (const m of demoMajors) {
    majors.set(
      m.key,
      (
        await createMajor(scope, {
          code: m.code,
          nameZh: m.nameZh,
          nameEn: m.nameEn,
          orgUnitId: units.get(m.unit) ?? null,
        })
      ).id,
    );
  }
  const facilities = new Map<string, string>();
  for (const f of demoFacilities) {
    facilities.set(
      f.key,
      (
        await createFacility(scope, {
          kind: f.kind,
          nameZh: f.nameZh,
          nameEn: f.nameEn,
          orgUnitId: units.get(f.unit) ?? null,
        })
      ).id,
    );
  }

  // Partners of the source documents, and invented ones around them.
  const orgs = new Map<string, string>();
  for (const o of demoSeedOrganizations) {
    const org = await createOrganization(scope, {
      kind: o.kind,
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      aliases: 'aliases' in o ? [...o.aliases] : [],
      uscc: 'uscc' in o ? o.uscc : null,
      region: o.region,
      industry: o.industry,
      since: o.since,
      tags: [...o.tags],
      flags: [...o.flags],
    });
    orgs.set(o.key, org.id);
    await putPartnership(scope, org.id, {
      stage: o.stage,
      leadOrgUnitId: units.get(o.unit) ?? null,
      dimensions: [...o.dimensions],
      since: o.since,
    });
  }
  const others: {
    id: string;
    nameZh: string;
    nameEn: string;
    unit: string;
    contact: string;
    dimensions: string[];
  }[] = [];
  for (const [i, o] of demoOtherOrganizations.entries()) {
    const org = await createOrganization(scope, {
      kind: o.kind as 'enterprise',
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      uscc: demoUscc(o.kind, o.region, i),
      region: o.region,
      industry: o.industry,
      since: o.since,
      tags: i % 4 === 0 ? ['重点合作'] : [],
      flags: i % 6 === 0 ? ['industry_education_enterprise'] : [],
    });
    const stage = (['active', 'active', 'active', 'prospect', 'dormant', 'ended'] as const)[i % 6]!;
    await putPartnership(scope, org.id, {
      stage,
      leadOrgUnitId: units.get(o.unit) ?? null,
      dimensions: o.dimensions as never,
      since: o.since,
    });
    const contact = await createPerson(scope, {
      side: 'theirs',
      nameZh: `${pick(['王', '李', '张', '刘', '陈', '杨', '周', '吴'])}${pick(['建国', '丽华', '志强', '晓东', '海燕', '卫东', '静怡', '国平'])}`,
      nameEn: '',
    });
    await addAffiliation(scope, contact.id, {
      organizationId: org.id,
      titleZh: pick(['人力资源部经理', '总经理', '培训主管', '技术总监', '办公室主任']),
      fromOn: '2018-01-01',
    });
    others.push({
      id: org.id,
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      unit: o.unit,
      contact: contact.id,
      dimensions: o.dimensions,
    });
  }

  // People of the source documents with their titles; the president was vice president until 2021.
  const people = new Map<string, string>();
  for (const p of demoSeedPeople) {
    const person = await createPerson(scope, { side: p.side, nameZh: p.nameZh, nameEn: p.nameEn });
    people.set(p.key, person.id);
    const where = 'org' in p ? { organizationId: orgs.get(p.org)! } : { orgUnitId: units.get(p.unit)! };
    if (p.key === 'chenxb') {
      await addAffiliation(scope, person.id, {
        ...where,
        titleZh: '副校长',
        titleEn: 'Vice President',
        fromOn: '2016-09-01',
        toOn: '2021-06-30',
      });
      await addAffiliation(scope, person.id, {
        ...where,
        titleZh: p.titleZh,
        titleEn: p.titleEn,
        fromOn: '2021-07-01',
      });
    } else {
      await addAffiliation(scope, person.id, {
        ...where,
        titleZh: p.titleZh,
        titleEn: p.titleEn,
        fromOn: '2018-01-01',
      });
    }
  }
  const ours = ['gao', 'chenxb'].map((k) => people.get(k)!);

  // The Fire Rescue Corps delegation's visit (source document one).
  const fireVisit = await recordEngagement(scope, {
    type: 'visit_inbound',
    titleZh: '上海市消防救援总队来校洽谈消防救援技术专业合作',
    titleEn: 'Shanghai Municipal Fire Rescue Corps visits to plan the Fire Rescue Technology major',
    startsOn: '2023-11-18',
    startsAt: '14:00',
    location: '学校行政楼第一会议室',
    locationEn: 'Meeting Room 1 of the Administration Building',
    hostOrgUnitId: units.get('safety')!,
    purpose: '商讨消防救援技术专业共建及后续工作安排',
    purposeEn: 'discuss building the Fire Rescue Technology major together and agree the next steps',
    summary:
      '总队领导介绍了消防救援队伍建设的新形势和人才需求，参观了跨企业培训中心和化工综合实训楼。学校介绍了办学特色和安全与应急管理学院建设规划，双方就新专业申报和联合培养深入交流。',
    summaryEn:
      'The corps leaders described how fire rescue teams are changing and the people they will need, and toured the cross-enterprise training centre and the chemical training building. The college presented its features and its plans for the School of Safety and Emergency Management; the two sides talked at length about applying for the new major and training students together.',
    delegationSize: 6,
    topics: ['消防救援技术专业', '政校合作', '人才培养标准', '教材共建', '师资联合培养'],
    topicsEn: [
      'the Fire Rescue Technology major',
      'government–school cooperation',
      'training standards',
      'joint textbooks',
      'joint teacher development',
    ],
    facilityIds: [facilities.get('cross')!, facilities.get('chembuilding')!],
    organizations: [{ organizationId: orgs.get('fire')!, role: 'guest' }],
    participants: [
      { personId: people.get('lu')!, organizationId: orgs.get('fire')!, side: 'theirs', role: 'led' },
      { personId: people.get('gao')!, side: 'ours', role: 'received' },
      { personId: people.get('chenxb')!, side: 'ours', role: 'received' },
    ],
    outcomes: [
      {
        kind: 'consensus',
        text: '共同推进消防救援技术专业申报',
        textEn: 'Work together on the application for the Fire Rescue Technology major',
      },
      {
        kind: 'consensus',
        text: '探索多校联合培养模式',
        textEn: 'Explore training students jointly with other schools',
      },
      { kind: 'consensus', text: '共同制定人才培养标准', textEn: 'Draw up the training standards together' },
      { kind: 'consensus', text: '联合开发专业教材', textEn: 'Write textbooks for the major together' },
      { kind: 'consensus', text: '联合培养专业师资', textEn: 'Develop the teachers of the major together' },
    ],
  });
  const fireDue = ['2024-03-31', '2024-06-30', '2024-09-30', '2025-01-15', addDays(todayIso, 20)];
  for (const [i, outcome] of fireVisit.outcomes.entries()) {
    await convertOutcomeToCommitment(scope, fireVisit.id, outcome.id, {
      ownerOrgUnitId: units.get('safety')!,
      dueOn: fireDue[i]!,
      counterpartPersonId: people.get('lu')!,
      priority: i === 0 ? 'high' : 'normal',
    });
  }

  // The college's delegation of 10 at the Covestro Integrated Site (source document two).
  const covestroVisit = await recordEngagement(scope, {
    type: 'visit_outbound',
    titleZh: '学校代表团赴科思创上海一体化基地交流',
    titleEn: 'College delegation visits Covestro Integrated Site Shanghai',
    startsOn: '2023-05-11',
    location: '科思创上海一体化基地',
    locationEn: 'Covestro Integrated Site Shanghai',
    hostOrgUnitId: units.get('chem')!,
    purpose: '深化产教融合，推动校企合作提质升级',
    purposeEn:
      'deepen industry–education integration and raise school–enterprise cooperation to a higher level',
    summary:
      '代表团参观了拥有11座工厂的一体化基地。双方回顾了二十年合作成果，学校提出新专业建设、教学科研合作、教师企业实践、培训一体化和员工培训等方面的新需求；化学工程学院汇报了湾区产教融合协同育人基地建设情况。',
    summaryEn:
      'The delegation toured the integrated site and its 11 plants. The two sides looked back on twenty years of cooperation; the college set out new needs in building majors, joint teaching and research, teachers’ practice in the company, integrated training and staff training, and the School of Chemical Engineering reported on the Bay Area collaborative education base.',
    delegationSize: 10,
    topics: ['新专业建设', '教学科研合作', '教师企业实践', '员工培训', '协同育人基地'],
    topicsEn: [
      'new majors',
      'joint teaching and research',
      'teachers’ practice in the company',
      'staff training',
      'the collaborative education base',
    ],
    facilityIds: [facilities.get('baybase')!],
    organizations: [
      { organizationId: orgs.get('covestro')!, role: 'host' },
      { organizationId: orgs.get('jinshan')!, role: 'guest' },
    ],
    participants: [
      { personId: people.get('li')!, organizationId: orgs.get('jinshan')!, side: 'theirs', role: 'led' },
      { personId: people.get('gao')!, side: 'ours', role: 'led' },
      { personId: people.get('chenxb')!, side: 'ours', role: 'led' },
      {
        personId: people.get('cheny')!,
        organizationId: orgs.get('covestro')!,
        side: 'theirs',
        role: 'received',
      },
      {
        personId: people.get('ji')!,
        organizationId: orgs.get('covestro')!,
        side: 'theirs',
        role: 'received',
      },
    ],
    outcomes: [
      {
        kind: 'consensus',
        text: '继续深化校企合作，探索新的合作领域和模式',
        textEn: 'Keep deepening the cooperation and explore new fields and ways of working together',
      },
      {
        kind: 'consensus',
        text: '安排专业教师赴基地开展企业实践',
        textEn: 'Send teachers of the majors to practise at the site',
      },
      {
        kind: 'consensus',
        text: '共同制定企业员工培训计划',
        textEn: 'Draw up a training plan for the company’s staff together',
      },
    ],
  });
  // The 2019 renewal of the framework agreement, signed at the college.
  await recordEngagement(scope, {
    type: 'signing',
    titleZh: '学校与科思创续签校企全面合作框架协议',
    titleEn: 'College and Covestro renew their framework cooperation agreement',
    startsOn: '2019-06-20',
    startsAt: '10:00',
    location: '学校行政楼第一会议室',
    locationEn: 'Meeting Room 1 of the Administration Building',
    hostOrgUnitId: units.get('chem')!,
    purpose: '续签全面合作框架协议，明确今后五年的合作重点',
    purposeEn: 'renew the framework agreement and set the priorities of the next five years',
    topics: ['订单班', '教师企业实践', '员工培训'],
    topicsEn: ['the order class', 'teachers’ practice in the company', 'staff training'],
    organizations: [{ organizationId: orgs.get('covestro')!, role: 'guest' }],
    participants: [
      { personId: people.get('chenxb')!, side: 'ours', role: 'signed' },
      {
        personId: people.get('cheny')!,
        organizationId: orgs.get('covestro')!,
        side: 'theirs',
        role: 'signed',
      },
    ],
    outcomes: [
      {
        kind: 'signed_document',
        text: '校企全面合作框架协议（2019—2023）',
        textEn: 'Framework cooperation agreement 2019–2023',
      },
    ],
  });
  // Next week's visit, so the calendar and its subscription show what is coming.
  await recordEngagement(scope, {
    type: 'visit_inbound',
    titleZh: '科思创来校商谈 2027 级订单班招生',
    titleEn: 'Covestro visits to plan the 2027 order class intake',
    startsOn: addDays(todayIso, 6),
    startsAt: '09:30',
    location: '学校行政楼第一会议室',
    locationEn: 'Meeting Room 1 of the Administration Building',
    hostOrgUnitId: units.get('chem')!,
    purpose: '商定 2027 级订单班的招生人数、选拔方式和企业课程安排',
    purposeEn: 'agree the size, selection and company courses of the 2027 order class',
    organizations: [{ organizationId: orgs.get('covestro')!, role: 'guest' }],
    participants: [
      { personId: people.get('chenxb')!, side: 'ours', role: 'received' },
      { personId: people.get('cheny')!, organizationId: orgs.get('covestro')!, side: 'theirs', role: 'led' },
    ],
  });
  const covestroOwners = [units.get('coop')!, units.get('chem')!, units.get('chem')!];
  const covestroDue = ['2023-09-30', addDays(todayIso, -12), addDays(todayIso, 45)];
  for (const [i, outcome] of covestroVisit.outcomes.entries()) {
    await convertOutcomeToCommitment(scope, covestroVisit.id, outcome.id, {
      ownerOrgUnitId: covestroOwners[i]!,
      dueOn: covestroDue[i]!,
      counterpartPersonId: people.get('ji')!,
    });
  }

  // Agreements: the long Covestro partnership, the fire-rescue MoU, and others ending at various times.
  // Signed, then in force; one whose end has passed is marked expired by the job below.
  const activate = async (id: string, validTo: string) => {
    let version = 1;
    const steps =
      validTo >= todayIso ? (['in_review', 'signed', 'active'] as const) : (['in_review', 'signed'] as const);
    for (const to of steps) version = (await transitionAgreement(scope, id, { to, version })).version;
  };
  const agreementsMade: string[] = [];
  const seedAgreements = [
    {
      org: orgs.get('covestro')!,
      type: 'framework',
      titleZh: '校企全面合作框架协议（2019—2023）',
      titleEn: 'Framework cooperation agreement 2019–2023',
      signedOn: '2019-06-20',
      validFrom: '2019-07-01',
      validTo: '2023-06-30',
      unit: 'chem',
    },
    {
      org: orgs.get('covestro')!,
      type: 'framework',
      titleZh: '校企全面合作框架协议（2023—2028）',
      titleEn: 'Framework cooperation agreement 2023–2028',
      signedOn: '2023-06-28',
      validFrom: '2023-07-01',
      validTo: '2028-06-30',
      unit: 'chem',
    },
    {
      org: orgs.get('covestro')!,
      type: 'order_class',
      titleZh: '科思创订单班合作协议',
      titleEn: 'Covestro order class agreement',
      signedOn: '2022-08-30',
      validFrom: '2022-09-01',
      validTo: addDays(todayIso, 75),
      unit: 'chem',
    },
    {
      org: orgs.get('fire')!,
      type: 'mou',
      titleZh: '消防救援技术专业政校合作备忘录',
      titleEn: 'Memorandum on the Fire Rescue Technology major',
      signedOn: '2024-03-15',
      validFrom: '2024-03-15',
      validTo: '2027-03-14',
      unit: 'safety',
    },
    // The partnership's earlier terms: where "cooperating since 2003" began, and its renewal.
    {
      org: orgs.get('covestro')!,
      type: 'order_class',
      titleZh: '首期订单班合作协议（2003—2008）',
      titleEn: 'First order class agreement 2003–2008',
      signedOn: '2003-07-15',
      validFrom: '2003-09-01',
      validTo: '2008-08-31',
      unit: 'chem',
    },
    {
      org: orgs.get('covestro')!,
      type: 'training_base',
      titleZh: '校外实训基地共建协议（2010—2018）',
      titleEn: 'Off-campus training base agreement 2010–2018',
      signedOn: '2010-05-18',
      validFrom: '2010-06-01',
      validTo: '2018-05-31',
      unit: 'chem',
    },
  ] as const;
  for (const a of seedAgreements) {
    const made = await createAgreement(scope, {
      type: a.type,
      titleZh: a.titleZh,
      titleEn: a.titleEn,
      signedOn: a.signedOn,
      validFrom: a.validFrom,
      validTo: a.validTo,
      ownerOrgUnitId: units.get(a.unit)!,
      parties: [
        { organizationId: null, role: 'party_a', signatoryPersonId: people.get('chenxb')! },
        { organizationId: a.org, role: 'party_b', signatoryPersonId: null },
      ],
    });
    // Every signed agreement is walked to active; one already past its end then reads as expired.
    await activate(made.id, a.validTo);
    agreementsMade.push(made.id);
  }
  for (const [i, o] of others.entries()) {
    if (i % 2 === 1) continue;
    const validTo = addDays(todayIso, [20, 60, 150, 400, 800, -200][i % 6]!);
    const made = await createAgreement(scope, {
      type: pick(['framework', 'specific', 'order_class', 'training_base', 'joint_training'] as const),
      titleZh: `与${o.nameZh}合作协议`,
      titleEn: `Cooperation agreement with ${o.nameEn}`,
      // One in eight is still a draft under negotiation: not signed yet.
      ...(i % 8 === 4 ? {} : { signedOn: addDays(validTo, -1095) }),
      validFrom: addDays(validTo, -1094),
      validTo,
      ownerOrgUnitId: units.get(o.unit)!,
      parties: [
        { organizationId: null, role: 'party_a', signatoryPersonId: null },
        { organizationId: o.id, role: 'party_b', signatoryPersonId: o.contact },
      ],
    });
    if (i % 8 !== 4) await activate(made.id, validTo);
  }
  await expireAgreements(scope);

  // Programs along the dimensions, with milestones and yearly facts.
  const fireMajor = await createProgram(scope, {
    dimension: 'specialty',
    titleZh: '消防救援技术专业共建',
    titleEn: 'Co-developing the Fire Rescue Technology major',
    status: 'running',
    organizationIds: [orgs.get('fire')!],
    majorIds: [majors.get('fire')!],
    leadOrgUnitId: units.get('safety')!,
    startOn: '2023-11-18',
    sourceEngagementId: fireVisit.id,
  });
  for (const [title, dueOn, doneOn] of [
    ['完成专业申报材料', '2024-03-31', '2024-03-20'],
    ['专业设置获批', '2024-09-30', '2024-08-15'],
    ['首届学生入学', '2025-09-15', '2025-09-10'],
    ['首轮人才培养方案评估', addDays(todayIso, 120), null],
  ] as const) {
    await addMilestone(scope, fireMajor.id, { title, dueOn, doneOn });
  }
  // The college's own teachers of the two schools, whose enterprise practice the ledger follows.
  const teachers = new Map<string, string>();
  for (const teacher of demoTeachers) {
    const person = await createPerson(scope, {
      side: 'ours',
      nameZh: teacher.nameZh,
      nameEn: teacher.nameEn,
    });
    teachers.set(teacher.key, person.id);
    await addAffiliation(scope, person.id, {
      orgUnitId: units.get(teacher.unit)!,
      titleZh: teacher.titleZh,
      titleEn: teacher.titleEn,
      fromOn: '2015-09-01',
    });
  }
  const covestroPrograms = [
    ['order_class', '科思创订单班', 'Covestro order class', 'order_class_students', [28, 31, 35]],
    [
      'teacher_practice',
      '教师赴科思创企业实践',
      'Teachers’ practice at Covestro',
      'teacher_practice_days',
      [120, 160, 210],
    ],
    [
      'staff_training',
      '科思创员工技能培训',
      'Skills training for Covestro staff',
      'staff_training_person_days',
      [300, 420, 560],
    ],
    [
      'training_base',
      '湾区产教融合协同育人基地',
      'Bay Area collaborative education base',
      'interns_hosted',
      [40, 46, 52],
    ],
  ] as const;
  // When each began: the order class with its 2022 agreement, teachers' practice in the summer of 2022.
  const programStarts: Record<(typeof covestroPrograms)[number][0], string> = {
    order_class: '2022-09-01',
    teacher_practice: '2022-07-04',
    staff_training: '2021-03-01',
    training_base: '2020-09-01',
  };
  let orderClassId = '';
  for (const [dimension, titleZh, titleEn, code, values] of covestroPrograms) {
    const program = await createProgram(scope, {
      dimension,
      titleZh,
      titleEn,
      status: 'running',
      organizationIds: [orgs.get('covestro')!],
      majorIds: [majors.get('chemtech')!, majors.get('polymer')!],
      leadOrgUnitId: units.get('chem')!,
      agreementId: agreementsMade[1]!,
      startOn: programStarts[dimension],
    });
    if (code === 'teacher_practice_days') {
      // Practice is recorded per teacher: the ledger checks each against six months in five years.
      for (const [teacher, year, days] of demoPracticeDays) {
        await addFact(scope, program.id, {
          code,
          year,
          value: days,
          majorId: majors.get('chemtech')!,
          organizationId: orgs.get('covestro')!,
          personId: teachers.get(teacher)!,
        });
      }
      continue;
    }
    for (const [k, value] of values.entries())
      await addFact(scope, program.id, {
        code,
        year: 2023 + k,
        value,
        majorId: majors.get('chemtech')!,
        organizationId: orgs.get('covestro')!,
      });
    if (dimension === 'order_class') orderClassId = program.id;
    if (dimension === 'staff_training') {
      // The same training in class hours, and the funds Covestro set up for the order class's students.
      for (const [k, hours] of [1800, 2520, 3360].entries()) {
        await addFact(scope, program.id, {
          code: 'staff_training_hours',
          year: 2023 + k,
          value: hours,
          majorId: majors.get('chemtech')!,
          organizationId: orgs.get('covestro')!,
        });
      }
    }
  }
  // The order class's other yearly figures, per major, for the national cooperation table.
  const orderClassFacts = [
    ['polymer', 'order_class_students', [12, 15, 18]],
    ['chemtech', 'graduates_hired', [18, 22, 25]],
    ['chemtech', 'enterprise_part_time_teachers', [6, 7, 9]],
    ['chemtech', 'co_developed_courses', [1, 2, 3]],
    ['polymer', 'co_developed_textbooks', [0, 1, 2]],
    ['chemtech', 'donated_equipment_value', [40, 85.5, 120]],
    ['polymer', 'tech_service_income', [12.5, 18, 26.8]],
    ['chemtech', 'fund_amount', [5, 5, 8]],
    ['chemtech', 'scholarship_recipients', [10, 10, 16]],
  ] as const;
  for (const [major, code, values] of orderClassFacts) {
    for (const [k, value] of values.entries()) {
      if (value === 0) continue;
      await addFact(scope, orderClassId, {
        code,
        year: 2023 + k,
        value,
        majorId: majors.get(major)!,
        organizationId: orgs.get('covestro')!,
      });
    }
  }
  // The fire major's first figures; one was entered without its major, so the cooperation table
  // lists it as a row to fix.
  for (const [code, year, value, major] of [
    ['staff_training_person_days', 2024, 240, 'fire'],
    ['staff_training_person_days', 2025, 360, 'fire'],
    ['enterprise_part_time_teachers', 2025, 4, 'fire'],
    ['staff_training_hours', 2024, 1920, 'fire'],
    ['staff_training_hours', 2025, 2880, 'fire'],
    ['donated_equipment_value', 2025, 36, 'fire'],
    ['co_developed_textbooks', 2025, 1, null],
  ] as const) {
    await addFact(scope, fireMajor.id, {
      code,
      year,
      value,
      majorId: major ? majors.get(major)! : null,
      organizationId: orgs.get('fire')!,
    });
  }
  for (const o of others.slice(0, 10)) {
    const dimension = o.dimensions[0]!;
    await createProgram(scope, {
      dimension: dimension as 'order_class',
      titleZh: `${o.nameZh}合作项目`,
      titleEn: `Cooperation program with ${o.nameEn}`,
      status: pick(['planned', 'running', 'running', 'completed'] as const),
      organizationIds: [o.id],
      leadOrgUnitId: units.get(o.unit)!,
      startOn: `${2020 + Math.floor(rand() * 5)}-09-01`,
    });
  }

  // Several years of engagements with the partners, and the follow-up work they produced.
  let engagements = 4;
  const start = new Date('2019-01-07T00:00:00Z').getTime();
  const span = today.getTime() + 45 * 86_400_000 - start;
  for (let i = 0; i < 260; i++) {
    const org = pick(others);
    const type = pick(kinds);
    const [zh, en] = titles[type];
    const startsOn = day(new Date(start + Math.floor(rand() * span)));
    const hasOutcome = rand() < 0.45;
    const made = await recordEngagement(scope, {
      type,
      titleZh: zh.replace('{org}', org.nameZh),
      titleEn: en.replace('{org}', org.nameEn),
      startsOn,
      hostOrgUnitId: units.get(org.unit)!,
      location: type === 'visit_outbound' ? org.nameZh : '学校本部',
      locationEn: type === 'visit_outbound' ? org.nameEn : 'the college’s main campus',
      summary: '双方围绕人才培养、实习就业和专业建设交流了意见。',
      summaryEn:
        'The two sides exchanged views on training students, internships and jobs, and building majors.',
      delegationSize: 2 + Math.floor(rand() * 9),
      ...topicPair([pick(topicsPool), pick(topicsPool)]),
      organizations: [{ organizationId: org.id, role: type === 'visit_outbound' ? 'host' : 'guest' }],
      participants: [
        {
          personId: org.contact,
          organizationId: org.id,
          side: 'theirs',
          role: type === 'visit_inbound' ? 'led' : 'received',
        },
        { personId: pick(ours), side: 'ours', role: type === 'visit_inbound' ? 'received' : 'led' },
      ],
      outcomes: hasOutcome ? [outcomeOf(pick(outcomesPool))] : [],
    });
    engagements++;
    const outcome = made.outcomes[0];
    if (outcome && startsOn <= todayIso) {
      const dueOn = addDays(startsOn, 30 + Math.floor(rand() * 150));
      const withCommitment = await convertOutcomeToCommitment(scope, made.id, outcome.id, {
        ownerOrgUnitId: units.get(org.unit)!,
        dueOn,
      });
      const commitmentId = withCommitment.outcomes[0]?.commitmentId;
      // Old follow-ups were mostly done; a few recent ones are overdue.
      const longAgo = dueOn < addDays(todayIso, -365);
      if (commitmentId && dueOn < todayIso && (longAgo ? rand() < 0.97 : rand() < 0.6)) {
        await completeCommitment(scope, commitmentId, {
          evidence: '已按计划完成，相关材料已归档。',
          version: 1,
        });
        // The demo is loaded in one go: give the work the day it was really done, mostly on time.
        const late = rand() < 0.2;
        const doneOn = late
          ? addDays(dueOn, 1 + Math.floor(rand() * 30))
          : addDays(dueOn, -Math.floor(rand() * 20));
        await scope.updateRaw(commitments, eq(commitments.id, commitmentId), {
          completedOn: doneOn > startsOn ? doneOn : startsOn,
        });
      }
    }
  }
  await createCommitment(scope, {
    text: '整理近五年校企合作案例，形成年度质量报告素材',
    ownerOrgUnitId: units.get('coop')!,
    dueOn: addDays(todayIso, 10),
    priority: 'high',
  });
  return { engagements, units };
}
