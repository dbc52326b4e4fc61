import { formatElapsed } from '../../lib/format';

/** "45 s", "1 min 50 s", "3 h 05 min", "2 d 4 h" (renderer/lib/format.ts, one function). */
export const formatDuration = formatElapsed;
