import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../admin/language.tsx';
import { type MediaOutput, mediaAltText, pickMediaDerivative } from '../media.schema.ts';

/** The URL of the smallest derivative, for thumbnails. */
export function thumbnailUrl(media: MediaOutput): string {
  return pickMediaDerivative(media.derivatives, 320)?.url ?? media.url;
}

/**
 * Thumbnails of images as a grid of buttons; `onChoose` gets the clicked image. The chosen one, if
 * any, is marked as pressed. Images without an alt text in either language say so.
 */
export function MediaGrid({
  items,
  selectedId,
  onChoose,
  chooseLabel,
}: {
  items: MediaOutput[];
  selectedId?: string | null;
  onChoose: (media: MediaOutput) => void;
  /** The accessible name of each button, given the file name (e.g. "Edit x.jpg", "Select x.jpg"). */
  chooseLabel: (fileName: string) => string;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  return (
    <ul
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(168px, 1fr))',
        gap: 12,
      }}
    >
      {items.map((m) => {
        const selected = selectedId === m.id;
        const { alt } = mediaAltText(m, locale);
        return (
          <li key={m.id}>
            <button
              type="button"
              onClick={() => onChoose(m)}
              aria-label={chooseLabel(m.fileName)}
              {...(selectedId !== undefined ? { 'aria-pressed': selected } : {})}
              data-testid="media-card"
              style={{
                display: 'block',
                width: '100%',
                padding: 0,
                textAlign: 'left',
                background: '#fff',
                border: selected ? '3px solid #0b4f8a' : '1px solid #d9d9d9',
                borderRadius: 8,
                overflow: 'hidden',
                cursor: 'pointer',
                font: 'inherit',
              }}
            >
              <img
                src={thumbnailUrl(m)}
                alt={alt}
                loading="lazy"
                width={320}
                height={Math.round((320 * m.height) / Math.max(1, m.width))}
                style={{
                  display: 'block',
                  width: '100%',
                  height: 120,
                  objectFit: 'cover',
                  background: '#f5f5f5',
                }}
              />
              <span style={{ display: 'block', padding: '6px 8px' }}>
                <Typography.Text ellipsis style={{ display: 'block' }}>
                  {m.fileName}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('admin.media.pixelSize', { width: m.width, height: m.height })}
                </Typography.Text>
                {!m.altZh && !m.altEn && (
                  <Tag style={{ marginInlineStart: 6, fontSize: 11 }}>{t('admin.media.missingAlt')}</Tag>
                )}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
