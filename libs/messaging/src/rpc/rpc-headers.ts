/** Headers of a request on a service's request topic, besides @nestjs/microservices' own. */
export const RpcHeaders = {
  /** The request's pattern: every pattern of a service shares the service's request topic. */
  pattern: 'x-rpc-pattern',
  /** Epoch milliseconds after which the caller has given up (it answered 504): skip, do not answer. */
  deadline: 'x-rpc-deadline',
  /** On a reply sent from its serialized form: the SerializedReply's version (same version, same bytes). */
  replyVersion: 'x-rpc-reply-version',
} as const;

/** A Kafka header's value as text (kafkajs hands them over as Buffers). */
export function headerText(value: unknown): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (Buffer.isBuffer(first)) return first.toString('utf8');
  return typeof first === 'string' ? first : undefined;
}
