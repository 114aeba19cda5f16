import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';

/** Where an indicator's value comes from. */
export const indicatorSources = [
  'facts',
  'engagements',
  'agreements',
  'programs',
  'partnerships',
  'commitments',
  'people',
] as const;
export type IndicatorSource = (typeof indicatorSources)[number];

/** One yearly figure, defined once: what it is called, its unit, and how it is derived. */
export interface IndicatorDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  /** The unit as the national forms write it (人, 门, 万元…), and in English. */
  unitZh: string;
  unitEn: string;
  source: IndicatorSource;
  definitionZh: string;
  definitionEn: string;
}

const fromFacts = (
  code: string,
  nameZh: string,
  nameEn: string,
  unitZh: string,
  unitEn: string,
  whatZh: string,
  whatEn: string,
): IndicatorDefinition => ({
  code,
  nameZh,
  nameEn,
  unitZh,
  unitEn,
  source: 'facts',
  definitionZh: `${whatZh}。取自当年各合作项目登记的“${nameZh}”数据之和（已删除项目不计；同一项目同一年、同一专业与合作单位只登记一次）。`,
  definitionEn: `${whatEn}. The sum of the year's “${nameEn}” facts recorded on cooperation programs (deleted programs do not count; a program records each year, major and partner once).`,
});

/**
 * The catalogue of yearly indicators. Each figure on a report is one of these, computed from the
 * records; the "definitions" screen shows this list so no figure is a mystery.
 */
export const indicators: readonly IndicatorDefinition[] = [
  fromFacts(
    'order_class_students',
    '订单班学生数',
    'Order-class students',
    '人',
    'persons',
    '以合作企业冠名或按企业订单培养的班级在读学生人数',
    'Students in classes named after or trained to the order of a partner enterprise',
  ),
  fromFacts(
    'co_developed_courses',
    '合作开发课程数',
    'Co-developed courses',
    '门',
    'courses',
    '与合作单位共同开发并投入教学的课程门数',
    'Courses developed with a partner and taught',
  ),
  fromFacts(
    'co_developed_textbooks',
    '合作开发教材数',
    'Co-developed textbooks',
    '种',
    'titles',
    '与合作单位共同编写并使用的教材种数',
    'Textbooks written with a partner and in use',
  ),
  fromFacts(
    'enterprise_part_time_teachers',
    '企业兼职教师数',
    'Enterprise part-time teachers',
    '人',
    'persons',
    '由合作单位人员担任的兼职教师人数',
    'Partner staff teaching part-time',
  ),
  fromFacts(
    'interns_hosted',
    '接收顶岗实习学生数',
    'Interns hosted',
    '人',
    'persons',
    '合作单位接收的实习学生人数',
    'Students a partner took as interns',
  ),
  fromFacts(
    'graduates_hired',
    '接收毕业生就业数',
    'Graduates hired',
    '人',
    'persons',
    '合作单位录用的当届毕业生人数',
    'Graduates of the year a partner hired',
  ),
  fromFacts(
    'donated_equipment_value',
    '捐赠（准捐赠）设备值',
    'Donated equipment value',
    '万元',
    '10k CNY',
    '合作单位捐赠或准捐赠给学校的设备价值',
    'Value of equipment a partner donated or lent to the college',
  ),
  fromFacts(
    'tech_service_income',
    '技术服务到款额',
    'Technical service income',
    '万元',
    '10k CNY',
    '学校为合作单位提供技术服务的到账金额',
    'Money received for technical services to a partner',
  ),
  fromFacts(
    'staff_training_person_days',
    '为企业培训员工',
    'Enterprise staff trained',
    '人天',
    'person-days',
    '学校为合作单位培训员工的人天数',
    'Person-days of training the college gave a partner’s staff',
  ),
  fromFacts(
    'staff_training_hours',
    '为企业培训员工学时',
    'Enterprise training hours',
    '学时',
    'class hours',
    '学校为合作单位员工开展培训的学时数',
    'Class hours of training the college gave a partner’s staff',
  ),
  fromFacts(
    'teacher_practice_days',
    '教师企业实践天数',
    'Teachers’ enterprise practice',
    '天',
    'days',
    '专任教师在合作单位实践的天数',
    'Days teachers spent practising at a partner',
  ),
  fromFacts(
    'training_bases',
    '校外实训基地数',
    'Off-campus training bases',
    '个',
    'bases',
    '与合作单位共建的校外实训基地个数',
    'Training bases built with a partner off campus',
  ),
  fromFacts(
    'competitions',
    '合作举办技能竞赛数',
    'Skills competitions held together',
    '项',
    'competitions',
    '与合作单位共同举办的技能竞赛项数',
    'Skills competitions held with a partner',
  ),
  fromFacts(
    'fund_amount',
    '企业设立奖助学金额',
    'Partner funds',
    '万元',
    '10k CNY',
    '合作单位设立的奖学金、助学金等资金额',
    'Scholarship and other funds a partner set up',
  ),
  fromFacts(
    'scholarship_recipients',
    '奖助学金受助学生数',
    'Scholarship recipients',
    '人',
    'persons',
    '获得合作单位奖助学金的学生人数',
    'Students who received a partner’s scholarship',
  ),
  {
    code: 'engagements',
    nameZh: '合作交流活动次数',
    nameEn: 'Engagements',
    unitZh: '次',
    unitEn: 'engagements',
    source: 'engagements',
    definitionZh: '当年开始的来访、走访、会议、签约等合作交流活动次数（已删除的不计）。',
    definitionEn:
      'Visits, meetings, signings and other engagements that started in the year (deleted ones do not count).',
  },
  {
    code: 'visits_inbound',
    nameZh: '来访接待次数',
    nameEn: 'Inbound visits',
    unitZh: '次',
    unitEn: 'visits',
    source: 'engagements',
    definitionZh: '当年开始、类型为“来访”的合作交流活动次数。',
    definitionEn: 'Engagements of type “inbound visit” that started in the year.',
  },
  {
    code: 'visits_outbound',
    nameZh: '走访企业次数（访企拓岗）',
    nameEn: 'Outbound visits',
    unitZh: '次',
    unitEn: 'visits',
    source: 'engagements',
    definitionZh: '当年开始、类型为“走访”的合作交流活动次数，含访企拓岗。',
    definitionEn:
      'Engagements of type “outbound visit” that started in the year, including job-seeking visits.',
  },
  {
    code: 'agreements_signed',
    nameZh: '签订合作协议数',
    nameEn: 'Agreements signed',
    unitZh: '个',
    unitEn: 'agreements',
    source: 'agreements',
    definitionZh: '签订日期在当年的合作协议个数（已删除的不计）。',
    definitionEn: 'Agreements whose signing date falls in the year (deleted ones do not count).',
  },
  {
    code: 'programs_running',
    nameZh: '实施中的合作项目数',
    nameEn: 'Programs under way',
    unitZh: '个',
    unitEn: 'programs',
    source: 'programs',
    definitionZh: '状态为实施中或已完成、且起止日期与当年有交集的合作项目个数。',
    definitionEn: 'Running or completed programs whose start and end dates overlap the year.',
  },
  {
    code: 'partners_new',
    nameZh: '新增合作单位数',
    nameEn: 'New partners',
    unitZh: '个',
    unitEn: 'partners',
    source: 'partnerships',
    definitionZh: '合作起始年份为当年的合作关系个数。',
    definitionEn: 'Partnerships whose “cooperating since” falls in the year.',
  },
  {
    code: 'commitments_on_time_rate',
    nameZh: '承诺事项按期完成率',
    nameEn: 'Commitments done on time',
    unitZh: '%',
    unitEn: '%',
    source: 'commitments',
    definitionZh: '截止日期在当年的承诺事项中（已放弃的不计），在截止日期当天或之前完成的比例。',
    definitionEn:
      'Of the commitments due in the year (dropped ones aside), the share completed on or before the due date.',
  },
  {
    code: 'teacher_practice_met_rate',
    nameZh: '教师企业实践达标率',
    nameEn: 'Teachers meeting the practice rule',
    unitZh: '%',
    unitEn: '%',
    source: 'people',
    definitionZh:
      '当年在岗专任教师（本校人员、当年在教学院系任职）中，截至当年的五年内企业实践累计不少于6个月（180天）的比例。',
    definitionEn:
      'Of the year’s teachers (the college’s own people with a post in a teaching school in the year), the share with at least six months (180 days) of enterprise practice over the five years ending with the year.',
  },
];

/** Teachers' enterprise practice: at least six months (counted as 180 days) every five years. */
export const teacherPracticeRule = { days: 180, years: 5 } as const;

/** The partner ledgers and the figures each one sums, in column order. */
export const partnerLedgerCodes = {
  funnel: ['order_class_students', 'interns_hosted', 'graduates_hired'],
  donations: ['donated_equipment_value', 'fund_amount', 'scholarship_recipients'],
  training: ['staff_training_person_days', 'staff_training_hours', 'tech_service_income'],
} as const;
export const partnerLedgerKinds = ['funnel', 'donations', 'training'] as const;
export type PartnerLedgerKind = (typeof partnerLedgerKinds)[number];

/** The annual quality report's three cooperation tables and the indicators in each. */
export const qualityReportTables = [
  {
    key: 'resources',
    codes: [
      'training_bases',
      'co_developed_courses',
      'co_developed_textbooks',
      'enterprise_part_time_teachers',
      'donated_equipment_value',
      'programs_running',
    ],
  },
  {
    key: 'service',
    codes: [
      'tech_service_income',
      'staff_training_person_days',
      'staff_training_hours',
      'interns_hosted',
      'graduates_hired',
      'competitions',
    ],
  },
  {
    key: 'policy',
    codes: [
      'order_class_students',
      'teacher_practice_days',
      'teacher_practice_met_rate',
      'fund_amount',
      'scholarship_recipients',
      'agreements_signed',
      'partners_new',
    ],
  },
] as const;

/** The columns of the national data platform's cooperation table (产学合作), in its order. */
export const cooperationTableCodes = [
  'order_class_students',
  'co_developed_courses',
  'co_developed_textbooks',
  'enterprise_part_time_teachers',
  'interns_hosted',
  'graduates_hired',
  'donated_equipment_value',
  'tech_service_income',
  'staff_training_person_days',
] as const;

const yearSchema = z.coerce.number().int().min(1990).max(2100);

export const reportQuerySchema = z.object({
  year: yearSchema,
  orgUnitId: z.uuid().optional(),
  majorId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
});
export type ReportQuery = z.input<typeof reportQuerySchema>;

export const exportFormatSchema = z.enum(['xlsx', 'csv']);
/** The language of an export's titles and headers (the request's language when left out). */
export const localeQuerySchema = z.enum(['zh-CN', 'en']).optional();
export const reportExportQuerySchema = reportQuerySchema.extend({
  format: exportFormatSchema,
  lang: localeQuerySchema,
});

export const indicatorDefinitionSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unitZh: z.string(),
  unitEn: z.string(),
  source: z.enum(indicatorSources),
  definitionZh: z.string(),
  definitionEn: z.string(),
});

export const indicatorValueSchema = indicatorDefinitionSchema.extend({
  value: z.number(),
  previous: z.number(),
  /** Change against the previous year in percent, or null when the previous year is 0. */
  changePercent: z.number().nullable(),
});
export const indicatorReportSchema = z.object({
  year: z.number().int(),
  items: z.array(indicatorValueSchema),
});
export type IndicatorReport = z.infer<typeof indicatorReportSchema>;

export const cooperationRowSchema = z.object({
  majorId: z.string(),
  majorCode: z.string().nullable(),
  majorName: z.string(),
  organizationId: z.string(),
  uscc: z.string(),
  partnerName: z.string(),
  /** Cooperation start as the platform writes it: YYYYMM. */
  since: z.string().nullable(),
  values: z.record(z.string(), z.number()),
});
export type CooperationRow = z.infer<typeof cooperationRowSchema>;

export const cooperationProblemSchema = z.object({
  kind: z.enum(['missing_major', 'missing_partner', 'missing_uscc']),
  majorId: z.string().nullable(),
  majorName: z.string().nullable(),
  organizationId: z.string().nullable(),
  partnerName: z.string().nullable(),
  /** The programs whose facts make the row: where to fix it. */
  programIds: z.array(z.string()),
  values: z.record(z.string(), z.number()),
});
export type CooperationProblem = z.infer<typeof cooperationProblemSchema>;

export const cooperationTableSchema = z.object({
  year: z.number().int(),
  codes: z.array(z.string()),
  rows: z.array(cooperationRowSchema),
  problems: z.array(cooperationProblemSchema),
  /** Each column summed over the rows and the problems, this year and the year before, and the change in percent. */
  totals: z.record(z.string(), z.number()),
  previousTotals: z.record(z.string(), z.number()),
  change: z.record(z.string(), z.number().nullable()),
});
export type CooperationTable = z.infer<typeof cooperationTableSchema>;

export const dashboardQuerySchema = z.object({
  /** "Not contacted in N months": 6, 12 or 24. */
  staleMonths: z.enum(['6', '12', '24']).default('12'),
});
export type DashboardQuery = z.input<typeof dashboardQuerySchema>;

const segmentSchema = z.object({ key: z.string(), count: z.number().int() });
export type Segment = z.infer<typeof segmentSchema>;

export const dashboardSchema = z.object({
  /** The day the figures were computed for (YYYY-MM-DD). */
  today: z.string(),
  partners: z.object({
    total: z.number().int(),
    byKind: z.array(segmentSchema),
    byStage: z.array(segmentSchema),
    /** The ten largest industries and regions. */
    byIndustry: z.array(segmentSchema),
    byRegion: z.array(segmentSchema),
    /** New partners per year (by "cooperating since"), the last ten years. */
    newPerYear: z.array(segmentSchema),
    /** Partnerships that lapsed (now dormant or ended) per year of the change, the last ten years. */
    lapsedPerYear: z.array(segmentSchema),
    notContacted: z.object({ months: z.number().int(), since: z.string(), count: z.number().int() }),
  }),
  engagements: z.object({
    /** The last 24 months, oldest first, as YYYY-MM. */
    months: z.array(z.string()),
    byType: z.array(z.object({ type: z.string(), counts: z.array(z.number().int()) })),
  }),
  agreements: z.object({
    expiring: z.array(z.object({ within: z.number().int(), count: z.number().int() })),
    signedPerYear: z.array(z.object({ year: z.number().int(), type: z.string(), count: z.number().int() })),
  }),
  commitments: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    /** Done on or before the due date, of those done with a due date, in percent (null when none). */
    onTimeRate: z.number().nullable(),
    byDepartment: z.array(
      z.object({
        orgUnitId: z.string(),
        nameZh: z.string(),
        nameEn: z.string(),
        open: z.number().int(),
        overdue: z.number().int(),
        done: z.number().int(),
        onTimeRate: z.number().nullable(),
      }),
    ),
    /** The ten owners with the most open and overdue work. */
    byOwner: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        open: z.number().int(),
        overdue: z.number().int(),
        done: z.number().int(),
        onTimeRate: z.number().nullable(),
      }),
    ),
  }),
  matrix: z.object({
    dimensions: z.array(segmentSchema),
    partners: z.array(
      z.object({
        organizationId: z.string(),
        nameZh: z.string(),
        nameEn: z.string(),
        stage: z.string(),
        dimensions: z.array(z.string()),
        programs: z.number().int(),
        engagements: z.number().int(),
        /** Dimensions + live programs + engagements of the last two years (capped at 10): a sortable depth. */
        depth: z.number().int(),
      }),
    ),
  }),
  news: z.object({
    /** Engagements held so far, and those a published article reports. */
    engagements: z.number().int(),
    reported: z.number().int(),
    articles: z.number().int(),
    /** Median days from an engagement to its first published article. */
    medianLagDays: z.number().nullable(),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const partnerLedgerQuerySchema = reportQuerySchema.extend({ kind: z.enum(partnerLedgerKinds) });
export const partnerLedgerExportQuerySchema = partnerLedgerQuerySchema.extend({
  format: exportFormatSchema,
  lang: localeQuerySchema,
});

const figuresSchema = z.record(z.string(), z.number());
export const partnerLedgerRowSchema = z.object({
  /** Null for the facts recorded without a partner. */
  organizationId: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  values: figuresSchema,
  previous: figuresSchema,
  /** The funnel's conversion rates in percent (internship, hire); empty for the other ledgers. */
  rates: z.record(z.string(), z.number().nullable()),
});
export type PartnerLedgerRow = z.infer<typeof partnerLedgerRowSchema>;
export const partnerLedgerSchema = z.object({
  kind: z.enum(partnerLedgerKinds),
  year: z.number().int(),
  codes: z.array(z.string()),
  rows: z.array(partnerLedgerRowSchema),
  totals: figuresSchema,
  previousTotals: figuresSchema,
  change: z.record(z.string(), z.number().nullable()),
  rates: z.record(z.string(), z.number().nullable()),
});
export type PartnerLedger = z.infer<typeof partnerLedgerSchema>;

export const teacherPracticeRowSchema = z.object({
  personId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  orgUnitId: z.string().nullable(),
  unitZh: z.string().nullable(),
  unitEn: z.string().nullable(),
  daysThisYear: z.number(),
  daysLastYear: z.number(),
  /** Days over the five years ending with the report's year. */
  daysInWindow: z.number(),
  /** Days still missing to meet the rule (0 when met). */
  shortfall: z.number(),
  met: z.boolean(),
});
export type TeacherPracticeRow = z.infer<typeof teacherPracticeRowSchema>;
export const teacherPracticeLedgerSchema = z.object({
  year: z.number().int(),
  fromYear: z.number().int(),
  requiredDays: z.number(),
  rows: z.array(teacherPracticeRowSchema),
  teachers: z.number().int(),
  met: z.number().int(),
  short: z.number().int(),
  metRate: z.number().nullable(),
});
export type TeacherPracticeLedger = z.infer<typeof teacherPracticeLedgerSchema>;

export const qualityReportSchema = z.object({
  year: z.number().int(),
  tables: z.array(
    z.object({ key: z.enum(['resources', 'service', 'policy']), items: z.array(indicatorValueSchema) }),
  ),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

// ---------------------------------------------------------------- operations

const base = '/api/reports';

export const reportOperations = {
  definitions: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/definitions',
    access: 'reports.read',
    summary: 'The catalogue of yearly indicators: names, units and how each is derived',
    response: z.object({ items: z.array(indicatorDefinitionSchema) }),
  }),
  dashboard: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/dashboard',
    access: 'reports.read',
    summary:
      'The admin home figures: partners, engagements per month, agreements, commitments, the partner × dimension matrix, news output',
    query: dashboardQuerySchema,
    response: dashboardSchema,
  }),
  indicators: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/indicators',
    access: 'reports.read',
    summary: "Every indicator's value for a year, the previous year's and the change",
    query: reportQuerySchema,
    response: indicatorReportSchema,
  }),
  indicatorsExport: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/indicators/export',
    access: 'reports.read',
    summary: 'The yearly figures as .xlsx or .csv in the chosen language',
    query: reportExportQuerySchema,
  }),
  cooperationTable: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/cooperation-table',
    access: 'reports.read',
    summary: "The national data platform's cooperation table (major × partner) for a year, with rows to fix",
    query: reportQuerySchema,
    response: cooperationTableSchema,
  }),
  cooperationTableExport: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/cooperation-table/export',
    access: 'reports.read',
    summary: 'The cooperation table as .xlsx (with a sheet of rows to fix) or .csv',
    query: reportExportQuerySchema,
  }),
  qualityReport: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/quality-report',
    access: 'reports.read',
    summary:
      "The annual quality report's cooperation tables (resources, service contribution, policy) with the previous year and the change",
    query: reportQuerySchema,
    response: qualityReportSchema,
  }),
  qualityReportExport: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/quality-report/export',
    access: 'reports.read',
    summary: 'The quality report tables as .xlsx (a sheet per table) or .csv',
    query: reportExportQuerySchema,
  }),
  ledgers: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/ledgers',
    access: 'reports.read',
    summary:
      'A ledger per partner for a year and the year before: the order class → internship → hire funnel, donations and funds, or training and technical-service output',
    query: partnerLedgerQuerySchema,
    response: partnerLedgerSchema,
  }),
  ledgersExport: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/ledgers/export',
    access: 'reports.read',
    summary: 'A partner ledger as .xlsx or .csv',
    query: partnerLedgerExportQuerySchema,
  }),
  teacherPractice: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/teacher-practice',
    access: 'reports.read',
    summary:
      "Teachers' enterprise practice: days this year and over five years against the six-months rule, who is short and by how much",
    query: reportQuerySchema,
    response: teacherPracticeLedgerSchema,
  }),
  teacherPracticeExport: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/teacher-practice/export',
    access: 'reports.read',
    summary: "The teachers' practice ledger as .xlsx or .csv",
    query: reportExportQuerySchema,
  }),
};
