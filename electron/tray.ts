import { Menu, Tray, nativeImage } from 'electron';

/** 16 px discs drawn at build time: green when nothing is down, red otherwise (no asset files to ship). */
const ICON_OK =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAASUlEQVR42mNgwAGEc0wakDEDsQCq4T8O3MBAhI3/CWDsLiJSM3aXkKgZ0xAyNIMxJbYjXDEMDKA4EKkSjRQnJKokZYozE7nZGQA0CjO00vn18AAAAABJRU5ErkJggg==';
const ICON_DOWN =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAASUlEQVR42mNgwAE2S8o3IGMGYgFUw38cuIGBCBv/E8DYXUSkZuwuIVEzpiFkaAZjSmxHuGIYGEBxIFIlGilOSFRJyhRnJnKzMwAl1F20GjYz3wAAAABJRU5ErkJggg==';

export interface StatusTray {
  /** Tooltip, icon and (macOS menu bar) title follow the number of monitors down. */
  setDown(count: number): void;
  destroy(): void;
}

export interface TrayActions {
  show(): void;
  /** Pauses (true) or resumes (false) every monitor; resolves to whether all are now paused. */
  pauseAll(paused: boolean): Promise<boolean>;
  /** Snoozes alerts of every monitor for this many minutes. */
  snoozeAll(minutes: number): Promise<void>;
  quit(): void;
}

/**
 * The on-call console keeps watching with its window closed: the tray shows how many monitors are
 * down and offers what an operator reaches for without opening the window. Returns undefined where
 * the desktop has no tray, in which case closing the window quits as before.
 */
export function createStatusTray(actions: TrayActions): StatusTray | undefined {
  let tray: Tray;
  try {
    tray = new Tray(nativeImage.createFromDataURL(`data:image/png;base64,${ICON_OK}`));
  } catch {
    return undefined;
  }
  let paused = false;
  const menu = () =>
    Menu.buildFromTemplate([
      { label: 'Open Lookout', click: actions.show },
      { type: 'separator' },
      {
        label: paused ? 'Resume all monitors' : 'Pause all monitors',
        click: () => {
          void actions.pauseAll(!paused).then((now) => {
            paused = now;
            tray.setContextMenu(menu());
          });
        },
      },
      { label: 'Snooze alerts for 1 hour', click: () => void actions.snoozeAll(60) },
      { type: 'separator' },
      { label: 'Quit Lookout', click: actions.quit },
    ]);
  tray.setContextMenu(menu());
  tray.on('click', actions.show);
  tray.setToolTip('Lookout: nothing down');
  return {
    setDown(count) {
      tray.setToolTip(count > 0 ? `Lookout: ${count} monitor${count === 1 ? '' : 's'} down` : 'Lookout: nothing down');
      tray.setImage(nativeImage.createFromDataURL(`data:image/png;base64,${count > 0 ? ICON_DOWN : ICON_OK}`));
      tray.setTitle(count > 0 ? String(count) : '');
    },
    destroy: () => tray.destroy(),
  };
}
