import type { Permission } from '../../../platform/permissions.ts';
import type {
  ArticleAction,
  ArticleListItem,
  ArticleLocale,
  ArticleStatus,
  ChannelOutput,
} from '../articles.schema.ts';

/*
 * What the news desk screens share: query keys, the colour of each status, which workflow actions a
 * status offers to whom, and where a published article lives on the public site.
 */

/** Query key prefix of everything about articles. */
export const articlesQueryKey = ['articles'] as const;

/** Query key of the channel list. */
export const channelsQueryKey = ['channels'] as const;

/** Both languages of an article, Chinese first. */
export const articleLocales: readonly ArticleLocale[] = ['zh-CN', 'en'];

/** The other language of a translation group. */
export function otherLocale(locale: ArticleLocale): ArticleLocale {
  return locale === 'en' ? 'zh-CN' : 'en';
}

/** The colour of a status tag (readable on antd's tinted tags, see admin.css). */
export function statusColor(status: ArticleStatus): string {
  return {
    draft: 'default',
    in_review: 'gold',
    approved: 'cyan',
    scheduled: 'blue',
    published: 'green',
    unpublished: 'volcano',
  }[status];
}

/** The permission each workflow action needs. */
export const actionPermission: Record<ArticleAction, Permission> = {
  submit: 'news.write',
  approve: 'news.review',
  'send-back': 'news.review',
  schedule: 'news.publish',
  unschedule: 'news.publish',
  publish: 'news.publish',
  unpublish: 'news.publish',
};

/** The workflow actions each status offers (draft → in review → approved → scheduled → published → unpublished). */
const actionsByStatus: Record<ArticleStatus, readonly ArticleAction[]> = {
  draft: ['submit'],
  in_review: ['approve', 'send-back'],
  approved: ['schedule', 'publish'],
  scheduled: ['unschedule', 'publish'],
  published: ['unpublish'],
  unpublished: ['submit'],
};

/** The statuses in which changing an article needs the publish permission as well as write. */
const guardedStatuses: readonly ArticleStatus[] = ['approved', 'scheduled', 'published'];

/** Tells whether a user may change an article's text and settings in its current status. */
export function mayEdit(status: ArticleStatus, can: (p: Permission) => boolean): boolean {
  return can('news.write') && (!guardedStatuses.includes(status) || can('news.publish'));
}

/** The actions a user with these permissions may take on an article in this status. */
export function allowedActions(status: ArticleStatus, can: (p: Permission) => boolean): ArticleAction[] {
  return actionsByStatus[status].filter((action) => can(actionPermission[action]));
}

/** The public path of an article: `/zh/<channel>/<slug>` or `/en/<channel>/<slug>`. */
export function sitePath(locale: ArticleLocale, channelSlug: string, slug: string): string {
  return `/${locale === 'en' ? 'en' : 'zh'}/${channelSlug}/${encodeURIComponent(slug)}`;
}

/** A channel's name in the admin's language. */
export function channelName(channel: Pick<ChannelOutput, 'nameZh' | 'nameEn'>, locale: string): string {
  return locale === 'en' ? channel.nameEn || channel.nameZh : channel.nameZh || channel.nameEn;
}

/** The status of each language of an article's group (null where that language is not written yet). */
export function groupStatuses(
  article: Pick<ArticleListItem, 'id' | 'locale' | 'status' | 'translations'>,
): Record<ArticleLocale, { id: string; status: ArticleStatus } | null> {
  const out: Record<ArticleLocale, { id: string; status: ArticleStatus } | null> = {
    'zh-CN': null,
    en: null,
  };
  out[article.locale] = { id: article.id, status: article.status };
  for (const tr of article.translations) out[tr.locale] = { id: tr.id, status: tr.status };
  return out;
}
