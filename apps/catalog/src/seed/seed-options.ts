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

const INTEGER_FLAGS = {
  '--products': ['products', 0, 10_000_000],
  '--sellers': ['sellers', 1, 1_000_000],
  '--partners': ['partners', 1, 100_000],
  '--seed': ['seed', 0, 2 ** 31 - 1],
  '--batch': ['batchSize', 1, 2_000],
  '--writers': ['writers', 1, 8],
} as const;

/** Parses the command line; `help` when asked for usage; throws naming every bad option. */
export function parseSeedArgs(argv: readonly string[]): SeedOptions | 'help' {
  const o: SeedOptions = { ...DEFAULTS };
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    if (flag === '--help' || flag === '-h') return 'help';
    const value = inline ?? argv[++i];
    if (flag === '--as-of') {
      if (value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) o.asOf = value;
      else errors.push(`--as-of needs a date YYYY-MM-DD, got ${value ?? '(nothing)'}`);
      continue;
    }
    const spec = INTEGER_FLAGS[flag as keyof typeof INTEGER_FLAGS] as (typeof INTEGER_FLAGS)[keyof typeof INTEGER_FLAGS] | undefined;
    if (!spec) {
      errors.push(`unknown option ${flag}`);
      continue;
    }
    const [key, min, max] = spec;
    const n = Number(value?.replace(/_/g, ''));
    if (value === undefined || !Number.isInteger(n) || n < min || n > max)
      errors.push(`${flag} needs an integer in ${min}…${max}, got ${value ?? '(nothing)'}`);
    else o[key] = n;
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return o;
}
