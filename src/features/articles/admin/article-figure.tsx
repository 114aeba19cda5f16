import Image from '@tiptap/extension-image';
import { NodeViewWrapper, type ReactNodeViewProps, ReactNodeViewRenderer } from '@tiptap/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** What an image in an article body carries: a media library file, its alt text and caption. */
export interface FigureAttributes {
  src: string;
  alt: string;
  width?: number | null;
  height?: number | null;
  caption?: string;
}

/** The `<img>` of a `<figure>`, or the element itself when it is a bare `<img>`. */
function imageOf(element: HTMLElement): HTMLElement | null {
  return element.tagName === 'IMG' ? element : element.querySelector('img');
}

function numberOf(value: string | null | undefined): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** One image and its caption, editable in place: the alt text and the caption are plain inputs. */
function FigureView({ node, updateAttributes, editor, selected }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const id = useId();
  const attrs = node.attrs as FigureAttributes;
  const editable = editor.isEditable;
  return (
    <NodeViewWrapper
      as="figure"
      className={`news-desk-figure${selected ? ' is-selected' : ''}`}
      data-drag-handle=""
    >
      <img
        src={attrs.src}
        alt={attrs.alt}
        width={attrs.width ?? undefined}
        height={attrs.height ?? undefined}
        draggable={false}
      />
      <div className="news-desk-figure-fields" contentEditable={false}>
        <label htmlFor={`${id}-caption`}>{t('newsDesk.editor.caption')}</label>
        <input
          id={`${id}-caption`}
          value={attrs.caption ?? ''}
          readOnly={!editable}
          placeholder={t('newsDesk.editor.captionPlaceholder')}
          onChange={(e) => updateAttributes({ caption: e.target.value })}
          data-testid="figure-caption"
        />
        <label htmlFor={`${id}-alt`}>{t('newsDesk.editor.alt')}</label>
        <input
          id={`${id}-alt`}
          value={attrs.alt ?? ''}
          readOnly={!editable}
          placeholder={t('newsDesk.editor.altPlaceholder')}
          onChange={(e) => updateAttributes({ alt: e.target.value })}
          data-testid="figure-alt"
        />
      </div>
    </NodeViewWrapper>
  );
}

/**
 * An image from the media library with an optional caption, stored as
 * `<figure><img src="/media/<id>/960.webp" alt width height><figcaption>…</figcaption></figure>` —
 * the shape the server's sanitizer keeps. A bare `<img>` (pasted) becomes a figure without caption.
 */
export const ArticleFigure = Image.extend({
  name: 'figure',
  draggable: true,
  atom: true,
  selectable: true,

  addAttributes() {
    return {
      src: { default: null, parseHTML: (el) => imageOf(el)?.getAttribute('src') ?? null },
      alt: { default: '', parseHTML: (el) => imageOf(el)?.getAttribute('alt') ?? '' },
      title: { default: null, parseHTML: (el) => imageOf(el)?.getAttribute('title') ?? null },
      width: { default: null, parseHTML: (el) => numberOf(imageOf(el)?.getAttribute('width')) },
      height: { default: null, parseHTML: (el) => numberOf(imageOf(el)?.getAttribute('height')) },
      caption: {
        default: '',
        parseHTML: (el) => el.querySelector('figcaption')?.textContent?.trim() ?? '',
      },
    };
  },

  parseHTML() {
    return [
      { tag: 'figure', getAttrs: (el) => (imageOf(el as HTMLElement) ? null : false) },
      { tag: 'img[src]:not([src^="data:"])', priority: 40 },
    ];
  },

  renderHTML({ node }) {
    const { src, alt, title, width, height, caption } = node.attrs as FigureAttributes & {
      title: string | null;
    };
    const img: Record<string, string> = { src, alt: alt ?? '' };
    if (width) img.width = String(width);
    if (height) img.height = String(height);
    if (title) img.title = title;
    return caption ? ['figure', ['img', img], ['figcaption', caption]] : ['figure', ['img', img]];
  },

  // No Markdown `![alt](src)` shortcut: images come from the media library only.
  addInputRules() {
    return [];
  },

  addNodeView() {
    return ReactNodeViewRenderer(FigureView);
  },
});
