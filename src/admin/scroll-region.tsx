import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroller that keyboard users can reach: a named, focusable region
 * (so arrow keys scroll it), instead of a scroll box inside the table that the Tab key skips.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
    <section aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      {children}
    </section>
  );
}
