import { useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DashboardItem, ItemGroup } from '../lib/dashboard';
import { MonitorRow } from './MonitorRow';
import { MonitorRowMenu } from './MonitorRowMenu';
import { VantageNote } from './vantage/VantageNote';
import type { MonitorVantages } from '../../shared/vantage';

/** Above this many monitors only the rows on screen are rendered. */
export const VIRTUALIZE_ABOVE = 100;

interface Props {
  groups: readonly ItemGroup[];
  selectedId: number | null;
  onOpen: (id: number) => void;
  /** Review mode: no row menu (nothing can be paused). */
  readOnly?: boolean;
  /** Cross-vantage views of monitors read from Prometheus ("down in eu-west only"). */
  vantages?: ReadonlyMap<number, MonitorVantages>;
}

function Row({
  item,
  selected,
  onOpen,
  readOnly,
  vantage,
}: {
  item: DashboardItem;
  selected: boolean;
  onOpen: (id: number) => void;
  readOnly: boolean | undefined;
  vantage?: MonitorVantages | undefined;
}) {
  return (
    <div className="monitor-row-wrap">
      <MonitorRow item={item} selected={selected} onOpen={onOpen} />
      {!readOnly && <MonitorRowMenu monitor={item.monitor} />}
      <VantageNote view={vantage} latestCode={item.latest?.errorCode} />
    </div>
  );
}

type FlatRow = { kind: 'group'; group: ItemGroup } | { kind: 'monitor'; item: DashboardItem };

function groupId(name: string): string {
  return `group-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

function GroupTitle({ group, asHeading }: { group: ItemGroup; asHeading?: boolean }) {
  const content = (
    <>
      {group.name} <span className="monitor-group__count">({group.items.length})</span>
      {group.down > 0 && <span className="monitor-group__down"> · {group.down} down</span>}
    </>
  );
  return asHeading ? (
    <h3 id={groupId(group.name)} className="monitor-group__title">
      {content}
    </h3>
  ) : (
    <div role="heading" aria-level={3} className="monitor-group__title">
      {content}
    </div>
  );
}

export function MonitorList(props: Props) {
  const count = props.groups.reduce((n, g) => n + g.items.length, 0);
  if (count > VIRTUALIZE_ABOVE) return <VirtualMonitorList {...props} />;
  return (
    <div className="monitor-groups">
      {props.groups.map((g) => (
        <section key={g.name} className="monitor-group" aria-labelledby={groupId(g.name)}>
          <GroupTitle group={g} asHeading />
          <ul className="monitor-list">
            {g.items.map((i) => (
              <li key={i.monitor.id}>
                <Row
                  item={i}
                  selected={i.monitor.id === props.selectedId}
                  onOpen={props.onOpen}
                  readOnly={props.readOnly}
                  vantage={props.vantages?.get(i.monitor.id)}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function VirtualMonitorList({ groups, selectedId, onOpen, readOnly, vantages }: Props) {
  const rows = useMemo<FlatRow[]>(() => {
    const out: FlatRow[] = [];
    for (const g of groups) {
      out.push({ kind: 'group', group: g });
      for (const item of g.items) out.push({ kind: 'monitor', item });
    }
    return out;
  }, [groups]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? 36 : 64),
    getItemKey: (i) => {
      const r = rows[i]!;
      return r.kind === 'group' ? `g:${r.group.name}` : `m:${r.item.monitor.id}`;
    },
    overscan: 8,
  });

  // Keyboard selection (j / k) scrolls the selected row into view.
  useEffect(() => {
    if (selectedId === null) return;
    const index = rows.findIndex((r) => r.kind === 'monitor' && r.item.monitor.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, rows, virtualizer]);

  return (
    <div ref={scrollRef} className="monitor-scroll" tabIndex={-1}>
      <div className="monitor-scroll__inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index]!;
          return (
            <div
              key={v.key}
              ref={virtualizer.measureElement}
              data-index={v.index}
              className="monitor-scroll__item"
              style={{ transform: `translateY(${v.start}px)` }}
            >
              {row.kind === 'group' ? (
                <GroupTitle group={row.group} />
              ) : (
                <Row
                  item={row.item}
                  selected={row.item.monitor.id === selectedId}
                  onOpen={onOpen}
                  readOnly={readOnly}
                  vantage={vantages?.get(row.item.monitor.id)}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
