import { parse } from 'csv-parse/sync';
import { CsvRecordReader, CsvSyntaxError, type CsvRecord } from './csv-records';

/** Feeds `text` in pieces cut at `cuts` (the reader must not care where chunks end). */
function read(text: string, cuts: number[] = [], max?: number): CsvRecord[] {
  const reader = new CsvRecordReader(max);
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < text.length).sort((a, b) => a - b), text.length]) {
    out.push(...reader.push(text.slice(from, cut)));
    from = cut;
  }
  out.push(...reader.end());
  return out;
}

/** csv-parse with the options the uploader used before: the reference for fields and line numbers. */
function reference(text: string): CsvRecord[] {
  const rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  return rows.map((r) => ({ fields: r.record, line: r.info.lines }));
}

/** Every way of cutting `text` in two, and a few in many pieces. */
function cutsOf(text: string): number[][] {
  const cuts: number[][] = [[]];
  for (let i = 1; i < text.length; i++) cuts.push([i]);
  for (let step = 1; step <= 3; step++) cuts.push(Array.from({ length: text.length }, (_, i) => i * step));
  return cuts;
}

const files: Record<string, string> = {
  'plain lines': 'a,b,c\n1,2,3\n4,5,6\n',
  'CRLF line ends': 'a,b,c\r\n1,2,3\r\n4,5,6\r\n',
  'no final line break': 'a,b\n1,2',
  'a byte-order mark': '\ufeffa,b\n1,2\n',
  'empty lines and empty fields': 'a,b,c\n\n1,,3\n\n,,\n\n',
  'quoted fields': 'a,b,c\n"x,y",2,"say ""hi"""\n"",5,6\n',
  'line breaks inside quotes': 'a,b\n"two\nlines",1\n"and\n\nthree",2\nlast,3\n',
  'quotes in a CRLF file': 'a,b\r\n"1,5",2\r\n\r\n3,"4"\r\n',
  'ragged records': 'a,b,c\n1\n1,2,3,4\n',
  'Vietnamese text': 'tên,số\nVải thiều Lục Ngạn,1\n"Nhãn, lồng",2\n',
};

describe('CsvRecordReader', () => {
  it.each(Object.entries(files))('reads %s as csv-parse does, however the text is cut', (_name, text) => {
    const want = reference(text);
    for (const cuts of cutsOf(text)) expect({ cuts, got: read(text, cuts) }).toEqual({ cuts, got: want });
  });

  it('takes LF, CRLF and a lone CR alike as line breaks, even mixed in one file', () => {
    // csv-parse keeps to the first line break it meets, reads the others as data, and counts a
    // CRLF inside quotes as two lines: the file's own line numbers are what a carrier can check.
    expect(read('a,b\r\n1,2\n\r\n3,4\r5,6\n"x\r\ny",7\n')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 4 },
      { fields: ['5', '6'], line: 5 },
      { fields: ['x\r\ny', '7'], line: 7 },
    ]);
  });

  it('numbers lines as the file does: header 1, skipped empty lines counted', () => {
    expect(read('h\n\nx\n"a\nb"\ny\n').map((r) => r.line)).toEqual([1, 3, 5, 6]);
  });

  it.each([
    ['a quote inside an unquoted field', 'a,b\nx"y,1\n', 2, /Invalid Opening Quote/],
    ['text after a closing quote', 'a,b\n"x"y,1\n', 2, /Invalid Closing Quote/],
    ['a quote never closed', 'a,b\n1,2\n"open,3\n', 3, /Quote Not Closed/],
  ])('refuses %s, naming the line', (_what, text, line, message) => {
    for (const cuts of cutsOf(text)) {
      let error: unknown;
      try {
        read(text, cuts);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect({ line: (error as CsvSyntaxError).line, message: (error as Error).message }).toEqual({
        line,
        message: expect.stringMatching(message),
      });
    }
  });

  it('refuses a record longer than the limit, quoted or not, however it arrives', () => {
    const long = 'x'.repeat(200);
    for (const text of [`a\n${long}\n`, `a\n"${long}"\n`, `a\n${long}`]) {
      for (const cuts of [[], [10], [150]]) expect(() => read(text, cuts, 100)).toThrow(/Max Record Size/);
    }
    expect(read(`a\n${'x'.repeat(100)}\n`, [], 100)).toHaveLength(2);
  });

  it('reads a large file in 64 kB chunks with the fields of every line', () => {
    const lines = Array.from(
      { length: 20000 },
      (_, i) => `EB${String(i).padStart(9, '0')}VN,${i % 3 ? '' : `id-${i}`},${100000 + i},20000,800,0,${79200 + i}`,
    );
    const text = `trackingCode,shipmentId,cod,ship,codFee,returnFee,net\n${lines.join('\n')}\n`;
    const cuts = Array.from({ length: Math.ceil(text.length / 65536) }, (_, i) => i * 65536);
    const got = read(text, cuts);
    expect(got).toHaveLength(20001);
    expect(got[12345]).toEqual({ fields: lines[12344].split(','), line: 12346 });
  });
});
