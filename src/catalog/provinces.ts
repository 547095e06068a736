/**
 * Administrative units ("đơn vị hành chính"): the 34 provinces since 1 July 2025,
 * the 63 provinces before that date (their codes live on in personal-ID prefixes,
 * older cards and historical records), and a demo list of communes.
 *
 * Sources: Resolution 202/2025/QH15 (the merger), Decision 19/2025/QĐ-TTg (the new
 * codes), Decision 124/2004/QĐ-TTg (the old codes); see /work/shared/design/domain.md,
 * "Administrative units" and "Identifiers".
 */
import type { CommuneSeed, FormerProvinceSeed, ProvinceSeed } from './types.js';

/** Date from which the 34-province map and the old→new mapping apply. */
export const PROVINCE_MERGER_EFFECTIVE_FROM = '2025-07-01';

/** The 34 provinces and centrally run cities since 1 July 2025 (names as in domain.md, NFC). */
export const PROVINCES: ProvinceSeed[] = [
  { code: '01', name: 'Hà Nội' },
  { code: '04', name: 'Cao Bằng' },
  { code: '08', name: 'Tuyên Quang' },
  { code: '11', name: 'Điện Biên' },
  { code: '12', name: 'Lai Châu' },
  { code: '14', name: 'Sơn La' },
  { code: '15', name: 'Lào Cai' },
  { code: '19', name: 'Thái Nguyên' },
  { code: '20', name: 'Lạng Sơn' },
  { code: '22', name: 'Quảng Ninh' },
  { code: '24', name: 'Bắc Ninh' },
  { code: '25', name: 'Phú Thọ' },
  { code: '31', name: 'Hải Phòng' },
  { code: '33', name: 'Hưng Yên' },
  { code: '37', name: 'Ninh Bình' },
  { code: '38', name: 'Thanh Hóa' },
  { code: '40', name: 'Nghệ An' },
  { code: '42', name: 'Hà Tĩnh' },
  { code: '44', name: 'Quảng Trị' },
  { code: '46', name: 'Huế' },
  { code: '48', name: 'Đà Nẵng' },
  { code: '51', name: 'Quảng Ngãi' },
  { code: '52', name: 'Gia Lai' },
  { code: '56', name: 'Khánh Hòa' },
  { code: '66', name: 'Đắk Lắk' },
  { code: '68', name: 'Lâm Đồng' },
  { code: '75', name: 'Đồng Nai' },
  { code: '79', name: 'TP Hồ Chí Minh' },
  { code: '80', name: 'Tây Ninh' },
  { code: '82', name: 'Đồng Tháp' },
  { code: '86', name: 'Vĩnh Long' },
  { code: '91', name: 'An Giang' },
  { code: '92', name: 'Cần Thơ' },
  { code: '96', name: 'Cà Mau' },
];

/** Codes of the six centrally run cities ("thành phố trực thuộc trung ương") among PROVINCES. */
export const CENTRAL_CITY_CODES: readonly string[] = ['01', '31', '46', '48', '79', '92'];

/** [old code, name, current province code]; the personal-ID prefix is '0' + the old code. */
const FORMER: ReadonlyArray<readonly [string, string, string]> = [
  ['01', 'Hà Nội', '01'],
  ['02', 'Hà Giang', '08'],
  ['04', 'Cao Bằng', '04'],
  ['06', 'Bắc Kạn', '19'],
  ['08', 'Tuyên Quang', '08'],
  ['10', 'Lào Cai', '15'],
  ['11', 'Điện Biên', '11'],
  ['12', 'Lai Châu', '12'],
  ['14', 'Sơn La', '14'],
  ['15', 'Yên Bái', '15'],
  ['17', 'Hòa Bình', '25'],
  ['19', 'Thái Nguyên', '19'],
  ['20', 'Lạng Sơn', '20'],
  ['22', 'Quảng Ninh', '22'],
  ['24', 'Bắc Giang', '24'],
  ['25', 'Phú Thọ', '25'],
  ['26', 'Vĩnh Phúc', '25'],
  ['27', 'Bắc Ninh', '24'],
  ['30', 'Hải Dương', '31'],
  ['31', 'Hải Phòng', '31'],
  ['33', 'Hưng Yên', '33'],
  ['34', 'Thái Bình', '33'],
  ['35', 'Hà Nam', '37'],
  ['36', 'Nam Định', '37'],
  ['37', 'Ninh Bình', '37'],
  ['38', 'Thanh Hóa', '38'],
  ['40', 'Nghệ An', '40'],
  ['42', 'Hà Tĩnh', '42'],
  ['44', 'Quảng Bình', '44'],
  ['45', 'Quảng Trị', '44'],
  ['46', 'Thừa Thiên Huế', '46'],
  ['48', 'Đà Nẵng', '48'],
  ['49', 'Quảng Nam', '48'],
  ['51', 'Quảng Ngãi', '51'],
  ['52', 'Bình Định', '52'],
  ['54', 'Phú Yên', '66'],
  ['56', 'Khánh Hòa', '56'],
  ['58', 'Ninh Thuận', '56'],
  ['60', 'Bình Thuận', '68'],
  ['62', 'Kon Tum', '51'],
  ['64', 'Gia Lai', '52'],
  ['66', 'Đắk Lắk', '66'],
  ['67', 'Đắk Nông', '68'],
  ['68', 'Lâm Đồng', '68'],
  ['70', 'Bình Phước', '75'],
  ['72', 'Tây Ninh', '80'],
  ['74', 'Bình Dương', '79'],
  ['75', 'Đồng Nai', '75'],
  ['77', 'Bà Rịa - Vũng Tàu', '79'],
  ['79', 'TP Hồ Chí Minh', '79'],
  ['80', 'Long An', '80'],
  ['82', 'Tiền Giang', '82'],
  ['83', 'Bến Tre', '86'],
  ['84', 'Trà Vinh', '86'],
  ['86', 'Vĩnh Long', '86'],
  ['87', 'Đồng Tháp', '82'],
  ['89', 'An Giang', '91'],
  ['91', 'Kiên Giang', '91'],
  ['92', 'Cần Thơ', '92'],
  ['93', 'Hậu Giang', '92'],
  ['94', 'Sóc Trăng', '92'],
  ['95', 'Bạc Liêu', '96'],
  ['96', 'Cà Mau', '96'],
];

/**
 * The 63 provinces before 1 July 2025, each mapped to the province that holds its
 * territory since then (Resolution 202/2025/QH15). Provinces that kept their
 * territory map to themselves (e.g. Thừa Thiên Huế 46 → 46 Huế).
 */
export const FORMER_PROVINCES: FormerProvinceSeed[] = FORMER.map(([code, name, mergedInto]) => ({
  code,
  personalIdPrefix: `0${code}`,
  name,
  mergedInto,
  effectiveFrom: PROVINCE_MERGER_EFFECTIVE_FROM,
}));

/**
 * DEMO list: three communes/wards per province, with plausible names and made-up
 * five-digit codes (province code + a three-digit sequence). The real 3,321
 * communes, wards and special zones and their codes come from the list of
 * Decision 19/2025/QĐ-TTg; load that list instead of this one in production.
 */
const DEMO_COMMUNE_NAMES: Readonly<Record<string, readonly [string, string, string]>> = {
  '01': ['Phường Ba Đình', 'Phường Hoàn Kiếm', 'Xã Sóc Sơn'],
  '04': ['Phường Thục Phán', 'Phường Nùng Trí Cao', 'Xã Trùng Khánh'],
  '08': ['Phường Minh Xuân', 'Phường Hà Giang 1', 'Xã Đồng Văn'],
  '11': ['Phường Điện Biên Phủ', 'Phường Mường Thanh', 'Xã Mường Nhé'],
  '12': ['Phường Tân Phong', 'Phường Đoàn Kết', 'Xã Sìn Hồ'],
  '14': ['Phường Tô Hiệu', 'Phường Chiềng An', 'Xã Sông Mã'],
  '15': ['Phường Lào Cai', 'Phường Cam Đường', 'Phường Yên Bái'],
  '19': ['Phường Phan Đình Phùng', 'Phường Gia Sàng', 'Phường Bắc Kạn'],
  '20': ['Phường Tam Thanh', 'Phường Lương Văn Tri', 'Xã Đồng Đăng'],
  '22': ['Phường Hạ Long', 'Phường Bãi Cháy', 'Phường Móng Cái 1'],
  '24': ['Phường Kinh Bắc', 'Phường Bắc Giang', 'Phường Từ Sơn'],
  '25': ['Phường Việt Trì', 'Phường Vĩnh Phúc', 'Phường Hòa Bình'],
  '31': ['Phường Hồng Bàng', 'Phường Lê Chân', 'Phường Hải Dương'],
  '33': ['Phường Phố Hiến', 'Phường Sơn Nam', 'Phường Thái Bình'],
  '37': ['Phường Hoa Lư', 'Phường Nam Định', 'Phường Phủ Lý'],
  '38': ['Phường Hạc Thành', 'Phường Sầm Sơn', 'Xã Thọ Xuân'],
  '40': ['Phường Thành Vinh', 'Phường Trường Vinh', 'Phường Cửa Lò'],
  '42': ['Phường Thành Sen', 'Phường Trần Phú', 'Xã Cẩm Xuyên'],
  '44': ['Phường Đồng Hới', 'Phường Đông Hà', 'Xã Khe Sanh'],
  '46': ['Phường Thuận Hóa', 'Phường Phú Xuân', 'Phường Hương Thủy'],
  '48': ['Phường Hải Châu', 'Phường Thanh Khê', 'Phường Tam Kỳ'],
  '51': ['Phường Cẩm Thành', 'Phường Trương Quang Trọng', 'Phường Kon Tum'],
  '52': ['Phường Quy Nhơn', 'Phường Pleiku', 'Phường An Khê'],
  '56': ['Phường Nha Trang', 'Phường Cam Ranh', 'Phường Phan Rang'],
  '66': ['Phường Buôn Ma Thuột', 'Phường Tân An', 'Phường Tuy Hòa'],
  '68': ['Phường Bảo Lộc 1', 'Phường Phan Thiết', 'Phường Bắc Gia Nghĩa'],
  '75': ['Phường Biên Hòa', 'Phường Trấn Biên', 'Phường Bình Phước'],
  '79': ['Phường Sài Gòn', 'Phường Bến Thành', 'Phường Thủ Dầu Một'],
  '80': ['Phường Tân Ninh', 'Phường Long An', 'Phường Tân An'],
  '82': ['Phường Mỹ Tho', 'Phường Cao Lãnh', 'Phường Sa Đéc'],
  '86': ['Phường Thanh Đức', 'Phường Bến Tre', 'Phường Trà Vinh'],
  '91': ['Phường Long Xuyên', 'Phường Rạch Giá', 'Phường Châu Đốc'],
  '92': ['Phường Ninh Kiều', 'Phường Cái Khế', 'Phường Sóc Trăng'],
  '96': ['Phường An Xuyên', 'Phường Bạc Liêu', 'Xã Năm Căn'],
};

/** DEMO communes (see DEMO_COMMUNE_NAMES): codes `<province code><001..003>`, unique. */
export const COMMUNES: CommuneSeed[] = PROVINCES.flatMap((province) =>
  (DEMO_COMMUNE_NAMES[province.code] ?? []).map((name, index) => ({
    code: `${province.code}${String(index + 1).padStart(3, '0')}`,
    name,
    provinceCode: province.code,
  })),
);

const provincesByCode = new Map(PROVINCES.map((p) => [p.code, p]));
const formerByPrefix = new Map(FORMER_PROVINCES.map((p) => [p.personalIdPrefix, p]));
const formerByCode = new Map(FORMER_PROVINCES.map((p) => [p.code, p]));
const communesByCode = new Map(COMMUNES.map((c) => [c.code, c]));

/** The current (post-2025) province with this two-digit code, or undefined. */
export function provinceByCode(code: string): ProvinceSeed | undefined {
  return provincesByCode.get(code);
}

/** The pre-2025 province whose personal-ID prefix this is (e.g. "001" Hà Nội), or undefined. */
export function formerProvinceByPersonalIdPrefix(prefix: string): FormerProvinceSeed | undefined {
  return formerByPrefix.get(prefix);
}

/** The pre-2025 province with this two-digit code (e.g. "74" Bình Dương), or undefined. */
export function formerProvinceByCode(code: string): FormerProvinceSeed | undefined {
  return formerByCode.get(code);
}

/** A commune of the (demo) commune list, or undefined. */
export function communeByCode(code: string): CommuneSeed | undefined {
  return communesByCode.get(code);
}
