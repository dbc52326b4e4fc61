import type { DemoFaultName } from '../../../shared/demo';
import type { Fault, Platform, Target } from './platform';

/** The web page answers this late under `slowWebPage`: past the 3 s response-time threshold. */
export const SLOW_WEB_PAGE_MS = 3500;
/** Segments are 2 s long on the demo platform; this makes each one arrive late. */
export const SLOW_SEGMENT_MS = 3000;

/** Each named fault as the platform's per-target switches. */
const EFFECTS: Record<DemoFaultName, { target: Target | 'all'; fault: Fault }> = {
  stallStream: { target: 'hls', fault: { stallPlaylist: true } },
  slowSegments: { target: 'hls', fault: { slowSegmentMs: SLOW_SEGMENT_MS } },
  submissionsFail: { target: 'api', fault: { submitStatus: 500 } },
  submissionsVanish: { target: 'api', fault: { dropSubmissions: true } },
  slowWebPage: { target: 'web', fault: { slowPageMs: SLOW_WEB_PAGE_MS } },
  refuseConnections: { target: 'all', fault: { refuse: true } },
};

const TARGETS: readonly Target[] = ['web', 'api', 'hls'];

/**
 * Applies the set of active named faults to the platform: each target gets the merge of the
 * faults that touch it, so turning one off leaves the others in place.
 */
export function applyDemoFaults(platform: Platform, active: ReadonlySet<DemoFaultName>): void {
  for (const target of TARGETS) {
    let merged: Fault = {};
    for (const name of active) {
      const e = EFFECTS[name];
      if (e.target === target || e.target === 'all') merged = { ...merged, ...e.fault };
    }
    platform.setFault(target, merged);
  }
}
