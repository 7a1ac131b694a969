import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/** Long statements (a batch insert's VALUES list) are cut: the statement's shape is what helps. */
const MAX_QUERY_CHARS = 500;

const shortened = (query: string) => (query.length > MAX_QUERY_CHARS ? `${query.slice(0, MAX_QUERY_CHARS)}…` : query);

/**
 * TypeORM's log lines through the service's logger (pino, with its redaction list), and never a
 * statement's parameters: they are the values being written (a buyer's name, phone and address),
 * where TypeORM's own console logger printed them with every failed statement. A failed statement
 * is a warning here: the caller that gets the error decides whether it is one (a unique violation
 * is often an expected answer, an unhandled error is logged by the error filter).
 */
export class QueryLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Every statement would be too much; failures and slow ones are logged below.
  }

  /** The SQLSTATE and what PostgreSQL names (constraint, table, column), not its message: some quote the value refused. */
  logQueryError(error: string | Error, query: string): void {
    const e = (typeof error === 'object' ? error : {}) as { code?: string; constraint?: string; table?: string; column?: string };
    this.logger.warn(
      { sqlState: e.code, constraint: e.constraint, table: e.table, column: e.column, query: shortened(query) },
      'statement failed',
    );
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, query: shortened(query) }, 'slow statement');
  }

  logSchemaBuild(): void {
    // Migrations say what they ran through runMigrations' answer; schema building is silent.
  }

  logMigration(): void {
    // As above.
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message);
  }
}
