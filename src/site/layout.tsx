import type { Child } from 'hono/jsx';
import { type Locale, localeSegments, translate } from '../i18n/i18n.ts';
import type { RequestTenant } from '../platform/context.ts';
import { siteCss } from './assets.ts';

export interface PageProps {
  locale: Locale;
  tenant: RequestTenant;
  title: string;
  /** Path after the language segment, e.g. `/` or `/news/`; used for the switch and hreflang. */
  path: string;
  /** The other language's URL for this page, when it differs from the same path in that language. */
  alternate?: string | null;
  description?: string;
  current?: 'home' | 'news';
  noindex?: boolean;
  children: Child;
}

/** The college's name in a locale. */
export function collegeName(tenant: RequestTenant, locale: Locale): string {
  return locale === 'en' ? tenant.nameEn : tenant.nameZh;
}

/** The public page shell: head, header with language switch, navigation, footer. */
export function Layout(props: PageProps) {
  const { locale, tenant } = props;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const seg = localeSegments[locale];
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const otherUrl = props.alternate === undefined ? `/${localeSegments[other]}${props.path}` : props.alternate;
  const name = collegeName(tenant, locale);
  const subName = collegeName(tenant, other);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title === name ? name : `${props.title} | ${name}`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={`/${seg}${props.path}`} />
        <link rel="alternate" hreflang={locale} href={`/${seg}${props.path}`} />
        {otherUrl ? <link rel="alternate" hreflang={other} href={otherUrl} /> : null}
        <link rel="stylesheet" href={siteCss.url} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('site.skipToContent')}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href={`/${seg}/`}>
              <span class="brand-name">{name}</span>
              <span class="brand-sub" lang={other}>
                {subName}
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
              <li>
                <a href="/admin/">{t('site.admin')}</a>
              </li>
            </ul>
          </div>
        </nav>
        <main id="main" tabindex={-1}>
          <div class="wrap">{props.children}</div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('site.footerAbout')}</p>
            <p>{t('site.footerRights', { year: new Date().getFullYear(), college: name })}</p>
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
