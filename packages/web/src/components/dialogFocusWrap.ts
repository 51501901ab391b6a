/**
 * Tab and Shift+Tab wrap around inside the open modal dialog or drawer (WAI-ARIA dialog pattern;
 * WCAG 2.4.3 focus order).
 *
 * antd 6 keeps focus in a dialog by pulling it back when it lands outside; but its dialogs are
 * the last thing in <body>, so Tab from the last control leaves the page for the browser's own
 * toolbar and nothing is there to pull it back. Installed once for the whole console.
 */
const TABBABLE = [
  'a[href]', 'area[href]', 'button:not([disabled])', 'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])', 'textarea:not([disabled])', '[tabindex]:not([tabindex="-1"])', '[contenteditable="true"]',
].join(',');

function shown(el: HTMLElement): boolean {
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** The dialog opened last that is still on screen (a confirm inside a drawer comes after it). */
function topDialog(): HTMLElement | null {
  const open = [...document.querySelectorAll<HTMLElement>('[role="dialog"][aria-modal="true"]')].filter(shown);
  return open[open.length - 1] ?? null;
}

function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.tabIndex >= 0 && shown(el) && !el.closest('[aria-hidden="true"], [inert]'));
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.key !== 'Tab' || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  const dialog = topDialog();
  if (!dialog) return;
  const items = tabbables(dialog);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  } else if (e.shiftKey && (active === first || active === dialog)) {
    e.preventDefault();
    last.focus();
  }
}

/** Starts wrapping; returns the function that stops it. */
export function installDialogFocusWrap(target: Window = window): () => void {
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
