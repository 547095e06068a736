/**
 * TCVN3 (ABC) and VNI-Windows text read back as Unicode, on byte sequences written
 * here from the published code tables (not produced by the code under test).
 */
import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { LegacyEncoding, decodeTcvn3, decodeVni, isVietnameseSyllable, readLine } from '../../src/import/legacy-encoding.js';
import { byteLines } from '../../src/import/line-reader.js';

const bytes = (...values: number[]) => Buffer.from(values);
/** Text whose characters are all below U+0100, as the bytes of those code points (how VNI is charted in a Windows-1252 font). */
const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('the TCVN3 (ABC) table', () => {
  // TCVN 5712:1993, VN3: the lower-case letters with marks, in byte order, and the seven marked letters A1–A7 / A8–AE.
  const TABLE: Array<[number[], string]> = [
    [[0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7], 'ĂÂÊÔƠƯĐ'],
    [[0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae], 'ăâêôơưđ'],
    [[0xb5, 0xb6, 0xb7, 0xb8, 0xb9], 'àảãáạ'],
    [[0xbb, 0xbc, 0xbd, 0xbe, 0xc6], 'ằẳẵắặ'],
    [[0xc7, 0xc8, 0xc9, 0xca, 0xcb], 'ầẩẫấậ'],
    [[0xcc, 0xce, 0xcf, 0xd0, 0xd1], 'èẻẽéẹ'],
    [[0xd2, 0xd3, 0xd4, 0xd5, 0xd6], 'ềểễếệ'],
    [[0xd7, 0xd8, 0xdc, 0xdd, 0xde], 'ìỉĩíị'],
    [[0xdf, 0xe1, 0xe2, 0xe3, 0xe4], 'òỏõóọ'],
    [[0xe5, 0xe6, 0xe7, 0xe8, 0xe9], 'ồổỗốộ'],
    [[0xea, 0xeb, 0xec, 0xed, 0xee], 'ờởỡớợ'],
    [[0xef, 0xf1, 0xf2, 0xf3, 0xf4], 'ùủũúụ'],
    [[0xf5, 0xf6, 0xf7, 0xf8, 0xf9], 'ừửữứự'],
    [[0xfa, 0xfb, 0xfc, 0xfd, 0xfe], 'ỳỷỹýỵ'],
  ];

  it.each(TABLE)('decodes %j as %s', (codes, letters) => {
    expect(decodeTcvn3(bytes(...codes))).toBe(letters);
  });

  it('reads "Nguyễn Thị Hoà", and a capital font (.VnTimeH) name in capitals', () => {
    // N g u y ễ=D4 n ␠ T h ị=DE ␠ H o à=B5
    expect(decodeTcvn3(bytes(0x4e, 0x67, 0x75, 0x79, 0xd4, 0x6e, 0x20, 0x54, 0x68, 0xde, 0x20, 0x48, 0x6f, 0xb5))).toBe('Nguyễn Thị Hoà');
    expect(decodeTcvn3(bytes(0x4e, 0x47, 0x55, 0x59, 0xd4, 0x4e, 0x20, 0x54, 0x48, 0xde, 0x20, 0x48, 0x4f, 0xb5))).toBe('NGUYỄN THỊ HOÀ');
    // One capital only is a normal font: "Hà", not "HÀ".
    expect(decodeTcvn3(bytes(0x48, 0xb5))).toBe('Hà');
  });
});

describe('the VNI-Windows table', () => {
  // VNI's chart, each letter as it shows in a Windows-1252 font: the base letter, then its mark byte.
  const LOWER: Array<[string, string]> = [
    ['a aù aø aû aõ aï', 'a á à ả ã ạ'],
    ['aâ aá aà aå aã aä', 'â ấ ầ ẩ ẫ ậ'],
    ['aê aé aè aú aü aë', 'ă ắ ằ ẳ ẵ ặ'],
    ['e eù eø eû eõ eï', 'e é è ẻ ẽ ẹ'],
    ['eâ eá eà eå eã eä', 'ê ế ề ể ễ ệ'],
    ['o où oø oû oõ oï', 'o ó ò ỏ õ ọ'],
    ['oâ oá oà oå oã oä', 'ô ố ồ ổ ỗ ộ'],
    ['ô ôù ôø ôû ôõ ôï', 'ơ ớ ờ ở ỡ ợ'],
    ['u uù uø uû uõ uï', 'u ú ù ủ ũ ụ'],
    ['ö öù öø öû öõ öï', 'ư ứ ừ ử ữ ự'],
    ['i í ì æ ó ò', 'i í ì ỉ ĩ ị'],
    ['y yù yø yû yõ î', 'y ý ỳ ỷ ỹ ỵ'],
    ['ñ', 'đ'],
  ];
  const UPPER: Array<[string, string]> = [
    ['A AÙ AØ AÛ AÕ AÏ', 'A Á À Ả Ã Ạ'],
    ['AÂ AÁ AÀ AÅ AÃ AÄ', 'Â Ấ Ầ Ẩ Ẫ Ậ'],
    ['AÊ AÉ AÈ AÚ AÜ AË', 'Ă Ắ Ằ Ẳ Ẵ Ặ'],
    ['EÂ EÁ EÀ EÅ EÃ EÄ', 'Ê Ế Ề Ể Ễ Ệ'],
    ['OÂ OÁ OÀ OÅ OÃ OÄ', 'Ô Ố Ồ Ổ Ỗ Ộ'],
    ['Ô ÔÙ ÔØ ÔÛ ÔÕ ÔÏ', 'Ơ Ớ Ờ Ở Ỡ Ợ'],
    ['Ö ÖÙ ÖØ ÖÛ ÖÕ ÖÏ', 'Ư Ứ Ừ Ử Ữ Ự'],
    ['I Í Ì Æ Ó Ò', 'I Í Ì Ỉ Ĩ Ị'],
    ['Y YÙ YØ YÛ YÕ Î', 'Y Ý Ỳ Ỷ Ỹ Ỵ'],
    ['Ñ', 'Đ'],
  ];

  it.each([...LOWER, ...UPPER])('decodes %s as %s', (vni, unicode) => {
    expect(decodeVni(latin1(vni))).toBe(unicode);
  });

  it('reads "Nguyễn Thị Hoà" and "NGUYỄN THỊ HOÀ"', () => {
    // N g u y e ã=E3 n ␠ T h ò=F2 ␠ H o a ø=F8
    expect(decodeVni(bytes(0x4e, 0x67, 0x75, 0x79, 0x65, 0xe3, 0x6e, 0x20, 0x54, 0x68, 0xf2, 0x20, 0x48, 0x6f, 0x61, 0xf8))).toBe('Nguyễn Thị Hoà');
    expect(decodeVni(latin1('NGUYEÃN THÒ HOAØ'))).toBe('NGUYỄN THỊ HOÀ');
  });
});

describe('readLine', () => {
  const TCVN3_NAME = bytes(0x4e, 0x67, 0x75, 0x79, 0xd4, 0x6e, 0x20, 0x54, 0x68, 0xde, 0x20, 0x48, 0x6f, 0xb5);
  const VNI_NAME = bytes(0x4e, 0x67, 0x75, 0x79, 0x65, 0xe3, 0x6e, 0x20, 0x54, 0x68, 0xf2, 0x20, 0x48, 0x6f, 0x61, 0xf8);
  const json = (name: Buffer) => Buffer.concat([Buffer.from('{"fullName":"'), name, Buffer.from('","provinceCode":"01"}')]);

  it('tells TCVN3 from VNI by the words each reading makes', () => {
    expect(readLine(json(TCVN3_NAME))).toEqual({ text: '{"fullName":"Nguyễn Thị Hoà","provinceCode":"01"}', encoding: LegacyEncoding.TCVN3, viaWindows1252: false });
    expect(readLine(json(VNI_NAME))).toEqual({ text: '{"fullName":"Nguyễn Thị Hoà","provinceCode":"01"}', encoding: LegacyEncoding.VNI, viaWindows1252: false });
  });

  it('repairs TCVN3 read as Windows-1252 once already: "Lª V¨n Ng­êi" is "Lê Văn Người"', () => {
    // What a Windows-1252 reading of TCVN3 4C AA 20 56 A8 6E 20 4E 67 AD EA 69 gives, saved as UTF-8: ª ¨ and a soft hyphen (U+00AD).
    const mojibake = Buffer.from('{"fullName":"L\u00aa V\u00a8n Ng\u00ad\u00eai"}', 'utf8');
    expect([...mojibake.subarray(13, 27)]).toEqual([0x4c, 0xc2, 0xaa, 0x20, 0x56, 0xc2, 0xa8, 0x6e, 0x20, 0x4e, 0x67, 0xc2, 0xad, 0xc3]);
    expect(readLine(mojibake)).toEqual({ text: '{"fullName":"Lê Văn Người"}', encoding: LegacyEncoding.TCVN3, viaWindows1252: true });
    // The same for VNI: "Nguyeãn Thò Hoaø".
    expect(readLine(Buffer.from('{"fullName":"Nguyeãn Thò Hoaø"}', 'utf8'))).toMatchObject({ text: '{"fullName":"Nguyễn Thị Hoà"}', encoding: LegacyEncoding.VNI });
  });

  it('leaves UTF-8 untouched, including Vietnamese written with Latin-1 letters only, foreign words and decomposed text', () => {
    for (const text of [
      '{"fullName":"Nguyễn Thị Hoà"}',
      '{"fullName":"Lê Hà","title":"Tô Thị Bé"}',
      '{"fullName":"Hòa","other":"Hoà"}',
      '{"fullName":"Ksor H\'Niê","address":"Café José, Nha Trang"}',
      '{"fullName":"Nguye\u0302\u0303n Thi\u0323 Hoa\u0300"}',
      '{"note":"50 m², 25 °C, giá 1.000 €"}',
      '{"personalId":"001190123456"}',
    ]) {
      expect(readLine(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: null });
    }
  });

  it('refuses 8-bit text neither table reads as Vietnamese, naming both', () => {
    // "Việt Nam" in Windows-1258: V i ê=EA, combining dot below=F2, t.
    const cp1258 = Buffer.concat([Buffer.from('{"fullName":"Vi'), bytes(0xea, 0xf2), Buffer.from('t Nam"}')]);
    const read = readLine(cp1258);
    expect(read.text).toBeNull();
    expect(read).toMatchObject({ reason: expect.stringMatching(/^encoding: the line is not UTF-8, and neither TCVN3 \(ABC\) nor VNI-Windows reads it as Vietnamese/) });
  });

  it('sends a line both tables read as Vietnamese to the encoding of the file, or refuses it', () => {
    // F2 is ũ in TCVN3 and ị in VNI: "Vũ" or "Vị".
    const line = Buffer.concat([Buffer.from('{"fullName":"V'), bytes(0xf2), Buffer.from('"}')]);
    expect(readLine(line)).toMatchObject({ text: null, reason: expect.stringMatching(/reads as Vietnamese in both TCVN3 \(ABC\) and VNI-Windows/) });
    expect(readLine(line, LegacyEncoding.TCVN3)).toMatchObject({ text: '{"fullName":"Vũ"}', encoding: LegacyEncoding.TCVN3 });
    expect(readLine(line, LegacyEncoding.VNI)).toMatchObject({ text: '{"fullName":"Vị"}', encoding: LegacyEncoding.VNI });
  });
});

describe('isVietnameseSyllable', () => {
  it.each(['người', 'Nguyễn', 'thị', 'hoà', 'hòa', 'thuỷ', 'thủy', 'của', 'quý', 'gì', 'già', 'giặt', 'khuya', 'ngoằn', 'nghiêng', 'tuổi', 'rượu', 'khuấy', 'ngoài', 'Đặng'])(
    'takes %s',
    (word) => expect(isVietnameseSyllable(word)).toBe(true),
  );
  it.each(['êi', 'Ngêi', 'eón', 'Nguyeón', 'leõ', 'dịng', 'ngươì', 'cuả', 'thịị'])('refuses %s', (word) => expect(isVietnameseSyllable(word)).toBe(false));
});

describe('byteLines', () => {
  async function lines(chunks: Buffer[]): Promise<string[]> {
    const out: string[] = [];
    for await (const batch of byteLines(Readable.from(chunks))) for (const line of batch) out.push(line.toString('latin1'));
    return out;
  }

  it('splits on LF across chunk boundaries, drops CR and a byte order mark, keeps a last line without LF', async () => {
    expect(await lines([Buffer.from('\ufeffone\r\ntw'), Buffer.from('o\n'), Buffer.from('thr'), Buffer.from('ee\r'), Buffer.from('\nfour')])).toEqual(['one', 'two', 'three', 'four']);
    expect(await lines([Buffer.from('a\n\nb\n')])).toEqual(['a', '', 'b']);
    // A UTF-8 letter cut between two chunks comes back whole.
    const hoa = Buffer.from('Hoà\n', 'utf8');
    const split: string[] = [];
    for await (const batch of byteLines(Readable.from([hoa.subarray(0, 3), hoa.subarray(3)]))) for (const line of batch) split.push(line.toString('utf8'));
    expect(split).toEqual(['Hoà']);
  });
});
