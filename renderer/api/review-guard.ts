import { MUTATING_METHODS, type AppInfo, type Input, type MethodName, type Output } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { ClientTransport } from './connection';

/** What a control that would change the database says in review mode, and what a refused call answers. */
export const REVIEW_READ_ONLY = 'Review mode: this database is open read-only';

/** The cache key of `app.info`, whose `readOnly` is the renderer's one answer to "are we reviewing?". */
export const APP_INFO_KEY = ['app.info', {}] as const;

export function isReadOnly(info: AppInfo | undefined): boolean {
  return info?.readOnly === true;
}

export function reviewRefusal(method: MethodName): ApiError {
  return new ApiError('read_only', `${REVIEW_READ_ONLY} (${method} changes it).`);
}

/**
 * The transport every view calls through: in review mode a method the contract marks `mutates`
 * fails here, with the message the disabled controls show, instead of a round trip to the
 * dispatcher's own refusal. Until `app.info` has answered, calls go through and the dispatcher
 * decides. `onRefused` is told of each call refused here (tests, diagnostics).
 */
export function guardReview(
  transport: ClientTransport,
  readOnly: () => boolean,
  onRefused?: (method: MethodName) => void,
): ClientTransport {
  const guarded: ClientTransport = {
    invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
      if (MUTATING_METHODS.has(method) && readOnly()) {
        onRefused?.(method);
        return Promise.reject(reviewRefusal(method));
      }
      return transport.invoke(method, input);
    },
    on: (event, listener) => transport.on(event, listener),
  };
  // Delegate, not copy: a transport may be a class instance whose methods live on its prototype.
  const { getConnection, onConnectionChange } = transport;
  if (getConnection && onConnectionChange) {
    guarded.getConnection = () => getConnection.call(transport);
    guarded.onConnectionChange = (listener) => onConnectionChange.call(transport, listener);
  }
  return guarded;
}
