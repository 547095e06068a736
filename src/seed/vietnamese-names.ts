/**
 * Realistic Vietnamese names of people and organizations, and street addresses,
 * for demo and benchmark data. Deterministic given the random source; every
 * string is NFC (DESIGN.md, "Vietnamese text").
 *
 * Family-name shares follow the commonly cited figures (domain.md, "Vietnamese
 * names and folding"): Nguyễn ~38%, Trần ~11%, Lê ~9.5% … about 95% for the
 * sixteen most common names, the rest spread over a tail. Order is family,
 * middle, given. About 1% of people get an ethnic-minority name (Ê Đê, Gia Rai,
 * Thái, Tày, Mường…), which need not follow that order. Tone placement varies as
 * in real records: "Hoà" (old style) and "Hòa" (new style) both occur.
 */
import type { Random } from './random.js';

export type Gender = 'MALE' | 'FEMALE';

/** Family names ("họ") and their approximate share in percent. */
export const FAMILY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Phan', 4.5],
  ['Huỳnh', 4],
  ['Vũ', 3.9],
  ['Võ', 3],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  // The tail: about 4.5% together.
  ['Đinh', 0.55],
  ['Trịnh', 0.45],
  ['Trương', 0.45],
  ['Lương', 0.35],
  ['Đoàn', 0.4],
  ['Mai', 0.35],
  ['Cao', 0.3],
  ['Lâm', 0.3],
  ['Tạ', 0.2],
  ['Hà', 0.3],
  ['Tô', 0.2],
  ['Chu', 0.15],
  ['Kiều', 0.1],
  ['Châu', 0.1],
  ['Quách', 0.1],
  ['Thái', 0.1],
];

const MIDDLE_NAMES: Record<Gender, ReadonlyArray<readonly [string, number]>> = {
  FEMALE: [
    ['Thị', 62],
    ['Ngọc', 9],
    ['Thanh', 6],
    ['Thu', 5],
    ['Kim', 5],
    ['Minh', 4],
    ['Bích', 3],
    ['Hồng', 2],
    ['Phương', 2],
    ['Hoài', 1],
    ['Mỹ', 1],
  ],
  MALE: [
    ['Văn', 52],
    ['Hữu', 8],
    ['Đức', 8],
    ['Minh', 8],
    ['Quang', 6],
    ['Xuân', 4],
    ['Công', 4],
    ['Thanh', 4],
    ['Quốc', 3],
    ['Ngọc', 2],
    ['Trọng', 1],
  ],
};

/** A given name written two ways: old-style ("Hoà", "Thuỷ") and new-style ("Hòa", "Thủy") tone placement. */
type GivenName = string | readonly [oldStyle: string, newStyle: string];

const GIVEN_NAMES: Record<Gender, readonly GivenName[]> = {
  FEMALE: [
    'An', 'Anh', 'Ánh', 'Bích', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hiền', 'Hoa',
    ['Hoà', 'Hòa'], 'Huệ', 'Hương', 'Hường', 'Huyền', 'Khánh', 'Lan', 'Liên', 'Linh', 'Loan', 'Ly', 'Mai',
    'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Nhi', 'Oanh', 'Phương', 'Phượng', 'Quyên', 'Quỳnh', 'Tâm',
    'Thảo', 'Thắm', 'Thanh', 'Thơ', 'Thu', ['Thuỷ', 'Thủy'], 'Thúy', 'Thư', 'Trang', 'Trâm', 'Trinh',
    'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến', ['Thoả', 'Thỏa'], 'Diệp', 'Hậu', 'Lệ',
  ],
  MALE: [
    'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Chiến', 'Công', 'Dũng', 'Duy', 'Dương', 'Đạt', 'Điệp', 'Định',
    'Đông', 'Đức', 'Giang', 'Hải', 'Hiếu', 'Hiển', ['Hoà', 'Hòa'], 'Hoàng', 'Huy', 'Hùng', 'Hưng',
    'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Lợi', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Ngọc', 'Nhân',
    'Phong', 'Phú', 'Phúc', 'Phương', 'Quân', 'Quang', 'Quý', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành',
    'Thịnh', 'Thông', 'Tiến', 'Toàn', 'Trung', 'Trường', 'Tú', 'Tuấn', ['Thuỵ', 'Thụy'], 'Văn', 'Việt',
    'Vinh', 'Vũ', 'Hậu', 'Khải',
  ],
};

/** Share of people with an ethnic-minority name that need not follow family-middle-given. */
const MINORITY_SHARE = 0.01;

/** Ê Đê: personal prefix "Y" (men) or "H'" (women), then the given name, then the lineage name. */
const EDE_LINEAGES = ['Niê', 'Êban', 'Ênuôl', 'Mlô', 'Byă', 'Ayŭn', 'Niê Kdăm', 'Adrơng', 'Buôn Yă', 'Hwing'] as const;
const EDE_GIVEN: Record<Gender, readonly string[]> = {
  MALE: ['Bri', 'Ngông', 'Jut', 'Moan', 'Khoa', 'Thuột', 'Blô', 'Wang', 'Sơn', 'Tlam'],
  FEMALE: ['Hen', 'Linh', 'Blơ', 'Yơn', 'Nga', 'Zên', 'Mai', 'Hồng', 'Bia', 'Dơk'],
};
/** Gia Rai: lineage name first (Ksor, Siu, Rơ Mah…), women's given names often with "H'". */
const JARAI_LINEAGES = ['Ksor', 'Siu', 'Rơ Mah', 'Rơ Châm', 'Kpă', 'Nay', 'Puih', 'Rah Lan', 'Rơ Lan', 'Kpuih'] as const;
const JARAI_GIVEN: Record<Gender, readonly string[]> = {
  MALE: ['Kơk', 'Phơi', 'Tuân', 'Blik', 'Đin', 'Hyoai', 'Khuyên', 'Wiu', 'Djuh', 'Thun'],
  FEMALE: ["H'Bloanh", "H'Mai", "H'Yen", "H'Lan", 'Nhung', "H'Hen", 'Blêk', "H'Lơi", 'Nhí', 'Hơn'],
};
/** Thái, Tày, Nùng, Mường: family names of their own, but the usual order and middle names. */
const NORTHERN_MINORITY_FAMILIES = ['Lò', 'Lường', 'Quàng', 'Cầm', 'Nông', 'Vi', 'Sầm', 'Bạc', 'Hà', 'Đinh', 'Triệu', 'Lục'] as const;

const nfc = (s: string) => s.normalize('NFC');

/** A family name drawn with realistic shares. */
export function familyName(rng: Random): string {
  return rng.weighted(FAMILY_NAMES);
}

/** A middle name ("tên đệm") for this gender. */
export function middleName(rng: Random, gender: Gender): string {
  return rng.weighted(MIDDLE_NAMES[gender]);
}

/** A given name ("tên") for this gender; old- or new-style tone placement where both exist. */
export function givenName(rng: Random, gender: Gender): string {
  const name = rng.pick(GIVEN_NAMES[gender]);
  return typeof name === 'string' ? name : rng.chance(0.5) ? name[0] : name[1];
}

function minorityName(rng: Random, gender: Gender): string {
  switch (rng.int(0, 2)) {
    case 0: {
      const given = rng.pick(EDE_GIVEN[gender]);
      const personal = gender === 'MALE' ? `Y ${given}` : `H'${given}`;
      return `${personal} ${rng.pick(EDE_LINEAGES)}`;
    }
    case 1:
      return `${rng.pick(JARAI_LINEAGES)} ${rng.pick(JARAI_GIVEN[gender])}`;
    default:
      return `${rng.pick(NORTHERN_MINORITY_FAMILIES)} ${gender === 'MALE' ? 'Văn' : 'Thị'} ${givenName(rng, gender)}`;
  }
}

/** An ethnic-minority name: Ê Đê ("Y Bri Niê", "H'Hen Êban"), Gia Rai ("Ksor Kơk"), Thái/Tày ("Lò Văn Pâng"). */
export function minorityPersonName(rng: Random, gender: Gender): string {
  return nfc(minorityName(rng, gender));
}

/**
 * A person's full name, e.g. "Nguyễn Thị Hoà", "Trần Quang Minh", or about 1% of the
 * time an ethnic-minority name such as "Y Bri Niê", "H'Hen Êban", "Ksor Kơk".
 * Pass `family` to keep a family's surname (children take their father's).
 */
export function personName(rng: Random, gender: Gender, family?: string): string {
  if (family === undefined && rng.chance(MINORITY_SHARE)) return nfc(minorityName(rng, gender));
  const surname = family ?? familyName(rng);
  // A few people have two middle names ("Nguyễn Thị Thu Hà", "Lê Văn Minh Tuấn").
  const middle = rng.chance(0.08)
    ? `${middleName(rng, gender)} ${gender === 'FEMALE' ? rng.pick(['Thu', 'Ngọc', 'Kim', 'Thanh', 'Minh']) : rng.pick(['Minh', 'Quốc', 'Anh', 'Thanh'])}`
    : middleName(rng, gender);
  let given = givenName(rng, gender);
  if (middle.endsWith(given) || given === surname) given = givenName(rng, gender);
  // Never the same word twice in a row ("Thanh Thanh").
  const words = `${surname} ${middle} ${given}`.split(' ').filter((w, i, all) => i === 0 || w !== all[i - 1]);
  return nfc(words.join(' '));
}

/** The family name of a person name produced by personName (the first word), for a household's children. */
export function familyNameOf(fullName: string): string {
  return fullName.split(' ')[0]!;
}

/** Two-syllable trade names ("tên riêng") as Vietnamese businesses choose them. */
const TRADE_NAMES = [
  'Minh Phát', 'Hưng Thịnh', 'Thành Công', 'An Khang', 'Phúc Lộc', 'Tân Tiến', 'Hoàng Long', 'Việt Tiến',
  'Đại Dương', 'Sao Mai', 'Bình Minh', 'Trường Sơn', 'Kim Ngân', 'Thiên Phú', 'Vạn Xuân', 'Nam Việt',
  'Đông Á', 'Quang Minh', 'Toàn Thắng', 'Hải Âu', 'Phú Gia', 'Tâm Đức', 'Thịnh Vượng', 'Hồng Hà',
  'Sông Hồng', 'Cửu Long', 'Trí Việt', 'Ánh Dương', 'Đức Thành', 'Phương Nam', 'Hòa Bình', 'Thăng Long',
  'Mê Kông', 'Hà Thành', 'Tân Phú', 'Lộc Phát', 'Vĩnh Hưng', 'Gia Huy', 'Bảo Tín', 'An Phát',
] as const;

const SECTORS = [
  'Thương mại và Dịch vụ', 'Xây dựng', 'Sản xuất và Thương mại', 'May mặc', 'Thực phẩm', 'Công nghệ',
  'Vận tải', 'Cơ khí', 'Dược phẩm', 'Điện tử', 'Đầu tư và Phát triển', 'Xuất nhập khẩu', 'Nội thất',
  'Du lịch', 'Môi trường', 'Giày da', 'Bao bì', 'Logistics', 'Phần mềm', 'Thủy sản',
] as const;

/** Names that schools carry: national heroes, scholars, revolutionaries. */
const NOTABLE_PEOPLE = [
  'Kim Đồng', 'Lê Quý Đôn', 'Nguyễn Du', 'Trần Hưng Đạo', 'Chu Văn An', 'Lê Lợi', 'Nguyễn Trãi',
  'Võ Thị Sáu', 'Hai Bà Trưng', 'Quang Trung', 'Lý Thường Kiệt', 'Ngô Quyền', 'Phan Chu Trinh',
  'Nguyễn Bỉnh Khiêm', 'Trần Phú', 'Lê Văn Tám', 'Nguyễn Đình Chiểu', 'Tô Hiến Thành', 'Đoàn Thị Điểm',
] as const;

const KINDERGARTEN_NAMES = ['Hoa Sen', 'Họa Mi', 'Sơn Ca', 'Hoa Hồng', 'Tuổi Thơ', 'Bông Sen', 'Hoa Mai', 'Măng Non'] as const;

type OrganizationKind =
  | 'LLC'
  | 'JSC'
  | 'LLC1'
  | 'PRIVATE'
  | 'COOP'
  | 'PRIMARY'
  | 'SECONDARY'
  | 'HIGH'
  | 'KINDERGARTEN'
  | 'HOSPITAL'
  | 'HEALTH_CENTRE';

const ORGANIZATION_KIND_WEIGHTS: ReadonlyArray<readonly [OrganizationKind, number]> = [
  ['LLC', 40],
  ['JSC', 22],
  ['LLC1', 8],
  ['PRIVATE', 5],
  ['COOP', 4],
  ['PRIMARY', 6],
  ['SECONDARY', 4],
  ['HIGH', 3],
  ['KINDERGARTEN', 4],
  ['HOSPITAL', 2],
  ['HEALTH_CENTRE', 2],
];

/** The province name as written after "tỉnh"/"thành phố" ("TP Hồ Chí Minh" → "Thành phố Hồ Chí Minh"). */
function provinceForTitle(provinceName: string): string {
  return provinceName.startsWith('TP ') ? `Thành phố ${provinceName.slice(3)}` : provinceName;
}

/**
 * An employer's or unit's name, e.g. "Công ty TNHH Thương mại và Dịch vụ Minh Phát",
 * "Công ty Cổ phần Xây dựng Hưng Thịnh", "Trường Tiểu học Kim Đồng",
 * "Bệnh viện Đa khoa Nghệ An".
 */
export function organizationName(rng: Random, provinceName: string): string {
  const kind = rng.weighted(ORGANIZATION_KIND_WEIGHTS);
  const trade = rng.pick(TRADE_NAMES);
  const sector = rng.pick(SECTORS);
  let name: string;
  switch (kind) {
    case 'LLC':
      name = `Công ty TNHH ${sector} ${trade}`;
      break;
    case 'JSC':
      name = `Công ty Cổ phần ${sector} ${trade}`;
      break;
    case 'LLC1':
      name = `Công ty TNHH Một thành viên ${sector} ${trade}`;
      break;
    case 'PRIVATE':
      name = `Doanh nghiệp tư nhân ${trade}`;
      break;
    case 'COOP':
      name = `Hợp tác xã ${rng.pick(['Nông nghiệp', 'Dịch vụ nông nghiệp', 'Vận tải', 'Thủy sản'])} ${trade}`;
      break;
    case 'PRIMARY':
      name = `Trường Tiểu học ${rng.pick(NOTABLE_PEOPLE)}`;
      break;
    case 'SECONDARY':
      name = `Trường Trung học cơ sở ${rng.pick(NOTABLE_PEOPLE)}`;
      break;
    case 'HIGH':
      name = `Trường Trung học phổ thông ${rng.pick(NOTABLE_PEOPLE)}`;
      break;
    case 'KINDERGARTEN':
      name = `Trường Mầm non ${rng.pick(KINDERGARTEN_NAMES)}`;
      break;
    case 'HOSPITAL':
      name = `Bệnh viện Đa khoa ${provinceForTitle(provinceName)}`;
      break;
    case 'HEALTH_CENTRE':
      name = `Trung tâm Y tế khu vực ${trade}`;
      break;
  }
  return nfc(name);
}

/** A hospital or clinic of the province, for discharge papers and medical bills. */
export function hospitalName(rng: Random, provinceName: string): string {
  const place = provinceForTitle(provinceName);
  return nfc(
    rng.weighted([
      [`Bệnh viện Đa khoa ${place}`, 5],
      [`Bệnh viện Sản - Nhi ${place}`, 2],
      [`Bệnh viện Y học cổ truyền ${place}`, 1],
      [`Trung tâm Y tế khu vực ${rng.pick(TRADE_NAMES)}`, 2],
      [`Phòng khám Đa khoa ${rng.pick(TRADE_NAMES)}`, 1],
    ]),
  );
}

const STREETS = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung', 'Nguyễn Trãi',
  'Hùng Vương', 'Trần Phú', 'Điện Biên Phủ', 'Lê Duẩn', 'Nguyễn Văn Cừ', 'Phan Đình Phùng',
  'Cách Mạng Tháng Tám', 'Võ Thị Sáu', 'Nguyễn Thị Minh Khai', 'Lê Hồng Phong', 'Bà Triệu', 'Ngô Quyền',
  'Phạm Văn Đồng', 'Trường Chinh', 'Hoàng Văn Thụ', 'Nguyễn Chí Thanh', 'Lạc Long Quân', 'Âu Cơ',
] as const;

const HAMLET_NAMES = ['Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'Tân Lập', 'Đồng Tâm', 'Hòa Bình'] as const;

/**
 * A street address ending in the commune and province, e.g.
 * "Số 12 đường Lê Lợi, Phường Ba Đình, Hà Nội", "Số 45/12 Nguyễn Trãi, Phường Bến Thành,
 * TP Hồ Chí Minh", "Thôn 3, Xã Sóc Sơn, Hà Nội".
 */
export function streetAddress(rng: Random, communeName: string, provinceName: string): string {
  let line: string;
  if (communeName.startsWith('Xã') || communeName.startsWith('Đặc khu')) {
    line = rng.chance(0.5) ? `Thôn ${rng.int(1, 12)}` : `Xóm ${rng.pick(HAMLET_NAMES)}`;
  } else {
    const street = rng.pick(STREETS);
    line = rng.weighted([
      [`Số ${rng.int(1, 350)} đường ${street}`, 4],
      [`Số ${rng.int(1, 80)}, ngõ ${rng.int(2, 200)} phố ${street}`, 2],
      [`Số ${rng.int(1, 300)}/${rng.int(1, 40)} ${street}`, 2],
      [`Tổ ${rng.int(1, 30)}, khu phố ${rng.int(1, 9)}`, 1],
    ]);
  }
  return nfc(`${line}, ${communeName}, ${provinceName}`);
}
