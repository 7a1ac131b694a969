import { buildTsQuery, canRelax, type QueryWord } from './product-search.query';

const w = (word: string, ...near: string[]): QueryWord => ({ word, near });

describe('buildTsQuery', () => {
  it('ANDs the words and lets the last one be a prefix', () => {
    expect(buildTsQuery([w('vai'), w('thieu')])).toBe("'vai' & 'thieu':*");
  });

  it('offers a word’s nearest vocabulary words as alternatives', () => {
    expect(buildTsQuery([w('thiue', 'thieu', 'thiec'), w('vai')])).toBe("('thiue' | 'thieu' | 'thiec') & 'vai':*");
  });

  it('does not make a prefix of a last word shorter than three letters', () => {
    expect(buildTsQuery([w('nuoc'), w('ca')])).toBe("'nuoc' & 'ca'");
  });

  it('drops repeated words and has no query for no words', () => {
    expect(buildTsQuery([w('gao'), w('gao')])).toBe("'gao':*");
    expect(buildTsQuery([])).toBeNull();
  });

  it('quotes lexemes so that no word can change the query’s structure', () => {
    expect(buildTsQuery([w("o'k"), w('a\\b')])).toBe("'o''k' & 'a\\\\b':*");
  });

  it('relaxed: any one word may be missing, from three words on', () => {
    expect(buildTsQuery([w('buon'), w('me'), w('thuot')], true)).toBe("('me' & 'thuot':*) | ('buon' & 'thuot':*) | ('buon' & 'me')");
    expect(buildTsQuery([w('ca'), w('phe')], true)).toBe("'ca' & 'phe':*");
    expect(canRelax([w('ca'), w('phe')])).toBe(false);
    expect(canRelax([w('ca'), w('phe'), w('me')])).toBe(true);
  });
});
