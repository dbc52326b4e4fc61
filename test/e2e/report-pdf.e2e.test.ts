import { afterEach, describe, expect, it } from 'vitest';
import { ReportExportInput } from '../../shared/report';
import { reportWorld } from '../unit/report-world';

/**
 * The service report printed to PDF by a real Chromium (serve mode's playwright-core printer):
 * seconds of a browser starting and printing, so end-to-end rather than with the report's unit
 * tests in test/unit/report.test.ts, whose world it shares.
 */
let close: (() => void) | undefined;
afterEach(() => {
  close?.();
  close = undefined;
});

describe('service report as PDF', () => {
  it('prints the PDF through Chromium in serve mode', async () => {
    const { fx, svc } = reportWorld();
    close = () => fx.close();
    const pdf = await svc['report.export'](
      ReportExportInput.parse({ query: { period: 'month', year: 2025, index: 6 }, format: 'pdf' }),
    );
    expect(pdf.encoding).toBe('base64');
    const bytes = Buffer.from(pdf.content, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});
