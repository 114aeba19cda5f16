import type {
  ArticleLinkInput,
  ArticleLinkType,
  ArticleOutput,
  UpdateArticleInput,
} from '../articles.schema.ts';

/** The article form's fields: the settings, SEO and links beside the text (the body is the editor's). */
export interface ArticleFormValues {
  title: string;
  summary: string;
  slug: string;
  channelId: string;
  tags: string[];
  featured: boolean;
  coverMediaId: string | null;
  seoTitle: string;
  seoDescription: string;
  engagementIds: string[];
  organizationIds: string[];
  programIds: string[];
}

/** The fields a server's validation problem can be shown on. */
export const articleFieldNames = [
  'title',
  'summary',
  'slug',
  'channelId',
  'tags',
  'featured',
  'coverMediaId',
  'seoTitle',
  'seoDescription',
] as const;

function linkIds(article: ArticleOutput, type: ArticleLinkType): string[] {
  return article.links.filter((l) => l.type === type).map((l) => l.id);
}

/** The form's values for an article as the server has it. */
export function toArticleValues(a: ArticleOutput): ArticleFormValues {
  return {
    title: a.title,
    summary: a.summary,
    slug: a.slug,
    channelId: a.channelId,
    tags: a.tags,
    featured: a.featured,
    coverMediaId: a.coverMediaId,
    seoTitle: a.seoTitle ?? '',
    seoDescription: a.seoDescription ?? '',
    engagementIds: linkIds(a, 'engagement'),
    organizationIds: linkIds(a, 'organization'),
    programIds: linkIds(a, 'program'),
  };
}

/** The update the form's values ask for (trimmed, empty SEO fields as null), without the version. */
export function toArticleInput(v: ArticleFormValues): Omit<UpdateArticleInput, 'version'> {
  const links: ArticleLinkInput[] = [
    ...(v.engagementIds ?? []).map((id) => ({ type: 'engagement' as const, id })),
    ...(v.organizationIds ?? []).map((id) => ({ type: 'organization' as const, id })),
    ...(v.programIds ?? []).map((id) => ({ type: 'program' as const, id })),
  ];
  return {
    title: v.title.trim(),
    summary: (v.summary ?? '').trim(),
    slug: v.slug.trim(),
    channelId: v.channelId,
    tags: (v.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
    featured: Boolean(v.featured),
    coverMediaId: v.coverMediaId ?? null,
    seoTitle: v.seoTitle?.trim() || null,
    seoDescription: v.seoDescription?.trim() || null,
    links,
  };
}
