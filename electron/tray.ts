import { Menu, Tray, nativeImage, type BrowserWindow } from 'electron';

/** 16 px discs drawn at build time: green when nothing is down, red otherwise (no asset files to ship). */
const ICON_OK =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAASUlEQVR42mNgwAGEc0wakDEDsQCq4T8O3MBAhI3/CWDsLiJSM3aXkKgZ0xAyNIMxJbYjXDEMDKA4EKkSjRQnJKokZYozE7nZGQA0CjO00vn18AAAAABJRU5ErkJggg==';
const ICON_DOWN =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAASUlEQVR42mNgwAE2S8o3IGMGYgFUw38cuIGBCBv/E8DYXUSkZuwuIVEzpiFkaAZjSmxHuGIYGEBxIFIlGilOSFRJyhRnJnKzMwAl1F20GjYz3wAAAABJRU5ErkJggg==';

export interface StatusTray {
  /** Tooltip and icon follow the number of monitors down. */
  setDown(count: number): void;
  destroy(): void;
}

/**
 * The on-call console keeps watching with its window closed: the tray shows how many monitors are
 * down and brings the window back. Returns undefined where the desktop has no tray, in which case
 * closing the window quits as before.
 */
export function createStatusTray(opts: { window: () => BrowserWindow | undefined; quit: () => void }): StatusTray | undefined {
  let tray: Tray;
  try {
    tray = new Tray(nativeImage.createFromDataURL(`data:image/png;base64,${ICON_OK}`));
  } catch {
    return undefined;
  }
  const show = () => {
    const w = opts.window();
    if (!w) return;
    w.show();
    w.focus();
  };
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Lookout', click: show },
      { type: 'separator' },
      { label: 'Quit Lookout', click: opts.quit },
    ]),
  );
  tray.on('click', show);
  tray.setToolTip('Lookout: nothing down');
  return {
    setDown(count) {
      tray.setToolTip(count > 0 ? `Lookout: ${count} monitor${count === 1 ? '' : 's'} down` : 'Lookout: nothing down');
      tray.setImage(nativeImage.createFromDataURL(`data:image/png;base64,${count > 0 ? ICON_DOWN : ICON_OK}`));
    },
    destroy: () => tray.destroy(),
  };
}
