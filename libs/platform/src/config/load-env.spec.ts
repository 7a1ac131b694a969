import { EnvironmentError, loadEnv } from './load-env';
import { ServiceEnv } from './service-env';

describe('loadEnv', () => {
  it('applies defaults and converts types', () => {
    const env = loadEnv(ServiceEnv, { KAFKA_EVENT_PARTITIONS: '12', KAFKA_CREATE_TOPICS: 'false' });
    expect(env.KAFKA_EVENT_PARTITIONS).toBe(12);
    expect(env.KAFKA_CREATE_TOPICS).toBe(false);
    expect(env.TRANSPORT).toBe('kafka');
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/postgres');
  });

  it('refuses to start and names every bad variable', () => {
    let error: unknown;
    try {
      loadEnv(ServiceEnv, { TRANSPORT: 'carrier-pigeon', DATABASE_URL: 'mysql://x', OUTBOX_POLL_MS: 'soon' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvironmentError);
    const message = (error as Error).message;
    expect(message).toContain('TRANSPORT="carrier-pigeon"');
    expect(message).toContain('DATABASE_URL="mysql://x"');
    expect(message).toContain('OUTBOX_POLL_MS');
  });
});
