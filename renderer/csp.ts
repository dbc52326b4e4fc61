import { z } from 'zod';

// CSP forbids eval (script-src 'self'). Zod probes `new Function('')` to decide whether it may
// JIT-compile object parsers; the probe is caught but Chromium still reports a CSP violation.
// Imported first by main.tsx, so it runs before any schema is used.
z.config({ jitless: true });
