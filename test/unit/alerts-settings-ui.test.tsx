// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AlertRules, ChannelDraft, type AlertChannel } from '../../shared/channels';
import { ApiError } from '../../shared/errors';
import { TransportProvider } from '../../renderer/api/context';
import { ChannelsSettings } from '../../renderer/components/alerts/ChannelsSettings';
import { FakeTransport } from './renderer/fake-transport';

afterEach(cleanup);

const email: AlertChannel = {
  ...ChannelDraft.parse({
    kind: 'email',
    name: 'On-call email',
    config: { host: 'smtp.example.com', from: 'l@example.com', to: ['o@example.com'], password: '••••••••' },
  }),
  id: 3,
  createdAt: 0,
  updatedAt: 0,
};

describe('Settings → Alert channels and rules (the renderer side; the contract is the fake)', () => {
  it('a route is saved with its kinds, channels and escalation tier; a path error shows at its place', async () => {
    let saved: unknown;
    const t = new FakeTransport({
      'channels.list': () => [email],
      'alerts.rules': () => AlertRules.parse({}),
      'monitors.list': () => [],
      'alerts.setRules': (input) => {
        saved = input;
        const r = input as AlertRules;
        if (r.routes[0]?.escalation[0]?.channelIds.length === 0)
          throw new ApiError('invalid_input', 'Invalid', [
            { path: 'routes.0.escalation.0.channelIds', message: 'Choose at least one channel' },
          ]);
        return r;
      },
    });
    render(
      <TransportProvider transport={t}>
        <ChannelsSettings />
      </TransportProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Add a route' }));
    const route = screen.getByRole('group', { name: 'Route Route 1' });
    fireEvent.click(within(within(route).getByRole('group', { name: 'Send to' })).getByLabelText('On-call email'));
    fireEvent.click(within(route).getByRole('button', { name: 'Add escalation tier' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save alert rules' }));
    expect(await screen.findByText('Choose at least one channel')).toBeTruthy();
    fireEvent.click(within(within(route).getByRole('group', { name: 'Tier 1: tell' })).getByLabelText('On-call email'));
    fireEvent.click(screen.getByRole('button', { name: 'Save alert rules' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Alert rules saved'));
    expect(saved).toMatchObject({
      routes: [
        {
          name: 'Route 1',
          kinds: ['down', 'recovered', 'still_down'],
          channelIds: [3],
          escalation: [{ afterMinutes: 15, channelIds: [3] }],
        },
      ],
    });
  });

  it('the two "Add … rule" buttons save an error-rate and a latency rule with their starting values, each its own', async () => {
    let saved: AlertRules | undefined;
    const t = new FakeTransport({
      'channels.list': () => [email],
      'alerts.rules': () => AlertRules.parse({}),
      'monitors.list': () => [],
      'alerts.setRules': (input) => (saved = input as AlertRules),
    });
    render(
      <TransportProvider transport={t}>
        <ChannelsSettings />
      </TransportProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Add error-rate rule' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add latency rule' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add error-rate rule' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save alert rules' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Alert rules saved'));
    expect(saved?.rates).toEqual([
      {
        kind: 'error_rate',
        name: 'High error rate',
        scope: { groups: [], monitorIds: [] },
        percent: 20,
        windowMinutes: 15,
        minProbes: 5,
        per: 'monitor',
      },
      {
        kind: 'latency',
        name: 'Slow (p95 over 3 s)',
        scope: { groups: [], monitorIds: [] },
        p95Ms: 3000,
        forMinutes: 5,
      },
      {
        kind: 'error_rate',
        name: 'High error rate',
        scope: { groups: [], monitorIds: [] },
        percent: 20,
        windowMinutes: 15,
        minProbes: 5,
        per: 'monitor',
      },
    ]);
    expect(saved!.rates[0]!.scope).not.toBe(saved!.rates[2]!.scope);
  });

  it('Send test shows the exact error; a masked secret is sent back as the mask (the core keeps the stored value)', async () => {
    const calls: unknown[] = [];
    const t = new FakeTransport({
      'channels.list': () => [email],
      'alerts.rules': () => AlertRules.parse({}),
      'monitors.list': () => [],
      'channels.test': (input) => {
        calls.push(input);
        return {
          ok: false,
          answer: 'SMTP smtp.example.com:587: Invalid login: 535 5.7.8 Authentication failed',
          code: 'smtp_auth',
          ms: 41,
        };
      },
    });
    render(
      <TransportProvider transport={t}>
        <ChannelsSettings />
      </TransportProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send test' }));
    expect((await screen.findByTestId('channel-test-result')).textContent).toContain(
      'Failed (smtp_auth): SMTP smtp.example.com:587: Invalid login: 535 5.7.8 Authentication failed',
    );
    expect(calls[0]).toMatchObject({
      id: 3,
      channel: { kind: 'email', config: { password: '••••••••', host: 'smtp.example.com' } },
    });
  });
});
