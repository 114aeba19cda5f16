import { Card, Form, Input, Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleOutput } from '../articles.schema.ts';
import type { ArticleBodyEditorHandle } from './article-body-editor.tsx';
import type { FigureAttributes } from './article-figure.tsx';
import type { MediaChoice } from './media-choice.tsx';

// The editor (TipTap and ProseMirror) is the heaviest part of the news desk: its own chunk.
const ArticleBodyEditor = lazy(() => import('./article-body-editor.tsx'));

/** The text of the article being edited: its title, summary and body in the rich-text editor. */
export function ArticleContentCard({
  article,
  loaded,
  contentKey,
  readOnly,
  media,
  onBodyChange,
  onEditorReady,
}: {
  article: ArticleOutput;
  /** The article the body was last (re)loaded from. */
  loaded: ArticleOutput;
  /** Changes whenever the text is (re)loaded from the server, so the editor starts over from it. */
  contentKey: number;
  readOnly: boolean;
  media: MediaChoice;
  onBodyChange: (changed: boolean) => void;
  onEditorReady: (handle: ArticleBodyEditorHandle) => void;
}) {
  const { t } = useTranslation();
  const requestImage = media.available
    ? async (): Promise<FigureAttributes | null> => media.chooseImage()
    : undefined;
  return (
    <Card size="small">
      <Form.Item
        name="title"
        label={t('newsDesk.fields.title')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: 300, message: t('validation.too_long', { max: 300 }) },
        ]}
      >
        <Input size="large" lang={article.locale} disabled={readOnly} data-testid="article-title" />
      </Form.Item>
      <Form.Item
        name="summary"
        label={t('newsDesk.fields.summary')}
        extra={t('newsDesk.summaryHelp')}
        rules={[{ max: 2000, message: t('validation.too_long', { max: 2000 }) }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          lang={article.locale}
          disabled={readOnly}
          data-testid="article-summary"
        />
      </Form.Item>
      <div className="ant-form-item">
        <div className="news-desk-body-label" id="article-body-label">
          {t('newsDesk.fields.body')}
        </div>
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <ArticleBodyEditor
            key={contentKey}
            initialJson={loaded.bodyJson}
            initialHtml={loaded.bodyHtml}
            lang={article.locale}
            readOnly={readOnly}
            labelledBy="article-body-label"
            onChange={onBodyChange}
            onReady={onEditorReady}
            {...(requestImage ? { onRequestImage: requestImage } : {})}
          />
        </Suspense>
      </div>
    </Card>
  );
}
