/** One invalid field in a request (`errors[]` of a problem document). */
export interface FieldError {
  /** JSON path of the field, dotted (`address.wardCode`, `items[0].quantity`). */
  field: string;
  message: string;
  /** The same message in Vietnamese (chosen at the edge for `Accept-Language: vi`, then removed). */
  messageVi?: string;
}

/**
 * RFC 9457 problem details as they travel between services and out of the gateway. `code` is
 * stable and machine-readable (`validation_failed`, `not_found`, `illegal_transition`, …).
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  /** `detail` in Vietnamese (chosen at the edge for `Accept-Language: vi`, then removed). */
  detailVi?: string;
}
