import { describe, expect, it } from 'vitest';
import { createProbeMemories, type ProbeMemoryPersistence } from '../../electron/core/probes/memory';

function persistence(rows: { monitorId: number; key: string; value: unknown }[], failSave = false) {
  const saved: [number, string, unknown][] = [];
  const kept: number[][] = [];
  const p: ProbeMemoryPersistence = {
    all: () => rows,
    save(id, key, value) {
      if (failSave) throw new Error('SQLITE_FULL: database or disk is full');
      saved.push([id, key, value]);
    },
    retainOnly: (ids) => void kept.push([...ids]),
  };
  return { p, saved, kept };
}

describe('probe memories with persistence', () => {
  it('start from what was saved, save what is set, and forget removed monitors in the store too', () => {
    const { p, saved, kept } = persistence([{ monitorId: 3, key: 'hls.sequences', value: { a: 1 } }]);
    const memories = createProbeMemories(p, () => 123);
    expect(memories.for(3).get('hls.sequences')).toEqual({ a: 1 });
    memories.for(4).set('hls.sequences', { b: 2 });
    expect(memories.for(4).get('hls.sequences')).toEqual({ b: 2 });
    expect(saved).toEqual([[4, 'hls.sequences', { b: 2 }]]);
    memories.retain([4]);
    expect(memories.for(3).get('hls.sequences')).toBeUndefined();
    expect(kept).toEqual([[4]]);
  });

  it('a failing save (disk full, store closing) never fails the probe; the value is kept in memory', () => {
    const { p } = persistence([], true);
    const memories = createProbeMemories(p);
    expect(() => memories.for(1).set('k', 5)).not.toThrow();
    expect(memories.for(1).get('k')).toBe(5);
  });
});
