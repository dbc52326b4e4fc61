import { useCallback } from 'react';
import type { MethodName } from '../../shared/api';
import { MUTATING_METHODS } from '../../shared/api';
import { isReadOnly, REVIEW_READ_ONLY } from '../api/review-guard';
import { useAppInfo } from './useAppInfo';

/** True while the console has a database open for review (read-only): `app.info`'s `readOnly`. */
export function useReadOnly(): boolean {
  return isReadOnly(useAppInfo().data);
}

/** Props for a control that calls a method: spread them last, they own `disabled` and `title`. */
export interface MethodControlProps {
  'data-mutates'?: MethodName;
  disabled: boolean;
  title: string | undefined;
}

export type MethodControl = (
  method: MethodName,
  own?: { disabled?: boolean | undefined; title?: string | undefined },
) => MethodControlProps;

/**
 * Wires a control to the method it calls: a method the contract marks `mutates` marks the
 * control `data-mutates` and, in review mode, disables it with the reason as its title. The
 * control's own `disabled` (busy, empty field) and `title` are passed in and kept otherwise.
 */
export function useMethodControl(): MethodControl {
  const readOnly = useReadOnly();
  return useCallback(
    (method, own = {}) => {
      const refused = readOnly && MUTATING_METHODS.has(method);
      const props: MethodControlProps = {
        disabled: refused || own.disabled === true,
        title: refused ? REVIEW_READ_ONLY : own.title,
      };
      if (MUTATING_METHODS.has(method)) props['data-mutates'] = method;
      return props;
    },
    [readOnly],
  );
}
