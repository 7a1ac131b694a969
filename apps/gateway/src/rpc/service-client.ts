import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import {
  serviceOfPattern,
  type CallerIdentity,
  type RpcOperation,
  type RpcPattern,
  type RpcReply,
  type RpcRequest,
  type RpcRequestOf,
  type RpcResponseOf,
  type RpcService,
} from '@app/contracts';
import { counter, DomainError, gauge, ServiceBusyError, UpstreamUnavailableError } from '@app/platform';
import { RPC_CLIENT, type RpcClient } from './rpc-client.provider';
import { GATEWAY_ENV } from '../gateway.tokens';
import type { GatewayEnv } from '../gateway.env';

/**
 * Calls a service and returns its answer, or throws the service's problem as a DomainError so the
 * gateway answers with the same status and code. No reply in time: 504. Waiting on
 * RPC_MAX_IN_FLIGHT requests to that service already: 503 at once (ADR 0009).
 */
@Injectable()
export class ServiceClient implements OnApplicationShutdown {
  private readonly inFlight = new Map<RpcService, number>();
  private readonly inFlightGauge = gauge('gateway_rpc_in_flight', 'Requests this gateway waits on, per service', ['service']);
  private readonly shed = counter('gateway_rpc_shed_total', 'Requests refused with 503 because the service was at capacity', ['service']);

  constructor(
    @Inject(RPC_CLIENT) private readonly client: RpcClient,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  /** Requests this instance is waiting on for `service` now. */
  waitingOn(service: RpcService): number {
    return this.inFlight.get(service) ?? 0;
  }

  async call<P extends RpcPattern>(
    pattern: P,
    caller: CallerIdentity,
    requestId: string,
    payload: RpcRequestOf<P>,
    operation?: RpcOperation,
  ): Promise<RpcResponseOf<P>> {
    const service = serviceOfPattern(pattern);
    if (!service) throw new UpstreamUnavailableError(`No service answers ${pattern}.`);
    const waiting = this.waitingOn(service);
    if (waiting >= this.env.RPC_MAX_IN_FLIGHT) {
      this.shed.inc({ service });
      throw new ServiceBusyError(service);
    }
    this.track(service, waiting + 1);
    const request: RpcRequest<RpcRequestOf<P>> = { caller, requestId, payload, ...(operation ? { operation } : {}) };
    let reply: RpcReply<RpcResponseOf<P>>;
    try {
      reply = await firstValueFrom(this.client.send<RpcReply<RpcResponseOf<P>>>(pattern, request).pipe(timeout(this.env.RPC_TIMEOUT_MS)));
    } catch (e) {
      if (e instanceof TimeoutError)
        throw new UpstreamUnavailableError(`No answer to ${pattern} within ${this.env.RPC_TIMEOUT_MS} ms.`, 504);
      throw new UpstreamUnavailableError(`The service behind ${pattern} could not be reached.`);
    } finally {
      this.track(service, this.waitingOn(service) - 1);
    }
    if (!reply.ok) throw DomainError.fromProblem(reply.problem);
    return reply.data;
  }

  private track(service: RpcService, waiting: number): void {
    this.inFlight.set(service, waiting);
    this.inFlightGauge.set({ service }, waiting);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
