import { createHash } from 'node:crypto';
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/** The reply partition of a gateway instance: a stable hash of its name over the topic's partitions. */
export function replyPartitionOf(instance: string, partitions: number): number {
  return createHash('sha256').update(instance).digest().readUInt32BE(0) % Math.max(1, partitions);
}

/**
 * The assigner of a gateway instance's own reply group (`gateway.rpc.<instance>`): its one member
 * reads one partition of the reply topic, chosen from the instance's name. With one group per
 * instance, no other gateway joining or dying ever starts a rebalance that pauses this one's
 * replies or moves its reply partition away from the requests it has in flight (with one shared
 * group, a gateway restart did both, ADR 0056). Two instances whose names hash to the same
 * partition both read it and ignore each other's replies (correct, at the cost of the reading).
 */
export function replyPartitionAssigner(instance: string): PartitionAssigner {
  return ({ cluster }) => ({
    name: 'NongsanReplyPartition',
    version: 1,
    assign: ({ members, topics }) => {
      const assignment: Record<string, number[]> = {};
      for (const topic of topics) {
        const count = cluster.findTopicPartitionMetadata(topic).length;
        assignment[topic] = [replyPartitionOf(instance, count)];
      }
      return Promise.resolve(
        members.map((m) => ({
          memberId: m.memberId,
          memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment, userData: Buffer.alloc(0) }),
        })),
      );
    },
    protocol: ({ topics }) => ({
      name: 'NongsanReplyPartition',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
    }),
  });
}
