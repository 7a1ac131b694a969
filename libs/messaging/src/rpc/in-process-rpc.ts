import {
  BaseRpcContext,
  ClientProxy,
  Server,
  type CustomTransportStrategy,
  type ReadPacket,
  type WritePacket,
} from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';

/** JSON round trip: what a handler receives is exactly what it would get over Kafka. */
function overTheWire<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Finds the process-local server that answers a pattern. */
export class InProcessRpcHub {
  private static shared?: InProcessRpcHub;
  private readonly servers = new Set<InProcessRpcServer>();

  static instance(): InProcessRpcHub {
    InProcessRpcHub.shared ??= new InProcessRpcHub();
    return InProcessRpcHub.shared;
  }

  add(server: InProcessRpcServer): void {
    this.servers.add(server);
  }

  remove(server: InProcessRpcServer): void {
    this.servers.delete(server);
  }

  async dispatch(pattern: string, data: unknown): Promise<unknown> {
    for (const server of this.servers) {
      if (server.answers(pattern)) return server.dispatch(pattern, overTheWire(data));
    }
    throw new Error(`no in-process handler for ${pattern}`);
  }
}

/**
 * The server half of the quick start's in-process transport: the same @MessagePattern handlers
 * as over Kafka, called directly.
 */
export class InProcessRpcServer extends Server implements CustomTransportStrategy {
  constructor(private readonly hub: InProcessRpcHub = InProcessRpcHub.instance()) {
    super();
  }

  listen(callback: () => void): void {
    this.hub.add(this);
    callback();
  }

  close(): void {
    this.hub.remove(this);
  }

  on(): void {
    // No transport events to subscribe to in-process.
  }

  unwrap<T>(): T {
    return this.hub as T;
  }

  answers(pattern: string): boolean {
    return this.getHandlerByPattern(pattern) !== null;
  }

  async dispatch(pattern: string, data: unknown): Promise<unknown> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) throw new Error(`no handler for ${pattern}`);
    const result: unknown = await handler(data, new BaseRpcContext([pattern]));
    return overTheWire(await lastValueFrom(this.transformToObservable(result)));
  }
}

/** The client half: what the gateway uses instead of ClientKafka in the quick start. */
export class InProcessRpcClient extends ClientProxy {
  constructor(private readonly hub: InProcessRpcHub = InProcessRpcHub.instance()) {
    super();
  }

  connect(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    // Nothing to release.
  }

  unwrap<T>(): T {
    return this.hub as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    this.hub.dispatch(this.normalizePattern(packet.pattern as string), packet.data).then(
      (response) => callback({ response, isDisposed: true }),
      (err: unknown) => callback({ err, isDisposed: true }),
    );
    return () => undefined;
  }

  protected dispatchEvent(): Promise<never> {
    return Promise.reject(new Error('events travel through the outbox, not the request client'));
  }
}
