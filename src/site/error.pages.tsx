import { type Locale, translate } from '../i18n/i18n.ts';
import type { RequestTenant } from '../platform/context.ts';
import { Layout } from './layout.tsx';

const fallbackTenant: RequestTenant = {
  id: '',
  slug: '',
  nameZh: 'Concord',
  nameEn: 'Concord',
  siteId: '',
  host: '',
};

/** The 404 or 500 page in the request's language. */
export function ErrorPage(props: {
  locale: Locale;
  tenant: RequestTenant | undefined;
  status: 404 | 500;
  requestId?: string;
}) {
  const { locale } = props;
  const notFound = props.status === 404;
  const title = translate(locale, notFound ? 'site.notFoundTitle' : 'site.errorTitle');
  const seg = locale === 'en' ? 'en' : 'zh';
  return (
    <Layout
      locale={locale}
      tenant={props.tenant ?? fallbackTenant}
      title={title}
      path="/"
      alternate={null}
      noindex
    >
      <div class="error-page">
        <p class="code">{props.status}</p>
        <h1>{title}</h1>
        <p>{translate(locale, notFound ? 'site.notFoundBody' : 'site.errorBody')}</p>
        {props.requestId ? (
          <p class="request-id">{translate(locale, 'errors.requestId', { id: props.requestId })}</p>
        ) : null}
        <p>
          <a href={`/${seg}/`}>{translate(locale, 'site.backHome')}</a>
        </p>
      </div>
    </Layout>
  );
}
