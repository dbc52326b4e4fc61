// The security policy of the desktop window, kept free of 'electron' so tests and the CSP check read it.

/**
 * The renderer's CSP. The same string is the meta tag in renderer/index.html (a `file://` page may
 * never get a response header) and the header set on every response; test/unit/shell-*.test.ts
 * holds the two equal. No `ws:` here: the desktop page talks over IPC only.
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'none'; worker-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'";

/** The page's own document, with or without a hash route: what it may reload or re-open. */
export function isOwnPage(url: string, rendererUrl: string): boolean {
  return url.split('#')[0] === rendererUrl;
}
