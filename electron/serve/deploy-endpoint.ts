import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatch } from '../core/dispatch';

export const DEPLOY_PATH = '/api/deploys';
const MAX_BODY = 64 * 1024;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `POST /api/deploys` on the serve port: a release pipeline records a deploy marker with the
 * console's token (`Authorization: Bearer …` or `?token=`; never the page's cookie, so another
 * site open in the browser cannot post one). The body is `deploys.record`'s input as JSON and is
 * validated by the same dispatcher as every Api call.
 */
export async function handleDeployPost(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  token: string,
  dispatch: Dispatch,
): Promise<void> {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('token');
  if (!bearer || !sameToken(bearer, token))
    return reply(401, {
      error: { code: 'unauthorized', message: 'Send the console token as Authorization: Bearer TOKEN' },
    });
  if (req.method !== 'POST')
    return reply(405, {
      error: { code: 'invalid_input', message: 'POST a JSON deploy: {"group": "…", "version": "…", "note": "…"}' },
    });
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return reply(415, { error: { code: 'invalid_input', message: 'The body must be application/json' } });
  let raw = '';
  for await (const chunk of req) {
    raw += (chunk as Buffer).toString('utf8');
    if (raw.length > MAX_BODY)
      return reply(413, { error: { code: 'invalid_input', message: `The body is larger than ${MAX_BODY} bytes` } });
  }
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch (err) {
    return reply(400, { error: { code: 'invalid_input', message: `The body is not JSON: ${(err as Error).message}` } });
  }
  const out = await dispatch(
    'deploys.record',
    input && typeof input === 'object' ? { ...input, source: 'http' } : input,
  );
  if (out.ok) return reply(201, out.result);
  return reply(out.error.code === 'invalid_input' ? 400 : out.error.code === 'read_only' ? 409 : 500, {
    error: out.error,
  });
}
