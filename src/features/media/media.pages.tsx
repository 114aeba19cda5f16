import { Hono } from 'hono';
import { type Locale, localeFromSegment, localeSegments, translate } from '../../i18n/i18n.ts';
import type { AppEnv, RequestTenant } from '../../platform/context.ts';
import { readIdParam } from '../../platform/routes.ts';
import { Layout, renderPage } from '../../site/layout.tsx';
import { mediaStoreOf } from './media.routes.ts';
import { type MediaOutput, mediaAltText, mediaCaption } from './media.schema.ts';
import { getPublicMedia, readMediaFile } from './media.service.ts';

/** The "view original image" page: the clean original with its alt text, caption, credit and size. */
export function MediaPage(props: { locale: Locale; tenant: RequestTenant; media: MediaOutput }) {
  const { locale, tenant, media } = props;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const seg = localeSegments[locale];
  const original = media.derivatives.find((d) => d.original);
  const { alt, lang } = mediaAltText(media, locale);
  const caption = mediaCaption(media, locale);
  const title = t('media.page.title');
  return (
    <Layout
      locale={locale}
      tenant={tenant}
      title={title}
      path={`/media/${media.id}`}
      {...(caption || alt ? { description: caption || alt } : {})}
    >
      <nav class="breadcrumb" aria-label={t('site.breadcrumb')}>
        <ol>
          <li>
            <a href={`/${seg}/`}>{t('site.home')}</a>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <article class="media-view" aria-labelledby="media-title">
        <h1 id="media-title">{title}</h1>
        <figure>
          <img
            src={media.originalUrl}
            width={original?.width ?? media.width}
            height={original?.height ?? media.height}
            alt={alt}
            {...(lang ? { lang } : {})}
          />
          <figcaption>
            {caption ? <p class="media-caption">{caption}</p> : null}
            {media.credit ? <p>{t('media.page.credit', { credit: media.credit })}</p> : null}
            <p>
              {t('media.page.pixelSize', {
                width: original?.width ?? media.width,
                height: original?.height ?? media.height,
              })}
            </p>
          </figcaption>
        </figure>
        <p class="media-links">
          <a href={media.originalUrl}>{t('media.page.openFile')}</a>
          <a href={`/${seg}/`}>{t('site.backHome')}</a>
        </p>
      </article>
    </Layout>
  );
}

/**
 * The public media routes (no login; the college comes from the host name): the served files
 * `/media/<id>/<name>` and the "view original image" pages `/zh/media/<id>`, `/en/media/<id>`.
 */
export function createMediaPages(): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();

  pages.get('/media/:id/:file', async (c) => {
    const file = await readMediaFile(c.var.scope, mediaStoreOf(c), readIdParam(c), c.req.param('file'));
    // A file's bytes never change under its URL (a new upload is a new id), so caches may keep it.
    const headers = {
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: file.etag,
      'X-Content-Type-Options': 'nosniff',
    };
    const match = c.req.header('if-none-match');
    if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
      return c.body(null, 304, headers);
    }
    return c.body(new Uint8Array(file.bytes), 200, {
      ...headers,
      'Content-Type': file.contentType,
      'Content-Disposition': 'inline',
    });
  });

  for (const segment of Object.values(localeSegments)) {
    const locale = localeFromSegment(segment)!;
    pages.get(`/${segment}/media/:id`, async (c) => {
      const media = await getPublicMedia(c.var.scope, readIdParam(c));
      c.header('Cache-Control', 'public, max-age=300');
      return c.html(await renderPage(MediaPage({ locale, tenant: c.var.tenant, media })));
    });
  }

  return pages;
}
