import type { MonitorDraftInput } from '../../../shared/monitor';
import type { Platform } from './platform';

/**
 * The demo workspace: one monitor per critical path of the demo platform, each of the kind an
 * operator would really use, with short intervals so a newcomer sees charts move within a minute.
 */
export function demoMonitors(p: Platform): MonitorDraftInput[] {
  return [
    {
      name: 'Live stream',
      group: 'Live streaming',
      intervalSec: 10,
      kind: 'hls',
      config: { url: p.urls.hlsMaster, variants: 'all' },
    },
    {
      name: 'Task submission',
      group: 'Task submissions',
      intervalSec: 15,
      kind: 'submit',
      config: {
        steps: [
          { name: 'Get a token', method: 'GET', url: p.urls.token, capture: { token: '$.token' } },
          {
            name: 'Submit a task',
            method: 'POST',
            url: p.urls.submit,
            headers: { authorization: 'Bearer {{token}}', 'content-type': 'application/json' },
            body: '{"task":"lookout-probe","ref":"{{$uuid}}"}',
            expectStatus: [[202, 202]],
            capture: { id: '$.id' },
          },
          {
            name: 'Submission visible',
            method: 'GET',
            url: `${p.urls.submit}/{{id}}`,
            poll: { timeoutMs: 5000, intervalMs: 100 },
          },
        ],
      },
    },
    {
      name: 'Web — home page',
      group: 'Web',
      intervalSec: 10,
      kind: 'http',
      config: { url: p.urls.web, keyword: 'Demo platform' },
    },
    {
      name: 'Platform health',
      group: 'Infrastructure',
      intervalSec: 10,
      kind: 'http',
      config: { url: p.urls.health, jsonAssert: '$.queue.depth < 100' },
    },
  ];
}
