/**
 * Partner sheet import benchmark: an .xlsx of N partners (default 20,000) is uploaded to a running
 * Concord (embedded database by default), checked (the dry run answers with the report of every
 * row) and committed in one transaction. Reports both times and the server's memory.
 *
 *   node bin/run-ts.js bench/sheet-import.bench.ts [--rows 20000]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { computeUsccCheck } from '../src/features/organizations/uscc.ts';
import { rssMb, startConcord } from './server-process.ts';

/** Waits until the server's memory has stopped moving (within 3 MB over 5 s), at most a minute. */
async function settle(pid: number): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < 120; i++) {
    samples.push(rssMb(pid).server);
    const last = samples.slice(-10);
    if (last.length === 10 && Math.max(...last) - Math.min(...last) < 3) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const { values } = parseArgs({ options: { rows: { type: 'string', default: '20000' } } });
const rows = Number(values.rows);

const work = mkdtempSync(join(tmpdir(), 'concord-sheet-bench-'));
try {
  const file = join(work, 'partners.xlsx');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = writer.addWorksheet('合作单位');
  sheet
    .addRow([
      '单位名称',
      '英文名称',
      '单位类型',
      '统一社会信用代码',
      '所属行业',
      '所在地区',
      '简称或曾用名',
      '标签',
      '合作起始年月',
    ])
    .commit();
  const kinds = ['企业', '企业', '企业', '学校', '政府部门', '行业协会'];
  for (let i = 0; i < rows; i++) {
    const first17 =
      `91${String(310_000 + (i % 90_000)).padStart(6, '0')}${String(i).padStart(8, '0')}X`.slice(0, 17);
    sheet
      .addRow([
        `基准导入单位${i}有限公司`,
        `Benchmark Partner ${i} Co., Ltd.`,
        kinds[i % kinds.length],
        `${first17}${computeUsccCheck(first17)}`,
        ['智能制造', '现代物流', '化工', '旅游'][i % 4],
        ['上海', '江苏苏州', '浙江宁波'][i % 3],
        i % 5 === 0 ? `基准${i}` : '',
        i % 2 === 0 ? '订单班；实习基地' : '实习基地',
        `${2005 + (i % 20)}.${(i % 12) + 1}`,
      ])
      .commit();
  }
  await sheet.commit();
  await writer.commit();
  const bytes = readFileSync(file);

  const server = await startConcord({
    DATA_DIR: join(work, 'data'),
    DATABASE_URL: process.env.DATABASE_URL ?? '',
  });
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'officer@demo.concord.test', password: 'concord-demo-2026' }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    // The demo college's background work (image variants, reading its articles) settles first, so the
    // growth measured is the import's.
    await settle(server.pid);
    const rssBefore = rssMb(server.pid).server;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMb(server.pid).server);
    }, 100);

    const t0 = performance.now();
    const upload = await fetch(`${server.url}/api/imports/sheets/files?kind=partners&name=partners.xlsx`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    if (upload.status !== 201) throw new Error(`upload failed: ${upload.status} ${await upload.text()}`);
    const checked = (await upload.json()) as {
      id: string;
      version: number;
      counts: Record<string, number>;
      report: { row: number; action: string; errors: unknown[] }[];
    };
    const firstRejected = checked.report.find((r) => r.action === 'rejected');
    const dryRun = (performance.now() - t0) / 1000;
    const rssAfterDryRun = rssPeak;
    const t1 = performance.now();
    const commit = await fetch(`${server.url}/api/imports/sheets/${checked.id}/commit`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ version: checked.version, skipInvalid: true }),
    });
    if (commit.status !== 200) throw new Error(`commit failed: ${commit.status} ${await commit.text()}`);
    const done = (await commit.json()) as { counts: Record<string, number> };
    const commitSeconds = (performance.now() - t1) / 1000;
    clearInterval(sampler);
    process.stdout.write(
      `${[
        `${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ${rows} rows, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB .xlsx`,
        `dry run (upload, read, check every row) ${dryRun.toFixed(1)} s (budget 20 s): ${checked.counts.create} to create, ${checked.counts.rejected} rejected${firstRejected ? ` (first: ${JSON.stringify(firstRejected)})` : ''}`,
        `commit in one transaction ${commitSeconds.toFixed(1)} s (budget 60 s): ${done.counts.create} created`,
        `server RSS ${rssBefore.toFixed(0)} MB → peak ${rssAfterDryRun.toFixed(0)} MB by the end of the dry run → peak ${rssPeak.toFixed(0)} MB (growth ${(rssPeak - rssBefore).toFixed(0)} MB, budget 200 MB)`,
      ].join('\n')}\n`,
    );
  } finally {
    await server.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
