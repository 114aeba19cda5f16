/**
 * Scores the rule-based engagement extractor against the labelled fixtures in
 * test/fixtures/extraction/{en,zh}. Usage:
 *
 *   node bin/run-ts.js scripts/eval-extract.ts [--holdout] [--misses]
 *
 * --holdout scores the held-out set (test/fixtures/extraction-holdout), written without looking at
 * the extractor: the honest measure, since the rules were written against the main set.
 *
 * Scoring (see test/fixtures/extraction/README.md):
 * - date and isCooperation over all articles; every other field only over articles whose label
 *   says isCooperation: true.
 * - organisations: names compared case/space/punctuation-insensitively, either containing the other
 *   is a match (one-to-one, greedy); kind and role accuracy are over matched pairs.
 * - people: name F1 (normalised equality) and name+title F1 (title normalised the same way).
 * - delegation size: correct / (labelled non-null + false positives), where a false positive is a
 *   number proposed for an article labelled null.
 * - places: recall with contain-match; outcomes: recall, a label counts as found when one proposal
 *   covers at least half of its words (English) or characters (Chinese).
 * Always exits 0: it reports, it does not gate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Extraction, extractEngagement, normalizeName } from '../src/features/extraction/extract.ts';

interface Label {
  language: 'en' | 'zh';
  url: string;
  published: string;
  date: string | null;
  eventType: string;
  isCooperation: boolean;
  organizations: { name: string; kind: string; role: string }[];
  people: { name: string; title: string | null; organization: string | null }[];
  delegationSize: number | null;
  placesVisited: string[];
  topics: string[];
  outcomes: string[];
}

interface Case {
  id: string;
  lang: 'en' | 'zh';
  label: Label;
  result: Extraction;
  ms: number;
}

const root = join(
  import.meta.dirname,
  '..',
  'test',
  'fixtures',
  process.argv.includes('--holdout') ? 'extraction-holdout' : 'extraction',
);
const showMisses = process.argv.includes('--misses');

type Input = Omit<Case, 'result' | 'ms'> & { title: string; text: string };

function loadCases(): Input[] {
  const out: Input[] = [];
  for (const lang of ['en', 'zh'] as const) {
    const dir = join(root, lang);
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.txt'))
      .sort()) {
      const raw = readFileSync(join(dir, f), 'utf8');
      const nl = raw.indexOf('\n');
      const title = raw.slice(0, nl).trim();
      const text = raw.slice(nl + 1).replace(/^\r?\n/, '');
      const label = JSON.parse(readFileSync(join(dir, f.replace(/\.txt$/, '.json')), 'utf8')) as Label;
      out.push({ id: `${lang}/${f.replace(/\.txt$/, '')}`, lang, label, title, text });
    }
  }
  return out;
}

function run(): Case[] {
  const inputs = loadCases();
  const call = (c: Input) =>
    extractEngagement({
      title: c.title,
      text: c.text,
      language: c.lang === 'zh' ? 'zh-CN' : 'en',
      url: c.label.url,
      published: c.label.published,
    });
  for (const c of inputs) call(c); // warm-up (JIT, regex compilation)
  return inputs.map((c) => {
    const t0 = performance.now();
    const result = call(c);
    return { id: c.id, lang: c.lang, label: c.label, result, ms: performance.now() - t0 };
  });
}

const nameMatch = (a: string, b: string) => {
  const x = normalizeName(a);
  const y = normalizeName(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
};

/** Greedy one-to-one matching; returns matched index pairs. */
function match<L, P>(labels: L[], proposed: P[], eq: (l: L, p: P) => boolean): [number, number][] {
  const used = new Set<number>();
  const pairs: [number, number][] = [];
  labels.forEach((l, i) => {
    const j = proposed.findIndex((p, k) => !used.has(k) && eq(l, p));
    if (j >= 0) {
      used.add(j);
      pairs.push([i, j]);
    }
  });
  return pairs;
}

function tokens(s: string, lang: 'en' | 'zh'): string[] {
  if (lang === 'zh') return [...s.replace(/[\s\p{P}\p{S}]/gu, '')];
  return s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function coverShare(label: string, proposal: string, lang: 'en' | 'zh'): number {
  const lt = tokens(label, lang);
  const bag = new Map<string, number>();
  for (const t of tokens(proposal, lang)) bag.set(t, (bag.get(t) ?? 0) + 1);
  let hit = 0;
  for (const t of lt) {
    const n = bag.get(t) ?? 0;
    if (n > 0) {
      hit++;
      bag.set(t, n - 1);
    }
  }
  return lt.length ? hit / lt.length : 0;
}

interface Tally {
  n: number;
  ok: number;
}
const tally = (): Tally => ({ n: 0, ok: 0 });
interface Prf {
  tp: number;
  fp: number;
  fn: number;
}
const prf = (): Prf => ({ tp: 0, fp: 0, fn: 0 });
const f1 = (p: Prf) => {
  const precision = p.tp + p.fp ? p.tp / (p.tp + p.fp) : 1;
  const recall = p.tp + p.fn ? p.tp / (p.tp + p.fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

interface Scores {
  articles: number;
  date: Tally;
  type: Tally;
  coop: Tally;
  orgs: Prf;
  orgKind: Tally;
  orgRole: Tally;
  people: Prf;
  peopleTitle: Prf;
  delegation: Tally;
  places: Tally;
  outcomes: Tally;
  times: number[];
}

const misses: string[] = [];
const miss = (id: string, field: string, label: unknown, got: unknown) =>
  misses.push(`${id}  ${field}\n    label: ${JSON.stringify(label)}\n    got:   ${JSON.stringify(got)}`);

function score(cases: Case[]): Scores {
  const s: Scores = {
    articles: cases.length,
    date: tally(),
    type: tally(),
    coop: tally(),
    orgs: prf(),
    orgKind: tally(),
    orgRole: tally(),
    people: prf(),
    peopleTitle: prf(),
    delegation: tally(),
    places: tally(),
    outcomes: tally(),
    times: cases.map((c) => c.ms),
  };
  for (const { id, lang, label: l, result: r } of cases) {
    s.date.n++;
    if (l.date === r.date) s.date.ok++;
    else miss(id, 'date', l.date, r.date);
    s.coop.n++;
    if (l.isCooperation === r.isCooperation) s.coop.ok++;
    else miss(id, 'isCooperation', l.isCooperation, r.isCooperation);
    if (!l.isCooperation) continue;

    s.type.n++;
    if (l.eventType === r.eventType) s.type.ok++;
    else miss(id, 'eventType', l.eventType, `${r.eventType} (${r.eventTypeEvidence?.text ?? '-'})`);

    const orgPairs = match(l.organizations, r.organizations, (a, b) => nameMatch(a.name, b.name));
    s.orgs.tp += orgPairs.length;
    s.orgs.fn += l.organizations.length - orgPairs.length;
    s.orgs.fp += r.organizations.length - orgPairs.length;
    for (const [i, j] of orgPairs) {
      const a = l.organizations[i]!;
      const b = r.organizations[j]!;
      s.orgKind.n++;
      s.orgRole.n++;
      if (a.kind === b.kind) s.orgKind.ok++;
      else miss(id, 'org kind', `${a.name}: ${a.kind}`, b.kind);
      if (a.role === b.role) s.orgRole.ok++;
      else miss(id, 'org role', `${a.name}: ${a.role}`, b.role);
    }
    if (orgPairs.length !== l.organizations.length || orgPairs.length !== r.organizations.length) {
      miss(
        id,
        'organizations',
        l.organizations.map((o) => o.name),
        r.organizations.map((o) => o.name),
      );
    }

    const eqName = (a: string, b: string) => normalizeName(a) === normalizeName(b);
    const pPairs = match(l.people, r.people, (a, b) => eqName(a.name, b.name));
    s.people.tp += pPairs.length;
    s.people.fn += l.people.length - pPairs.length;
    s.people.fp += r.people.length - pPairs.length;
    const tPairs = match(
      l.people,
      r.people,
      (a, b) => eqName(a.name, b.name) && eqName(a.title ?? '', b.title ?? ''),
    );
    s.peopleTitle.tp += tPairs.length;
    s.peopleTitle.fn += l.people.length - tPairs.length;
    s.peopleTitle.fp += r.people.length - tPairs.length;
    if (tPairs.length !== l.people.length || tPairs.length !== r.people.length) {
      miss(
        id,
        'people',
        l.people.map((p) => `${p.name} | ${p.title}`),
        r.people.map((p) => `${p.name} | ${p.title}`),
      );
    }

    if (l.delegationSize !== null) {
      s.delegation.n++;
      if (l.delegationSize === r.delegationSize) s.delegation.ok++;
      else miss(id, 'delegationSize', l.delegationSize, r.delegationSize);
    } else if (r.delegationSize !== null) {
      s.delegation.n++;
      miss(id, 'delegationSize (false positive)', null, r.delegationSize);
    }

    for (const place of l.placesVisited) {
      s.places.n++;
      if (r.placesVisited.some((p) => nameMatch(place, p.name))) s.places.ok++;
      else
        miss(
          id,
          'place',
          place,
          r.placesVisited.map((p) => p.name),
        );
    }
    for (const outcome of l.outcomes) {
      s.outcomes.n++;
      if (r.outcomes.some((o) => coverShare(outcome, o.text, lang) >= 0.5)) s.outcomes.ok++;
      else
        miss(
          id,
          'outcome',
          outcome,
          r.outcomes.map((o) => o.text),
        );
    }
  }
  return s;
}

const pct = (x: number) => x.toFixed(3);
const acc = (t: Tally) => (t.n ? t.ok / t.n : 1);
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function table(name: string, s: Scores): string {
  const rows: [string, string, string, string][] = [];
  const row = (metric: string, value: number, target: number | null, detail = '') =>
    rows.push([
      metric,
      pct(value),
      target === null ? '' : `≥ ${target.toFixed(2)} ${value >= target ? 'ok' : 'MISS'}`,
      detail,
    ]);
  row('date exact accuracy (all)', acc(s.date), 0.97, `${s.date.ok}/${s.date.n}`);
  row('isCooperation accuracy (all)', acc(s.coop), 0.95, `${s.coop.ok}/${s.coop.n}`);
  row('eventType accuracy', acc(s.type), 0.9, `${s.type.ok}/${s.type.n}`);
  const o = f1(s.orgs);
  row('organisations precision', o.precision, null, `tp ${s.orgs.tp} fp ${s.orgs.fp}`);
  row('organisations recall', o.recall, null, `fn ${s.orgs.fn}`);
  row('organisations F1', o.f1, 0.9);
  row('  kind accuracy (matched)', acc(s.orgKind), null, `${s.orgKind.ok}/${s.orgKind.n}`);
  row('  role accuracy (matched)', acc(s.orgRole), null, `${s.orgRole.ok}/${s.orgRole.n}`);
  const p = f1(s.people);
  row('people name F1', p.f1, 0.92, `P ${pct(p.precision)} R ${pct(p.recall)}`);
  const pt = f1(s.peopleTitle);
  row('people name+title F1', pt.f1, 0.85, `P ${pct(pt.precision)} R ${pct(pt.recall)}`);
  row('delegationSize accuracy', acc(s.delegation), 0.95, `${s.delegation.ok}/${s.delegation.n} (incl. FPs)`);
  row('placesVisited recall', acc(s.places), 0.85, `${s.places.ok}/${s.places.n}`);
  row('outcomes recall', acc(s.outcomes), 0.75, `${s.outcomes.ok}/${s.outcomes.n}`);
  const widths = [32, 7, 13];
  const lines = rows.map(
    (r) => `  ${r[0].padEnd(widths[0]!)} ${r[1].padStart(widths[1]!)}  ${r[2].padEnd(widths[2]!)} ${r[3]}`,
  );
  const t = `  time per article: p50 ${quantile(s.times, 0.5).toFixed(2)} ms, p95 ${quantile(s.times, 0.95).toFixed(2)} ms, max ${Math.max(...s.times).toFixed(2)} ms`;
  return `${name} (${s.articles} articles)\n${lines.join('\n')}\n${t}\n`;
}

const cases = run();
const overall = score(cases);
const missText = misses.splice(0).join('\n');
const en = score(cases.filter((c) => c.lang === 'en'));
const zh = score(cases.filter((c) => c.lang === 'zh'));
misses.length = 0;
process.stdout.write(`${table('OVERALL', overall)}\n${table('EN', en)}\n${table('ZH', zh)}`);
if (showMisses) process.stdout.write(`\nMISSES\n${missText}\n`);
process.exitCode = 0;
