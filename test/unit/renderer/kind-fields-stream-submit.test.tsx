// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { HlsFields } from '../../../renderer/components/kinds/hls/Fields';
import { SubmitFields } from '../../../renderer/components/kinds/submit/Fields';
import type { KindFieldsProps } from '../../../renderer/components/kinds/types';
import { HlsConfig } from '../../../shared/probes/hls';
import { SubmitConfig } from '../../../shared/probes/submit';

afterEach(cleanup);

/** Renders a kind's fields with real state, exposing the latest config the form would send. */
function harness(
  Fields: (p: KindFieldsProps) => React.ReactNode,
  initial: Record<string, unknown>,
  errors: Record<string, string> = {},
) {
  const latest = { config: initial };
  function Host() {
    const [config, setConfig] = useState(initial);
    latest.config = config;
    return <Fields config={config} onChange={setConfig} errors={errors} idPrefix="t" />;
  }
  render(<Host />);
  return latest;
}

describe('SubmitFields', () => {
  it('builds a transaction step by step that the contract accepts', () => {
    const latest = harness(SubmitFields, {});
    fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'http://api.test/token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add capture' }));
    fireEvent.change(screen.getByLabelText('Variable 1'), { target: { value: 'token' } });
    fireEvent.change(screen.getByLabelText('From ($.path or header:name) 1'), { target: { value: '$.token' } });

    fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
    const second = within(screen.getAllByRole('group', { name: /^Step 2/ })[0]!);
    fireEvent.change(second.getByLabelText('URL'), { target: { value: 'http://api.test/submissions' } });
    fireEvent.change(second.getByLabelText('Expected status'), { target: { value: '201,202' } });
    fireEvent.change(second.getByLabelText('Body'), { target: { value: '{"t":"{{token}}"}' } });
    fireEvent.click(second.getByLabelText(/Confirm: repeat this step/));

    const parsed = SubmitConfig.parse(latest.config);
    expect(parsed.steps.map((s) => [s.method, s.url])).toEqual([
      ['GET', 'http://api.test/token'],
      ['POST', 'http://api.test/submissions'],
    ]);
    expect(parsed.steps[0]!.capture).toEqual({ token: '$.token' });
    expect(parsed.steps[1]!.expectStatus).toEqual([
      [201, 201],
      [202, 202],
    ]);
    expect(parsed.steps[1]!.poll).toEqual({ timeoutMs: 10_000, intervalMs: 500 });
  });

  it('reorders and removes steps; a polling step moved up stops polling', () => {
    const latest = harness(SubmitFields, {
      steps: [
        { name: 'A', url: 'http://a.test/' },
        { name: 'B', url: 'http://b.test/', poll: {} },
      ],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Move step 2 up' }));
    expect((latest.config.steps as { name: string; poll?: unknown }[]).map((s) => [s.name, s.poll])).toEqual([
      ['B', undefined],
      ['A', undefined],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove step 1' }));
    expect((latest.config.steps as { name: string }[]).map((s) => s.name)).toEqual(['A']);
  });

  it('shows contract errors at the step field they name', () => {
    harness(
      SubmitFields,
      { steps: [{ url: 'http://a.test/{{x}}' }] },
      { 'steps.0.url': '{{x}} is not captured by an earlier step' },
    );
    const url = screen.getByLabelText('URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('{{x}} is not captured by an earlier step');
  });
});

describe('HlsFields', () => {
  it('edits a stream config the contract accepts, asking for names only when matching', () => {
    const latest = harness(HlsFields, {});
    fireEvent.change(screen.getByLabelText('Master playlist URL'), {
      target: { value: 'https://cdn.test/live/master.m3u8' },
    });
    expect(screen.queryByLabelText('Variant names')).toBeNull();
    fireEvent.change(screen.getByLabelText('Variants to check'), { target: { value: 'match' } });
    fireEvent.change(screen.getByLabelText('Variant names'), { target: { value: '720p, audio' } });
    fireEvent.change(screen.getByLabelText('Stale after (× target duration)'), { target: { value: '4' } });
    fireEvent.click(screen.getByLabelText(/Download the newest segment/));
    const parsed = HlsConfig.parse(latest.config);
    expect(parsed).toMatchObject({
      variants: 'match',
      match: ['720p', 'audio'],
      staleAfterTargetDurations: 4,
      checkSegment: false,
    });
  });
});
