/** API roles (see API.md, "Conventions"). */
export const Roles = ['admin', 'partner', 'storefront', 'carrier'] as const;
export type Role = (typeof Roles)[number];

/**
 * Who is calling, as established by the gateway from the API key. Services enforce ownership
 * from this identity where the data lives, never trusting ids in the request body for it.
 */
export interface CallerIdentity {
  /** The API key's id (never the key itself). */
  keyId: string;
  role: Role;
  /** For `partner` keys: the partner that owns the sellers it registers (the key id's owner). */
  partnerId?: string;
  /** For `carrier` keys: the carrier code the key is bound to (e.g. `VTP`, `VNPOST`). */
  carrierCode?: string;
}

/** The identity used by the system itself (migrations, seeds, the quick start's demo data). */
export const SYSTEM_CALLER: CallerIdentity = { keyId: 'system', role: 'admin' };
