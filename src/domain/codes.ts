/**
 * Business codes: dossier, digitization result, procedure result, national procedure
 * and agency codes, health insurance card numbers. Each format lives in one function.
 *
 * Source: /work/shared/design/domain.md, sections "Codes" and "Identifiers".
 */

import { VIETNAM_UTC_OFFSET_MINUTES } from './dates.js';

const AGENCY_CODE_SOURCE = '\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}';
/** Sequence: at least 4 digits, zero-padded to 4; wider only when above 9999 (then no leading zero). */
const SEQUENCE_SOURCE = '(?:\\d{4}|[1-9]\\d{4,})';
const DAY_SOURCE = '\\d{6}';
/** Document type codes as used in digitization codes (see catalog/document-types.ts). */
const DOCUMENT_TYPE_CODE_SOURCE = '[A-Z0-9]{1,16}';

const AGENCY_CODE = new RegExp(`^${AGENCY_CODE_SOURCE}$`);
const PROCEDURE_CODE = /^\d\.\d{6}$/;
const DOCUMENT_TYPE_CODE = new RegExp(`^${DOCUMENT_TYPE_CODE_SOURCE}$`);
const DOSSIER_CODE = new RegExp(`^(${AGENCY_CODE_SOURCE})-(${DAY_SOURCE})-(${SEQUENCE_SOURCE})$`);
const DIGITIZATION_CODE = new RegExp(
  `^(${AGENCY_CODE_SOURCE})\\.(${DOCUMENT_TYPE_CODE_SOURCE})\\.(${DAY_SOURCE})\\.(${SEQUENCE_SOURCE})$`,
);
const HI_CATEGORY = /^[A-Z]{2}$/;
const TWO_DIGITS = /^\d{2}$/;
const TEN_DIGITS = /^\d{10}$/;

/** Agency code, QCVN 102:2016 shape `ddd.dd.dd.Ldd` (e.g. `000.00.00.H41`). domain.md, "Dossier code". */
export function isAgencyCode(s: string): boolean {
  return AGENCY_CODE.test(s);
}

/** National procedure code, shaped `d.dddddd` (e.g. `1.001667`). domain.md, "National procedure codes". */
export function isProcedureCode(s: string): boolean {
  return PROCEDURE_CODE.test(s);
}

/**
 * The Vietnam-local calendar day of an instant as `YYMMDD`. Codes use the day of
 * receipt in Vietnam, not in UTC: 2025-07-01T17:30Z is 2025-07-02 00:30 in Hà Nội → "250702".
 */
export function vietnamDay(instant: Date): string {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid date');
  const local = new Date(t + VIETNAM_UTC_OFFSET_MINUTES * 60_000);
  const yy = String(local.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(local.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

/**
 * Dossier code ("mã hồ sơ", Circular 01/2018/TT-VPCP Art. 19):
 * `<agency code>-<YYMMDD>-<sequence>`, the sequence per agency per receipt day,
 * 4 digits (wider when a day passes 9999). e.g. `000.00.01.H41-250702-0001`.
 * @throws RangeError on a malformed agency code or a sequence that is not a positive integer.
 */
export function formatDossierCode(agencyCode: string, instant: Date, sequence: number): string {
  assertAgencyCode(agencyCode);
  return `${agencyCode}-${vietnamDay(instant)}-${formatSequence(sequence)}`;
}

/** Parts of a dossier code, or null when the string is not one. `day` is `YYMMDD`. */
export function parseDossierCode(
  code: string,
): { agencyCode: string; day: string; sequence: number } | null {
  const m = DOSSIER_CODE.exec(code);
  if (!m || !isValidDay(m[2]!)) return null;
  const sequence = Number(m[3]);
  if (sequence < 1) return null;
  return { agencyCode: m[1]!, day: m[2]!, sequence };
}

/**
 * Digitization result code ("mã kết quả số hóa", Circular 01/2023/TT-VPCP Art. 10):
 * `<agency code>.<document type code>.<YYMMDD>.<sequence 4+ digits>`, e.g.
 * `000.00.01.H41.GKS.250702.0001`. DEMO format: the official one is not confirmed.
 * @throws RangeError on a malformed agency or document type code, or a bad sequence.
 */
export function formatDigitizationCode(
  agencyCode: string,
  documentTypeCode: string,
  instant: Date,
  sequence: number,
): string {
  assertAgencyCode(agencyCode);
  if (!DOCUMENT_TYPE_CODE.test(documentTypeCode)) {
    throw new RangeError(`document type code ${documentTypeCode} must be 1–16 characters of A–Z and 0–9`);
  }
  return `${agencyCode}.${documentTypeCode}.${vietnamDay(instant)}.${formatSequence(sequence)}`;
}

/** Parts of a digitization result code (demo format), or null when the string is not one. */
export function parseDigitizationCode(
  code: string,
): { agencyCode: string; documentTypeCode: string; day: string; sequence: number } | null {
  const m = DIGITIZATION_CODE.exec(code);
  if (!m || !isValidDay(m[3]!)) return null;
  const sequence = Number(m[4]);
  if (sequence < 1) return null;
  return { agencyCode: m[1]!, documentTypeCode: m[2]!, day: m[3]!, sequence };
}

/** Procedure result code ("mã kết quả giải quyết TTHC"): `KQ.<dossier code>` (demo). */
export function formatResultCode(dossierCode: string): string {
  return `KQ.${dossierCode}`;
}

/** Code of the n-th verification asked for a dossier (Decision 1333, Art. 13.4), `XM.<dossier code>.<n>`. */
export function formatVerificationCode(dossierCode: string, n: number): string {
  return `XM.${dossierCode}.${n}`;
}

/**
 * Health insurance card number, 15 characters: category (2 letters, e.g. DN, HC, TE),
 * benefit level 1–5, 2-digit province of issue, 10-digit social insurance code,
 * e.g. `DN4010123456789`. domain.md, "Health insurance card number".
 * @throws RangeError when a part is malformed.
 */
export function formatHealthInsuranceCardNumber(
  category: string,
  benefitLevel: number,
  provinceCode: string,
  socialInsuranceCode: string,
): string {
  if (!HI_CATEGORY.test(category)) throw new RangeError(`category ${category} must be 2 upper-case letters`);
  if (!Number.isInteger(benefitLevel) || benefitLevel < 1 || benefitLevel > 5) {
    throw new RangeError(`benefit level ${benefitLevel} must be 1–5`);
  }
  if (!TWO_DIGITS.test(provinceCode)) throw new RangeError(`province code ${provinceCode} must be 2 digits`);
  if (!TEN_DIGITS.test(socialInsuranceCode)) {
    throw new RangeError('social insurance code must be 10 digits');
  }
  return `${category}${benefitLevel}${provinceCode}${socialInsuranceCode}`;
}

function assertAgencyCode(agencyCode: string): void {
  if (!AGENCY_CODE.test(agencyCode)) {
    throw new RangeError(`agency code ${agencyCode} is not shaped ddd.dd.dd.Ldd`);
  }
}

function formatSequence(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`sequence ${sequence} must be a positive integer`);
  }
  return String(sequence).padStart(4, '0');
}

/** Whether `YYMMDD` is a real calendar day (20YY). */
function isValidDay(day: string): boolean {
  const year = 2000 + Number(day.slice(0, 2));
  const month = Number(day.slice(2, 4));
  const date = Number(day.slice(4, 6));
  if (month < 1 || month > 12 || date < 1) return false;
  return date <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
