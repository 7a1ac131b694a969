/** A CSV file that is not RFC 4180: where and why. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** One record and the (1-based) line it ends on: the header is line 1. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

const QUOTE = 34; // "
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Splits CSV text (RFC 4180: comma-separated, `"` quoting with `""` for a quote, records ended by
 * LF, CRLF or CR) into records as it arrives, chunk by chunk, holding only the unfinished tail.
 * Empty lines are skipped, a leading BOM dropped, records may have any number of fields.
 *
 * Statements run to hundreds of thousands of lines and nearly none is quoted, so a line without
 * a quote is split with `String.split` (~8× faster than a general parser); a quote switches that
 * record to the character-by-character reading that quoting needs.
 */
export class CsvRecordReader {
  private tail = '';
  private line = 0;
  private started = false;

  constructor(private readonly maxRecordChars = 65536) {}

  /** The records completed by this text. */
  push(text: string): CsvRecord[] {
    let s = this.tail + text;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const out: CsvRecord[] = [];
    const end = this.read(s, out, false);
    this.tail = s.slice(end);
    if (this.tail.length > this.maxRecordChars) throw this.tooLong(this.line + 1);
    return out;
  }

  /** The last record, if the text did not end with a line break. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    const rest = this.tail;
    this.tail = '';
    if (rest.length > 0) this.read(rest, out, true);
    return out;
  }

  /** Reads whole records from `s` into `out`; returns where the unfinished rest starts. */
  private read(s: string, out: CsvRecord[], final: boolean): number {
    let i = 0;
    // The next quote and CR at or after i (-1: none left), looked up again only once passed.
    let quote = s.indexOf('"');
    let cr = s.indexOf('\r');
    while (i < s.length) {
      const lf = s.indexOf('\n', i);
      if (lf < 0 && !final) return i;
      const lineEnd = lf < 0 ? s.length : lf;
      if (quote >= 0 && quote < i) quote = s.indexOf('"', i);
      if (cr >= 0 && cr < i) cr = s.indexOf('\r', i);
      if ((quote < 0 || quote > lineEnd) && (cr < 0 || cr >= lineEnd - 1)) {
        // The common case: one physical line, no quotes (a CR only as part of CRLF).
        const stop = cr >= 0 && cr === lineEnd - 1 ? cr : lineEnd;
        this.line += 1;
        if (stop - i > this.maxRecordChars) throw this.tooLong(this.line);
        if (stop > i) out.push({ fields: s.slice(i, stop).split(','), line: this.line });
        i = lf < 0 ? s.length : lf + 1;
        continue;
      }
      const next = this.readQuoted(s, i, out, final);
      if (next < 0) return i;
      i = next;
    }
    return i;
  }

  /**
   * One record the slow way (quotes, or a lone CR as the record delimiter). Returns the index
   * after it, or -1 if the text ends before the record does (and more is coming).
   */
  private readQuoted(s: string, start: number, out: CsvRecord[], final: boolean): number {
    const fields: string[] = [];
    let lines = 1;
    let i = start;
    let field = '';
    for (;;) {
      if (i - start > this.maxRecordChars) throw this.tooLong(this.line + lines);
      if (i >= s.length) {
        if (!final) return -1;
        fields.push(field);
        this.emit(fields, lines, out);
        return i;
      }
      let c = s.charCodeAt(i);
      if (c === QUOTE) {
        if (field.length > 0) {
          throw new CsvSyntaxError(
            this.line + lines,
            `Invalid Opening Quote: a quote is found in field ${fields.length + 1} at line ${this.line + lines}`,
          );
        }
        // A quoted field: up to the quote that is not doubled.
        i += 1;
        for (;;) {
          const q = s.indexOf('"', i);
          if (q < 0) {
            if (!final) return -1;
            throw new CsvSyntaxError(this.line + lines, `Quote Not Closed: the file ends inside a quoted field`);
          }
          if (q - start > this.maxRecordChars) throw this.tooLong(this.line + lines);
          const part = s.slice(i, q);
          lines += countLineBreaks(part);
          field += part;
          if (q + 1 >= s.length && !final) return -1;
          if (s.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        if (i >= s.length) continue;
        c = s.charCodeAt(i);
        if (c !== COMMA && c !== LF && c !== CR) {
          throw new CsvSyntaxError(
            this.line + lines,
            `Invalid Closing Quote: got "${s[i]}" after the quoted field ${fields.length + 1} at line ${this.line + lines}`,
          );
        }
      }
      if (c === COMMA) {
        fields.push(field);
        field = '';
        i += 1;
      } else if (c === LF || c === CR) {
        if (c === CR && i + 1 >= s.length && !final) return -1;
        const next = c === CR && s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        fields.push(field);
        this.emit(fields, lines, out);
        return next;
      } else {
        field += s[i];
        i += 1;
      }
    }
  }

  private emit(fields: string[], lines: number, out: CsvRecord[]): void {
    this.line += lines;
    if (fields.length === 1 && fields[0] === '') return; // an empty line
    out.push({ fields, line: this.line });
  }

  private tooLong(line: number): CsvSyntaxError {
    return new CsvSyntaxError(line, `Max Record Size: a record is longer than ${this.maxRecordChars} characters`);
  }
}

function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) n += 1;
  }
  return n;
}
