import { Button, Space, Typography } from 'antd';
import { lazy, type ReactNode, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type MediaOutput,
  mediaAltText,
  mediaCaption,
  mediaImageAttributes,
} from '../../media/media.schema.ts';
import type { ArticleLocale } from '../articles.schema.ts';
import type { FigureAttributes } from './article-figure.tsx';

/** Choosing images from the media library, for the body and for the cover. */
export interface MediaChoice {
  /** False while no media library picker can be shown. */
  available: boolean;
  /** Opens the picker; resolves with the image to insert, or null when cancelled. */
  chooseImage: () => Promise<FigureAttributes | null>;
  /** Opens the picker; resolves with the chosen image's id, or null when cancelled. */
  chooseCover: () => Promise<string | null>;
  /** The picker itself; render it once on the page. */
  element: ReactNode;
}

/** The figure an image from the library becomes in an article of this language (960 px, alt text, caption). */
export function figureOf(media: MediaOutput, locale: ArticleLocale): FigureAttributes {
  const img = mediaImageAttributes(media, { locale });
  return {
    src: img.src,
    alt: mediaAltText(media, locale).alt,
    width: img.width || null,
    height: img.height || null,
    caption: mediaCaption(media, locale),
  };
}

// The media library's picker (grid, search, upload) loads only when an image is being chosen.
const MediaPicker = lazy(() =>
  import('../../media/admin/media-picker.tsx').then((m) => ({ default: m.MediaPicker })),
);

/** The media library picker of the page, opened on demand for the body or the cover. */
export function useMediaChoice(locale: ArticleLocale): MediaChoice {
  const { t } = useTranslation();
  const [purpose, setPurpose] = useState<'image' | 'cover' | null>(null);
  const waiting = useRef<((media: MediaOutput | null) => void) | null>(null);

  const ask = (what: 'image' | 'cover') =>
    new Promise<MediaOutput | null>((resolve) => {
      waiting.current?.(null);
      waiting.current = resolve;
      setPurpose(what);
    });
  const finish = (media: MediaOutput | null) => {
    setPurpose(null);
    waiting.current?.(media);
    waiting.current = null;
  };

  return {
    available: true,
    chooseImage: async () => {
      const media = await ask('image');
      return media ? figureOf(media, locale) : null;
    },
    chooseCover: async () => (await ask('cover'))?.id ?? null,
    element:
      purpose === null ? null : (
        <Suspense fallback={null}>
          <MediaPicker
            open
            title={purpose === 'cover' ? t('newsDesk.coverChoose') : t('newsDesk.editor.imageTitle')}
            onClose={() => finish(null)}
            onPick={(media) => finish(media)}
          />
        </Suspense>
      ),
  };
}

/** The cover image field: a preview, and buttons to choose another image or remove it. */
export function CoverField({
  value,
  onChange,
  media,
  disabled,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  media: MediaChoice;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="article-cover">
      {value ? (
        <img
          src={`/media/${value}/640.webp`}
          alt={t('newsDesk.coverPreview')}
          className="news-desk-cover-preview"
          width={320}
        />
      ) : (
        <Typography.Text type="secondary">{t('newsDesk.noCover')}</Typography.Text>
      )}
      {!disabled && (
        <Space wrap>
          <Button
            size="small"
            disabled={!media.available}
            title={media.available ? undefined : t('newsDesk.mediaUnavailable')}
            onClick={() =>
              void media.chooseCover().then((id) => {
                if (id) onChange?.(id);
              })
            }
            data-testid="cover-choose"
          >
            {value ? t('newsDesk.coverChange') : t('newsDesk.coverChoose')}
          </Button>
          {value && (
            <Button size="small" onClick={() => onChange?.(null)} data-testid="cover-remove">
              {t('newsDesk.coverRemove')}
            </Button>
          )}
        </Space>
      )}
    </Space>
  );
}
