import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import type { CallerIdentity, RpcOperation, RpcPattern, RpcReply, RpcRequest, RpcRequestOf, RpcResponseOf } from '@app/contracts';
import { DomainError, UpstreamUnavailableError } from '@app/platform';
import { RPC_CLIENT, type RpcClient } from './rpc-client.provider';
import { GATEWAY_ENV } from '../gateway.tokens';
import type { GatewayEnv } from '../gateway.env';

/**
 * Calls a service and returns its answer, or throws the service's problem as a DomainError so the
 * gateway answers with the same status and code. No reply in time: 504.
 */
@Injectable()
export class ServiceClient implements OnApplicationShutdown {
  constructor(
    @Inject(RPC_CLIENT) private readonly client: RpcClient,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  async call<P extends RpcPattern>(
    pattern: P,
    caller: CallerIdentity,
    requestId: string,
    payload: RpcRequestOf<P>,
    operation?: RpcOperation,
  ): Promise<RpcResponseOf<P>> {
    const request: RpcRequest<RpcRequestOf<P>> = { caller, requestId, payload, ...(operation ? { operation } : {}) };
    let reply: RpcReply<RpcResponseOf<P>>;
    try {
      reply = await firstValueFrom(this.client.send<RpcReply<RpcResponseOf<P>>>(pattern, request).pipe(timeout(this.env.RPC_TIMEOUT_MS)));
    } catch (e) {
      if (e instanceof TimeoutError)
        throw new UpstreamUnavailableError(`No answer to ${pattern} within ${this.env.RPC_TIMEOUT_MS} ms.`, 504);
      throw new UpstreamUnavailableError(`The service behind ${pattern} could not be reached.`);
    }
    if (!reply.ok) throw DomainError.fromProblem(reply.problem);
    return reply.data;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
