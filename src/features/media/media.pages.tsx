import { Hono } from 'hono';
import { type Locale, localeSegments, translate } from '../../i18n/i18n.ts';
import type { AppEnv, RequestTenant } from '../../platform/context.ts';
import { readIdParam } from '../../platform/routes.ts';
import { Breadcrumb, Layout, type NavChannel } from '../../site/layout.tsx';
import { mediaStoreOf } from './media.routes.ts';
import { type MediaOutput, mediaAltText, mediaCaption } from './media.schema.ts';
import { readMediaFile } from './media.service.ts';

/** The "view original image" page: the clean original with its alt text, caption, credit and size. */
export function MediaPage(props: {
  locale: Locale;
  tenant: RequestTenant;
  media: MediaOutput;
  /** The site's menu. */
  channels: readonly NavChannel[];
  /** The page that showed the image (checked with `mediaBackPath`), linked back to. */
  back?: string;
}) {
  const { locale, tenant, media, back } = props;
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
      channels={props.channels}
      {...(caption || alt ? { description: caption || alt } : {})}
    >
      <Breadcrumb
        locale={locale}
        items={[
          { label: t('site.home'), href: `/${seg}/` },
          ...(back ? [{ label: t('media.page.article'), href: back }] : []),
          { label: title },
        ]}
      />
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
          {back ? (
            <a href={back}>{t('media.page.backToArticle')}</a>
          ) : (
            <a href={`/${seg}/`}>{t('site.backHome')}</a>
          )}
        </p>
      </article>
    </Layout>
  );
}

/**
 * The public media files (no login; the college comes from the host name): `/media/<id>/<name>`.
 * The "view original image" pages `/zh/media/<id>` are the portal's (they show its menu).
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

  return pages;
}
