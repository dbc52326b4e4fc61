import type { ProbeErrorCode } from '../../../../shared/probes/errors';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Agent } from 'undici';
import type { SubmitConfig, SubmitDetails, SubmitStep } from '../../../../shared/probes/submit';
import type { ProbeOutcome } from '../../../../shared/result';
import { BodyLimitError, type BoundedResponse, boundedRequest } from '../common/bounded-request';
import type { ProbeContext } from '../context';
import { probeDeadline } from '../common/deadline';
import { classifyError } from '../common/net-errors';
import { capture } from './capture';
import { UnknownVariableError, builtinVars, interpolate } from './template-vars';
import { answered, cancelled } from '../common/outcome';
import { formatMs } from '../common/format-duration';

/** A failed step: ends the transaction with a message that names the step. */
class StepFailure extends Error {
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface Trace {
  labels: string[];
  ms: number[];
  status: number[];
  tries: number;
}

/**
 * A task-submission transaction: the steps run in order over one connection pool, captures feed
 * later steps, and the last step may poll until the submission shows up. Each step has its own
 * timeout; one deadline bounds the whole run. Latency is the whole transaction, polling included
 * (time until the operator's user would see their submission).
 */
export async function probeSubmit(config: SubmitConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const deadline = probeDeadline(ctx.signal, config.timeoutMs);
  const signal = deadline.signal;
  const { Agent } = await import('undici'); // loaded by the first probe that needs it, not at start
  const agent = new Agent({
    connect: { timeout: config.timeoutMs },
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
  });
  const vars = builtinVars((ctx.now ?? Date.now)());
  const trace: Trace = { labels: config.steps.map(stepLabel), ms: [], status: [], tries: 0 };
  const started = performance.now();
  const details = (): SubmitDetails => ({
    steps: trace.labels,
    stepMs: trace.ms,
    stepStatus: trace.status,
    ...(trace.tries > 0 ? { confirmTries: trace.tries } : {}),
    totalMs: Math.round(performance.now() - started),
  });
  let current = 0;
  try {
    for (const [i, step] of config.steps.entries()) {
      current = i;
      const res = step.poll
        ? await pollStep(step, step.poll, i, vars, config, signal, agent, trace)
        : await runStep(step, i, vars, config, signal, agent, trace);
      for (const [name, source] of Object.entries(step.capture)) {
        const got = capture(source, res.body, res.headers, () => JSON.parse(res.body.toString('utf8')) as unknown);
        if (!got.ok)
          throw new StepFailure('submit_capture', `${tag(step, i)}: could not capture ${name}: ${got.reason}`);
        vars.set(name, got.value);
      }
    }
    const latencyMs = Math.round(performance.now() - started);
    return answered(
      { latencyMs, details: details() },
      config.degradedAboveMs,
      (d) => `The submission took ${d} end to end`,
    );
  } catch (err) {
    if (ctx.signal.aborted && !deadline.timeout.aborted) return cancelled();
    const step = config.steps[current]!;
    if (err instanceof StepFailure)
      return { status: 'down', latencyMs: null, errorCode: err.code, message: err.message, details: details() };
    if (deadline.timeout.aborted) {
      return {
        status: 'down',
        latencyMs: null,
        errorCode: 'timeout',
        message: `${tag(step, current)}: the transaction did not finish within ${formatMs(config.timeoutMs)}`,
        details: details(),
      };
    }
    return {
      status: 'down',
      latencyMs: null,
      errorCode: 'submit_failed',
      message: `${tag(step, current)}: ${err instanceof Error ? err.message : String(err)}`,
      details: details(),
    };
  } finally {
    deadline.end();
    agent.destroy().catch(() => undefined);
  }
}

async function runStep(
  step: SubmitStep,
  i: number,
  vars: Map<string, string>,
  config: SubmitConfig,
  signal: AbortSignal,
  agent: Agent,
  trace: Trace,
): Promise<BoundedResponse> {
  const res = await send(step, i, vars, config, signal, agent);
  trace.ms.push(Math.round(res.ms));
  trace.status.push(res.status);
  if (!accepted(step, res.status)) {
    throw new StepFailure(
      'submit_status',
      `${tag(step, i)}: expected ${formatRanges(step.expectStatus)}, got ${res.status}${snippet(res)}`,
    );
  }
  return res;
}

/** Repeats the step until its status is accepted; the wait counts in the step's time. */
async function pollStep(
  step: SubmitStep,
  poll: NonNullable<SubmitStep['poll']>,
  i: number,
  vars: Map<string, string>,
  config: SubmitConfig,
  signal: AbortSignal,
  agent: Agent,
  trace: Trace,
): Promise<BoundedResponse> {
  const started = performance.now();
  const pollEnd = AbortSignal.timeout(poll.timeoutMs);
  const within = AbortSignal.any([signal, pollEnd]);
  let last = 'no answer';
  let lastStatus = 0;
  for (;;) {
    trace.tries++;
    try {
      const res = await send(step, i, vars, config, within, agent);
      lastStatus = res.status;
      if (accepted(step, res.status)) {
        trace.ms.push(Math.round(performance.now() - started));
        trace.status.push(res.status);
        return res;
      }
      last = `HTTP ${res.status}`;
    } catch (err) {
      // A failed try inside the poll window is just another miss; the overall deadline is not.
      if (signal.aborted) throw err;
      if (err instanceof StepFailure) last = err.message.slice(tag(step, i).length + 2);
      else if (!pollEnd.aborted) throw err;
    }
    const left = poll.timeoutMs - (performance.now() - started);
    if (pollEnd.aborted || left <= poll.intervalMs) break;
    await sleep(poll.intervalMs, undefined, { signal, ref: false });
  }
  trace.ms.push(Math.round(performance.now() - started));
  trace.status.push(lastStatus);
  throw new StepFailure(
    'submit_not_visible',
    `${tag(step, i)}: the submission did not become visible within ${formatMs(poll.timeoutMs)} (${trace.tries} ${trace.tries === 1 ? 'try' : 'tries'}, last: ${last})`,
  );
}

/** One request of a step under its own timeout; failures come back as StepFailure naming the step. */
async function send(
  step: SubmitStep,
  i: number,
  vars: Map<string, string>,
  config: SubmitConfig,
  signal: AbortSignal,
  agent: Agent,
): Promise<BoundedResponse> {
  const stepTimeout = AbortSignal.timeout(step.timeoutMs);
  let url: URL;
  let headers: Record<string, string>;
  let body: string | undefined;
  try {
    url = new URL(interpolate(step.url, vars, encodeUrlPart));
    headers = Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, interpolate(v, vars)]));
    body = step.body === undefined ? undefined : interpolate(step.body, vars);
  } catch (err) {
    if (err instanceof UnknownVariableError)
      throw new StepFailure('submit_variable', `${tag(step, i)}: ${err.message}`);
    throw new StepFailure('submit_variable', `${tag(step, i)}: the URL is not valid once variables are filled in`);
  }
  try {
    return await boundedRequest(url, {
      method: step.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.any([signal, stepTimeout]),
      dispatcher: agent,
      maxBytes: config.maxBodyBytes,
    });
  } catch (err) {
    if (signal.aborted) throw err;
    if (err instanceof BodyLimitError)
      throw new StepFailure(
        'body_too_large',
        `${tag(step, i)}: response body larger than ${config.maxBodyBytes} bytes`,
      );
    if (stepTimeout.aborted)
      throw new StepFailure('timeout', `${tag(step, i)}: no complete answer within ${formatMs(step.timeoutMs)}`);
    const c = classifyError(err, url.host, false);
    throw new StepFailure(c.code, `${tag(step, i)}: ${c.message}`);
  }
}

/** Percent-encodes a value for a URL but keeps `/`, so a captured path (a Location header) stays a path. */
function encodeUrlPart(v: string): string {
  return encodeURIComponent(v).replace(/%2F/gi, '/');
}

function accepted(step: SubmitStep, status: number): boolean {
  return step.expectStatus.some(([lo, hi]) => status >= lo && status <= hi);
}

function stepLabel(step: SubmitStep): string {
  if (step.name) return step.name;
  let path: string;
  try {
    // The template's own path, placeholders and all: stable across runs, unlike captured ids.
    path = new URL(step.url.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, '__$1__')).pathname.replace(
      /__([^_][^/]*?)__/g,
      '{{$1}}',
    );
  } catch {
    path = step.url;
  }
  return `${step.method} ${path}`.slice(0, 120);
}

function tag(step: SubmitStep, i: number): string {
  return `step ${i + 1} (${stepLabel(step)})`;
}

function formatRanges(ranges: [number, number][]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(' or ');
}

/** The start of an error body often says why ("token expired"); keep a little of it. */
function snippet(res: BoundedResponse): string {
  const text = res.body.subarray(0, 200).toString('utf8').replace(/\s+/g, ' ').trim();
  return text ? `: ${text.slice(0, 80)}` : '';
}
