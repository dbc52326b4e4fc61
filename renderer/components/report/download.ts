import type { ReportFile } from '../../../shared/report';

/** A file the core wrote (text or base64) saved through the browser's download. */
export function download(f: ReportFile): void {
  const bytes =
    f.encoding === 'base64'
      ? Uint8Array.from(atob(f.content), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(f.content);
  const url = URL.createObjectURL(new Blob([bytes], { type: f.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.filename;
  a.click();
  // The browser reads the blob after click() returns; revoking at once would cancel the save.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
