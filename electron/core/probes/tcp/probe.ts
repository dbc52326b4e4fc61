import net from 'node:net';
import type { TcpConfig, TcpDetails } from '../../../../shared/probes/tcp';
import type { Phases, ProbeOutcome } from '../../../../shared/result';
import type { ProbeContext } from '../context';
import { formatMs } from '../common/format-duration';
import { classifyError } from '../common/net-errors';
import { CancelledError, DeadlineError, waitForSocket } from '../common/socket-wait';
import { answered, cancelled } from '../common/outcome';

/** Opens one TCP connection and closes it at once; up when the port accepts within the timeout. */
export async function probeTcp(config: TcpConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  const where = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  if (ctx.signal.aborted) return cancelled();
  const started = performance.now();
  const phases: Phases = {};
  const socket = net.connect({ host: config.host, port: config.port });
  let address: string | null = null;
  try {
    await waitForSocket(socket, 'connect', { signal: ctx.signal, timeoutMs: config.timeoutMs, started, phases });
    address = socket.remoteAddress ?? null;
  } catch (err) {
    if (err instanceof CancelledError) return cancelled();
    const c =
      err instanceof DeadlineError
        ? { code: 'timeout', message: `${where} did not accept a connection within ${formatMs(config.timeoutMs)}` }
        : classifyError(err, where, false);
    return { status: 'down', latencyMs: null, phases, errorCode: c.code, message: c.message };
  } finally {
    socket.destroy();
  }
  const latency = Math.round(performance.now() - started);
  phases.connect = latency - (phases.dns ?? 0);
  return answered(
    { latencyMs: latency, phases, details: { address } satisfies TcpDetails },
    config.degradedAboveMs,
    (d) => `${where} accepted the connection in ${d}`,
  );
}
