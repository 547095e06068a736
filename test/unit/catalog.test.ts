import { describe, it, expect } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { AGENCIES, CENTRAL_AGENCY, OFFICERS, agencyByCode } from '../../src/catalog/agencies.js';
import { DOCUMENT_TYPES, documentTypeByCode } from '../../src/catalog/document-types.js';
import { PROCEDURES, procedureByCode } from '../../src/catalog/procedures.js';
import {
  COMMUNES,
  FORMER_PROVINCES,
  PROVINCES,
  formerProvinceByCode,
  formerProvinceByPersonalIdPrefix,
  provinceByCode,
} from '../../src/catalog/provinces.js';
import type { OfficerRole } from '../../src/catalog/types.js';
import { isAgencyCode, isProcedureCode } from '../../src/domain/codes.js';

// ajv-formats is CommonJS: under Jest ESM the default import is module.exports, under tsc its `.default`.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof addFormatsModule.default;

const isNfc = (s: string) => s === s.normalize('NFC');

describe('provinces', () => {
  it('has the 34 provinces since 1 July 2025 with unique two-digit codes', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(34);
    for (const p of PROVINCES) {
      expect(p.code).toMatch(/^\d{2}$/);
      expect(isNfc(p.name)).toBe(true);
    }
    expect(provinceByCode('01')?.name).toBe('Hà Nội');
    expect(provinceByCode('79')?.name).toBe('TP Hồ Chí Minh');
    expect(provinceByCode('46')?.name).toBe('Huế');
    expect(provinceByCode('02')).toBeUndefined();
  });

  it('maps each of the 63 former provinces to an existing province', () => {
    expect(FORMER_PROVINCES).toHaveLength(63);
    expect(new Set(FORMER_PROVINCES.map((p) => p.code)).size).toBe(63);
    expect(new Set(FORMER_PROVINCES.map((p) => p.personalIdPrefix)).size).toBe(63);
    for (const f of FORMER_PROVINCES) {
      expect(provinceByCode(f.mergedInto)).toBeDefined();
      expect(f.personalIdPrefix).toBe(`0${f.code}`);
      expect(f.effectiveFrom).toBe('2025-07-01');
      expect(isNfc(f.name)).toBe(true);
    }
    // Every current province absorbed at least one former province.
    expect(new Set(FORMER_PROVINCES.map((f) => f.mergedInto)).size).toBe(34);
  });

  it('follows Resolution 202/2025/QH15', () => {
    const into = (name: string) => FORMER_PROVINCES.find((f) => f.name === name)?.mergedInto;
    expect(into('Hà Giang')).toBe('08');
    expect(into('Bắc Kạn')).toBe('19');
    expect(into('Yên Bái')).toBe('15');
    expect(into('Lào Cai')).toBe('15');
    expect(into('Vĩnh Phúc')).toBe('25');
    expect(into('Hòa Bình')).toBe('25');
    expect(into('Bắc Giang')).toBe('24');
    expect(into('Bắc Ninh')).toBe('24');
    expect(into('Hải Dương')).toBe('31');
    expect(into('Thái Bình')).toBe('33');
    expect(into('Hà Nam')).toBe('37');
    expect(into('Nam Định')).toBe('37');
    expect(into('Quảng Bình')).toBe('44');
    expect(into('Quảng Nam')).toBe('48');
    expect(into('Kon Tum')).toBe('51');
    expect(into('Bình Định')).toBe('52');
    expect(into('Gia Lai')).toBe('52');
    expect(into('Ninh Thuận')).toBe('56');
    expect(into('Phú Yên')).toBe('66');
    expect(into('Đắk Nông')).toBe('68');
    expect(into('Bình Thuận')).toBe('68');
    expect(into('Bình Phước')).toBe('75');
    expect(into('Bình Dương')).toBe('79');
    expect(into('Bà Rịa - Vũng Tàu')).toBe('79');
    expect(into('Long An')).toBe('80');
    expect(into('Tây Ninh')).toBe('80');
    expect(into('Tiền Giang')).toBe('82');
    expect(into('Đồng Tháp')).toBe('82');
    expect(into('Bến Tre')).toBe('86');
    expect(into('Trà Vinh')).toBe('86');
    expect(into('Kiên Giang')).toBe('91');
    expect(into('An Giang')).toBe('91');
    expect(into('Sóc Trăng')).toBe('92');
    expect(into('Hậu Giang')).toBe('92');
    expect(into('Bạc Liêu')).toBe('96');
    expect(into('Thừa Thiên Huế')).toBe('46');
  });

  it('looks former provinces up by personal-ID prefix and by code', () => {
    expect(formerProvinceByPersonalIdPrefix('001')?.name).toBe('Hà Nội');
    expect(formerProvinceByPersonalIdPrefix('079')?.name).toBe('TP Hồ Chí Minh');
    expect(formerProvinceByPersonalIdPrefix('074')?.mergedInto).toBe('79');
    expect(formerProvinceByPersonalIdPrefix('003')).toBeUndefined();
    expect(formerProvinceByCode('02')?.name).toBe('Hà Giang');
  });

  it('has a demo list of three communes per province with unique five-digit codes', () => {
    expect(COMMUNES).toHaveLength(34 * 3);
    expect(new Set(COMMUNES.map((c) => c.code)).size).toBe(COMMUNES.length);
    for (const c of COMMUNES) {
      expect(c.code).toMatch(/^\d{5}$/);
      expect(provinceByCode(c.provinceCode)).toBeDefined();
      expect(isNfc(c.name)).toBe(true);
    }
    for (const p of PROVINCES) expect(COMMUNES.filter((c) => c.provinceCode === p.code)).toHaveLength(3);
    expect(COMMUNES.some((c) => c.provinceCode === '01' && c.name === 'Phường Ba Đình')).toBe(true);
  });
});

/** One valid metadata sample per document type. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  GKS: {
    documentNumber: '123/2024',
    issueDate: '2024-05-02',
    issuingAgency: 'UBND phường Ba Đình',
    personalId: '001224012345',
    fullName: 'Nguyễn Minh An',
    dateOfBirth: '2024-04-20',
    gender: 'MALE',
    fatherName: 'Nguyễn Văn Bình',
    motherName: 'Trần Thị Hoa',
    placeOfRegistration: 'UBND phường Ba Đình, Hà Nội',
    extraField: 'kept',
  },
  CCCD: {
    personalId: '001085012345',
    fullName: 'Nguyễn Văn Bình',
    dateOfBirth: '1985-03-14',
    gender: 'MALE',
    placeOfResidence: 'Phường Ba Đình, Hà Nội',
    issueDate: '2021-06-01',
    issuingAgency: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    expiryDate: '2025-03-14',
  },
  BHYT: {
    cardNumber: 'GD4010123456789',
    fullName: 'Trần Thị Hoa',
    dateOfBirth: '1990-07-07',
    initialClinic: 'Bệnh viện Đa khoa Xanh Pôn',
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    issueDate: '2024-12-20',
  },
  SBHXH: { socialInsuranceCode: '0123456789', fullName: 'Trần Thị Hoa', dateOfBirth: '1990-07-07', totalContributionMonths: 180 },
  HDLD: {
    issueDate: '2020-01-02',
    fullName: 'Lê Văn Tám',
    employerName: 'Công ty TNHH Ánh Dương',
    employerTaxCode: '0100233488',
    position: 'Kỹ sư',
    startDate: '2020-01-02',
    salary: 15_000_000,
  },
  GRV: {
    issueDate: '2025-03-10',
    fullName: 'Lê Văn Tám',
    hospitalName: 'Bệnh viện Bạch Mai',
    admissionDate: '2025-03-01',
    dischargeDate: '2025-03-10',
    diagnosis: 'Viêm phổi',
    icd10Codes: ['J18.9'],
  },
  C65: {
    issueDate: '2025-03-10',
    issuingAgency: 'Bệnh viện Bạch Mai',
    fullName: 'Lê Văn Tám',
    diagnosis: 'Viêm phế quản cấp',
    leaveDays: 5,
    leaveFrom: '2025-03-06',
    leaveTo: '2025-03-10',
  },
  BBGDYK: {
    issueDate: '2025-04-01',
    fullName: 'Phạm Văn Hải',
    assessmentCouncil: 'Hội đồng Giám định y khoa thành phố Hà Nội',
    workCapacityLossPercent: 31,
  },
  TK1TS: { issueDate: '2025-02-01', fullName: 'Trần Thị Hoa', dateOfBirth: '1990-07-07', gender: 'FEMALE', householdCode: '0101234567' },
  D02LT: {
    issueDate: '2025-02-01',
    taxCode: '0100233488',
    unitName: 'Công ty TNHH Ánh Dương',
    employees: [{ fullName: 'Lê Văn Tám', socialInsuranceCode: '0123456789', change: 'INCREASE', fromMonth: '2025-02' }],
  },
  QDNV: {
    documentNumber: '15/QĐ-AD',
    issueDate: '2025-05-30',
    fullName: 'Lê Văn Tám',
    employerName: 'Công ty TNHH Ánh Dương',
    terminationDate: '2025-06-01',
  },
  GKH: {
    documentNumber: '45',
    issueDate: '2015-10-10',
    issuingAgency: 'UBND phường Hoàn Kiếm',
    husbandName: 'Nguyễn Văn Bình',
    wifeName: 'Trần Thị Hoa',
  },
  GCT: {
    documentNumber: '12',
    issueDate: '2025-01-05',
    issuingAgency: 'UBND phường Hoàn Kiếm',
    fullName: 'Đỗ Văn Lâm',
    dateOfDeath: '2025-01-02',
  },
  GCNDKDN: {
    taxCode: '0314409058',
    enterpriseName: 'Công ty Cổ phần Minh Phát',
    registrationDate: '2017-05-22',
    legalRepresentative: 'Võ Thị Lan',
    charterCapital: 10_000_000_000,
  },
  HDKCB: {
    documentNumber: '0001234',
    issueDate: '2025-03-10',
    issuingAgency: 'Bệnh viện Hồng Ngọc',
    fullName: 'Lê Văn Tám',
    totalAmount: 2_350_000,
  },
  BBTNLD: {
    issueDate: '2025-04-05',
    issuingAgency: 'Đoàn điều tra tai nạn lao động cơ sở',
    fullName: 'Phạm Văn Hải',
    employerName: 'Công ty TNHH Ánh Dương',
    accidentDate: '2025-03-20',
  },
  QDH: {
    documentNumber: '1234/QĐ-BHXH',
    issueDate: '2025-06-15',
    issuingAgency: 'Bảo hiểm xã hội thành phố Hà Nội',
    fullName: 'Phạm Văn Hải',
    benefitKind: 'PENSION',
    amount: 8_500_000,
    periodFrom: '2025-07-01',
  },
  VBXM: {
    documentNumber: '125/CAP-QLHC',
    issueDate: '2026-11-20',
    issuingAgency: 'Công an phường Ba Đình',
    verificationCode: 'XM.000.00.01.H41-261120-00012.1',
    outcome: 'NEGATIVE',
    conclusion: 'Không cư trú tại địa chỉ đã khai',
  },
  VBXMDV: {
    issuingAgency: 'Sở Tài chính thành phố Hà Nội',
    verificationCode: 'XM.000.00.01.H41-261120-00013.1',
    outcome: 'CONFIRMED',
    conclusion: 'Đơn vị đang hoạt động',
  },
};

describe('document types', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);

  it('have unique short upper-case codes, Vietnamese names and sensible flags', () => {
    expect(new Set(DOCUMENT_TYPES.map((t) => t.code)).size).toBe(DOCUMENT_TYPES.length);
    for (const t of DOCUMENT_TYPES) {
      expect(t.code).toMatch(/^[A-Z0-9]{2,16}$/);
      expect(isNfc(t.name)).toBe(true);
      expect(documentTypeByCode(t.code)).toBe(t);
    }
    expect(documentTypeByCode('NOPE')).toBeUndefined();
    expect(DOCUMENT_TYPES.filter((t) => t.isResult).map((t) => t.code).sort()).toEqual(['BHYT', 'QDH', 'SBHXH']);
    expect(documentTypeByCode('GCNDKDN')?.ownerKind).toBe('ORGANIZATION');
  });

  it('share the Article 9 fields, keep extra fields and require only declared properties', () => {
    for (const t of DOCUMENT_TYPES) {
      const schema = t.metadataSchema as { type: string; additionalProperties: boolean; properties: Record<string, unknown>; required: string[] };
      expect(schema.type).toBe('object');
      expect(schema.additionalProperties).toBe(true);
      for (const field of ['documentNumber', 'issueDate', 'issuingAgency', 'summary', 'validityScope']) {
        expect(schema.properties).toHaveProperty(field);
      }
      expect(schema.properties).toHaveProperty(t.ownerKind === 'INDIVIDUAL' ? 'personalId' : 'taxCode');
      expect(schema.required.length).toBeGreaterThan(0);
      for (const field of schema.required) expect(schema.properties).toHaveProperty(field);
    }
  });

  it.each(DOCUMENT_TYPES.map((t) => [t.code, t] as const))('%s: schema compiles, accepts a sample, rejects a missing field', (code, t) => {
    const validate = ajv.compile(t.metadataSchema);
    const sample = SAMPLES[code];
    expect(sample).toBeDefined();
    expect(validate(sample)).toBe(true);

    const required = (t.metadataSchema as { required: string[] }).required;
    const incomplete = { ...sample };
    delete incomplete[required[0]!];
    expect(validate(incomplete)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'required')).toBe(true);
  });

  it('checks formats, patterns and enums', () => {
    const cccd = ajv.compile(documentTypeByCode('CCCD')!.metadataSchema);
    expect(cccd({ ...SAMPLES.CCCD, personalId: '00108501234' })).toBe(false);
    expect(cccd({ ...SAMPLES.CCCD, gender: 'M' })).toBe(false);
    expect(cccd({ ...SAMPLES.CCCD, dateOfBirth: '14/03/1985' })).toBe(false);
    const card = ajv.compile(documentTypeByCode('BHYT')!.metadataSchema);
    expect(card({ ...SAMPLES.BHYT, cardNumber: '0123456789' })).toBe(true);
    expect(card({ ...SAMPLES.BHYT, cardNumber: 'GD6010123456789' })).toBe(false);
    const book = ajv.compile(documentTypeByCode('SBHXH')!.metadataSchema);
    expect(book({ ...SAMPLES.SBHXH, socialInsuranceCode: '012345678' })).toBe(false);
    const gcn = ajv.compile(documentTypeByCode('GCNDKDN')!.metadataSchema);
    expect(gcn({ ...SAMPLES.GCNDKDN, taxCode: '0314409058-001' })).toBe(true);
    expect(gcn({ ...SAMPLES.GCNDKDN, taxCode: '031440905' })).toBe(false);
  });

  it('do not share mutable schema objects between types', () => {
    const a = documentTypeByCode('GKS')!.metadataSchema as { properties: Record<string, unknown> };
    const b = documentTypeByCode('CCCD')!.metadataSchema as { properties: Record<string, unknown> };
    expect(a.properties.issueDate).toEqual(b.properties.issueDate);
    expect(a.properties.issueDate).not.toBe(b.properties.issueDate);
  });
});

describe('procedures', () => {
  it('has at least 10 procedures with well-shaped unique codes', () => {
    expect(PROCEDURES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(PROCEDURES.map((p) => p.code)).size).toBe(PROCEDURES.length);
    for (const p of PROCEDURES) {
      expect(isProcedureCode(p.code)).toBe(true);
      expect(procedureByCode(p.code)).toBe(p);
      expect(p.processingDays).toBeGreaterThan(0);
      expect(isNfc(p.name)).toBe(true);
    }
    for (const code of ['1.001667', '2.000693', '1.001939', '1.002759', '1.001656', '1.001632']) {
      expect(procedureByCode(code)).toBeDefined();
    }
  });

  it('references existing document types, with component codes unique within a procedure', () => {
    for (const p of PROCEDURES) {
      expect(p.components.length).toBeGreaterThan(0);
      expect(p.components.some((c) => c.mandatory)).toBe(true);
      expect(new Set(p.components.map((c) => c.code)).size).toBe(p.components.length);
      for (const c of p.components) {
        const type = documentTypeByCode(c.documentTypeCode);
        expect(type).toBeDefined();
        expect(type!.ownerKind).toBe(p.applicantKind);
      }
      if (p.resultDocumentTypeCode !== null) {
        expect(documentTypeByCode(p.resultDocumentTypeCode)?.isResult).toBe(true);
      }
    }
  });

  it('lets later procedures reuse the results of earlier ones', () => {
    const produces = (typeCode: string) => PROCEDURES.filter((p) => p.resultDocumentTypeCode === typeCode).map((p) => p.code);
    const requires = (procedureCode: string, typeCode: string) =>
      procedureByCode(procedureCode)!.components.some((c) => c.documentTypeCode === typeCode && c.mandatory);
    expect(produces('BHYT')).toEqual(expect.arrayContaining(['1.001939']));
    expect(requires('1.002759', 'BHYT')).toBe(true);
    expect(produces('SBHXH').length).toBeGreaterThan(0);
    expect(PROCEDURES.some((p) => p.components.some((c) => c.documentTypeCode === 'SBHXH' && c.mandatory) && p.name.includes('lương hưu'))).toBe(true);
    expect(procedureByCode('9.000002')!.components.map((c) => c.documentTypeCode)).toEqual(['GKS']);
    expect(procedureByCode('9.000002')!.resultDocumentTypeCode).toBe('BHYT');
  });
});

describe('agencies and officers', () => {
  it('starts with the Hà Nội office, then the central office and one office per province', () => {
    expect(AGENCIES[0]).toMatchObject({ provinceCode: '01', name: 'Bảo hiểm xã hội thành phố Hà Nội' });
    expect(AGENCIES).toHaveLength(35);
    expect(new Set(AGENCIES.map((a) => a.code)).size).toBe(35);
    expect(agencyByCode('000.00.00.H41')).toBe(CENTRAL_AGENCY);
    expect(CENTRAL_AGENCY.name).toBe('Bảo hiểm xã hội Việt Nam');
    for (const a of AGENCIES) {
      expect(isAgencyCode(a.code)).toBe(true);
      expect(provinceByCode(a.provinceCode)).toBeDefined();
    }
    for (const p of PROVINCES) {
      expect(AGENCIES.filter((a) => a.provinceCode === p.code && a !== CENTRAL_AGENCY)).toHaveLength(1);
    }
    expect(AGENCIES.find((a) => a.provinceCode === '38')?.name).toBe('Bảo hiểm xã hội tỉnh Thanh Hóa');
    expect(AGENCIES.find((a) => a.provinceCode === '79' && a !== CENTRAL_AGENCY)?.name).toBe('Bảo hiểm xã hội Thành phố Hồ Chí Minh');
  });

  it('has one officer per role at the central, Hà Nội and TP HCM offices', () => {
    const roles: OfficerRole[] = ['RECEIVING_OFFICER', 'PROCESSING_OFFICER', 'APPROVER', 'ARCHIVIST', 'AUDITOR', 'ADMIN'];
    expect(new Set(OFFICERS.map((o) => o.code)).size).toBe(OFFICERS.length);
    for (const agencyCode of ['000.00.00.H41', '000.00.01.H41', '000.00.79.H41']) {
      const staff = OFFICERS.filter((o) => o.agencyCode === agencyCode);
      expect(staff.flatMap((o) => o.roles).sort()).toEqual([...roles].sort());
    }
    for (const o of OFFICERS) {
      expect(agencyByCode(o.agencyCode)).toBeDefined();
      expect(o.code).toMatch(/^CB\d{2}-\d{4}$/);
      expect(isNfc(o.fullName)).toBe(true);
    }
  });
});
