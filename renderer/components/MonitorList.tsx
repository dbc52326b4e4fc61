import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Monitor } from '../../shared/monitor';
import type { ProbeResult } from '../../shared/result';
import { groupMonitors } from '../lib/format';
import { MonitorRow } from './MonitorRow';

/** Above this many monitors only the rows on screen are rendered. */
export const VIRTUALIZE_ABOVE = 100;

interface Props {
  monitors: readonly Monitor[];
  latest: ReadonlyMap<number, ProbeResult>;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

type FlatRow = { kind: 'group'; name: string; count: number } | { kind: 'monitor'; monitor: Monitor };

function groupId(name: string): string {
  return `group-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

export function MonitorList(props: Props) {
  const groups = useMemo(() => groupMonitors(props.monitors), [props.monitors]);
  if (props.monitors.length > VIRTUALIZE_ABOVE) return <VirtualMonitorList {...props} />;
  return (
    <div className="monitor-groups">
      {groups.map((g) => (
        <section key={g.name} className="monitor-group" aria-labelledby={groupId(g.name)}>
          <h3 id={groupId(g.name)} className="monitor-group__title">
            {g.name} <span className="monitor-group__count">({g.monitors.length})</span>
          </h3>
          <ul className="monitor-list">
            {g.monitors.map((m) => (
              <li key={m.id}>
                <MonitorRow
                  monitor={m}
                  result={props.latest.get(m.id)}
                  selected={m.id === props.selectedId}
                  onSelect={props.onSelect}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function VirtualMonitorList({ monitors, latest, selectedId, onSelect }: Props) {
  const rows = useMemo<FlatRow[]>(() => {
    const out: FlatRow[] = [];
    for (const g of groupMonitors(monitors)) {
      out.push({ kind: 'group', name: g.name, count: g.monitors.length });
      for (const m of g.monitors) out.push({ kind: 'monitor', monitor: m });
    }
    return out;
  }, [monitors]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? 36 : 60),
    getItemKey: (i) => {
      const r = rows[i]!;
      return r.kind === 'group' ? `g:${r.name}` : `m:${r.monitor.id}`;
    },
    overscan: 8,
  });

  return (
    <div ref={scrollRef} className="monitor-scroll" tabIndex={-1}>
      <div className="monitor-scroll__inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="monitor-scroll__item"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'group' ? (
                <div role="heading" aria-level={3} className="monitor-group__title">
                  {row.name} <span className="monitor-group__count">({row.count})</span>
                </div>
              ) : (
                <MonitorRow
                  monitor={row.monitor}
                  result={latest.get(row.monitor.id)}
                  selected={row.monitor.id === selectedId}
                  onSelect={onSelect}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
