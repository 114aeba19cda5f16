import { Extension } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import { type Editor, EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleEditorToolbar } from './article-editor-toolbar.tsx';
import { ArticleFigure, type FigureAttributes } from './article-figure.tsx';
import { isAllowedLink, LinkModal } from './article-link-dialog.tsx';

/*
 * The article body editor (TipTap 3). Loaded on its own (React.lazy) so the rest of the admin stays
 * light. What it produces is what the server's sanitizer keeps: h2–h4, paragraphs, bold, italic,
 * underline, strike, lists, quotes, links (http, https, mailto only), tables, and media library
 * images in <figure> with a caption.
 */

/** The body as the API stores it: sanitized HTML for the site, the editor's JSON to reopen it. */
export interface ArticleBody {
  html: string;
  json: Record<string, unknown>;
}

/** What the page can ask of a mounted editor. */
export interface ArticleBodyEditorHandle {
  getBody: () => ArticleBody;
  /** Takes the current text as saved: changes are counted from here on. */
  markSaved: () => void;
  focus: () => void;
}

const knownNodes = new Set([
  'doc',
  'text',
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'horizontalRule',
  'hardBreak',
  'figure',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
]);
const knownMarks = new Set(['bold', 'italic', 'underline', 'strike', 'code', 'link']);

/** Tells whether a stored document uses only what this editor knows (else its HTML is opened instead). */
function isKnownDocument(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const { type, content, marks } = node as { type?: unknown; content?: unknown; marks?: unknown };
  if (typeof type !== 'string' || !knownNodes.has(type)) return false;
  if (marks !== undefined) {
    if (!Array.isArray(marks)) return false;
    if (!marks.every((m) => knownMarks.has((m as { type?: string } | null)?.type ?? ''))) return false;
  }
  if (content === undefined) return true;
  return Array.isArray(content) && content.every(isKnownDocument);
}

/** Props of the lazily loaded body editor. */
export interface ArticleBodyEditorProps {
  /** The stored editor document; the HTML is used when there is none (imported or API-written articles). */
  initialJson: Record<string, unknown> | null;
  initialHtml: string;
  /** The language of the text, for spell-checking and screen readers. */
  lang: string;
  readOnly: boolean;
  /** The id of the visible label of the editor. */
  labelledBy: string;
  /** Called on every change: whether the text now differs from the saved one. */
  onChange: (changed: boolean) => void;
  onReady: (handle: ArticleBodyEditorHandle) => void;
  /** Asks for an image from the media library; absent while no picker is available. */
  onRequestImage?: () => Promise<FigureAttributes | null>;
}

/** The rich-text editor of an article body, with its toolbar and keyboard shortcuts. */
export default function ArticleBodyEditor({
  initialJson,
  initialHtml,
  lang,
  readOnly,
  labelledBy,
  onChange,
  onReady,
  onRequestImage,
}: ArticleBodyEditorProps) {
  const { t } = useTranslation();
  const [linkOpen, setLinkOpen] = useState(false);
  const [imageProblem, setImageProblem] = useState<string | null>(null);
  const openLink = useRef<() => void>(() => {});
  openLink.current = () => setLinkOpen(true);
  const changed = useRef(onChange);
  changed.current = onChange;
  // The document as last loaded or saved: the body is "changed" only while it differs from this.
  const saved = useRef<Editor['state']['doc'] | null>(null);

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        codeBlock: false,
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          protocols: ['mailto'],
          defaultProtocol: 'https',
          HTMLAttributes: { target: null, rel: null, class: null },
          isAllowedUri: (url) => isAllowedLink(url),
          shouldAutoLink: (url) => /^https?:\/\//i.test(url),
        },
      }),
      TableKit.configure({ table: { resizable: false } }),
      ArticleFigure.configure({ inline: false, allowBase64: false }),
      Extension.create({
        name: 'articleShortcuts',
        addKeyboardShortcuts() {
          return {
            'Mod-k': () => {
              openLink.current();
              return true;
            },
          };
        },
      }),
    ],
    // The stored document reopens exactly; an article written elsewhere (imported, drafted by the
    // server) or by another version of the editor opens from its HTML.
    content: initialJson && isKnownDocument(initialJson) ? initialJson : initialHtml,
    editable: !readOnly,
    editorProps: {
      attributes: {
        id: 'article-body-editor',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelledBy,
        lang,
        class: 'news-desk-prose',
        'data-testid': 'article-body',
      },
    },
    onCreate: ({ editor: created }) => {
      saved.current = created.state.doc;
    },
    onUpdate: ({ editor: updated }) => {
      changed.current(!(saved.current && updated.state.doc.eq(saved.current)));
    },
  });

  useEffect(() => {
    // Without an update event: becoming read-only is no change to the text.
    editor.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  useEffect(() => {
    onReady({
      getBody: () => ({ html: editor.getHTML(), json: editor.getJSON() as Record<string, unknown> }),
      markSaved: () => {
        saved.current = editor.state.doc;
      },
      focus: () => editor.commands.focus(),
    });
  }, [editor, onReady]);

  const insertImage = async () => {
    if (!onRequestImage) return;
    setImageProblem(null);
    try {
      const image = await onRequestImage();
      if (!image) {
        editor.commands.focus();
        return;
      }
      editor
        .chain()
        .focus()
        .insertContent({ type: 'figure', attrs: { ...image, caption: image.caption ?? '' } })
        .run();
    } catch {
      setImageProblem(t('newsDesk.editor.imageFailed'));
    }
  };

  return (
    <div className="news-desk-editor">
      {!readOnly && (
        <ArticleEditorToolbar
          editor={editor}
          onLink={() => setLinkOpen(true)}
          onImage={() => void insertImage()}
          canInsertImage={Boolean(onRequestImage)}
        />
      )}
      {imageProblem && <Alert type="error" showIcon title={imageProblem} role="alert" />}
      <EditorContent editor={editor} />
      <LinkModal editor={editor} open={linkOpen} onClose={() => setLinkOpen(false)} />
    </div>
  );
}
