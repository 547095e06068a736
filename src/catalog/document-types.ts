/**
 * Document types ("loại giấy tờ") seeded into the catalog, each with the JSON Schema
 * (draft-07) of the data extracted when it is digitized (Circular 01/2023/TT-VPCP, Art. 9).
 *
 * Every schema is built by `metadataSchema`, which adds the Article 9 minimum fields
 * (one shared fragment) and the owner's identifiers to the type's own fields. The
 * document-type code and document name of Article 9 are not metadata: they are the
 * document's type and title. `additionalProperties: true`: extra extracted fields are kept.
 *
 * Source: /work/shared/design/domain.md, "Legal frame" and "Catalog" (a demo seed;
 * the real catalog is loaded from the national procedures database).
 */
import {
  HEALTH_INSURANCE_CARD_NUMBER_PATTERN,
  OPAQUE_CODE_PATTERN,
  PERSONAL_ID_PATTERN,
  SOCIAL_INSURANCE_CODE_PATTERN,
  TAX_CODE_PATTERN,
} from '../domain/identifiers.js';
import type { DocumentTypeSeed, PartyKind } from './types.js';

type JsonSchema = Record<string, unknown>;

const text: JsonSchema = { type: 'string', minLength: 1 };
const date: JsonSchema = { type: 'string', format: 'date' };
const gender: JsonSchema = { type: 'string', enum: ['MALE', 'FEMALE'] };
/** An amount of money in Vietnamese đồng (integers: the đồng has no subunit in use). */
const vnd: JsonSchema = { type: 'integer', minimum: 0 };
const personalId: JsonSchema = { type: 'string', pattern: PERSONAL_ID_PATTERN };
const socialInsuranceCode: JsonSchema = { type: 'string', pattern: SOCIAL_INSURANCE_CODE_PATTERN };
const taxCode: JsonSchema = { type: 'string', pattern: TAX_CODE_PATTERN };
const opaqueCode: JsonSchema = { type: 'string', pattern: OPAQUE_CODE_PATTERN };
const healthInsuranceCardNumber: JsonSchema = { type: 'string', pattern: HEALTH_INSURANCE_CARD_NUMBER_PATTERN };

const described = (schema: JsonSchema, description: string): JsonSchema => ({ ...schema, description });

/** The Article 9 minimum fields shared by every document type (Circular 01/2023/TT-VPCP). */
const ARTICLE_9_PROPERTIES: Record<string, JsonSchema> = {
  documentNumber: described({ type: 'string', minLength: 1, maxLength: 100 }, 'Số, ký hiệu'),
  issueDate: described(date, 'Ngày ban hành / ngày cấp'),
  issuingAgency: described(text, 'Cơ quan ban hành / cơ quan cấp'),
  summary: described({ type: 'string' }, 'Trích yếu nội dung'),
  validFrom: described(date, 'Thời hạn hiệu lực: từ ngày'),
  validTo: described(date, 'Thời hạn hiệu lực: đến ngày'),
  validityScope: described({ type: 'string' }, 'Phạm vi hiệu lực (e.g. "Toàn quốc")'),
};

/** The owner's identifiers, by kind of owner (Article 9: "mã định danh của chủ thể"). */
const OWNER_PROPERTIES: Record<PartyKind, Record<string, JsonSchema>> = {
  INDIVIDUAL: {
    personalId: described(personalId, 'Số định danh cá nhân (12 chữ số)'),
    socialInsuranceCode: described(socialInsuranceCode, 'Mã số BHXH (10 chữ số)'),
  },
  ORGANIZATION: {
    taxCode: described(taxCode, 'Mã số thuế / mã số doanh nghiệp'),
    unitCode: described(opaqueCode, 'Mã đơn vị tham gia BHXH'),
  },
};

/** Builds a type's metadata schema: Article 9 fields + owner identifiers + its own fields. */
function metadataSchema(
  title: string,
  owner: PartyKind,
  properties: Record<string, JsonSchema>,
  required: string[],
): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    type: 'object',
    additionalProperties: true,
    properties: structuredClone({ ...ARTICLE_9_PROPERTIES, ...OWNER_PROPERTIES[owner], ...properties }),
    required,
  };
}

/** An array of employees on a unit's list (D02-LT). */
const employeeList: JsonSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: true,
    properties: {
      fullName: text,
      personalId,
      socialInsuranceCode,
      dateOfBirth: date,
      gender,
      position: text,
      salary: described(vnd, 'Mức lương đóng BHXH (VND/tháng)'),
      change: described({ type: 'string', enum: ['INCREASE', 'DECREASE', 'ADJUST'] }, 'Tăng / giảm / điều chỉnh'),
      fromMonth: described({ type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }, 'Từ tháng (YYYY-MM)'),
    },
    required: ['fullName', 'change'],
  },
};

/** Kinds of benefit a decision grants ("chế độ"), shared with the procedures that issue it. */
export const BENEFIT_KINDS = [
  'SICKNESS',
  'MATERNITY',
  'OCCUPATIONAL_ACCIDENT',
  'ONE_TIME_SOCIAL_INSURANCE',
  'PENSION',
  'HEALTH_INSURANCE_REIMBURSEMENT',
] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];

export const DOCUMENT_TYPES: DocumentTypeSeed[] = [
  {
    code: 'GKS',
    name: 'Giấy khai sinh',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Giấy khai sinh',
      'INDIVIDUAL',
      {
        fullName: described(text, 'Họ, chữ đệm và tên của người được khai sinh'),
        dateOfBirth: date,
        gender,
        placeOfBirth: text,
        ethnicity: text,
        nationality: text,
        fatherName: described(text, 'Họ, chữ đệm và tên người cha'),
        motherName: described(text, 'Họ, chữ đệm và tên người mẹ'),
        fatherPersonalId: personalId,
        motherPersonalId: personalId,
        placeOfRegistration: described(text, 'Nơi đăng ký khai sinh'),
      },
      ['documentNumber', 'issueDate', 'fullName', 'dateOfBirth', 'gender', 'placeOfRegistration'],
    ),
  },
  {
    code: 'CCCD',
    name: 'Thẻ căn cước công dân / Thẻ căn cước',
    ownerKind: 'INDIVIDUAL',
    // The expiry depends on the holder's age (cards are renewed at 25, 40 and 60):
    // no fixed validity, the printed date is carried in metadata as `expiryDate`.
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Thẻ căn cước công dân / Thẻ căn cước',
      'INDIVIDUAL',
      {
        fullName: text,
        dateOfBirth: date,
        gender,
        nationality: text,
        placeOfOrigin: described(text, 'Quê quán / nơi đăng ký khai sinh'),
        placeOfResidence: described(text, 'Nơi thường trú / nơi cư trú'),
        expiryDate: described(date, 'Có giá trị đến (absent: no expiry)'),
      },
      ['personalId', 'fullName', 'dateOfBirth', 'gender', 'issueDate'],
    ),
  },
  {
    code: 'BHYT',
    name: 'Thẻ bảo hiểm y tế',
    ownerKind: 'INDIVIDUAL',
    // Demo: cards are mostly issued for a year; the printed validTo wins when present
    // (a child's card runs until the sixth birthday).
    validityMonths: 12,
    // Result of the card procedures (1.001939, 9.000002), then reused by later ones (1.002759, 1.001656).
    isResult: true,
    metadataSchema: metadataSchema(
      'Thẻ bảo hiểm y tế',
      'INDIVIDUAL',
      {
        cardNumber: described(healthInsuranceCardNumber, 'Mã thẻ BHYT (15 ký tự) hoặc mã số BHXH'),
        fullName: text,
        dateOfBirth: date,
        gender,
        address: text,
        initialClinic: described(text, 'Nơi đăng ký khám bệnh, chữa bệnh ban đầu'),
        initialClinicCode: described({ type: 'string', pattern: '^\\d{5}$' }, 'Mã cơ sở KCB ban đầu'),
        fiveYearsContinuousFrom: described(date, 'Thời điểm đủ 5 năm liên tục'),
      },
      ['cardNumber', 'fullName', 'dateOfBirth', 'initialClinic', 'validFrom'],
    ),
  },
  {
    code: 'SBHXH',
    name: 'Sổ bảo hiểm xã hội',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    // Result of 9.000001, reused by the one-time benefit and pension procedures.
    isResult: true,
    metadataSchema: metadataSchema(
      'Sổ bảo hiểm xã hội',
      'INDIVIDUAL',
      {
        fullName: text,
        dateOfBirth: date,
        gender,
        totalContributionMonths: described({ type: 'integer', minimum: 0 }, 'Tổng thời gian đóng BHXH (tháng)'),
        contributionPeriods: described(
          {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
              properties: { from: date, to: date, employerName: text, position: text, salary: vnd },
              required: ['from'],
            },
          },
          'Quá trình đóng BHXH',
        ),
      },
      ['socialInsuranceCode', 'fullName', 'dateOfBirth'],
    ),
  },
  {
    code: 'HDLD',
    name: 'Hợp đồng lao động',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null, // the term, if any, is the contract's own `endDate`
    isResult: false,
    metadataSchema: metadataSchema(
      'Hợp đồng lao động',
      'INDIVIDUAL',
      {
        fullName: described(text, 'Người lao động'),
        employerName: described(text, 'Người sử dụng lao động'),
        employerTaxCode: taxCode,
        position: described(text, 'Chức danh, công việc'),
        contractKind: { type: 'string', enum: ['INDEFINITE', 'FIXED_TERM'] },
        startDate: date,
        endDate: date,
        salary: described(vnd, 'Mức lương (VND/tháng)'),
      },
      ['issueDate', 'fullName', 'employerName', 'position', 'startDate', 'salary'],
    ),
  },
  {
    code: 'GRV',
    name: 'Giấy ra viện',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Giấy ra viện',
      'INDIVIDUAL',
      {
        fullName: text,
        dateOfBirth: date,
        gender,
        healthInsuranceCardNumber,
        hospitalName: described(text, 'Cơ sở khám bệnh, chữa bệnh'),
        admissionDate: described(date, 'Ngày vào viện'),
        dischargeDate: described(date, 'Ngày ra viện'),
        diagnosis: described(text, 'Chẩn đoán'),
        icd10Codes: { type: 'array', items: { type: 'string', pattern: '^[A-Z]\\d{2}(\\.\\d{1,2})?$' } },
        treatment: described({ type: 'string' }, 'Phương pháp điều trị'),
      },
      ['issueDate', 'fullName', 'hospitalName', 'admissionDate', 'dischargeDate', 'diagnosis'],
    ),
  },
  {
    code: 'C65',
    name: 'Giấy chứng nhận nghỉ việc hưởng bảo hiểm xã hội',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Giấy chứng nhận nghỉ việc hưởng bảo hiểm xã hội (C65)',
      'INDIVIDUAL',
      {
        fullName: text,
        dateOfBirth: date,
        healthInsuranceCardNumber,
        employerName: described(text, 'Đơn vị làm việc'),
        diagnosis: described(text, 'Chẩn đoán và phương pháp điều trị'),
        leaveDays: described({ type: 'integer', minimum: 1 }, 'Số ngày nghỉ'),
        leaveFrom: date,
        leaveTo: date,
      },
      ['issueDate', 'issuingAgency', 'fullName', 'diagnosis', 'leaveDays', 'leaveFrom', 'leaveTo'],
    ),
  },
  {
    code: 'BBGDYK',
    name: 'Biên bản giám định y khoa',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Biên bản giám định y khoa',
      'INDIVIDUAL',
      {
        fullName: text,
        dateOfBirth: date,
        assessmentCouncil: described(text, 'Hội đồng giám định y khoa'),
        assessmentReason: described({ type: 'string' }, 'Lý do giám định (tai nạn lao động, nghỉ hưu…)'),
        diagnosis: text,
        workCapacityLossPercent: described({ type: 'number', minimum: 0, maximum: 100 }, 'Tỷ lệ suy giảm khả năng lao động (%)'),
      },
      ['issueDate', 'fullName', 'assessmentCouncil', 'workCapacityLossPercent'],
    ),
  },
  {
    code: 'TK1TS',
    name: 'Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (mẫu TK1-TS)',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Tờ khai TK1-TS',
      'INDIVIDUAL',
      {
        request: described({ type: 'string', enum: ['REGISTER', 'ADJUST'] }, 'Đăng ký mới / điều chỉnh thông tin'),
        fullName: text,
        dateOfBirth: date,
        gender,
        nationality: text,
        ethnicity: text,
        placeOfBirthRegistration: text,
        householdCode: described(opaqueCode, 'Mã hộ gia đình'),
        residenceAddress: text,
        phone: { type: 'string', pattern: '^\\+?\\d{8,15}$' },
        initialClinic: described(text, 'Nơi đăng ký KCB ban đầu'),
        requestedChanges: described({ type: 'string' }, 'Nội dung thay đổi, yêu cầu'),
      },
      ['issueDate', 'fullName', 'dateOfBirth', 'gender'],
    ),
  },
  {
    code: 'D02LT',
    name: 'Báo cáo tình hình sử dụng lao động và danh sách người lao động tham gia BHXH, BHYT, BHTN (mẫu D02-LT)',
    ownerKind: 'ORGANIZATION',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Danh sách D02-LT',
      'ORGANIZATION',
      {
        unitName: described(text, 'Tên đơn vị'),
        reportingMonth: described({ type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }, 'Kỳ báo cáo (YYYY-MM)'),
        employees: employeeList,
      },
      ['issueDate', 'unitName', 'employees'],
    ),
  },
  {
    code: 'QDNV',
    name: 'Quyết định nghỉ việc / chấm dứt hợp đồng lao động',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Quyết định nghỉ việc / chấm dứt hợp đồng lao động',
      'INDIVIDUAL',
      {
        fullName: described(text, 'Người lao động'),
        employerName: text,
        employerTaxCode: taxCode,
        position: text,
        terminationDate: described(date, 'Ngày chấm dứt / nghỉ việc'),
        reason: described({ type: 'string' }, 'Lý do'),
      },
      ['documentNumber', 'issueDate', 'fullName', 'employerName', 'terminationDate'],
    ),
  },
  {
    code: 'GKH',
    name: 'Giấy chứng nhận kết hôn',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Giấy chứng nhận kết hôn',
      'INDIVIDUAL',
      {
        husbandName: text,
        husbandDateOfBirth: date,
        husbandPersonalId: personalId,
        wifeName: text,
        wifeDateOfBirth: date,
        wifePersonalId: personalId,
        placeOfRegistration: described(text, 'Nơi đăng ký kết hôn'),
      },
      ['documentNumber', 'issueDate', 'issuingAgency', 'husbandName', 'wifeName'],
    ),
  },
  {
    code: 'GCT',
    name: 'Giấy chứng tử / Trích lục khai tử',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Giấy chứng tử / Trích lục khai tử',
      'INDIVIDUAL',
      {
        fullName: described(text, 'Người đã chết'),
        dateOfBirth: date,
        gender,
        dateOfDeath: date,
        placeOfDeath: text,
        causeOfDeath: { type: 'string' },
      },
      ['documentNumber', 'issueDate', 'issuingAgency', 'fullName', 'dateOfDeath'],
    ),
  },
  {
    code: 'GCNDKDN',
    name: 'Giấy chứng nhận đăng ký doanh nghiệp',
    ownerKind: 'ORGANIZATION',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Giấy chứng nhận đăng ký doanh nghiệp',
      'ORGANIZATION',
      {
        enterpriseName: described(text, 'Tên doanh nghiệp'),
        enterpriseNameForeign: { type: 'string' },
        registrationDate: described(date, 'Ngày đăng ký lần đầu'),
        lastChangeDate: described(date, 'Ngày đăng ký thay đổi gần nhất'),
        headOfficeAddress: described(text, 'Địa chỉ trụ sở chính'),
        legalRepresentative: described(text, 'Người đại diện theo pháp luật'),
        charterCapital: described(vnd, 'Vốn điều lệ (VND)'),
      },
      ['taxCode', 'enterpriseName', 'registrationDate', 'legalRepresentative'],
    ),
  },
  {
    code: 'HDKCB',
    name: 'Hóa đơn, chứng từ thanh toán chi phí khám bệnh, chữa bệnh',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Hóa đơn, chứng từ thanh toán chi phí khám bệnh, chữa bệnh',
      'INDIVIDUAL',
      {
        fullName: described(text, 'Người bệnh'),
        healthInsuranceCardNumber,
        serviceFrom: date,
        serviceTo: date,
        totalAmount: described(vnd, 'Tổng số tiền (VND)'),
      },
      ['documentNumber', 'issueDate', 'issuingAgency', 'fullName', 'totalAmount'],
    ),
  },
  {
    code: 'BBTNLD',
    name: 'Biên bản điều tra tai nạn lao động',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Biên bản điều tra tai nạn lao động',
      'INDIVIDUAL',
      {
        fullName: described(text, 'Người bị nạn'),
        employerName: text,
        accidentDate: date,
        accidentPlace: text,
        description: { type: 'string' },
        conclusion: described({ type: 'string' }, 'Kết luận, nguyên nhân'),
      },
      ['issueDate', 'issuingAgency', 'fullName', 'employerName', 'accidentDate'],
    ),
  },
  {
    code: 'QDH',
    name: 'Quyết định hưởng chế độ bảo hiểm xã hội, bảo hiểm y tế',
    ownerKind: 'INDIVIDUAL',
    validityMonths: null, // the benefit's own period is `periodFrom`/`periodTo`
    isResult: true,
    metadataSchema: metadataSchema(
      'Quyết định hưởng chế độ',
      'INDIVIDUAL',
      {
        fullName: text,
        benefitKind: { type: 'string', enum: [...BENEFIT_KINDS] },
        amount: described(vnd, 'Số tiền được hưởng (VND; hằng tháng cho lương hưu)'),
        periodFrom: date,
        periodTo: date,
      },
      ['documentNumber', 'issueDate', 'issuingAgency', 'fullName', 'benefitKind', 'amount'],
    ),
  },
];

const documentTypesByCode = new Map(DOCUMENT_TYPES.map((t) => [t.code, t]));

/** The document type with this code, or undefined. */
export function documentTypeByCode(code: string): DocumentTypeSeed | undefined {
  return documentTypesByCode.get(code);
}
