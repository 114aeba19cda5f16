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
  isDefault: false,
};

/** The error page in the request's language: not found, a refused request with its reason, or a server error. */
export function ErrorPage(props: {
  locale: Locale;
  tenant: RequestTenant | undefined;
  status: number;
  /** The translated reason of a refused (4xx) request. */
  reason?: string;
  requestId?: string;
}) {
  const { locale } = props;
  const notFound = props.status === 404;
  const refused = !notFound && props.status < 500;
  const title = translate(
    locale,
    notFound ? 'site.notFoundTitle' : refused ? 'site.requestFailedTitle' : 'site.errorTitle',
  );
  const body =
    refused && props.reason
      ? props.reason
      : translate(locale, notFound ? 'site.notFoundBody' : 'site.errorBody');
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
        <p>{body}</p>
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
