/**
 * The page's single-key shortcuts: one list, shown by the `?` dialog (renderer) and by the desktop
 * app's Help menu (electron/shell/app-menu.ts).
 */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: '/', what: 'Search monitors' },
  { keys: 'j / k', what: 'Next / previous monitor' },
  { keys: 'Enter', what: 'Open the selected monitor' },
  { keys: 'a', what: 'Acknowledge the selected monitor’s incident' },
  { keys: 'g d', what: 'Go to the dashboard' },
  { keys: '?', what: 'Show these shortcuts' },
  { keys: 'Esc', what: 'Close / leave the search box' },
];
