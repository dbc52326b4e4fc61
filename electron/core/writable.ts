import { ApiError } from '../../shared/errors';
import type { Store } from './store';

/** Review mode opens a database read-only: a change is refused with the file it would have touched. */
export function assertWritable(store: Pick<Store, 'readOnly' | 'path'>): void {
  if (store.readOnly)
    throw new ApiError('read_only', `${store.path} is open read-only for review; changes are not allowed`);
}
