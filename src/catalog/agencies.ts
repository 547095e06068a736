/**
 * VSS agencies ("cơ quan BHXH") and demo officers.
 *
 * Agency codes follow the QCVN 102:2016 shape `ddd.dd.dd.Ldd`. Only the central
 * office's `000.00.00.H41` comes from domain.md; the province offices' codes
 * `000.00.<province code>.H41` are DEMO values: the real codes are not confirmed.
 */
import { CENTRAL_CITY_CODES, PROVINCES } from './provinces.js';
import type { AgencySeed, OfficerRole, OfficerSeed } from './types.js';

/** Vietnam Social Security, central office. Its province code is Hà Nội's, where it sits. */
export const CENTRAL_AGENCY: AgencySeed = {
  code: '000.00.00.H41',
  name: 'Bảo hiểm xã hội Việt Nam',
  provinceCode: '01',
};

/** Demo code of a province office (see the file comment). */
export function provinceAgencyCode(provinceCode: string): string {
  return `000.00.${provinceCode}.H41`;
}

/** "Bảo hiểm xã hội tỉnh X", or "thành phố X" for the six centrally run cities. */
function provinceAgencyName(provinceCode: string, provinceName: string): string {
  if (provinceCode === '79') return 'Bảo hiểm xã hội Thành phố Hồ Chí Minh';
  const kind = CENTRAL_CITY_CODES.includes(provinceCode) ? 'thành phố' : 'tỉnh';
  return `Bảo hiểm xã hội ${kind} ${provinceName}`;
}

const provinceAgencies: AgencySeed[] = PROVINCES.map((p) => ({
  code: provinceAgencyCode(p.code),
  name: provinceAgencyName(p.code, p.name),
  provinceCode: p.code,
}));

/**
 * The central office and one office per current province. The FIRST entry is the
 * Hà Nội office: it is the default agency of development tokens.
 */
export const AGENCIES: AgencySeed[] = [
  ...provinceAgencies.filter((a) => a.provinceCode === '01'),
  CENTRAL_AGENCY,
  ...provinceAgencies.filter((a) => a.provinceCode !== '01'),
];

/** Roles in the order officer codes are numbered (…-0001 receiving officer … -0006 administrator). */
const ROLE_ORDER: readonly OfficerRole[] = [
  'RECEIVING_OFFICER',
  'PROCESSING_OFFICER',
  'APPROVER',
  'ARCHIVIST',
  'AUDITOR',
  'ADMIN',
];

/** Demo officer names per agency, in ROLE_ORDER; the agency's two-digit part names the code prefix. */
const DEMO_OFFICERS: ReadonlyArray<{ prefix: string; agencyCode: string; names: readonly string[] }> = [
  {
    prefix: 'CB00',
    agencyCode: CENTRAL_AGENCY.code,
    names: ['Nguyễn Thị Lan', 'Trần Văn Hùng', 'Lê Quang Minh', 'Phạm Thị Thu Hà', 'Đỗ Đức Thắng', 'Vũ Ngọc Anh'],
  },
  {
    prefix: 'CB01',
    agencyCode: provinceAgencyCode('01'),
    names: ['Hoàng Thị Mai', 'Bùi Văn Nam', 'Đặng Minh Tuấn', 'Ngô Thị Hương', 'Dương Quốc Khánh', 'Lý Thanh Hải'],
  },
  {
    prefix: 'CB79',
    agencyCode: provinceAgencyCode('79'),
    names: ['Huỳnh Thị Ngọc Trâm', 'Võ Văn Phúc', 'Phan Thanh Tùng', 'Hồ Thị Kim Loan', 'Trương Công Danh', 'Lâm Xuân Bảo'],
  },
];

/** One officer per role for the central office and the Hà Nội (01) and TP HCM (79) offices. */
export const OFFICERS: OfficerSeed[] = DEMO_OFFICERS.flatMap(({ prefix, agencyCode, names }) =>
  ROLE_ORDER.map((role, index) => ({
    code: `${prefix}-${String(index + 1).padStart(4, '0')}`,
    fullName: names[index]!,
    agencyCode,
    roles: [role],
  })),
);

/**
 * The system's own account ("hệ thống liên thông"): the actor of the automatic steps of
 * interconnected procedures (e.g. the child-under-six health insurance card issued
 * from a birth registration, Decision 3509/QĐ-BHXH), in dossier histories and
 * decisions. Inactive and without roles: no one signs in with it.
 */
export const SYSTEM_OFFICER: OfficerSeed = {
  code: 'HT-LIENTHONG',
  fullName: 'Hệ thống liên thông (xử lý tự động)',
  agencyCode: CENTRAL_AGENCY.code,
  roles: [],
  active: false,
};

const agenciesByCode = new Map(AGENCIES.map((a) => [a.code, a]));

/** The agency with this code, or undefined. */
export function agencyByCode(code: string): AgencySeed | undefined {
  return agenciesByCode.get(code);
}
