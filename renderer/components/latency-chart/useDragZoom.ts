import { useState, type PointerEvent as ReactPointerEvent } from 'react';

export const PLOT_LEFT = 64; // YAxis width + left margin
export const PLOT_RIGHT = 16;

type Range = { from: number; to: number; bucketMs: number };

/**
 * Drag across the chart to zoom into [from, to): times from pointer pixels (the plot spans the
 * chart less the Y axis and the margins). `drag` is the selection to draw while the button is down.
 */
export function useDragZoom(range: Range, onZoom: ((from: number, to: number) => void) | undefined) {
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const timeAt = (e: ReactPointerEvent<HTMLDivElement>): number => {
    const box = e.currentTarget.getBoundingClientRect();
    const width = Math.max(1, box.width - PLOT_LEFT - PLOT_RIGHT);
    const f = Math.min(1, Math.max(0, (e.clientX - box.left - PLOT_LEFT) / width));
    return range.from + f * (range.to - range.from);
  };
  const handlers = {
    onPointerDown: (e: ReactPointerEvent<HTMLDivElement>) => {
      if (onZoom && e.button === 0) {
        const t = timeAt(e);
        setDrag({ a: t, b: t });
      }
    },
    onPointerMove: (e: ReactPointerEvent<HTMLDivElement>) => drag && setDrag({ a: drag.a, b: timeAt(e) }),
    onPointerUp: () => {
      if (drag && onZoom) {
        const [a, b] = drag.a < drag.b ? [drag.a, drag.b] : [drag.b, drag.a];
        // A click or a tiny drag is not a zoom; at least two buckets wide.
        if (b - a > 2 * range.bucketMs && b - a > (range.to - range.from) / 100) onZoom(Math.floor(a), Math.ceil(b));
      }
      setDrag(null);
    },
    onPointerLeave: () => setDrag(null),
  };
  return { drag, handlers };
}
