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
import { counter, DomainError, gauge, ServiceBusyError, UpstreamUnavailableError, VersionedReply } from '@app/platform';
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
    return dataOf(replyOf(await this.send(pattern, caller, requestId, payload, operation)));
  }

  /**
   * Calls a service and returns its answer as an HTTP body: `view` applied to the service's
   * answer, as JSON. A reply the service sent from its serialized form (a cached search page)
   * carries a version; the body made for a version is kept in `rendered` and given again for every
   * later reply with that version, without parsing the reply or serializing the body again.
   */
  async callRendered<P extends RpcPattern>(
    pattern: P,
    caller: CallerIdentity,
    requestId: string,
    payload: RpcRequestOf<P>,
    rendered: RenderedReplies,
    view: (data: RpcResponseOf<P>) => unknown,
  ): Promise<RenderedReply> {
    const answer = await this.send(pattern, caller, requestId, payload);
    const render = () => JSON.stringify(view(dataOf(replyOf(answer))));
    if (!(answer instanceof VersionedReply)) return { body: render(), version: null };
    return { body: rendered.get(answer.version) ?? rendered.keep(answer.version, render()), version: answer.version };
  }

  private async send<P extends RpcPattern>(
    pattern: P,
    caller: CallerIdentity,
    requestId: string,
    payload: RpcRequestOf<P>,
    operation?: RpcOperation,
  ): Promise<RpcReply<RpcResponseOf<P>> | VersionedReply<RpcResponseOf<P>>> {
    const service = serviceOfPattern(pattern);
    if (!service) throw new UpstreamUnavailableError(`No service answers ${pattern}.`);
    const waiting = this.waitingOn(service);
    if (waiting >= this.env.RPC_MAX_IN_FLIGHT) {
      this.shed.inc({ service });
      throw new ServiceBusyError(service);
    }
    this.track(service, waiting + 1);
    const request: RpcRequest<RpcRequestOf<P>> = { caller, requestId, payload, ...(operation ? { operation } : {}) };
    try {
      return await firstValueFrom(
        this.client
          .send<RpcReply<RpcResponseOf<P>> | VersionedReply<RpcResponseOf<P>>>(pattern, request)
          .pipe(timeout(this.env.RPC_TIMEOUT_MS)),
      );
    } catch (e) {
      if (e instanceof TimeoutError)
        throw new UpstreamUnavailableError(`No answer to ${pattern} within ${this.env.RPC_TIMEOUT_MS} ms.`, 504);
      throw new UpstreamUnavailableError(`The service behind ${pattern} could not be reached.`);
    } finally {
      this.track(service, this.waitingOn(service) - 1);
    }
  }

  private track(service: RpcService, waiting: number): void {
    this.inFlight.set(service, waiting);
    this.inFlightGauge.set({ service }, waiting);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

function replyOf<T>(answer: RpcReply<T> | VersionedReply<T>): RpcReply<T> {
  return answer instanceof VersionedReply ? answer.reply() : answer;
}

function dataOf<T>(reply: RpcReply<T>): T {
  if (!reply.ok) throw DomainError.fromProblem(reply.problem);
  return reply.data;
}

/** An HTTP body made by ServiceClient.callRendered, and the version of the reply it was made from. */
export interface RenderedReply {
  body: string;
  version: string | null;
}

/**
 * Bodies made from versioned replies, by version: one per call site (the view is part of what is
 * kept). At most `max` (insertion order: the oldest go first); a cached search page is replaced
 * by a new version every ~10 s, so old versions are never asked for again.
 */
export class RenderedReplies {
  private readonly bodies = new Map<string, string>();

  constructor(private readonly max = 500) {}

  get(version: string): string | undefined {
    return this.bodies.get(version);
  }

  keep(version: string, body: string): string {
    while (this.bodies.size >= this.max) this.bodies.delete(this.bodies.keys().next().value as string);
    this.bodies.set(version, body);
    return body;
  }

  get size(): number {
    return this.bodies.size;
  }
}
