/** Extracted data of generated papers: what each document type's metadata holds, filled plausibly. */
import { BENEFIT_KINDS, type BenefitKind } from '../../catalog/document-types.js';
import type { DocumentTypeSeed } from '../../catalog/types.js';
import { addDays, addMonths, addYears, ageOn, vietnamDate } from '../../domain/dates.js';
import { formatHealthInsuranceCardNumber } from '../../domain/codes.js';
import type { Random } from '../random.js';
import { familyNameOf, hospitalName, organizationName, personName, streetAddress, type Gender } from '../vietnamese-names.js';
import { communeNames, provinceName } from './catalog.js';
import { dateBetween, maxDate, minDate, monthOf } from './days.js';
import type { DocumentContext, NewDocument } from './documents.js';
import { birthDateForAge } from './parties.js';
import type { IndividualRecord } from './records.js';

const DIAGNOSES: ReadonlyArray<readonly [string, string]> = [
  ['Viêm phổi', 'J18.9'],
  ['Viêm phế quản cấp', 'J20.9'],
  ['Viêm dạ dày cấp', 'K29.1'],
  ['Sốt xuất huyết Dengue', 'A91'],
  ['Tăng huyết áp vô căn', 'I10'],
  ['Viêm ruột thừa cấp', 'K35.8'],
  ['Đái tháo đường týp 2', 'E11.9'],
  ['Cúm', 'J11.1'],
  ['Viêm họng cấp', 'J02.9'],
  ['Sỏi thận', 'N20.0'],
];
const INJURIES: ReadonlyArray<readonly [string, string]> = [
  ['Gãy xương cẳng tay', 'S52.5'],
  ['Gãy xương cẳng chân', 'S82.2'],
  ['Chấn thương đầu', 'S09.9'],
  ['Bỏng độ II bàn tay', 'T23.2'],
  ['Vết thương phần mềm cẳng chân', 'S81.8'],
];
const PREGNANCY: ReadonlyArray<readonly [string, string]> = [
  ['Sinh thường một thai', 'O80'],
  ['Sinh mổ', 'O82.0'],
  ['Khám thai', 'Z34.9'],
  ['Sẩy thai', 'O03.9'],
];
const POSITIONS = ['Công nhân', 'Nhân viên kinh doanh', 'Kế toán', 'Kỹ sư', 'Giáo viên', 'Lái xe', 'Nhân viên văn phòng', 'Thợ may', 'Điều dưỡng', 'Bảo vệ'] as const;
const ETHNICITY_DEFAULT = 'Kinh';

function roundTo(n: number, step: number): number {
  return Math.round(n / step) * step;
}

function salary(rng: Random): number {
  return roundTo(rng.int(4_960_000, 40_000_000), 10_000);
}

export function employerFor(rng: Random, ctx: DocumentContext, provinceCode: string): { name: string; taxCode?: string } {
  if (ctx.employers && ctx.employers.length > 0) {
    const e = rng.pick(ctx.employers);
    return { name: e.name, taxCode: e.taxCode };
  }
  return { name: organizationName(rng, provinceName(provinceCode)) };
}

/** Health insurance card category and benefit level by age (demo rules). */
function cardCategory(rng: Random, age: number): [string, number] {
  if (age < 6) return ['TE', 1];
  if (age < 18) return ['HS', 4];
  if (age < 23) return rng.chance(0.6) ? ['SV', 4] : ['DN', 4];
  if (age >= 60) return rng.chance(0.6) ? ['HT', 2] : ['GD', 4];
  return rng.weighted<[string, number]>([
    [['DN', 4], 55],
    [['HC', 4], 10],
    [['GD', 4], 28],
    [['HN', 1], 7],
  ]);
}

function cardNumber(rng: Random, person: IndividualRecord, today: string): string | undefined {
  if (!person.socialInsuranceCode) return undefined;
  const [category, level] = cardCategory(rng, ageOn(person.dateOfBirth, today));
  return formatHealthInsuranceCardNumber(category, level, person.provinceCode, person.socialInsuranceCode);
}

/** Next milestone (25, 40, 60) at which a citizen identity card must be renewed; undefined after 58. */
function cardExpiry(dateOfBirth: string, issuedOn: string): string | undefined {
  const age = ageOn(dateOfBirth, issuedOn);
  if (age < 23) return addYears(dateOfBirth, 25);
  if (age < 38) return addYears(dateOfBirth, 40);
  if (age < 58) return addYears(dateOfBirth, 60);
  return undefined;
}

function benefitAmount(rng: Random, kind: BenefitKind): number {
  switch (kind) {
    case 'SICKNESS':
      return roundTo(rng.int(800_000, 9_000_000), 1_000);
    case 'MATERNITY':
      return roundTo(rng.int(18_000_000, 65_000_000), 1_000);
    case 'OCCUPATIONAL_ACCIDENT':
      return roundTo(rng.int(5_000_000, 60_000_000), 1_000);
    case 'ONE_TIME_SOCIAL_INSURANCE':
      return roundTo(rng.int(20_000_000, 350_000_000), 1_000);
    case 'PENSION':
      return roundTo(rng.int(3_500_000, 18_000_000), 1_000);
    case 'HEALTH_INSURANCE_REIMBURSEMENT':
      return roundTo(rng.int(300_000, 25_000_000), 1_000);
  }
}

const BENEFIT_NAMES: Record<BenefitKind, string> = {
  SICKNESS: 'chế độ ốm đau',
  MATERNITY: 'chế độ thai sản',
  OCCUPATIONAL_ACCIDENT: 'trợ cấp tai nạn lao động',
  ONE_TIME_SOCIAL_INSURANCE: 'bảo hiểm xã hội một lần',
  PENSION: 'lương hưu hằng tháng',
  HEALTH_INSURANCE_REIMBURSEMENT: 'thanh toán trực tiếp chi phí khám bệnh, chữa bệnh BHYT',
};

/** The benefit a procedure's decision grants (QDH results). */
export const PROCEDURE_BENEFIT: Readonly<Record<string, BenefitKind>> = {
  '1.001667': 'SICKNESS',
  '2.000693': 'MATERNITY',
  '1.001656': 'HEALTH_INSURANCE_REIMBURSEMENT',
  '1.001632': 'OCCUPATIONAL_ACCIDENT',
  '9.000003': 'ONE_TIME_SOCIAL_INSURANCE',
  '9.000004': 'PENSION',
};

/**
 * Metadata extracted from a paper, valid against its type's metadataSchema: the
 * Article 9 fields, the owner's identifiers, and the type's own fields.
 */
export function buildMetadata(rng: Random, ctx: DocumentContext, doc: NewDocument, validUntil: string | null): Record<string, unknown> {
  const today = vietnamDate(ctx.now);
  const { type, party, issuedOn, issuedBy } = doc;
  const year = issuedOn.slice(0, 4);
  const meta: Record<string, unknown> = { issueDate: issuedOn, issuingAgency: issuedBy, validityScope: 'Toàn quốc' };
  if (validUntil) {
    meta.validFrom = issuedOn;
    meta.validTo = validUntil;
  }

  if (party.kind === 'ORGANIZATION') {
    const org = party.record;
    meta.taxCode = org.taxCode;
    meta.unitCode = org.unitCode;
    switch (type.code) {
      case 'GCNDKDN': {
        const registered = dateBetween(rng, '2000-01-01', issuedOn);
        Object.assign(meta, {
          documentNumber: org.taxCode,
          enterpriseName: org.name,
          registrationDate: registered,
          ...(registered < issuedOn ? { lastChangeDate: issuedOn } : {}),
          headOfficeAddress: org.address,
          legalRepresentative: personName(rng, rng.chance(0.7) ? 'MALE' : 'FEMALE'),
          charterCapital: roundTo(rng.int(100_000_000, 50_000_000_000), 1_000_000),
          summary: `Đăng ký doanh nghiệp ${org.name}`,
        });
        break;
      }
      case 'D02LT': {
        const employees = Array.from({ length: rng.int(1, 5) }, () => {
          const gender: Gender = rng.chance(0.5) ? 'MALE' : 'FEMALE';
          return {
            fullName: personName(rng, gender),
            dateOfBirth: birthDateForAge(rng, rng.int(18, 55), issuedOn),
            gender,
            position: rng.pick(POSITIONS),
            salary: salary(rng),
            change: rng.weighted([['INCREASE', 6], ['DECREASE', 2], ['ADJUST', 2]] as const),
            fromMonth: monthOf(issuedOn),
          };
        });
        Object.assign(meta, {
          documentNumber: `${rng.int(1, 999)}/D02-LT`,
          unitName: org.name,
          reportingMonth: monthOf(issuedOn),
          employees,
          summary: `Danh sách lao động tham gia BHXH, BHYT, BHTN tháng ${issuedOn.slice(5, 7)}/${year}`,
        });
        break;
      }
      default:
        Object.assign(meta, { summary: type.name });
    }
    return fillRequired(meta, type, issuedOn, org.name);
  }

  const person = party.record;
  const pName = provinceName(person.provinceCode);
  const commune = communeNames.get(person.communeCode) ?? pName;
  meta.personalId = person.personalId;
  if (person.socialInsuranceCode) meta.socialInsuranceCode = person.socialInsuranceCode;
  const identity = { fullName: person.fullName, dateOfBirth: person.dateOfBirth, gender: person.gender };
  const hiCard = cardNumber(rng, person, today);
  const procedure = doc.purpose?.procedureCode;

  switch (type.code) {
    case 'GKS': {
      if (procedure === '2.000693') {
        // Maternity: the child's birth certificate, filed by the mother.
        delete meta.personalId;
        const childGender: Gender = rng.chance(0.51) ? 'MALE' : 'FEMALE';
        const fatherName = personName(rng, 'MALE');
        Object.assign(meta, {
          documentNumber: `${rng.int(1, 999)}/${year}`,
          fullName: personName(rng, childGender, familyNameOf(fatherName)),
          dateOfBirth: addDays(issuedOn, -rng.int(1, 30)),
          gender: childGender,
          placeOfBirth: hospitalName(rng, pName),
          nationality: 'Việt Nam',
          ethnicity: ETHNICITY_DEFAULT,
          fatherName,
          motherName: person.fullName,
          motherPersonalId: person.personalId,
          placeOfRegistration: `Ủy ban nhân dân ${commune}, ${pName}`,
          summary: 'Khai sinh cho con',
        });
      } else {
        Object.assign(meta, {
          documentNumber: `${rng.int(1, 999)}/${year}`,
          ...identity,
          placeOfBirth: rng.chance(0.7) ? hospitalName(rng, pName) : `${commune}, ${pName}`,
          nationality: 'Việt Nam',
          ethnicity: ETHNICITY_DEFAULT,
          fatherName: personName(rng, 'MALE', familyNameOf(person.fullName)),
          motherName: personName(rng, 'FEMALE'),
          placeOfRegistration: `Ủy ban nhân dân ${commune}, ${pName}`,
          summary: `Khai sinh cho ${person.fullName}`,
        });
      }
      break;
    }
    case 'CCCD': {
      const expiry = cardExpiry(person.dateOfBirth, issuedOn);
      Object.assign(meta, {
        documentNumber: person.personalId,
        ...identity,
        nationality: 'Việt Nam',
        placeOfOrigin: `${commune}, ${pName}`,
        placeOfResidence: streetAddress(rng, commune, pName),
        ...(expiry ? { expiryDate: expiry } : {}),
        summary: `Thẻ căn cước của ${person.fullName}`,
      });
      break;
    }
    case 'BHYT': {
      const number = hiCard ?? person.personalId.slice(2);
      Object.assign(meta, {
        documentNumber: number,
        cardNumber: number,
        ...identity,
        address: streetAddress(rng, commune, pName),
        initialClinic: hospitalName(rng, pName),
        initialClinicCode: `${person.provinceCode}${rng.digits(3)}`,
        validFrom: issuedOn,
        summary: `Thẻ BHYT của ${person.fullName}`,
      });
      break;
    }
    case 'SBHXH': {
      const start = maxDate(addYears(person.dateOfBirth, 18), '1995-01-01');
      const from = dateBetween(rng, minDate(start, issuedOn), issuedOn);
      const employer = employerFor(rng, ctx, person.provinceCode);
      const months = Math.max(0, (Number(today.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + rng.int(0, 11));
      Object.assign(meta, {
        documentNumber: person.socialInsuranceCode ?? person.personalId.slice(2),
        socialInsuranceCode: person.socialInsuranceCode ?? person.personalId.slice(2),
        ...identity,
        totalContributionMonths: months,
        contributionPeriods: [{ from, employerName: employer.name, position: rng.pick(POSITIONS), salary: salary(rng) }],
        summary: `Sổ BHXH của ${person.fullName}`,
      });
      break;
    }
    case 'HDLD': {
      const employer = employerFor(rng, ctx, person.provinceCode);
      const indefinite = rng.chance(0.5);
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 999)}/${year}/HĐLĐ`,
        fullName: person.fullName,
        employerName: employer.name,
        ...(employer.taxCode ? { employerTaxCode: employer.taxCode } : {}),
        position: rng.pick(POSITIONS),
        contractKind: indefinite ? 'INDEFINITE' : 'FIXED_TERM',
        startDate: issuedOn,
        ...(indefinite ? {} : { endDate: addDays(addMonths(issuedOn, rng.pick([12, 24, 36])), -1) }),
        salary: salary(rng),
        summary: `Hợp đồng lao động với ${employer.name}`,
      });
      break;
    }
    case 'GRV': {
      const [diagnosis, icd] = rng.pick(procedure === '2.000693' ? PREGNANCY : procedure === '1.001632' ? INJURIES : DIAGNOSES);
      const admission = addDays(issuedOn, -rng.int(1, 14));
      Object.assign(meta, {
        documentNumber: rng.digits(6),
        ...identity,
        ...(hiCard ? { healthInsuranceCardNumber: hiCard } : {}),
        hospitalName: issuedBy,
        admissionDate: admission,
        dischargeDate: issuedOn,
        diagnosis,
        icd10Codes: [icd],
        treatment: rng.pick(['Điều trị nội khoa', 'Phẫu thuật', 'Điều trị nội trú, theo dõi']),
        summary: `Ra viện ngày ${issuedOn}`,
      });
      break;
    }
    case 'C65': {
      const [diagnosis] = rng.pick(procedure === '2.000693' ? PREGNANCY : DIAGNOSES);
      const leaveDays = rng.int(1, 14);
      const leaveFrom = addDays(issuedOn, -leaveDays + 1);
      Object.assign(meta, {
        documentNumber: `${rng.digits(5)}/C65`,
        fullName: person.fullName,
        dateOfBirth: person.dateOfBirth,
        ...(hiCard ? { healthInsuranceCardNumber: hiCard } : {}),
        employerName: employerFor(rng, ctx, person.provinceCode).name,
        diagnosis,
        leaveDays,
        leaveFrom,
        leaveTo: issuedOn,
        summary: `Nghỉ việc ${leaveDays} ngày hưởng BHXH`,
      });
      break;
    }
    case 'BBGDYK':
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 9999)}/GĐYK`,
        fullName: person.fullName,
        dateOfBirth: person.dateOfBirth,
        assessmentCouncil: issuedBy,
        assessmentReason: procedure === '1.001632' ? 'Tai nạn lao động' : rng.pick(['Nghỉ hưu trước tuổi', 'Tai nạn lao động', 'Bệnh nghề nghiệp']),
        diagnosis: rng.pick(procedure === '1.001632' ? INJURIES : DIAGNOSES)[0],
        workCapacityLossPercent: rng.int(5, 81),
        summary: 'Giám định mức suy giảm khả năng lao động',
      });
      break;
    case 'TK1TS':
      Object.assign(meta, {
        request: procedure === '1.002759' ? 'ADJUST' : procedure ? 'REGISTER' : rng.pick(['REGISTER', 'ADJUST']),
        ...identity,
        nationality: 'Việt Nam',
        ethnicity: ETHNICITY_DEFAULT,
        placeOfBirthRegistration: pName,
        ...(person.householdCode ? { householdCode: person.householdCode } : {}),
        residenceAddress: streetAddress(rng, commune, pName),
        phone: `0${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(8)}`,
        initialClinic: hospitalName(rng, pName),
        ...(procedure === '1.002759' ? { requestedChanges: rng.pick(['Điều chỉnh họ tên', 'Điều chỉnh ngày sinh', 'Thay đổi nơi đăng ký KCB ban đầu', 'Điều chỉnh số định danh cá nhân']) } : {}),
        summary: 'Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT',
      });
      break;
    case 'QDNV': {
      const employer = employerFor(rng, ctx, person.provinceCode);
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 500)}/QĐ-NS`,
        fullName: person.fullName,
        employerName: employer.name,
        ...(employer.taxCode ? { employerTaxCode: employer.taxCode } : {}),
        position: rng.pick(POSITIONS),
        terminationDate: addDays(issuedOn, rng.int(0, 30)),
        reason: rng.pick(['Hết hạn hợp đồng lao động', 'Người lao động đơn phương chấm dứt hợp đồng', 'Nghỉ hưu', 'Thỏa thuận chấm dứt hợp đồng']),
        summary: `Chấm dứt hợp đồng lao động với ${person.fullName}`,
      });
      break;
    }
    case 'GKH': {
      const husband = person.gender === 'MALE';
      const spouse = personName(rng, husband ? 'FEMALE' : 'MALE');
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 300)}/${year}`,
        husbandName: husband ? person.fullName : spouse,
        wifeName: husband ? spouse : person.fullName,
        ...(husband
          ? { husbandDateOfBirth: person.dateOfBirth, husbandPersonalId: person.personalId }
          : { wifeDateOfBirth: person.dateOfBirth, wifePersonalId: person.personalId }),
        placeOfRegistration: issuedBy,
        summary: 'Đăng ký kết hôn',
      });
      break;
    }
    case 'GCT':
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 300)}/${year}`,
        ...identity,
        dateOfDeath: addDays(issuedOn, -rng.int(0, 5)),
        placeOfDeath: `${commune}, ${pName}`,
        summary: `Khai tử cho ${person.fullName}`,
      });
      break;
    case 'HDKCB': {
      const to = addDays(issuedOn, -rng.int(0, 2));
      Object.assign(meta, {
        documentNumber: rng.digits(7),
        fullName: person.fullName,
        ...(hiCard ? { healthInsuranceCardNumber: hiCard } : {}),
        serviceFrom: addDays(to, -rng.int(0, 10)),
        serviceTo: to,
        totalAmount: roundTo(rng.int(150_000, 30_000_000), 1_000),
        summary: 'Chi phí khám bệnh, chữa bệnh',
      });
      break;
    }
    case 'BBTNLD': {
      const [injury] = rng.pick(INJURIES);
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 200)}/BB-ĐTTNLĐ`,
        fullName: person.fullName,
        employerName: employerFor(rng, ctx, person.provinceCode).name,
        accidentDate: addDays(issuedOn, -rng.int(3, 60)),
        accidentPlace: rng.pick(['Tại xưởng sản xuất', 'Trên đường đi làm', 'Tại công trường', 'Tại kho hàng']),
        description: `${injury} trong khi làm việc`,
        conclusion: rng.pick(['Tai nạn lao động do nguyên nhân khách quan', 'Người lao động vi phạm quy trình an toàn', 'Do thiết bị không bảo đảm an toàn']),
        summary: 'Điều tra tai nạn lao động',
      });
      break;
    }
    case 'QDH': {
      const kind = doc.purpose?.benefitKind ?? rng.pick(BENEFIT_KINDS);
      const periodTo = kind === 'PENSION' ? undefined : addDays(issuedOn, rng.int(0, 30));
      Object.assign(meta, {
        documentNumber: `${rng.int(1, 9999)}/QĐ-BHXH`,
        fullName: person.fullName,
        benefitKind: kind,
        amount: benefitAmount(rng, kind),
        periodFrom: kind === 'PENSION' ? addDays(issuedOn, 1) : addDays(issuedOn, -rng.int(5, 60)),
        ...(periodTo ? { periodTo } : {}),
        summary: `Hưởng ${BENEFIT_NAMES[kind]}`,
      });
      break;
    }
    default:
      Object.assign(meta, { fullName: person.fullName, summary: type.name });
  }
  return fillRequired(meta, type, issuedOn, person.fullName);
}

/**
 * Fills required fields a builder did not set (a type added to the catalog later),
 * from the field's schema: dates, enums, numbers and plain text. Patterned fields
 * cannot be guessed; the metadata test catches them.
 */
function fillRequired(meta: Record<string, unknown>, type: DocumentTypeSeed, issuedOn: string, ownerName: string): Record<string, unknown> {
  const schema = type.metadataSchema as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  for (const field of schema.required ?? []) {
    if (meta[field] !== undefined) continue;
    const prop = schema.properties?.[field] ?? {};
    if (prop.format === 'date') meta[field] = issuedOn;
    else if (Array.isArray(prop.enum)) meta[field] = prop.enum[0];
    else if (prop.type === 'integer' || prop.type === 'number') meta[field] = typeof prop.minimum === 'number' ? prop.minimum : 1;
    else if (prop.type === 'string' && prop.pattern === undefined) meta[field] = field === 'fullName' ? ownerName : type.name;
  }
  return meta;
}

export function titleOf(type: DocumentTypeSeed, ownerName: string, metadata: Record<string, unknown>): string {
  if (type.code === 'QDH' && typeof metadata.benefitKind === 'string') {
    return `Quyết định hưởng ${BENEFIT_NAMES[metadata.benefitKind as BenefitKind] ?? 'chế độ'} - ${ownerName}`;
  }
  const short = type.name.split(' (')[0]!;
  return `${short} - ${ownerName}`;
}
