import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import { COMMON_ORDER, placeIssues, type CommonField, type PlacedIssues } from './values';

/**
 * The monitor form's issues from the contract, and focus on the first field named: a monitor
 * field at once, a kind's field after the render that shows its error.
 */
export function useFormIssues() {
  const [placed, setPlaced] = useState<PlacedIssues>({ common: {}, config: {}, rest: [] });
  const refs = useRef<Partial<Record<CommonField, HTMLInputElement | HTMLSelectElement | null>>>({});
  const kindRef = useRef<HTMLDivElement>(null);
  const [focusConfig, setFocusConfig] = useState(0);
  useEffect(() => {
    if (focusConfig > 0) kindRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusConfig]);

  return {
    fieldErrors: placed.common,
    configErrors: placed.config,
    formErrors: placed.rest,
    refs,
    kindRef,
    show(err: ApiError) {
      const next = placeIssues(err);
      setPlaced(next);
      const first = COMMON_ORDER.find((f) => next.common[f]);
      if (first) refs.current[first]?.focus();
      else if (Object.keys(next.config).length) setFocusConfig((n) => n + 1);
    },
    clear: () => setPlaced({ common: {}, config: {}, rest: [] }),
  };
}
