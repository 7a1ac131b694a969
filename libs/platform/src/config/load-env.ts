import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Thrown at boot when the environment is invalid; names every bad variable. */
export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvironmentError';
  }
}

function describe(errors: ValidationError[], raw: Record<string, string | undefined>): string[] {
  return errors.flatMap((e) => {
    const given = raw[e.property];
    const value = given === undefined ? '(unset)' : JSON.stringify(given);
    return Object.values(e.constraints ?? {}).map((m) => `${e.property}=${value}: ${m}`);
  });
}

/**
 * Reads `env` into an instance of `EnvClass` (class-validator decorated, defaults as property
 * initialisers), converting strings to the declared types. Unset and empty variables keep the
 * default. Throws an EnvironmentError naming every invalid variable.
 */
export function loadEnv<T extends object>(EnvClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const instance = plainToInstance(EnvClass, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) throw new EnvironmentError(describe(errors, defined));
  return instance;
}
