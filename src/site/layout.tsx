import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { type Locale, localeSegments, translate } from '../i18n/i18n.ts';
import type { RequestTenant } from '../platform/context.ts';
import { siteCss } from './assets.ts';

/** A channel as the navigation shows it. */
export interface NavChannel {
  slug: string;
  nameZh: string;
  nameEn: string;
}

/** One step of the breadcrumb; the last has no link (it is the current page). */
export interface Crumb {
  label: string;
  href?: string;
}

/** Open Graph description of a page. */
export interface OpenGraph {
  type: 'website' | 'article';
  image?: string | undefined;
  imageAlt?: string | undefined;
  publishedTime?: string | undefined;
  modifiedTime?: string | undefined;
}

export interface PageProps {
  locale: Locale;
  tenant: RequestTenant;
  title: string;
  /** Path after the language segment, e.g. `/` or `/news/`; used for the switch and hreflang. */
  path: string;
  /** The other language's URL for this page, when it differs from the same path in that language; null when there is none. */
  alternate?: string | null;
  /** Scheme and host the visitor used, for absolute canonical and social URLs. */
  origin?: string;
  description?: string;
  /** `home`, `search` or the slug of the channel the page belongs to. */
  current?: string;
  channels?: readonly NavChannel[];
  breadcrumb?: readonly Crumb[];
  openGraph?: OpenGraph;
  /** Structured data (schema.org) for search engines. */
  jsonLd?: Record<string, unknown>;
  /** The channel feeds to announce in the head. */
  feeds?: { rss: string; atom: string; title: string };
  noindex?: boolean;
  /** The search box's current text. */
  query?: string;
  children: Child;
}

/** The college's name in a locale. */
export function collegeName(tenant: RequestTenant, locale: Locale): string {
  return locale === 'en' ? tenant.nameEn : tenant.nameZh;
}

/** A channel's name in a locale. */
export function channelName(channel: NavChannel, locale: Locale): string {
  return locale === 'en' ? channel.nameEn : channel.nameZh;
}

// JSON inside <script> must not be able to close the element.
function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The breadcrumb trail ("Current page: Home > News"). */
export function Breadcrumb(props: { locale: Locale; items: readonly Crumb[] }) {
  return (
    <nav class="breadcrumb" aria-label={translate(props.locale, 'site.breadcrumb')}>
      <span class="breadcrumb-label">{translate(props.locale, 'site.currentPage')}</span>
      <ol>
        {props.items.map((item, i) =>
          item.href && i < props.items.length - 1 ? (
            <li>
              <a href={item.href}>{item.label}</a>
            </li>
          ) : (
            <li aria-current="page">{item.label}</li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** The public page shell: head with SEO tags, header with language switch, navigation, footer. */
export function Layout(props: PageProps) {
  const { locale, tenant } = props;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const seg = localeSegments[locale];
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const otherUrl = props.alternate === undefined ? `/${localeSegments[other]}${props.path}` : props.alternate;
  const name = collegeName(tenant, locale);
  const subName = collegeName(tenant, other);
  const origin = props.origin ?? '';
  const settings = tenant.settings;
  // The footer text and address in the page's language, the other language where only it is given.
  const footerText = (locale === 'en' ? settings?.footerEn || settings?.footerZh : settings?.footerZh) ?? '';
  const footerLines = footerText.split(/\r?\n/).filter((line) => line.trim().length > 0);
  const address =
    locale === 'en' ? settings?.addressEn || settings?.addressZh : settings?.addressZh || settings?.addressEn;
  const canonical = `${origin}/${seg}${props.path}`;
  const fullTitle = props.title === name ? name : `${props.title} | ${name}`;
  const og = props.openGraph;
  const absolute = (url: string) => (url.startsWith('/') ? `${origin}${url}` : url);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={canonical} />
        <link rel="alternate" hreflang={locale} href={canonical} />
        {otherUrl ? <link rel="alternate" hreflang={other} href={absolute(otherUrl)} /> : null}
        {props.alternate === undefined ? (
          <link
            rel="alternate"
            hreflang="x-default"
            href={`${origin}/${localeSegments['zh-CN']}${props.path}`}
          />
        ) : null}
        {props.feeds ? (
          <link rel="alternate" type="application/rss+xml" title={props.feeds.title} href={props.feeds.rss} />
        ) : null}
        {props.feeds ? (
          <link
            rel="alternate"
            type="application/atom+xml"
            title={props.feeds.title}
            href={props.feeds.atom}
          />
        ) : null}
        <meta property="og:site_name" content={name} />
        <meta property="og:title" content={props.title} />
        <meta property="og:url" content={canonical} />
        <meta property="og:type" content={og?.type ?? 'website'} />
        <meta property="og:locale" content={locale === 'en' ? 'en_US' : 'zh_CN'} />
        {props.description ? <meta property="og:description" content={props.description} /> : null}
        {og?.image ? <meta property="og:image" content={absolute(og.image)} /> : null}
        {og?.image && og.imageAlt ? <meta property="og:image:alt" content={og.imageAlt} /> : null}
        {og?.publishedTime ? <meta property="article:published_time" content={og.publishedTime} /> : null}
        {og?.modifiedTime ? <meta property="article:modified_time" content={og.modifiedTime} /> : null}
        <meta name="twitter:card" content={og?.image ? 'summary_large_image' : 'summary'} />
        {settings?.icons.length ? (
          <>
            <link rel="icon" href="/favicon.ico" sizes="32x32" />
            <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
          </>
        ) : (
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        )}
        <link rel="stylesheet" href={siteCss.url} />
        {props.jsonLd ? <script type="application/ld+json">{raw(safeJson(props.jsonLd))}</script> : null}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('site.skipToContent')}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class={settings?.logo ? 'brand brand-with-logo' : 'brand'} href={`/${seg}/`}>
              {settings?.logo ? (
                <img
                  class="brand-logo"
                  src={settings.logo.url}
                  width={settings.logo.width}
                  height={settings.logo.height}
                  alt=""
                />
              ) : null}
              <span class="brand-text">
                <span class="brand-name">{name}</span>
                <span class="brand-sub" lang={other}>
                  {subName}
                </span>
              </span>
            </a>
            {otherUrl ? (
              <a
                class="lang-switch"
                href={otherUrl}
                hreflang={other}
                lang={other}
                aria-label={t('locale.switchLabel')}
              >
                {t('locale.switchTo')}
              </a>
            ) : null}
          </div>
        </header>
        <nav class="site-nav" aria-label={t('site.mainNav')}>
          <div class="wrap">
            <ul>
              <li>
                <a href={`/${seg}/`} aria-current={props.current === 'home' ? 'page' : undefined}>
                  {t('site.home')}
                </a>
              </li>
              {(props.channels ?? []).map((channel) => (
                <li>
                  <a
                    href={`/${seg}/${channel.slug}/`}
                    aria-current={props.current === channel.slug ? 'page' : undefined}
                  >
                    {channelName(channel, locale)}
                  </a>
                </li>
              ))}
              <li class="nav-login">
                <a href="/admin/">{t('site.admin')}</a>
              </li>
            </ul>
            <form
              class="site-search"
              method="get"
              action={`/${seg}/search`}
              aria-label={t('portal.searchLabel')}
            >
              <label for="site-search-q" class="visually-hidden">
                {t('portal.searchLabel')}
              </label>
              <input id="site-search-q" type="search" name="q" value={props.query ?? ''} maxlength={200} />
              <button type="submit">{t('portal.search')}</button>
            </form>
          </div>
        </nav>
        <main id="main" tabindex={-1}>
          <div class="wrap">
            {props.breadcrumb ? <Breadcrumb locale={locale} items={props.breadcrumb} /> : null}
            {props.children}
          </div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            {footerLines.length > 0 ? (
              footerLines.map((line) => <p>{line}</p>)
            ) : (
              <p>{t('site.footerAbout')}</p>
            )}
            {address || settings?.phone || settings?.email ? (
              <address class="site-contact">
                {address ? (
                  <span>
                    {t('site.contactAddress')}
                    {address}
                  </span>
                ) : null}
                {settings?.phone ? (
                  <span>
                    {t('site.contactPhone')}
                    <a href={`tel:${settings.phone.replace(/[^0-9+]/g, '')}`}>{settings.phone}</a>
                  </span>
                ) : null}
                {settings?.email ? (
                  <span>
                    {t('site.contactEmail')}
                    <a href={`mailto:${settings.email}`}>{settings.email}</a>
                  </span>
                ) : null}
              </address>
            ) : null}
            <p>{t('site.footerRights', { year: new Date().getFullYear(), college: name })}</p>
            {settings?.icp ? (
              <p>
                <a href="https://beian.miit.gov.cn/" rel="noopener">
                  {settings.icp}
                </a>
              </p>
            ) : null}
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page to a full HTML document string. */
export async function renderPage(node: unknown): Promise<string> {
  return `<!doctype html>${await Promise.resolve(node as string | Promise<string>)}`;
}

/** The scheme and host a visitor used (behind a proxy, the forwarded scheme). */
export function requestOrigin(url: string, forwardedProto: string | undefined): string {
  const parsed = new URL(url);
  const proto =
    forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : parsed.protocol.slice(0, -1);
  return `${proto}://${parsed.host}`;
}
