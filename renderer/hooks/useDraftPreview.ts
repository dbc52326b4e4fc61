import { useEffect, useRef, useState } from 'react';
import {
  CHANNEL_PARTS,
  CHANNELS,
  type Channel,
  type ChannelLimits,
  type DraftSource,
  type TemplateIssue,
  type TemplatePart,
  type TemplateParts,
  type TemplateStep,
} from '../../shared/drafts';
import type { ApiError } from '../../shared/errors';
import { useTransport } from '../api/context';
import { asApiError } from './useApiQuery';

export interface PreviewRequest {
  step: TemplateStep;
  source: DraftSource | undefined;
  parts: TemplateParts | undefined;
  audienceZones?: string[];
}

export interface PreviewState {
  /** The last text of each part that rendered; a part with an error keeps its previous text. */
  rendered: Partial<TemplateParts>;
  /** Per channel, from the last render in which that channel had no error. */
  limits: Partial<ChannelLimits>;
  issues: TemplateIssue[];
  error: ApiError | undefined;
  pending: boolean;
}

const DEBOUNCE_MS = 120;

/**
 * Live preview while typing: renders the unsaved text (debounced, superseded answers dropped)
 * and keeps the last good text and limits of any part that currently has an error.
 */
export function useDraftPreview(req: PreviewRequest): PreviewState {
  const transport = useTransport();
  const [state, setState] = useState<PreviewState>({
    rendered: {},
    limits: {},
    issues: [],
    error: undefined,
    pending: false,
  });
  const seq = useRef(0);
  const key = JSON.stringify(req);

  // A different step or source starts from a clean slate: last-good text of another notice would mislead.
  const identity = JSON.stringify([req.step, req.source]);
  const [shownIdentity, setShownIdentity] = useState(identity);
  if (identity !== shownIdentity) {
    setShownIdentity(identity);
    setState({ rendered: {}, limits: {}, issues: [], error: undefined, pending: false });
  }
  // Pending from the moment the text changes until its answer (or error) arrives.
  const [answered, setAnswered] = useState<string | null>(null);

  useEffect(() => {
    // The request is read back from its key, so the effect depends on exactly what it sends.
    const req = JSON.parse(key) as PreviewRequest;
    if (!req.parts) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      const input = {
        step: req.step,
        parts: req.parts,
        ...(req.source ? { source: req.source } : {}),
        ...(req.audienceZones ? { audienceZones: req.audienceZones } : {}),
      };
      transport.invoke('drafts.preview', input).then(
        (out) => {
          if (mine !== seq.current) return;
          setAnswered(key);
          const bad = new Set<TemplatePart>(out.issues.map((i) => i.part));
          setState((s) => {
            const limits: Partial<ChannelLimits> = { ...s.limits };
            for (const c of CHANNELS) {
              if (!CHANNEL_PARTS[c].some((p) => bad.has(p))) setLimit(limits, c, out.limits);
            }
            return {
              rendered: { ...s.rendered, ...out.rendered },
              limits,
              issues: out.issues,
              error: undefined,
              pending: false,
            };
          });
        },
        (err: unknown) => {
          if (mine !== seq.current) return;
          setAnswered(key);
          setState((s) => ({ ...s, error: asApiError(err), pending: false }));
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [transport, key]);

  return { ...state, pending: !!req.parts && answered !== key };
}

function setLimit<C extends Channel>(into: Partial<ChannelLimits>, channel: C, from: ChannelLimits): void {
  into[channel] = from[channel];
}
