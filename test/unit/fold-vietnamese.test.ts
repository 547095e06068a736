import { describe, it, expect } from '@jest/globals';
import { foldVietnamese, normalizeName } from '../../src/search/fold-vietnamese.js';

describe('foldVietnamese', () => {
  it('meets old and new tone placement, upper and lower case, with or without diacritics', () => {
    const folded = ['Nguyễn Thị Hoà', 'nguyen thi hoa', 'NGUYỄN THỊ HÒA', 'Nguyễn Thị Hòa'].map(foldVietnamese);
    expect(new Set(folded)).toEqual(new Set(['nguyen thi hoa']));
  });

  it('maps đ, Đ and the look-alikes ð, Ð to d', () => {
    expect(foldVietnamese('Đặng đình Ðức ðạt')).toBe('dang dinh duc dat');
    expect(foldVietnamese('\u0110\u0111\u00d0\u00f0')).toBe('dddd');
  });

  it('folds decomposed (NFD) input the same as NFC input', () => {
    const nfc = 'Trần Thủy Tiên Đỗ Ưng'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(foldVietnamese(nfd)).toBe(foldVietnamese(nfc));
    expect(foldVietnamese(nfc)).toBe('tran thuy tien do ung');
  });

  it('collapses whitespace runs and trims', () => {
    expect(foldVietnamese('  Lê \t Văn\u00a0\u00a0Tám \n')).toBe('le van tam');
    expect(foldVietnamese('')).toBe('');
  });

  it('folds every Vietnamese vowel to its base letter', () => {
    expect(foldVietnamese('àáảãạăằắẳẵặâầấẩẫậ')).toBe('a'.repeat(17));
    expect(foldVietnamese('ƠỜỚỞỠỢƯỪỨỬỮỰ')).toBe('oooooouuuuuu');
    expect(foldVietnamese('ỳýỷỹỵ êềếểễệ ìíỉĩị ôồốổỗộ')).toBe('yyyyy eeeeee iiiii oooooo');
  });

  it('keeps digits and punctuation', () => {
    expect(foldVietnamese('Phường Hà Giang 1, Tuyên Quang')).toBe('phuong ha giang 1, tuyen quang');
  });
});

describe('normalizeName', () => {
  it('stores names as NFC, trimmed, single-spaced, diacritics kept', () => {
    const nfd = '  Nguyễn   Thị  Hoà '.normalize('NFD');
    const stored = normalizeName(nfd);
    expect(stored).toBe('Nguyễn Thị Hoà'.normalize('NFC'));
    expect(stored.normalize('NFC')).toBe(stored);
  });

  it('does not change tone placement (house style is the caller’s concern)', () => {
    expect(normalizeName('Hoà')).not.toBe(normalizeName('Hòa'));
  });
});
