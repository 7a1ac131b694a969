import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface SeedOptions {
  products: number;
  sellers: number;
  partners: number;
  seed: number;
  batchSize: number;
  writers: number;
  /** Sellers register up to two years before this date, products after their seller (YYYY-MM-DD). */
  asOf: string;
}

export const SEED_USAGE = `Usage: node dist/apps/catalog/src/seed/seed.main.js [options]

Loads a generated Vietnamese catalog into the catalog database (<DB_NAME_PREFIX>_catalog on
DATABASE_URL, created and migrated if needed), with the outbox events the service would write.
Deterministic: the same options give the same rows and ids. Rows already present are skipped.

  --products N   products to load (default 100000)
  --sellers N    sellers (households, cooperatives, enterprises) (default 4000)
  --partners N   partner apps owning the sellers (default 40)
  --seed N       random seed (default 1)
  --batch N      rows per transaction (default 1000)
  --writers N    transactions in flight at once (default 2)
  --as-of DATE   the catalog's "now", YYYY-MM-DD (default 2026-11-01)
  --help`;

const DEFAULTS: SeedOptions = {
  products: 100_000,
  sellers: 4_000,
  partners: 40,
  seed: 1,
  batchSize: 1_000,
  writers: 2,
  asOf: '2026-11-01',
};

/** Integer options: the field each sets and its range. */
const INTEGER_FLAGS = {
  products: ['products', 0, 10_000_000],
  sellers: ['sellers', 1, 1_000_000],
  partners: ['partners', 1, 100_000],
  seed: ['seed', 0, 2 ** 31 - 1],
  batch: ['batchSize', 1, 2_000],
  writers: ['writers', 1, 8],
} as const;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'as-of': { type: 'string' },
  ...Object.fromEntries(Object.keys(INTEGER_FLAGS).map((name) => [name, { type: 'string' }])),
} satisfies ParseArgsConfig['options'];

const isIntegerFlag = (name: string): name is keyof typeof INTEGER_FLAGS => Object.hasOwn(INTEGER_FLAGS, name);

/**
 * Parses the command line (`--flag N` or `--flag=N`, read by util.parseArgs); `help` when asked for
 * usage; throws naming every bad option, unknown ones included.
 */
export function parseSeedArgs(argv: readonly string[]): SeedOptions | 'help' {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const o: SeedOptions = { ...DEFAULTS };
  const errors: string[] = [];
  let valueOfUnknown = false;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      // The value of an unknown option was already named with it.
      if (!valueOfUnknown) errors.push(`unknown option ${token.value}`);
      valueOfUnknown = false;
      continue;
    }
    valueOfUnknown = false;
    if (token.kind !== 'option') continue;
    const { name, rawName, value } = token;
    if (name === 'help') return 'help';
    if (name === 'as-of') {
      if (value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) o.asOf = value;
      else errors.push(`--as-of needs a date YYYY-MM-DD, got ${value ?? '(nothing)'}`);
    } else if (isIntegerFlag(name)) {
      const [key, min, max] = INTEGER_FLAGS[name];
      const n = Number(value?.replace(/_/g, ''));
      if (value === undefined || !Number.isInteger(n) || n < min || n > max)
        errors.push(`${rawName} needs an integer in ${min}…${max}, got ${value ?? '(nothing)'}`);
      else o[key] = n;
    } else {
      errors.push(`unknown option ${rawName}`);
      valueOfUnknown = token.value === undefined;
    }
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return o;
}
