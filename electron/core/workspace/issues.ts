/**
 * A problem in a workspace file, where it is (1-based line and column) and which field
 * (`monitors.2.config.url`). Every check reports all it finds; nothing stops at the first.
 */
export interface FileIssue {
  line: number;
  col: number;
  /** Dotted path of the field; '' for the file as a whole. */
  path: string;
  message: string;
}

/** `FILE:LINE:COL: path.to.field: message`, the form editors and CI annotate from. */
export function formatIssue(file: string, i: FileIssue): string {
  return `${file}:${i.line}:${i.col}: ${i.path || '(file)'}: ${i.message}`;
}

export function sortIssues(issues: FileIssue[]): FileIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.col - b.col || a.path.localeCompare(b.path));
}

/** The closest known name, if close enough to be the one meant ("did you mean"). */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
