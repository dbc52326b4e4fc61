/**
 * Looks for keywords in a body that arrives in chunks, on the raw UTF-8 bytes: no string is built
 * and only a tail shorter than the longest keyword is kept, so a keyword probe never holds the
 * body in memory however large the cap.
 */
export interface KeywordScanner {
  push(chunk: Buffer): void;
  found(keyword: string): boolean;
}

export function createKeywordScanner(keywords: readonly string[]): KeywordScanner {
  const pending = new Map(keywords.filter((k) => k !== '').map((k) => [k, Buffer.from(k, 'utf8')]));
  const seen = new Set<string>();
  const keep = Math.max(0, ...[...pending.values()].map((b) => b.length - 1));
  let tail = Buffer.alloc(0);
  return {
    push(chunk) {
      if (pending.size === 0) return;
      // Matches that straddle the previous chunk: tail plus just enough of this one.
      const seam = tail.length ? Buffer.concat([tail, chunk.subarray(0, keep)]) : null;
      for (const [k, bytes] of pending) {
        if (chunk.includes(bytes) || (seam !== null && seam.includes(bytes))) {
          seen.add(k);
          pending.delete(k);
        }
      }
      if (keep === 0) return;
      tail =
        chunk.length >= keep
          ? Buffer.from(chunk.subarray(chunk.length - keep))
          : Buffer.concat([tail, chunk]).subarray(-keep);
    },
    found: (k) => k === '' || seen.has(k),
  };
}
