// Part of the Electron test double (../electron-double.ts): `Notification`, `Menu`, `Tray`.
import { EventEmitter } from './emitter';

export type MenuTemplate = {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuTemplate;
}[];

export function createUi(state: { applicationMenu: undefined | { items: MenuTemplate } }) {
  class DoubleNotification extends EventEmitter {
    static instances: DoubleNotification[] = [];
    /** The double's own: 'double:shown' (with the notification) on each show(), so tests need not poll. */
    static readonly events = new EventEmitter();
    static isSupported() {
      return true;
    }
    readonly options: { title?: string; body?: string; silent?: boolean };
    shown = false;
    constructor(options: DoubleNotification['options']) {
      super();
      this.options = options;
      DoubleNotification.instances.push(this);
    }
    show() {
      this.shown = true;
      DoubleNotification.events.emit('double:shown', this);
    }
    close() {
      this.emit('close');
    }
    /** Helper: the operator clicks the notification. */
    click() {
      this.emit('click');
    }
  }

  const Menu = {
    buildFromTemplate: (items: MenuTemplate) => ({ items }),
    setApplicationMenu(m: { items: MenuTemplate } | null) {
      state.applicationMenu = m ?? undefined;
    },
  };

  class DoubleTray extends EventEmitter {
    static instances: DoubleTray[] = [];
    image: { dataUrl: string };
    tooltip = '';
    title = '';
    menu: { items: MenuTemplate } | undefined;
    destroyed = false;
    constructor(image: { dataUrl: string }) {
      super();
      this.image = image;
      DoubleTray.instances.push(this);
    }
    // Each setter also emits the double's own 'double:changed' (Electron has none), so tests wait
    // on the tray changing instead of polling it.
    setImage(i: { dataUrl: string }) {
      this.image = i;
      this.emit('double:changed');
    }
    setToolTip(t: string) {
      this.tooltip = t;
      this.emit('double:changed');
    }
    setTitle(t: string) {
      this.title = t;
      this.emit('double:changed');
    }
    setContextMenu(m: { items: MenuTemplate }) {
      this.menu = m;
      this.emit('double:changed');
    }
    destroy() {
      this.destroyed = true;
    }
    /** Helper: click the context-menu item with this label. */
    clickItem(label: string) {
      const item = this.menu?.items.find((i) => i.label === label);
      if (!item?.click)
        throw new Error(
          `The tray menu has no item "${label}" (has: ${this.menu?.items
            .map((i) => i.label)
            .filter(Boolean)
            .join(', ')})`,
        );
      item.click();
    }
  }
  return { DoubleNotification, Menu, DoubleTray };
}
