import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/file-store.ts';
import { articlePath } from '../articles/articles.feeds.ts';
import { createArticle, getArticle, publishAsOf, updateArticle } from '../articles/articles.service.ts';
import { articles, channels } from '../articles/articles.table.ts';
import { uploadMedia } from '../media/media.service.ts';
import type { Archive, ArchiveEntry } from './archive.ts';
import { articleSources, type ImportReportItem, type ImportRunOptions } from './imports.table.ts';
import type { ParsedPage } from './news-page.ts';

/** Pages by extension (saved CMS pages end in many ways), plain-text articles, and images. */
const pageExtensions = /\.(?:html?|shtml|xhtml|php|aspx?|jsp|psp)$/i;
const textExtensions = /\.txt$/i;
const imageExtensions = /\.(?:jpe?g|png|gif|webp|avif|bmp)$/i;
/** What a saved page brings along (styles, scripts, fonts): not reported. */
const assetExtensions = /\.(?:css|js|mjs|map|woff2?|ttf|eot|otf|ico|svg|json|xml)$/i;
/** A page larger than this is refused (a real article page is a few hundred kilobytes at most). */
export const pageByteLimit = 5 * 1024 * 1024;

/** The counts of a run so far. */
export interface ImportCounts {
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  degraded: number;
  refused: number;
}

export interface ImportHooks {
  /** Called after each page with the counts so far. */
  onProgress?: (counts: ImportCounts) => Promise<void> | void;
  /** Asked between pages; true stops the run (what was imported stays). */
  isCancelled?: () => Promise<boolean> | boolean;
}

export interface ImportSummary extends ImportCounts {
  cancelled: boolean;
  report: ImportReportItem[];
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1').toLowerCase();
  if (head.includes('\u0000')) return false;
  return /<(?:!doctype|html|head|body|meta|div|p|table|title)\b/.test(head);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  return !head.includes(0);
}

/** The old address path of a page: from its own URL, or its place in the archive. */
function oldPathOf(page: ParsedPage, path: string, root: string): string {
  if (page.sourceUrl) {
    try {
      return new URL(page.sourceUrl).pathname;
    } catch {
      // fall through to the archive path
    }
  }
  return `/${root && path.startsWith(root) ? path.slice(root.length) : path}`;
}

/**
 * The folder every page of the archive sits in (`www.college.edu.cn/` when a site was mirrored,
 * or the name of the folder zipped), which is not part of the old site's addresses.
 */
function commonFolder(paths: string[]): string {
  const first = paths[0]?.split('/')[0];
  if (!first || paths.some((p) => !p.startsWith(`${first}/`))) return '';
  return `${first}/`;
}

/** The archive file an image `src` points at, relative to the page (or by its path on the old site). */
function resolveImage(
  src: string,
  pagePath: string,
  files: Map<string, ArchiveEntry>,
): ArchiveEntry | undefined {
  let clean = src.split('#')[0]!.split('?')[0]!;
  try {
    clean = decodeURI(clean);
  } catch {
    // keep it as written
  }
  if (/^https?:\/\//i.test(clean)) {
    try {
      clean = new URL(clean).pathname;
    } catch {
      return undefined;
    }
  }
  const candidates = clean.startsWith('/')
    ? [clean.slice(1)]
    : [posix.normalize(posix.join(posix.dirname(pagePath), clean)), clean];
  for (const c of candidates) {
    const hit = files.get(c.replace(/^(\.\.\/)+/, ''));
    if (hit) return hit;
  }
  // Saved from a site: the image may sit under the same path below another folder of the archive.
  const tail = clean.replace(/^\/+/, '');
  for (const [path, entry] of files) if (path.endsWith(`/${tail}`)) return entry;
  return undefined;
}

const hashOf = (page: ParsedPage) =>
  createHash('sha256')
    .update(`${page.title}\n${page.date ?? ''}\n${page.bodyHtml}`)
    .digest('hex');

/**
 * Imports a news archive: every page becomes an article (a draft, or published under its original
 * date) in the chosen channel, its images through the media pipeline, its old address kept for a
 * redirect. Importing the same pages again updates changed ones and skips the rest. A page that
 * cannot be read is refused with a reason and the run goes on. A dry run reads everything and
 * writes nothing.
 */
export async function importNewsArchive(
  scope: TenantScope,
  store: FileStore,
  archive: Archive,
  options: ImportRunOptions,
  hooks: ImportHooks = {},
): Promise<ImportSummary> {
  const channel = await scope.first(channels, eq(channels.id, options.channelId));
  if (!channel) {
    throw new AppError('validation_failed', 'No such channel', [
      { path: 'channelId', code: 'unknown_reference', message: 'No such channel' },
    ]);
  }
  if (options.publish && !options.dryRun && !scope.may('news.publish')) {
    throw new AppError('forbidden', 'Importing as published needs the publish permission');
  }
  const files = new Map(archive.entries.map((e) => [e.path, e]));
  const report: ImportReportItem[] = archive.refused.map((r) => ({
    path: r.path,
    outcome: 'refused',
    reasons: [r.reason],
  }));
  const pages = archive.entries.filter((e) => pageExtensions.test(e.path) || textExtensions.test(e.path));
  for (const e of archive.entries) {
    if (
      !pageExtensions.test(e.path) &&
      !textExtensions.test(e.path) &&
      !imageExtensions.test(e.path) &&
      !assetExtensions.test(e.path)
    ) {
      report.push({ path: e.path, outcome: 'refused', reasons: ['unsupported_file'] });
    }
  }
  const counts: ImportCounts = {
    total: pages.length,
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    degraded: 0,
    refused: report.length,
  };
  const uploaded = new Map<string, string | null>();
  const root = commonFolder(pages.map((p) => p.path));
  let cancelled = false;
  for (const entry of pages) {
    if (await hooks.isCancelled?.()) {
      cancelled = true;
      break;
    }
    const item = await importPage(scope, store, entry, files, options, uploaded, root);
    report.push(item);
    counts.processed++;
    if (item.outcome === 'created') counts.created++;
    else if (item.outcome === 'updated') counts.updated++;
    else if (item.outcome === 'skipped') counts.skipped++;
    else if (item.outcome === 'refused') counts.refused++;
    if ((item.outcome === 'created' || item.outcome === 'updated') && item.reasons.length > 0)
      counts.degraded++;
    await hooks.onProgress?.({ ...counts });
  }
  return { ...counts, cancelled, report };
}

async function importPage(
  scope: TenantScope,
  store: FileStore,
  entry: ArchiveEntry,
  files: Map<string, ArchiveEntry>,
  options: ImportRunOptions,
  uploaded: Map<string, string | null>,
  root: string,
): Promise<ImportReportItem> {
  const refuse = (reason: string, detail?: string): ImportReportItem => ({
    path: entry.path,
    outcome: 'refused',
    reasons: [reason],
    ...(detail ? { detail } : {}),
  });
  if (entry.size > pageByteLimit) return refuse('too_large');
  const bytes = await entry.read();
  const isText = textExtensions.test(entry.path);
  if (isText ? !looksLikeText(bytes) : !looksLikeHtml(bytes)) return refuse(isText ? 'not_text' : 'not_html');
  let page: ParsedPage;
  try {
    // The page reader (a DOM and Readability) loads with the first import, not with the server.
    const { parseNewsPage, parseTextArticle } = await import('./news-page.ts');
    page = isText ? parseTextArticle(bytes, entry.path) : parseNewsPage(bytes, entry.path);
  } catch (err) {
    return refuse('unreadable', err instanceof Error ? err.message.slice(0, 200) : undefined);
  }
  if (page.kind === 'list') return { ...refuse('list_page'), outcome: 'skipped', shape: page.shape };
  if (!page.title) return refuse('no_title');
  if (!page.bodyText && page.images.length === 0) return refuse('no_body');
  const reasons: string[] = [];
  const details: string[] = [];
  if (!page.date) reasons.push('no_date');
  const locale = options.language === 'auto' ? page.language : options.language;
  const sourceKey = page.sourceUrl ?? `/${entry.path}`;
  const oldPath = oldPathOf(page, entry.path, root);
  const contentHash = hashOf(page);
  const base: ImportReportItem = {
    path: entry.path,
    outcome: 'created',
    reasons,
    title: page.title,
    date: page.date,
    dateSource: page.dateSource,
    shape: page.shape,
  };
  const existing = await scope.first(articleSources, eq(articleSources.sourceKey, sourceKey));
  if (existing && existing.contentHash === contentHash) {
    return { ...base, outcome: 'skipped', reasons: ['unchanged'], articleId: existing.articleId };
  }

  // Images: each through the media pipeline once per run; a missing or refused one is reported.
  let bodyHtml = page.bodyHtml;
  for (const image of page.images) {
    const file = resolveImage(image.src, entry.path, files);
    if (!file) {
      reasons.push('image_missing');
      details.push(image.src);
      continue;
    }
    if (options.dryRun) continue;
    let url = uploaded.get(file.path);
    if (url === undefined) {
      try {
        const result = await uploadMedia(scope, store, {
          name: posix.basename(file.path),
          bytes: await file.read(),
        });
        url = result.media.url;
      } catch {
        url = null;
      }
      uploaded.set(file.path, url);
    }
    if (url === null) {
      reasons.push('image_refused');
      details.push(image.src);
      continue;
    }
    bodyHtml = bodyHtml.split(`src="${image.src.replace(/&/g, '&amp;')}"`).join(`src="${url}"`);
    bodyHtml = bodyHtml.split(`src="${image.src}"`).join(`src="${url}"`);
  }
  const item: ImportReportItem = {
    ...base,
    reasons: [...new Set(reasons)],
    ...(details.length ? { detail: details.slice(0, 5).join(' ') } : {}),
  };
  if (options.dryRun) return { ...item, outcome: existing ? 'updated' : 'created' };

  if (existing) {
    const current = await getArticle(scope, existing.articleId).catch(() => null);
    if (current) {
      await updateArticle(scope, current.id, { title: page.title, bodyHtml, version: current.version });
      await scope.updateRaw(articleSources, eq(articleSources.id, existing.id), {
        contentHash,
        oldPath,
        pageDate: page.date,
        importedAt: new Date(),
      });
      return { ...item, outcome: 'updated', articleId: current.id };
    }
    // The article was deleted since: import it afresh under the same source.
    await scope.deleteRaw(articleSources, eq(articleSources.id, existing.id));
  }
  const article = await createArticle(scope, {
    locale,
    title: page.title.slice(0, 300),
    bodyHtml,
    channelId: options.channelId,
  });
  await scope.insertRaw(articleSources, {
    id: newId(),
    articleId: article.id,
    sourceKey,
    oldPath,
    contentHash,
    pageDate: page.date,
  });
  if (options.publish) {
    const day = page.date ?? new Date().toISOString().slice(0, 10);
    // Midday in China, so the day stays the same in every time zone the site is read from.
    await publishAsOf(scope, article.id, new Date(`${day}T12:00:00+08:00`));
  }
  return { ...item, outcome: 'created', articleId: article.id };
}

/**
 * Where an address of the college's former site lives now: the public path of the published
 * article imported from it, or null. The query string is ignored (old CMSs add counters to it).
 */
export async function redirectForOldPath(scope: TenantScope, oldPath: string): Promise<string | null> {
  const rows = await scope.build((qb, tenant) =>
    qb
      .select({ locale: articles.locale, slug: articles.slug, channelSlug: channels.slug })
      .from(articleSources)
      .innerJoin(
        articles,
        and(eq(articles.tenantId, articleSources.tenantId), eq(articles.id, articleSources.articleId)),
      )
      .innerJoin(channels, and(eq(channels.tenantId, articles.tenantId), eq(channels.id, articles.channelId)))
      .where(
        and(
          tenant(articleSources),
          eq(articleSources.oldPath, oldPath),
          eq(articles.status, 'published'),
          isNull(articles.deletedAt),
        ),
      )
      .limit(1),
  );
  const row = rows[0];
  return row ? articlePath(row) : null;
}
