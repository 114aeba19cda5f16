import { type Locale, translate } from '../i18n/i18n.ts';
import type { RequestTenant } from '../platform/context.ts';
import { collegeName, Layout } from './layout.tsx';

/** The public home page of a college in one language. */
export function HomePage(props: { locale: Locale; tenant: RequestTenant }) {
  const { locale, tenant } = props;
  const name = collegeName(tenant, locale);
  return (
    <Layout
      locale={locale}
      tenant={tenant}
      title={name}
      path="/"
      current="home"
      description={translate(locale, 'site.footerAbout')}
    >
      <section class="hero" aria-labelledby="welcome">
        <h1 id="welcome">{translate(locale, 'site.welcomeTitle')}</h1>
        <p>{translate(locale, 'site.welcomeBody', { college: name })}</p>
      </section>
      <section aria-labelledby="latest">
        <h2 id="latest">{translate(locale, 'site.latestNews')}</h2>
        <p class="empty">{translate(locale, 'site.noNews')}</p>
      </section>
    </Layout>
  );
}
