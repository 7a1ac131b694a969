/**
 * One CSV cell as every file the system writes has it: quoted where CSV needs it, and a text that
 * a spreadsheet would run as a formula (`= + - @`, tab, CR first: OWASP's CSV injection) defused
 * with a leading apostrophe. Numbers are written as they are (a negative amount stays a number).
 */
export function csvCell(v: string | number): string {
  const s = String(v);
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
