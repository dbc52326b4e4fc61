import type { SourceContext, SourceKind } from '../../../shared/drafts';

/** Facts a template is test-rendered against before it is saved (and shown when no source is chosen). */
export const SAMPLE_CONTEXTS: {
  window: Extract<SourceContext, { kind: 'window' }>;
  incident: Extract<SourceContext, { kind: 'incident' }>;
} & Record<SourceKind, SourceContext> = {
  window: {
    kind: 'window',
    window: {
      title: 'Database upgrade',
      description: 'The primary database moves to new hardware.',
      // Sunday 5 July 2026 02:00 SAST
      start: Date.UTC(2026, 6, 5, 0, 0),
      end: Date.UTC(2026, 6, 5, 2, 0),
      durationMin: 120,
      zone: 'Africa/Johannesburg',
      recurrenceText: '',
      services: ['Live streaming', 'Task submissions'],
      monitors: ['Stream ingest', 'Submit API'],
    },
  },
  incident: {
    kind: 'incident',
    incident: {
      monitor: 'Submit API',
      services: ['Task submissions'],
      start: Date.UTC(2026, 6, 5, 9, 12),
      durationMs: 47 * 60_000,
      firstError: 'Connection refused',
      lastError: 'HTTP 503',
      uptime: 99.2,
      state: 'down',
    },
  },
};
