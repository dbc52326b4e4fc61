// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ResultBreakdown } from '../../../renderer/components/ResultBreakdown';
import { HlsFields } from '../../../renderer/components/kinds/hls/Fields';
import { Monitor } from '../../../shared/monitor';
import { HlsConfig } from '../../../shared/probes/hls';
import type { ProbeResult } from '../../../shared/result';

afterEach(cleanup);

const monitor = Monitor.parse({
  id: 1,
  createdAt: 0,
  name: 'Live',
  group: 'Live streaming',
  kind: 'hls',
  config: { url: 'https://cdn.test/live/master.m3u8' },
});

function result(ts: number, liveDelayMs: number | undefined, status: ProbeResult['status'] = 'up'): ProbeResult {
  return {
    monitorId: 1,
    ts,
    status,
    latencyMs: 80,
    inMaintenance: false,
    details:
      liveDelayMs === undefined ? { mediaSequence: 5 } : { mediaSequence: 5, liveDelayMs, liveDelayLimitMs: 30_000 },
  };
}

describe('HLS result breakdown: live-edge delay', () => {
  it('shows the newest delay against its threshold and charts the recent probes', () => {
    // Newest first, as the Monitor page passes them.
    render(
      <ResultBreakdown
        monitor={monitor}
        results={[result(3000, 38_000, 'degraded'), result(2000, 21_000), result(1000, 9_000)]}
      />,
    );
    const figure = screen.getByText('38 s, threshold 30 s');
    expect(figure.className).toContain('tag--bad');
    const chart = screen.getByRole('img', {
      name: /Live-edge delay 38 s, threshold 30 s; last 3 checks: 9 s, 21 s, 38 s/,
    });
    expect(chart.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(3);
  });

  it('reads a stored result key by key: a value that does not fit its schema is left out, the rest is shown', () => {
    // As a row from an older build or a hand-edited file could hold it.
    const stored: ProbeResult = {
      ...result(1000, 12_000),
      details: { mediaSequence: 'five', liveDelayMs: 12_000, liveDelayLimitMs: 30_000, variantCount: 3 },
    };
    render(<ResultBreakdown monitor={monitor} results={[stored]} />);
    expect(screen.getByText('12 s, threshold 30 s')).toBeTruthy();
    expect(screen.getByText('Variants').nextElementSibling?.textContent).toBe('3');
    expect(screen.queryByText('Media sequence')).toBeNull();
  });

  it('says nothing about delay for a stream without PROGRAM-DATE-TIME', () => {
    render(<ResultBreakdown monitor={monitor} results={[result(1000, undefined)]} />);
    expect(screen.queryByText('Behind live')).toBeNull();
  });
});

describe('HlsFields: the rest of a stream', () => {
  it('opts out of renditions and keys and sets the live-delay threshold, as the contract accepts', () => {
    const latest = { config: {} as Record<string, unknown> };
    function Host() {
      const [config, setConfig] = useState<Record<string, unknown>>({ url: 'https://cdn.test/live/master.m3u8' });
      latest.config = config;
      return <HlsFields {...{ config, onChange: setConfig, errors: {}, idPrefix: 't' }} />;
    }
    render(<Host />);
    fireEvent.click(screen.getByLabelText(/audio and subtitle renditions/));
    fireEvent.click(screen.getByLabelText(/encryption keys/));
    fireEvent.change(screen.getByLabelText('Behind live above (s)'), { target: { value: '45' } });
    expect(HlsConfig.parse(latest.config)).toMatchObject({
      checkRenditions: false,
      checkKeys: false,
      maxLiveDelaySec: 45,
    });
  });
});

describe('HLS result breakdown: what the probe saw of the stream', () => {
  it('lists the variants and renditions checked, the sequences, and the worst segment’s size and bitrate', () => {
    const r: ProbeResult = {
      monitorId: 1,
      ts: 1000,
      status: 'up',
      latencyMs: 80,
      inMaintenance: false,
      details: {
        variantCount: 3,
        variantsChecked: ['1080p', '720p', '360p'],
        renditionsChecked: ['audio: English'],
        mediaSequence: 1042,
        discontinuitySequence: 2,
        segmentMs: 300,
        segmentDurationMs: 6000,
        segmentBytes: 3_145_728,
        bitrateKbps: 4194,
        declaredKbps: 5000,
      },
    };
    render(<ResultBreakdown monitor={monitor} results={[r]} />);
    const fact = (term: string) => screen.getByText(term).nextElementSibling?.textContent;
    expect(fact('Variants')).toBe('3 · checked 1080p, 720p, 360p');
    expect(fact('Renditions')).toBe('audio: English');
    expect(fact('Media sequence')).toBe('1042 · discontinuity 2');
    expect(fact('Segment size')).toBe('3.00 MiB · 4.2 Mbit/s (declared 5.0 Mbit/s)');
  });
});
