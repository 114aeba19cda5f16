/**
 * News archive import benchmark: a saved site of N article pages (Sudy WebPlus shape, Chinese and
 * English) with two photos each is zipped, uploaded to a running Concord (embedded database by
 * default) and imported as published articles. Reports the time from upload to done, the server's
 * memory during the import, and how the public home page answers meanwhile.
 *
 *   node bin/run-ts.js bench/import.bench.ts [--pages 1000] [--images 2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { rssMb, startConcord } from './server-process.ts';

const { values } = parseArgs({
  options: { pages: { type: 'string', default: '1000' }, images: { type: 'string', default: '2' } },
});
const pages = Number(values.pages);
const imagesPerPage = Number(values.images);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** A photo-like JPEG (noise over a colour, 800 × 533) so each one is distinct and costs what a photo costs. */
async function photo(i: number): Promise<Uint8Array> {
  const base = sharp({
    create: {
      width: 800,
      height: 533,
      channels: 3,
      background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 },
      noise: { type: 'gaussian', mean: 0, sigma: 12 },
    },
  });
  return new Uint8Array(await base.jpeg({ quality: 80 }).toBuffer());
}

function page(i: number, images: string[]): string {
  const zh = i % 3 !== 0;
  const day = new Date(Date.UTC(2015, 0, 1) + i * 3 * 86_400_000);
  const ymd = day.toISOString().slice(0, 10);
  const title = zh ? `合作企业代表团来校交流第${i}次` : `Partner delegation visits the college (${i})`;
  const paragraph = zh
    ? '双方围绕人才培养、实习就业和技术服务等方面进行了深入交流，参观了实训中心，并就下一步合作达成共识。'
    : 'The two sides talked about training, internships and technical services, toured the training center and agreed on the next steps of their cooperation.';
  const body = Array.from({ length: 6 }, () => `<p>${paragraph}</p>`).join('');
  const pictures = images.map((src) => `<p><img src="${src}" alt=""></p>`).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="col_path">Current Page: <a href="/">homepage</a> &gt; <a href="/news/list.htm">News</a></div>
<h1 class="arti_title">${title}</h1><span class="arti_update">${ymd}</span>
<div class="wp_articlecontent">${body}${pictures}</div></body></html>`;
}

const work = mkdtempSync(join(tmpdir(), 'concord-import-bench-'));
try {
  const genStarted = performance.now();
  const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  let imageIndex = 0;
  for (let i = 0; i < pages; i++) {
    const d = new Date(Date.UTC(2015, 0, 1) + i * 3 * 86_400_000);
    const dir = `site/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}/c1024a${10_000 + i}`;
    const srcs: string[] = [];
    for (let k = 0; k < imagesPerPage; k++) {
      const name = `/_upload/article/images/${String(i % 100).padStart(2, '0')}/p${imageIndex}.jpg`;
      files[`site${name}`] = [await photo(imageIndex), { level: 0 }];
      srcs.push(name);
      imageIndex++;
    }
    files[`${dir}/page.htm`] = [new TextEncoder().encode(page(i, srcs)), { level: 6 }];
  }
  const zip = zipSync(files);
  const genSeconds = (performance.now() - genStarted) / 1000;

  const server = await startConcord({
    DATA_DIR: join(work, 'data'),
    DATABASE_URL: process.env.DATABASE_URL ?? '',
  });
  try {
    const headers = { 'content-type': 'application/json', origin: server.url };
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'officer@demo.concord.test', password: 'concord-demo-2026' }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const channels = (await (await fetch(`${server.url}/api/channels`, { headers: { cookie } })).json()) as {
      items: { id: string; slug: string }[];
    };
    const news = channels.items.find((c) => c.slug === 'news')!;

    // The public site keeps answering: its home page is asked four times a second throughout.
    const homeTimes: number[] = [];
    let homeErrors = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/zh/`).catch(() => null);
        if (res?.status !== 200) homeErrors++;
        await res?.arrayBuffer();
        homeTimes.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const rssBefore = rssMb(server.pid).server;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMb(server.pid).server);
    }, 200);

    const started = performance.now();
    const upload = await fetch(
      `${server.url}/api/imports/news/files?name=bench.zip&channelId=${news.id}&publish=true`,
      {
        method: 'POST',
        headers: { cookie, origin: server.url, 'content-type': 'application/zip' },
        body: zip,
      },
    );
    if (upload.status !== 202) throw new Error(`upload failed: ${upload.status} ${await upload.text()}`);
    const uploadSeconds = (performance.now() - started) / 1000;
    const run = (await upload.json()) as { id: string };
    let final: Record<string, unknown> = {};
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      final = (await (
        await fetch(`${server.url}/api/imports/${run.id}`, { headers: { cookie } })
      ).json()) as Record<string, unknown>;
      if (!['queued', 'running'].includes(String(final.status))) break;
    }
    const seconds = (performance.now() - started) / 1000;
    polling = false;
    await poller;
    clearInterval(sampler);
    homeTimes.sort((a, b) => a - b);
    process.stdout.write(
      `${[
        `${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ${pages} pages, ${imageIndex} images, archive ${(zip.byteLength / 1024 / 1024).toFixed(1)} MB (made in ${genSeconds.toFixed(1)} s)`,
        `import ${String(final.status)} in ${seconds.toFixed(1)} s (budget 300 s; upload ${uploadSeconds.toFixed(1)} s): ${final.created} created, ${final.updated} updated, ${final.skipped} skipped, ${final.refused} refused, ${final.degraded} with warnings`,
        `server RSS ${rssBefore.toFixed(0)} → peak ${rssPeak.toFixed(0)} MB (budget 400 MB)`,
        `public home during the import: ${homeTimes.length} requests, p50 ${percentile(homeTimes, 50).toFixed(1)} ms, p95 ${percentile(homeTimes, 95).toFixed(1)} ms, max ${(homeTimes.at(-1) ?? 0).toFixed(0)} ms, errors ${homeErrors}`,
      ].join('\n')}\n`,
    );
  } finally {
    await server.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
