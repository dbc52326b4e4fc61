// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ResultBreakdown } from '../../../renderer/components/ResultBreakdown';
import { Monitor } from '../../../shared/monitor';
import type { ProbeResult } from '../../../shared/result';

afterEach(cleanup);

const monitor = Monitor.parse({
  id: 2,
  createdAt: 0,
  name: 'Submissions',
  group: 'Task submissions',
  kind: 'submit',
  config: {
    steps: [
      { method: 'POST', url: 'http://127.0.0.1:9/login' },
      { method: 'POST', url: 'http://127.0.0.1:9/tasks' },
      { method: 'GET', url: 'http://127.0.0.1:9/tasks/1' },
    ],
  },
});

const result = (details: ProbeResult['details']): ProbeResult => ({
  monitorId: 2,
  ts: 1000,
  status: 'down',
  latencyMs: 900,
  inMaintenance: false,
  details,
});

const rows = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.children].map((c) => c.textContent));

describe('task submission breakdown: time per step of the newest run', () => {
  it('lists every step, with the steps the run never reached said so', () => {
    render(
      <ResultBreakdown
        monitor={monitor}
        results={[result({ steps: ['login', 'submit', 'poll'], stepMs: [120, 640], stepStatus: [200, 503] })]}
      />,
    );
    expect(rows()).toEqual([
      ['login', '120 ms', '200'],
      ['submit', '640 ms', '503'],
      ['poll', 'not reached', '—'],
    ]);
  });

  it('leaves out a stored value that does not fit its schema instead of showing it or failing', () => {
    // stepMs as an older build or a hand-edited file might hold it: not a list of numbers.
    render(
      <ResultBreakdown monitor={monitor} results={[result({ steps: ['login'], stepMs: 'fast', stepStatus: [200] })]} />,
    );
    expect(rows()).toEqual([['login', 'not reached', '200']]);
  });
});
