import fs from 'node:fs';
import path from 'node:path';
import { checkLogs, recordSecrets } from './log-check';

/** The log check finds a recorded secret in any spelling a log line may hold, and only there. */
describe('log check', () => {
  const runId = `spec-${process.pid}-${Date.now()}`;
  const logs = path.join(__dirname, '../.data/test-logs', runId);

  beforeAll(() => {
    fs.mkdirSync(logs, { recursive: true });
    recordSecrets(runId, [
      { kind: 'phone', value: '0987 654 321' },
      { kind: 'API key', value: 'ns_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    ]);
  });
  afterAll(() => {
    fs.rmSync(logs, { recursive: true, force: true });
    fs.rmSync(path.join(__dirname, '../.data/test-secrets', runId), { recursive: true, force: true });
  });

  it('finds a phone written +84 and nothing in clean logs', () => {
    fs.writeFileSync(path.join(logs, 'clean.log'), '{"level":40,"msg":"statement failed","sqlState":"23505"}\n');
    expect(checkLogs(runId)).toMatchObject({ kinds: { phone: 1, 'API key': 1 }, files: 1, hits: [] });
    fs.writeFileSync(path.join(logs, 'orders.log'), 'line one\n{"receiver":{"phone":"+84987654321"}}\n');
    expect(checkLogs(runId)?.hits).toEqual([{ kind: 'phone', file: 'orders.log', line: 2 }]);
  });

  it('has nothing to check when the run started no cluster', () => {
    expect(checkLogs('no-such-run')).toBeUndefined();
  });
});
