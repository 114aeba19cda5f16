import { describe, expect, it } from 'vitest';
import { buildDocument, type Extraction, extractEngagement, type Span } from './extract.ts';

/** Every span must point at exactly its text inside title + "\n\n" + body. */
function expectSpansValid(doc: string, x: Extraction) {
  const spans: Span[] = [
    ...x.isCooperationEvidence,
    ...(x.dateEvidence ? [x.dateEvidence] : []),
    ...(x.eventTypeEvidence ? [x.eventTypeEvidence] : []),
    ...(x.delegationEvidence ? [x.delegationEvidence] : []),
    ...x.organizations.map((o) => o.evidence),
    ...x.people.map((p) => p.evidence),
    ...x.placesVisited.map((p) => p.evidence),
    ...x.topics.map((t) => t.evidence),
    ...x.outcomes.map((o) => o.evidence),
  ];
  for (const s of spans) expect(doc.slice(s.start, s.end)).toBe(s.text);
}

describe('buildDocument', () => {
  it('joins title and body with a blank line', () => {
    expect(buildDocument('T', 'Body.')).toBe('T\n\nBody.');
    expect(buildDocument(undefined, 'Body.')).toBe('\n\nBody.');
  });
});

describe('extractEngagement — English inbound visit', () => {
  const title = 'Bluewater Robotics delegation visits our college';
  const text =
    'On the morning of March 3, Wang Dapeng, General Manager of Bluewater Robotics Co., Ltd., led a five-member delegation to our college. ' +
    'Vice President Zhang Li received the guests, together with Sun Hao, dean of the School of Mechanical Engineering.\n\n' +
    'The delegation toured the robotics training center and the welding lab.\n\n' +
    'Both sides agreed to open an apprenticeship class in 2026.';
  const x = extractEngagement({ title, text, language: 'en', published: '2025-03-05' });
  const doc = buildDocument(title, text);

  it('completes the date with the year from the publication date', () => {
    expect(x.date).toBe('2025-03-03');
    expect(x.dateEvidence?.text).toBe('March 3');
  });

  it('finds type, organisation, people, delegation, places and outcome', () => {
    expect(x.eventType).toBe('visit_inbound');
    expect(x.isCooperation).toBe(true);
    expect(x.organizations).toEqual([
      expect.objectContaining({ name: 'Bluewater Robotics Co., Ltd.', kind: 'enterprise', role: 'guest' }),
    ]);
    expect(x.people.map((p) => [p.name, p.title])).toEqual([
      ['Wang Dapeng', 'General Manager'],
      ['Zhang Li', 'Vice President'],
      ['Sun Hao', 'dean of the School of Mechanical Engineering'],
    ]);
    expect(x.people[0]?.organization).toBe('Bluewater Robotics Co., Ltd.');
    expect(x.delegationSize).toBe(5);
    expect(x.delegationEvidence?.text).toBe('five-member delegation');
    expect(x.placesVisited.map((p) => p.name)).toEqual(['robotics training center', 'welding lab']);
    expect(x.outcomes.map((o) => o.text)).toEqual(['open an apprenticeship class in 2026']);
    expect(x.confidence).toBeGreaterThan(0.8);
  });

  it('gives spans that index into title + blank line + body', () => {
    expectSpansValid(doc, x);
    const org = x.organizations[0]!.evidence;
    expect(org.start).toBe(doc.indexOf('Bluewater Robotics Co., Ltd.'));
  });
});

describe('extractEngagement — Chinese inbound visit', () => {
  const title = '上海蓝海机器人有限公司来校交流';
  const text =
    '3月12日上午，上海蓝海机器人有限公司总经理王大鹏一行5人来校交流。副校长张丽、机电工程学院院长刘洋参加接待。\n\n' +
    '王大鹏一行参观了机器人实训中心和焊接实训室。\n\n' +
    '双方就共建学徒制班达成共识。';
  const x = extractEngagement({ title, text, published: '2025-03-14' });
  const doc = buildDocument(title, text);

  it('detects Chinese and extracts the visit', () => {
    expect(x.language).toBe('zh-CN');
    expect(x.date).toBe('2025-03-12');
    expect(x.eventType).toBe('visit_inbound');
    expect(x.isCooperation).toBe(true);
    expect(x.organizations.map((o) => [o.name, o.kind, o.role])).toEqual([
      ['上海蓝海机器人有限公司', 'enterprise', 'guest'],
    ]);
    expect(x.people.map((p) => [p.name, p.title])).toEqual([
      ['王大鹏', '总经理'],
      ['张丽', '副校长'],
      ['刘洋', '机电工程学院院长'],
    ]);
    expect(x.delegationSize).toBe(5);
    expect(x.placesVisited.map((p) => p.name)).toEqual(['机器人实训中心', '焊接实训室']);
    expect(x.outcomes.map((o) => o.text)).toEqual(['就共建学徒制班达成共识']);
    expectSpansValid(doc, x);
  });
});

describe('extractEngagement — signing', () => {
  const title = 'College signs internship agreement with Northstar Freight Group';
  const text =
    'On 9 May 2025, Harbourview Vocational College signed an internship base agreement with Northstar Freight Group. ' +
    'President Liu Wen and Northstar Chairman Chen Bo signed the agreement.\n\n' +
    'Under the agreement, Northstar will take 30 interns each year.';
  const x = extractEngagement({ title, text, language: 'en', published: '2025-05-12' });

  it('classifies a signing and treats the college itself as no partner', () => {
    expect(x.eventType).toBe('signing');
    expect(x.eventTypeEvidence?.text).toMatch(/^signs/);
    expect(x.date).toBe('2025-05-09');
    expect(x.organizations.map((o) => [o.name, o.role])).toEqual([['Northstar Freight Group', 'partner']]);
    expect(x.people.map((p) => [p.name, p.title, p.organization])).toEqual([
      ['Liu Wen', 'President', 'Harbourview Vocational College'],
      ['Chen Bo', 'Chairman', 'Northstar Freight Group'],
    ]);
    expect(x.outcomes.map((o) => o.text)).toContain('Northstar will take 30 interns each year');
    expectSpansValid(buildDocument(title, text), x);
  });
});

describe('extractEngagement — non-cooperation', () => {
  it('marks an internal sports meet as not cooperation', () => {
    const title = '学院第五届教职工运动会举行';
    const text = '10月20日，学院第五届教职工运动会在体育馆举行。校长李华宣布运动会开幕。';
    const x = extractEngagement({ title, text, language: 'zh-CN', published: '2024-10-22' });
    expect(x.isCooperation).toBe(false);
    expect(x.organizations).toEqual([]);
    expect(x.eventType).toBe('other');
    expect(x.date).toBe('2024-10-20');
    expect(x.isCooperationEvidence[0]?.text).toBe('运动会');
    expect(x.confidence).toBeLessThan(0.5);
  });

  it('does not count an education bureau inspection as cooperation', () => {
    const title = 'District Education Bureau inspects laboratory safety';
    const text =
      'On May 6, a team from the Riverside District Education Bureau came to the college to inspect laboratory safety.';
    const x = extractEngagement({ title, text, language: 'en', published: '2024-05-07' });
    expect(x.eventType).toBe('visit_inbound');
    expect(x.isCooperation).toBe(false);
    expect(x.organizations.map((o) => o.name)).toEqual(['Riverside District Education Bureau']);
  });
});

describe('extractEngagement — dates', () => {
  it('puts a late-December event published in January in the previous year', () => {
    const x = extractEngagement({
      title: 'Talks with Greenfield Chemical',
      text: 'On December 28, the college held talks with Greenfield Chemical Co., Ltd. on internships.',
      language: 'en',
      published: '2025-01-03',
    });
    expect(x.date).toBe('2024-12-28');
    expect(x.eventType).toBe('meeting');
  });

  it('takes the year from a dated URL when no publication date is given', () => {
    const x = extractEngagement({
      title: '学院与澜江物流协会召开座谈会',
      text: '6月4日，学院与澜江物流协会召开校企合作座谈会。',
      url: 'https://www.example.edu.cn/2023/0606/c1a2/page.htm',
    });
    expect(x.date).toBe('2023-06-04');
  });

  it('returns no date for "recently"', () => {
    const x = extractEngagement({
      title: 'Teachers visit Oakridge Pharma',
      text: 'Recently, teachers of the college visited Oakridge Pharmaceutical Co., Ltd.',
      language: 'en',
      published: '2024-03-01',
    });
    expect(x.date).toBeNull();
    expect(x.eventType).toBe('visit_outbound');
    expect(x.organizations[0]?.role).toBe('host');
  });
});

describe('extractEngagement — gazetteer and speed', () => {
  it('adds gazetteer organisations and places found in the text', () => {
    const x = extractEngagement({
      title: 'Skyline visit',
      text: 'On April 2, staff from Skyline came to the college and toured the Maker Space.',
      language: 'en',
      published: '2024-04-03',
      gazetteer: {
        organizations: [{ name: 'Skyline Aviation', kind: 'enterprise', aliases: ['Skyline'] }],
        places: ['Maker Space'],
      },
    });
    expect(x.organizations.map((o) => [o.name, o.kind])).toEqual([['Skyline Aviation', 'enterprise']]);
    expect(x.placesVisited.map((p) => p.name)).toContain('Maker Space');
  });

  it('runs well under 20 ms per article', () => {
    const text = `${'On March 3, Wang Dapeng, General Manager of Bluewater Robotics Co., Ltd., visited the college. '.repeat(40)}`;
    extractEngagement({ title: 'Warm-up', text, language: 'en' });
    const t0 = performance.now();
    for (let i = 0; i < 10; i++)
      extractEngagement({ title: 'Speed', text, language: 'en', published: '2025-03-05' });
    expect((performance.now() - t0) / 10).toBeLessThan(20);
  });
});
