import { Logger } from '@nestjs/common';

const logger = new Logger('GroupMembership');

/**
 * This process's name, stable across its restarts (the pod's name in Kubernetes, the process's
 * name in tools/cluster.js), from `SERVICE_INSTANCE`; undefined when it is not set. Two processes
 * running at once must never share it.
 */
export function stableInstance(): string | undefined {
  const v = process.env.SERVICE_INSTANCE?.trim();
  return v ? v : undefined;
}

/** A kafkajs client id naming this instance, so a later run of it can find its members. */
export function instanceClientId(base: string): string {
  const instance = stableInstance();
  return instance ? `${base}@${instance}` : base;
}

interface GroupMember {
  memberId: string;
  clientId: string;
}
interface Coordinator {
  describeGroups(o: { groupIds: string[] }): Promise<{ groups: { groupId: string; state: string; members: GroupMember[] }[] }>;
  leaveGroup(o: { groupId: string; memberId: string }): Promise<unknown>;
}
interface ClusterLike {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(o: { groupId: string }): Promise<Coordinator>;
}

/**
 * kafkajs keeps its cluster (connections, coordinator lookup) private; the only way to send a
 * LeaveGroup for a member other than the consumer's own is through it. The symbol is looked up
 * by its description, and its absence (another kafkajs version) disables the eviction instead of
 * failing the start: the group then waits out the old member's session, as before.
 */
function clusterOf(kafka: object): ClusterLike | undefined {
  const sym = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const create = sym ? (kafka as unknown as Record<symbol, unknown>)[sym] : undefined;
  return typeof create === 'function' ? (create as (o: object) => ClusterLike)({ allowAutoTopicCreation: false }) : undefined;
}

/**
 * Removes from `groupId` the members a previous run of this very instance left behind (same
 * client id: same stable instance). A SIGKILLed process never sends its LeaveGroup, and the group
 * coordinator keeps its member — and the partitions assigned to it — until its session times out
 * (30 s); a rebalance started by the restarted process waits for that member too. Sending the
 * LeaveGroup on its behalf as the restarted process starts ends that wait at once (ADR 0056).
 *
 * Only with a stable instance name: without one, another running process could share the client
 * id. Best effort: any failure is logged and the start goes on (the session timeout still applies).
 */
/** `kafka`: a kafkajs client (kafkajs's own, or the one @nestjs/microservices types as its copy). */
export async function evictPredecessors(kafka: object, groupId: string, clientId: string): Promise<number> {
  if (!stableInstance()) return 0;
  const cluster = clusterOf(kafka);
  if (!cluster) return 0;
  try {
    await cluster.connect();
    const coordinator = await cluster.findGroupCoordinator({ groupId });
    const { groups } = await coordinator.describeGroups({ groupIds: [groupId] });
    let removed = 0;
    for (const m of (groups[0]?.members ?? []).filter((member) => member.clientId === clientId)) {
      // Gone meanwhile (its session ended): nothing left to do for it.
      if (
        await coordinator.leaveGroup({ groupId, memberId: m.memberId }).then(
          () => true,
          () => false,
        )
      )
        removed++;
    }
    if (removed > 0) logger.log(`removed ${removed} member(s) of an earlier run of ${clientId} from group ${groupId}`);
    return removed;
  } catch (e) {
    logger.warn({ err: e }, `could not remove earlier members of ${clientId} from group ${groupId}; the group waits out their session`);
    return 0;
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}
