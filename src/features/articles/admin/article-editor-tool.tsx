import { Button } from 'antd';
import type { ReactNode } from 'react';

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
export function Tool({ label, name, shortcut, active, disabled, testId, onRun }: ToolProps) {
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
