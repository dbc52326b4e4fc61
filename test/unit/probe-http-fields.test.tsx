// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { HttpFields } from '../../renderer/components/kinds/http/Fields';
import { HttpConfig } from '../../shared/probes/http';

afterEach(cleanup);

/** Renders the fields around a real config state and exposes the latest config. */
function setup(initial: Record<string, unknown>, errors: Record<string, string> = {}) {
  const latest: { config: Record<string, unknown> } = { config: initial };
  function Host() {
    const [config, setConfig] = useState(initial);
    return (
      <HttpFields
        config={config}
        errors={errors}
        idPrefix="t"
        onChange={(c) => {
          latest.config = c;
          setConfig(c);
        }}
      />
    );
  }
  render(<Host />);
  return latest;
}

describe('HttpFields', () => {
  it('builds a config the contract accepts: statuses, a secret header and a JSON assertion', () => {
    const latest = setup({ url: 'https://api.example.test/health' });
    fireEvent.change(screen.getByLabelText('Accepted status codes'), { target: { value: '200-299, 304' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    fireEvent.change(screen.getByLabelText('Header 1 name'), { target: { value: 'X-Api-Key' } });
    fireEvent.change(screen.getByLabelText('Header 1 value'), { target: { value: 'k-123' } });
    fireEvent.click(screen.getByLabelText('Secret'));
    fireEvent.change(screen.getByLabelText('JSON assertion'), { target: { value: '$.queue.depth < 100' } });
    fireEvent.change(screen.getByLabelText('Timeout (ms)'), { target: { value: '5000' } });

    const parsed = HttpConfig.parse(latest.config);
    expect(parsed.acceptStatus).toEqual([
      [200, 299],
      [304, 304],
    ]);
    expect(parsed.headers).toEqual({ 'X-Api-Key': 'k-123' });
    expect(parsed.secretHeaders).toEqual(['X-Api-Key']);
    expect(parsed.jsonAssert).toBe('$.queue.depth < 100');
    expect(parsed.timeoutMs).toBe(5000);
    // The secret's value is masked once marked secret.
    expect(screen.getByLabelText<HTMLInputElement>('Header 1 value').type).toBe('password');
  });

  it('shows a stored monitor as the operator typed it and the contract errors at their fields', () => {
    setup(
      {
        url: 'http://a.test/',
        acceptStatus: [
          [200, 299],
          [304, 304],
        ],
        headers: { Authorization: 'Bearer x' },
        secretHeaders: ['Authorization'],
      },
      { jsonAssert: 'Expected an operator at character 9', 'acceptStatus.1': 'Use a status code such as 200' },
    );
    expect(screen.getByLabelText<HTMLInputElement>('Accepted status codes').value).toBe('200-299, 304');
    expect(screen.getByLabelText<HTMLInputElement>('Header 1 name').value).toBe('Authorization');
    expect(screen.getByLabelText<HTMLInputElement>('Secret').checked).toBe(true);
    expect(screen.getByLabelText('JSON assertion').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Expected an operator at character 9')).toBeTruthy();
    expect(screen.getByText('Use a status code such as 200')).toBeTruthy();
  });

  it('offers a request body only for methods that send one', () => {
    setup({ url: 'http://a.test/' });
    expect(screen.queryByLabelText('Request body')).toBeNull();
    fireEvent.change(screen.getByLabelText('Method'), { target: { value: 'POST' } });
    expect(screen.getByLabelText('Request body')).toBeTruthy();
  });
});
