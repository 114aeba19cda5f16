import { type Editor, useEditorState } from '@tiptap/react';
import { Space } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Tool } from './article-editor-tool.tsx';

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

/** The character marks: bold, italic, underline and strike, each pressed while the selection has it. */
function MarkTools({
  editor,
  off,
  active,
}: {
  editor: Editor;
  off: boolean;
  active: Record<'bold' | 'italic' | 'underline' | 'strike', boolean>;
}) {
  const { t } = useTranslation();
  const chain = () => editor.chain().focus();
  return (
    <Space.Compact>
      <Tool
        label={<strong>{t('newsDesk.editor.bold')}</strong>}
        name={t('newsDesk.editor.bold')}
        shortcut="Mod-b"
        active={active.bold}
        disabled={off}
        testId="tool-bold"
        onRun={() => chain().toggleBold().run()}
      />
      <Tool
        label={<em>{t('newsDesk.editor.italic')}</em>}
        name={t('newsDesk.editor.italic')}
        shortcut="Mod-i"
        active={active.italic}
        disabled={off}
        testId="tool-italic"
        onRun={() => chain().toggleItalic().run()}
      />
      <Tool
        label={<u>{t('newsDesk.editor.underline')}</u>}
        name={t('newsDesk.editor.underline')}
        shortcut="Mod-u"
        active={active.underline}
        disabled={off}
        testId="tool-underline"
        onRun={() => chain().toggleUnderline().run()}
      />
      <Tool
        label={<s>{t('newsDesk.editor.strike')}</s>}
        name={t('newsDesk.editor.strike')}
        shortcut="Mod-Shift-s"
        active={active.strike}
        disabled={off}
        testId="tool-strike"
        onRun={() => chain().toggleStrike().run()}
      />
    </Space.Compact>
  );
}

/** The table tools: insert a table, then add or delete its rows and columns, or the table itself. */
function TableTools({ editor, off, inTable }: { editor: Editor; off: boolean; inTable: boolean }) {
  const { t } = useTranslation();
  const chain = () => editor.chain().focus();
  return (
    <Space.Compact>
      <Tool
        label={t('newsDesk.editor.table')}
        disabled={off || inTable}
        testId="tool-table"
        onRun={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
      />
      <Tool
        label={t('newsDesk.editor.addRow')}
        disabled={off || !inTable}
        testId="tool-add-row"
        onRun={() => chain().addRowAfter().run()}
      />
      <Tool
        label={t('newsDesk.editor.addColumn')}
        disabled={off || !inTable}
        testId="tool-add-column"
        onRun={() => chain().addColumnAfter().run()}
      />
      <Tool
        label={t('newsDesk.editor.deleteRow')}
        disabled={off || !inTable}
        testId="tool-delete-row"
        onRun={() => chain().deleteRow().run()}
      />
      <Tool
        label={t('newsDesk.editor.deleteColumn')}
        disabled={off || !inTable}
        testId="tool-delete-column"
        onRun={() => chain().deleteColumn().run()}
      />
      <Tool
        label={t('newsDesk.editor.deleteTable')}
        disabled={off || !inTable}
        testId="tool-delete-table"
        onRun={() => chain().deleteTable().run()}
      />
    </Space.Compact>
  );
}

/** The editor's toolbar: headings, marks, lists, link, image, tables, undo; arrow keys move along it. */
export function ArticleEditorToolbar({
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
      <MarkTools editor={editor} off={off} active={state} />
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
      <TableTools editor={editor} off={off} inTable={state.inTable} />
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
