import { DeliveryError, type Delivered } from './delivery-error';

/** One recipient's outcome within one attempt. */
export interface RecipientResult {
  recipient: string;
  ok: boolean;
  answer: string;
  code: string | null;
}

export interface EachContext {
  /** Reached by an earlier attempt of the same message: not sent again. */
  delivered?: ReadonlySet<string> | undefined;
  onRecipient?: ((r: RecipientResult) => void) | undefined;
  signal?: AbortSignal | undefined;
}

function asDeliveryError(err: unknown): DeliveryError {
  return err instanceof DeliveryError
    ? err
    : new DeliveryError('send_failed', err instanceof Error ? err.message : String(err));
}

/**
 * Sends one message to each recipient apart (a gateway takes one number per request). Those an
 * earlier attempt reached are skipped; every owed recipient is tried even when one fails, so one
 * bad number does not hold the others back. The attempt fails if any recipient did, naming each,
 * and is retryable if any of those failures is: the retry is owed only to them.
 */
export async function sendToEach(
  recipients: readonly string[],
  ctx: EachContext,
  one: (to: string) => Promise<Delivered>,
): Promise<Delivered> {
  const had = recipients.filter((r) => ctx.delivered?.has(r));
  const owed = recipients.filter((r) => !ctx.delivered?.has(r));
  const reached: string[] = [];
  const answers: string[] = [];
  const failed: { to: string; e: DeliveryError }[] = [];
  for (const to of owed) {
    try {
      const d = await one(to);
      reached.push(to);
      answers.push(`${to}: ${d.answer}`);
      ctx.onRecipient?.({ recipient: to, ok: true, answer: d.answer, code: null });
    } catch (err) {
      const e = asDeliveryError(err);
      // The session is closing: the message is sent again after the restart, from this recipient on.
      if (ctx.signal?.aborted) throw e;
      failed.push({ to, e });
      ctx.onRecipient?.({ recipient: to, ok: false, answer: e.message, code: e.code });
    }
  }
  const earlier = had.length > 0 ? ` (${had.join(', ')} had it already)` : '';
  const first = failed[0];
  if (!first) {
    if (answers.length === 0) return { answer: `Already delivered to ${had.join(', ')}` };
    return { answer: `${answers.join('; ')}${earlier}` };
  }
  const also = reached.length > 0 ? `; delivered to ${reached.join(', ')}` : '';
  throw new DeliveryError(
    first.e.code,
    `${failed.map((f) => `${f.to}: ${f.e.message}`).join('; ')}${also}${earlier}`,
    failed.some((f) => f.e.retryable),
  );
}
