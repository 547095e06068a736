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
import { PERSONAL_DATA_KEYWORD, type Mask } from '../auth/masks.js';

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

/**
 * Declares whether a property holds personal data and how it is masked for a
 * viewer who may not read it (`x-personal-data`, read by the personal-data
 * policy: src/auth/personal-data-policy.ts; `false`: not personal). Every
 * property of every type declares it (test/unit/personal-data-policy.test.ts).
 * Dates about a person (birth, death, illness, work, benefits, and paper dates
 * derived from them) are withheld; dates about the paper are shown.
 */
const pd = (schema: JsonSchema, mask: Mask | false): JsonSchema => ({ ...schema, [PERSONAL_DATA_KEYWORD]: mask });

const personName = pd(text, 'name');
const personalText = pd(text, 'text');
const personalDate = pd(date, 'withheld');
const personalGender = pd(gender, 'withheld');
const personalAmount = pd(vnd, 'withheld');
const personalIdentifier = pd(personalId, 'identifier');
const cardNumber = pd(healthInsuranceCardNumber, 'code');

/** The Article 9 minimum fields shared by every document type (Circular 01/2023/TT-VPCP). */
const ARTICLE_9_PROPERTIES: Record<string, JsonSchema> = {
  // The number of a person's paper identifies it as much as a card number does.
  documentNumber: described(pd({ type: 'string', minLength: 1, maxLength: 100 }, 'code'), 'Số, ký hiệu'),
  issueDate: described(pd(date, false), 'Ngày ban hành / ngày cấp'),
  issuingAgency: described(pd(text, false), 'Cơ quan ban hành / cơ quan cấp'),
  summary: described(pd({ type: 'string' }, 'text'), 'Trích yếu nội dung'),
  validFrom: described(pd(date, false), 'Thời hạn hiệu lực: từ ngày'),
  validTo: described(pd(date, false), 'Thời hạn hiệu lực: đến ngày'),
  validityScope: described(pd({ type: 'string' }, false), 'Phạm vi hiệu lực (e.g. "Toàn quốc")'),
};

/** The owner's identifiers, by kind of owner (Article 9: "mã định danh của chủ thể"). */
const OWNER_PROPERTIES: Record<PartyKind, Record<string, JsonSchema>> = {
  INDIVIDUAL: {
    personalId: described(personalIdentifier, 'Số định danh cá nhân (12 chữ số)'),
    socialInsuranceCode: described(pd(socialInsuranceCode, 'code'), 'Mã số BHXH (10 chữ số)'),
  },
  ORGANIZATION: {
    // A unit's register identifiers are public (Organization.taxCode, unitCode).
    taxCode: described(pd(taxCode, false), 'Mã số thuế / mã số doanh nghiệp'),
    unitCode: described(pd(opaqueCode, false), 'Mã đơn vị tham gia BHXH'),
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
      fullName: personName,
      personalId: personalIdentifier,
      socialInsuranceCode: pd(socialInsuranceCode, 'code'),
      dateOfBirth: personalDate,
      gender: personalGender,
      position: personalText,
      salary: described(personalAmount, 'Mức lương đóng BHXH (VND/tháng)'),
      change: described(pd({ type: 'string', enum: ['INCREASE', 'DECREASE', 'ADJUST'] }, 'withheld'), 'Tăng / giảm / điều chỉnh'),
      fromMonth: described(pd({ type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }, 'withheld'), 'Từ tháng (YYYY-MM)'),
    },
    required: ['fullName', 'change'],
  },
};

/** Document type of another agency's answer to a verification, by the kind of applicant (Decision 1333, Art. 13.4). */
export const VERIFICATION_ANSWER_TYPE: Readonly<Record<PartyKind, string>> = { INDIVIDUAL: 'VBXM', ORGANIZATION: 'VBXMDV' };

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
        fullName: described(personName, 'Họ, chữ đệm và tên của người được khai sinh'),
        dateOfBirth: personalDate,
        gender: personalGender,
        placeOfBirth: personalText,
        ethnicity: personalText,
        nationality: personalText,
        fatherName: described(personName, 'Họ, chữ đệm và tên người cha'),
        motherName: described(personName, 'Họ, chữ đệm và tên người mẹ'),
        fatherPersonalId: personalIdentifier,
        motherPersonalId: personalIdentifier,
        placeOfRegistration: described(personalText, 'Nơi đăng ký khai sinh'),
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
        fullName: personName,
        dateOfBirth: personalDate,
        gender: personalGender,
        nationality: personalText,
        placeOfOrigin: described(personalText, 'Quê quán / nơi đăng ký khai sinh'),
        placeOfResidence: described(personalText, 'Nơi thường trú / nơi cư trú'),
        // Cards expire at the holder's 25th, 40th and 60th birthdays: the date tells the birth year.
        expiryDate: described(personalDate, 'Có giá trị đến (absent: no expiry)'),
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
        cardNumber: described(cardNumber, 'Mã thẻ BHYT (15 ký tự) hoặc mã số BHXH'),
        fullName: personName,
        dateOfBirth: personalDate,
        gender: personalGender,
        address: personalText,
        initialClinic: described(personalText, 'Nơi đăng ký khám bệnh, chữa bệnh ban đầu'),
        initialClinicCode: described(pd({ type: 'string', pattern: '^\\d{5}$' }, 'code'), 'Mã cơ sở KCB ban đầu'),
        fiveYearsContinuousFrom: described(personalDate, 'Thời điểm đủ 5 năm liên tục'),
        // A child's card runs from birth to the day before the sixth birthday: its validity tells the birth date.
        validFrom: described(personalDate, 'Giá trị sử dụng: từ ngày'),
        validTo: described(personalDate, 'Giá trị sử dụng: đến ngày'),
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
        fullName: personName,
        dateOfBirth: personalDate,
        gender: personalGender,
        totalContributionMonths: described(pd({ type: 'integer', minimum: 0 }, 'withheld'), 'Tổng thời gian đóng BHXH (tháng)'),
        contributionPeriods: described(
          {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
              properties: { from: personalDate, to: personalDate, employerName: personalText, position: personalText, salary: personalAmount },
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
        fullName: described(personName, 'Người lao động'),
        // Who employs a person is the person's data, though the employer's name is public.
        employerName: described(personalText, 'Người sử dụng lao động'),
        employerTaxCode: pd(taxCode, 'code'),
        position: described(personalText, 'Chức danh, công việc'),
        contractKind: pd({ type: 'string', enum: ['INDEFINITE', 'FIXED_TERM'] }, 'withheld'),
        startDate: personalDate,
        endDate: personalDate,
        salary: described(personalAmount, 'Mức lương (VND/tháng)'),
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
        fullName: personName,
        dateOfBirth: personalDate,
        gender: personalGender,
        healthInsuranceCardNumber: cardNumber,
        hospitalName: described(personalText, 'Cơ sở khám bệnh, chữa bệnh'),
        admissionDate: described(personalDate, 'Ngày vào viện'),
        dischargeDate: described(personalDate, 'Ngày ra viện'),
        // Health data is sensitive personal data (Decree 13/2023, Art. 2.4).
        diagnosis: described(personalText, 'Chẩn đoán'),
        icd10Codes: pd({ type: 'array', items: { type: 'string', pattern: '^[A-Z]\\d{2}(\\.\\d{1,2})?$' } }, 'text'),
        treatment: described(pd({ type: 'string' }, 'text'), 'Phương pháp điều trị'),
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
        fullName: personName,
        dateOfBirth: personalDate,
        healthInsuranceCardNumber: cardNumber,
        employerName: described(personalText, 'Đơn vị làm việc'),
        diagnosis: described(personalText, 'Chẩn đoán và phương pháp điều trị'),
        leaveDays: described(pd({ type: 'integer', minimum: 1 }, 'withheld'), 'Số ngày nghỉ'),
        leaveFrom: personalDate,
        leaveTo: personalDate,
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
        fullName: personName,
        dateOfBirth: personalDate,
        assessmentCouncil: described(pd(text, false), 'Hội đồng giám định y khoa'),
        assessmentReason: described(pd({ type: 'string' }, 'text'), 'Lý do giám định (tai nạn lao động, nghỉ hưu…)'),
        diagnosis: personalText,
        workCapacityLossPercent: described(pd({ type: 'number', minimum: 0, maximum: 100 }, 'withheld'), 'Tỷ lệ suy giảm khả năng lao động (%)'),
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
        request: described(pd({ type: 'string', enum: ['REGISTER', 'ADJUST'] }, false), 'Đăng ký mới / điều chỉnh thông tin'),
        fullName: personName,
        dateOfBirth: personalDate,
        gender: personalGender,
        nationality: personalText,
        ethnicity: personalText,
        placeOfBirthRegistration: personalText,
        householdCode: described(pd(opaqueCode, 'code'), 'Mã hộ gia đình'),
        residenceAddress: personalText,
        phone: pd({ type: 'string', pattern: '^\\+?\\d{8,15}$' }, 'code'),
        initialClinic: described(personalText, 'Nơi đăng ký KCB ban đầu'),
        requestedChanges: described(pd({ type: 'string' }, 'text'), 'Nội dung thay đổi, yêu cầu'),
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
        unitName: described(pd(text, false), 'Tên đơn vị'),
        reportingMonth: described(pd({ type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }, false), 'Kỳ báo cáo (YYYY-MM)'),
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
        fullName: described(personName, 'Người lao động'),
        employerName: personalText,
        employerTaxCode: pd(taxCode, 'code'),
        position: personalText,
        terminationDate: described(personalDate, 'Ngày chấm dứt / nghỉ việc'),
        reason: described(pd({ type: 'string' }, 'text'), 'Lý do'),
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
        husbandName: personName,
        husbandDateOfBirth: personalDate,
        husbandPersonalId: personalIdentifier,
        wifeName: personName,
        wifeDateOfBirth: personalDate,
        wifePersonalId: personalIdentifier,
        placeOfRegistration: described(personalText, 'Nơi đăng ký kết hôn'),
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
        fullName: described(personName, 'Người đã chết'),
        dateOfBirth: personalDate,
        gender: personalGender,
        dateOfDeath: personalDate,
        placeOfDeath: personalText,
        causeOfDeath: pd({ type: 'string' }, 'text'),
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
        // The enterprise register is public; its legal representative is a person.
        enterpriseName: described(pd(text, false), 'Tên doanh nghiệp'),
        enterpriseNameForeign: pd({ type: 'string' }, false),
        registrationDate: described(pd(date, false), 'Ngày đăng ký lần đầu'),
        lastChangeDate: described(pd(date, false), 'Ngày đăng ký thay đổi gần nhất'),
        headOfficeAddress: described(pd(text, false), 'Địa chỉ trụ sở chính'),
        legalRepresentative: described(personName, 'Người đại diện theo pháp luật'),
        charterCapital: described(pd(vnd, false), 'Vốn điều lệ (VND)'),
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
        fullName: described(personName, 'Người bệnh'),
        healthInsuranceCardNumber: cardNumber,
        serviceFrom: personalDate,
        serviceTo: personalDate,
        totalAmount: described(personalAmount, 'Tổng số tiền (VND)'),
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
        fullName: described(personName, 'Người bị nạn'),
        employerName: personalText,
        accidentDate: personalDate,
        accidentPlace: personalText,
        description: pd({ type: 'string' }, 'text'),
        conclusion: described(pd({ type: 'string' }, 'text'), 'Kết luận, nguyên nhân'),
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
        fullName: personName,
        // Which benefit (sickness, maternity, accident) says something of the person's health.
        benefitKind: pd({ type: 'string', enum: [...BENEFIT_KINDS] }, 'withheld'),
        amount: described(personalAmount, 'Số tiền được hưởng (VND; hằng tháng cho lương hưu)'),
        periodFrom: personalDate,
        periodTo: personalDate,
      },
      ['documentNumber', 'issueDate', 'issuingAgency', 'fullName', 'benefitKind', 'amount'],
    ),
  },
  // Answers of another agency to a verification or consultation asked while a dossier is
  // processed (Decision 1333, Art. 13.4), digitized into the dossier: one type per kind of applicant.
  ...(['INDIVIDUAL', 'ORGANIZATION'] as const).map((owner): DocumentTypeSeed => ({
    code: VERIFICATION_ANSWER_TYPE[owner],
    name: owner === 'INDIVIDUAL' ? 'Văn bản trả lời xác minh, tham vấn (cá nhân)' : 'Văn bản trả lời xác minh, tham vấn (đơn vị)',
    ownerKind: owner,
    validityMonths: null,
    isResult: false,
    metadataSchema: metadataSchema(
      'Văn bản trả lời xác minh, tham vấn',
      owner,
      {
        verificationCode: described(pd({ type: 'string', minLength: 1, maxLength: 64 }, false), 'Mã yêu cầu xác minh (XM.<mã hồ sơ>.<n>)'),
        outcome: described(pd({ type: 'string', enum: ['CONFIRMED', 'NEGATIVE'] }, false), 'Kết quả: xác nhận / không xác nhận'),
        conclusion: described(pd({ type: 'string' }, 'text'), 'Nội dung trả lời, kết luận'),
      },
      ['verificationCode', 'outcome'],
    ),
  })),
];

const documentTypesByCode = new Map(DOCUMENT_TYPES.map((t) => [t.code, t]));

/** The document type with this code, or undefined. */
export function documentTypeByCode(code: string): DocumentTypeSeed | undefined {
  return documentTypesByCode.get(code);
}
