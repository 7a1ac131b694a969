import { buildTsQuery, canRelax, codeTerm, queryTerms, wordTerms, type QueryWord } from './product-search.query';
import { queryParts } from './search-synonyms';

const w = (word: string, ...near: string[]): QueryWord => ({ word, near });

describe('buildTsQuery', () => {
  it('ANDs the words and lets the last one be a prefix', () => {
    expect(buildTsQuery(wordTerms([w('vai'), w('thieu')]))).toBe("'vai' & 'thieu':*");
  });

  it('offers a word’s nearest vocabulary words as alternatives', () => {
    expect(buildTsQuery(wordTerms([w('thiue', 'thieu', 'thiec'), w('vai')]))).toBe("('thiue' | 'thieu' | 'thiec') & 'vai':*");
  });

  it('does not make a prefix of a last word shorter than three letters', () => {
    expect(buildTsQuery(wordTerms([w('nuoc'), w('ca')]))).toBe("'nuoc' & 'ca'");
  });

  it('drops repeated words and has no query for no words', () => {
    expect(buildTsQuery(wordTerms([w('gao'), w('gao')]))).toBe("'gao':*");
    expect(buildTsQuery([])).toBeNull();
  });

  it('quotes lexemes so that no word can change the query’s structure', () => {
    expect(buildTsQuery(wordTerms([w("o'k"), w('a\\b')]))).toBe("'o''k' & 'a\\\\b':*");
  });

  it('relaxed: any one word may be missing, from three words on', () => {
    expect(buildTsQuery(wordTerms([w('buon'), w('me'), w('thuot')]), true)).toBe(
      "('me' & 'thuot':*) | ('buon' & 'thuot':*) | ('buon' & 'me')",
    );
    expect(buildTsQuery(wordTerms([w('ca'), w('phe')]), true)).toBe("'ca' & 'phe':*");
    expect(canRelax(wordTerms([w('ca'), w('phe')]))).toBe(false);
    expect(canRelax(wordTerms([w('ca'), w('phe'), w('me')]))).toBe(true);
  });

  it('a letters-and-number code finds it written together, apart or hyphenated', () => {
    expect(buildTsQuery([codeTerm('st', '25')])).toBe("('st25' | ('st' & '25') | ('st' & '-25'))");
  });
});

describe('queryParts and queryTerms', () => {
  /** The tsquery of a query whose plain words are all known words. */
  const tsquery = (q: string) => {
    const parts = queryParts(q);
    const words = new Map(parts.flatMap((p, i) => (p.kind === 'word' ? [[i, [w(p.word)]] as const] : [])));
    return buildTsQuery(queryTerms(parts, words));
  };

  it('searches a town by its old and new names as phrases', () => {
    expect(tsquery('cà phê Ban Mê Thuột')).toBe(
      "(('ca' <-> 'phe') | 'cafe' | 'caphe' | 'coffee') & " +
        "(('buon' <-> 'ma' <-> 'thuot') | ('ban' <-> 'me' <-> 'thuot') | ('buon' <-> 'me' <-> 'thuot') | ('ban' <-> 'me') | 'bmt')",
    );
  });

  it.each(['Sài Gòn', 'saigon', 'TP.HCM', 'tp hcm', 'TPHCM', 'HCM', 'Thành phố Hồ Chí Minh', 'TP Hồ Chí Minh', 'ho chi minh'])(
    '"%s" is Hồ Chí Minh City: its names as phrases or products from province 79',
    (q) => {
      const parts = queryParts(q);
      expect(parts).toHaveLength(1);
      expect(parts[0]).toMatchObject({ kind: 'set', set: { provinces: ['79'] } });
      expect(tsquery(q)).toContain("'province:79'");
      expect(tsquery(q)).toContain("('sai' <-> 'gon')");
    },
  );

  it.each([
    ['Bình Dương', '79'],
    ['Bà Rịa - Vũng Tàu', '79'],
    ['vung tau', '79'],
    ['Bình Phước', '75'],
    ['tỉnh Bắc Giang', '24'],
    ['Hà Giang', '08'],
    ['Sóc Trăng', '92'],
    ['Thừa Thiên Huế', '46'],
    ['Đắk Lắk', '66'],
    ['Phú Yên', '66'],
  ])('the old or new province "%s" finds the products of province %s', (q, code) => {
    expect(queryParts(q)).toEqual([expect.objectContaining({ kind: 'set', set: expect.objectContaining({ provinces: [code] }) })]);
  });

  it('knows every 2025 province by its short name', async () => {
    const { allProvinces } = await import('@app/contracts');
    for (const p of allProvinces()) expect(queryParts(p.shortName)[0]).toMatchObject({ kind: 'set', set: { provinces: [p.code] } });
  });

  it('reads "ST 25", "ST25" and "ST-25" as one code, and leaves other words alone', () => {
    for (const q of ['gạo ST 25', 'gao st25', 'gạo ST-25'])
      expect(queryParts(q)).toEqual([expect.objectContaining({ kind: 'set', key: 'gao' }), { kind: 'code', letters: 'st', digits: '25' }]);
    expect(queryParts('nước mắm 40 độ')).toEqual([
      expect.objectContaining({ kind: 'set', key: 'nuoc mam' }),
      { kind: 'word', word: '40' },
      { kind: 'word', word: 'do' },
    ]);
    expect(queryParts('mật ong 0.5 lít').map((p) => (p.kind === 'word' ? p.word : p.kind))).toEqual(['set', '0.5', 'lit']);
  });
});
