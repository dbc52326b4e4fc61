import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/**
 * The window's size and position from the last run. A position that is no longer on any display
 * (the laptop left its external monitor at the office) keeps the size but lets the OS place it.
 */
export function loadBounds(file: string, workAreas: Rectangle[]): WindowBounds | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const r = raw as Partial<Record<keyof WindowBounds, unknown>>;
  const int = (v: unknown, min: number) => (Number.isInteger(v) && (v as number) >= min ? (v as number) : undefined);
  const width = int(r.width, 400);
  const height = int(r.height, 300);
  if (width === undefined || height === undefined) return undefined;
  const x = Number.isInteger(r.x) ? (r.x as number) : undefined;
  const y = Number.isInteger(r.y) ? (r.y as number) : undefined;
  const visible =
    x !== undefined &&
    y !== undefined &&
    workAreas.some((a) => x + 100 <= a.x + a.width && x + width - 100 >= a.x && y >= a.y && y + 40 <= a.y + a.height);
  return { width, height, maximized: r.maximized === true, ...(visible ? { x, y } : {}) };
}

/** Saves the bounds when the window is moved, resized or closed (debounced; written atomically). */
export function trackBounds(win: BrowserWindow, file: string): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed()) return;
    const maximized = win.isMaximized();
    const b = maximized ? win.getNormalBounds() : win.getBounds();
    const state: WindowBounds = { x: b.x, y: b.y, width: b.width, height: b.height, maximized };
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(state));
      renameSync(`${file}.tmp`, file);
    } catch {
      // A read-only profile folder: the window simply opens at its default size next time.
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', save);
}
