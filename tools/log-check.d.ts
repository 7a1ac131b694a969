/** Types of tools/log-check.js for the TypeScript that uses it (its spec). */
export interface RecordedSecret {
  kind: string;
  value: string;
}

export interface LogCheck {
  kinds: Record<string, number>;
  files: number;
  bytes: number;
  hits: { kind: string; file: string; line: number }[];
}

export function recordSecrets(runId: string, items: RecordedSecret[]): void;
export function checkLogs(runId: string): LogCheck | undefined;
export function reportLogCheck(runId: string): boolean;
