import { Extension } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArticleFigure, type FigureAttributes } from './article-figure.tsx';

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

/** Links may only go to the web or to an email address. */
const allowedLink = /^(https?:\/\/[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+)$/i;

/** Tells whether a link target is allowed in an article (http, https or mailto). */
export function isAllowedLink(url: string): boolean {
  return allowedLink.test(url.trim());
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** A shortcut as the user's keyboard names it (⌘ on a Mac, Ctrl elsewhere). */
function keys(shortcut: string): string {
  return isMac
    ? shortcut
        .replace(/Mod-/g, '⌘')
        .replace(/Shift-/g, '⇧')
        .replace(/Alt-/g, '⌥')
    : shortcut
        .replace(/Mod-/g, 'Ctrl+')
        .replace(/Shift-/g, 'Shift+')
        .replace(/Alt-/g, 'Alt+');
}
/** The same shortcut in `aria-keyshortcuts` notation. */
function ariaKeys(shortcut: string): string {
  return shortcut
    .replace(/Mod-/g, isMac ? 'Meta+' : 'Control+')
    .replace(/Shift-/g, 'Shift+')
    .replace(/Alt-/g, 'Alt+');
}

interface ToolProps {
  label: ReactNode;
  /** The accessible name; must contain the visible label. */
  name?: string;
  shortcut?: string;
  active?: boolean;
  disabled?: boolean;
  testId: string;
  onRun: () => void;
}

/** One toolbar button: a toggle shows its state with aria-pressed; its shortcut is in the tooltip. */
function Tool({ label, name, shortcut, active, disabled, testId, onRun }: ToolProps) {
  const title = shortcut ? `${name ?? (typeof label === 'string' ? label : '')} (${keys(shortcut)})` : name;
  return (
    <Button
      size="small"
      autoInsertSpace={false}
      type={active ? 'primary' : 'default'}
      aria-pressed={active === undefined ? undefined : active}
      aria-label={name}
      aria-keyshortcuts={shortcut ? ariaKeys(shortcut) : undefined}
      title={title}
      disabled={disabled}
      data-testid={testId}
      // Keep the editor's selection: a toolbar click must not move the focus first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onRun}
    >
      {label}
    </Button>
  );
}

/** Moves the focus between toolbar buttons with the arrow keys, Home and End. */
function onToolbarKeyDown(event: KeyboardEvent<HTMLDivElement>) {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0) return;
  const next =
    event.key === 'ArrowRight'
      ? buttons[(index + 1) % buttons.length]
      : event.key === 'ArrowLeft'
        ? buttons[(index - 1 + buttons.length) % buttons.length]
        : event.key === 'Home'
          ? buttons[0]
          : event.key === 'End'
            ? buttons.at(-1)
            : undefined;
  if (!next) return;
  event.preventDefault();
  next.focus();
}

function Toolbar({
  editor,
  onLink,
  onImage,
  canInsertImage,
}: {
  editor: Editor;
  onLink: () => void;
  onImage: () => void;
  canInsertImage: boolean;
}) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      h4: e.isActive('heading', { level: 4 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const off = !state.editable;
  const chain = () => editor.chain().focus();
  const heading = (level: 2 | 3 | 4) => (
    <Tool
      key={level}
      label={`H${level}`}
      name={t(`newsDesk.editor.h${level}`)}
      shortcut={`Mod-Alt-${level}`}
      active={state[`h${level}`]}
      disabled={off}
      testId={`tool-h${level}`}
      onRun={() => chain().toggleHeading({ level }).run()}
    />
  );

  return (
    <div
      role="toolbar"
      aria-label={t('newsDesk.editor.toolbar')}
      aria-controls="article-body-editor"
      className="news-desk-toolbar"
      onKeyDown={onToolbarKeyDown}
    >
      <Space.Compact>{([2, 3, 4] as const).map(heading)}</Space.Compact>
      <Space.Compact>
        <Tool
          label={<strong>{t('newsDesk.editor.bold')}</strong>}
          name={t('newsDesk.editor.bold')}
          shortcut="Mod-b"
          active={state.bold}
          disabled={off}
          testId="tool-bold"
          onRun={() => chain().toggleBold().run()}
        />
        <Tool
          label={<em>{t('newsDesk.editor.italic')}</em>}
          name={t('newsDesk.editor.italic')}
          shortcut="Mod-i"
          active={state.italic}
          disabled={off}
          testId="tool-italic"
          onRun={() => chain().toggleItalic().run()}
        />
        <Tool
          label={<u>{t('newsDesk.editor.underline')}</u>}
          name={t('newsDesk.editor.underline')}
          shortcut="Mod-u"
          active={state.underline}
          disabled={off}
          testId="tool-underline"
          onRun={() => chain().toggleUnderline().run()}
        />
        <Tool
          label={<s>{t('newsDesk.editor.strike')}</s>}
          name={t('newsDesk.editor.strike')}
          shortcut="Mod-Shift-s"
          active={state.strike}
          disabled={off}
          testId="tool-strike"
          onRun={() => chain().toggleStrike().run()}
        />
      </Space.Compact>
      <Space.Compact>
        <Tool
          label={t('newsDesk.editor.bulletList')}
          shortcut="Mod-Shift-8"
          active={state.bulletList}
          disabled={off}
          testId="tool-bullet-list"
          onRun={() => chain().toggleBulletList().run()}
        />
        <Tool
          label={t('newsDesk.editor.orderedList')}
          shortcut="Mod-Shift-7"
          active={state.orderedList}
          disabled={off}
          testId="tool-ordered-list"
          onRun={() => chain().toggleOrderedList().run()}
        />
        <Tool
          label={t('newsDesk.editor.quote')}
          shortcut="Mod-Shift-b"
          active={state.blockquote}
          disabled={off}
          testId="tool-quote"
          onRun={() => chain().toggleBlockquote().run()}
        />
      </Space.Compact>
      <Space.Compact>
        <Tool
          label={t('newsDesk.editor.link')}
          shortcut="Mod-k"
          active={state.link}
          disabled={off}
          testId="tool-link"
          onRun={onLink}
        />
        <Tool
          label={t('newsDesk.editor.image')}
          disabled={off || !canInsertImage}
          testId="tool-image"
          onRun={onImage}
        />
      </Space.Compact>
      <Space.Compact>
        <Tool
          label={t('newsDesk.editor.table')}
          disabled={off || state.inTable}
          testId="tool-table"
          onRun={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        />
        <Tool
          label={t('newsDesk.editor.addRow')}
          disabled={off || !state.inTable}
          testId="tool-add-row"
          onRun={() => chain().addRowAfter().run()}
        />
        <Tool
          label={t('newsDesk.editor.addColumn')}
          disabled={off || !state.inTable}
          testId="tool-add-column"
          onRun={() => chain().addColumnAfter().run()}
        />
        <Tool
          label={t('newsDesk.editor.deleteRow')}
          disabled={off || !state.inTable}
          testId="tool-delete-row"
          onRun={() => chain().deleteRow().run()}
        />
        <Tool
          label={t('newsDesk.editor.deleteColumn')}
          disabled={off || !state.inTable}
          testId="tool-delete-column"
          onRun={() => chain().deleteColumn().run()}
        />
        <Tool
          label={t('newsDesk.editor.deleteTable')}
          disabled={off || !state.inTable}
          testId="tool-delete-table"
          onRun={() => chain().deleteTable().run()}
        />
      </Space.Compact>
      <Space.Compact>
        <Tool
          label={t('newsDesk.editor.undo')}
          shortcut="Mod-z"
          disabled={off || !state.canUndo}
          testId="tool-undo"
          onRun={() => chain().undo().run()}
        />
        <Tool
          label={t('newsDesk.editor.redo')}
          shortcut="Mod-Shift-z"
          disabled={off || !state.canRedo}
          testId="tool-redo"
          onRun={() => chain().redo().run()}
        />
      </Space.Compact>
    </div>
  );
}

/** Sets, changes or removes the link on the selected text (http, https or mailto only). */
function LinkModal({ editor, open, onClose }: { editor: Editor; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ href: string; text?: string }>();
  const current = open ? ((editor.getAttributes('link').href as string | undefined) ?? '') : '';
  const hasSelection = open && !editor.state.selection.empty;

  useEffect(() => {
    if (open) form.setFieldsValue({ href: current, text: '' });
  }, [open, current, form]);

  const apply = ({ href, text }: { href: string; text?: string }) => {
    const url = href.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    if (!hasSelection && !current) {
      const label = text?.trim() || url;
      chain
        .insertContent({ type: 'text', text: label, marks: [{ type: 'link', attrs: { href: url } }] })
        .run();
    } else {
      chain.setLink({ href: url }).run();
    }
    onClose();
  };

  return (
    <Modal
      open={open}
      title={current ? t('newsDesk.editor.linkEditTitle') : t('newsDesk.editor.linkTitle')}
      onCancel={() => {
        onClose();
        editor.commands.focus();
      }}
      okText={t('newsDesk.editor.linkApply')}
      cancelText={t('admin.common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ id: 'link-apply' }}
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {current && (
            <Button
              danger
              onClick={() => {
                editor.chain().focus().extendMarkRange('link').unsetLink().run();
                onClose();
              }}
            >
              {t('newsDesk.editor.linkRemove')}
            </Button>
          )}
          <CancelBtn />
          <OkBtn />
        </>
      )}
      destroyOnHidden
      forceRender
    >
      <Form form={form} name="article-link" layout="vertical" onFinish={apply}>
        <Form.Item
          name="href"
          label={t('newsDesk.editor.linkUrl')}
          extra={t('newsDesk.editor.linkHelp')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            {
              validator: (_, value: string | undefined) =>
                !value || isAllowedLink(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('newsDesk.editor.linkInvalid'))),
            },
          ]}
        >
          <Input inputMode="url" autoFocus data-testid="link-url" placeholder="https://" />
        </Form.Item>
        {!hasSelection && !current && (
          <Form.Item name="text" label={t('newsDesk.editor.linkText')}>
            <Input data-testid="link-text" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
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
        <Toolbar
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
