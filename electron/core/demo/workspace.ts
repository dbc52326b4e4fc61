import type { MonitorDraftInput } from '../../../shared/monitor';
import type { Platform } from './platform';

/**
 * The demo workspace: monitors on the demo platform's critical paths, with short intervals so a
 * newcomer sees charts move within a minute.
 */
export function demoMonitors(p: Platform): MonitorDraftInput[] {
  const http = (name: string, group: string, url: string, keyword?: string): MonitorDraftInput => ({
    name,
    group,
    intervalSec: 10,
    kind: 'http',
    config: keyword ? { url, keyword } : { url },
  });
  return [
    http('Live stream — master playlist', 'Live streaming', p.urls.hlsMaster, '#EXT-X-STREAM-INF'),
    http('Live stream — 720p playlist', 'Live streaming', p.urls.hlsMedia('high'), '#EXTINF'),
    http('Task submissions — token', 'Task submissions', p.urls.token, 'token'),
    http('Web — home page', 'Web', p.urls.web, 'Demo platform'),
    http('Platform health', 'Infrastructure', p.urls.health, '"ok":true'),
  ];
}
