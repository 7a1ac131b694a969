import 'reflect-metadata';
import { createKafka, ensureTopics, topicPlan } from '@app/messaging';
import { loadEnv, ServiceEnv } from '@app/platform';

/**
 * Creates every topic the system uses (events, DLQs, request and reply topics) and exits: the
 * deployment's topic job, for clusters where apps run with KAFKA_CREATE_TOPICS=false.
 */
async function main(): Promise<void> {
  const env = loadEnv(ServiceEnv);
  const plan = topicPlan(env.KAFKA_EVENT_PARTITIONS, env.KAFKA_RPC_PARTITIONS);
  const created = await ensureTopics(createKafka('create-topics', env.KAFKA_BROKERS), plan);
  console.log(`${plan.length} topics planned, ${created.length} created${created.length ? `: ${created.join(', ')}` : ''}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
