/** Catalog lookups: provinces, communes, agencies, document types, officers. */
import { AGENCIES, OFFICERS, provinceAgencyCode } from '../../catalog/agencies.js';
import { DOCUMENT_TYPES } from '../../catalog/document-types.js';
import { COMMUNES, FORMER_PROVINCES, PROVINCES } from '../../catalog/provinces.js';
import type { CommuneSeed, DocumentTypeSeed, FormerProvinceSeed, OfficerRole } from '../../catalog/types.js';
import type { Random } from '../random.js';

/**
 * Approximate population of the 34 provinces (millions, after the 2025 merger).
 * Used as weights for where people live; organizations lean further to the two big cities.
 */
const POPULATION: Readonly<Record<string, number>> = {
  '01': 8.7, '04': 0.57, '08': 1.9, '11': 0.65, '12': 0.5, '14': 1.3, '15': 1.8, '19': 1.8, '20': 0.8,
  '22': 1.4, '24': 3.6, '25': 4.0, '31': 4.7, '33': 3.6, '37': 4.4, '38': 4.3, '40': 3.8, '42': 1.6,
  '44': 1.9, '46': 1.4, '48': 3.1, '51': 2.2, '52': 3.6, '56': 2.2, '66': 3.3, '68': 3.9, '75': 4.5,
  '79': 14.0, '80': 3.3, '82': 4.4, '86': 4.3, '91': 4.9, '92': 4.2, '96': 2.6,
};

export const PROVINCE_WEIGHTS: ReadonlyArray<readonly [string, number]> = PROVINCES.map((p) => [p.code, POPULATION[p.code] ?? 1]);
export const ORGANIZATION_PROVINCE_WEIGHTS: ReadonlyArray<readonly [string, number]> = PROVINCES.map((p) => [
  p.code,
  (POPULATION[p.code] ?? 1) * (p.code === '79' || p.code === '01' ? 2.5 : 1),
]);

const provinceNames = new Map(PROVINCES.map((p) => [p.code, p.name]));
const communesByProvince = new Map<string, CommuneSeed[]>();
for (const c of COMMUNES) {
  const list = communesByProvince.get(c.provinceCode) ?? [];
  list.push(c);
  communesByProvince.set(c.provinceCode, list);
}
export const communeNames = new Map(COMMUNES.map((c) => [c.code, c.name]));
export const formerByCurrent = new Map<string, FormerProvinceSeed[]>();
for (const f of FORMER_PROVINCES) {
  const list = formerByCurrent.get(f.mergedInto) ?? [];
  list.push(f);
  formerByCurrent.set(f.mergedInto, list);
}
const agencyNames = new Map(AGENCIES.map((a) => [a.code, a.name]));
export const documentTypes = new Map(DOCUMENT_TYPES.map((t) => [t.code, t]));

export function provinceName(code: string): string {
  return provinceNames.get(code) ?? code;
}

export function communeOf(rng: Random, provinceCode: string): CommuneSeed {
  const list = communesByProvince.get(provinceCode);
  if (!list || list.length === 0) throw new Error(`no commune in the catalog for province ${provinceCode}`);
  return rng.pick(list);
}

/** The agency that serves a province (its province office). */
export function agencyOfProvince(provinceCode: string): string {
  const code = provinceAgencyCode(provinceCode);
  return agencyNames.has(code) ? code : AGENCIES[0]!.code;
}

export function agencyName(agencyCode: string): string {
  return agencyNames.get(agencyCode) ?? 'Bảo hiểm xã hội Việt Nam';
}

export function documentType(code: string): DocumentTypeSeed {
  const t = documentTypes.get(code);
  if (!t) throw new Error(`document type ${code} is not in the catalog`);
  return t;
}

/** Officer codes by agency and role. Only some agencies have officers (Hà Nội, TP HCM, central). */
export const officersByAgency = new Map<string, Map<OfficerRole, string[]>>();
for (const o of OFFICERS) {
  const byRole = officersByAgency.get(o.agencyCode) ?? new Map<OfficerRole, string[]>();
  for (const role of o.roles) byRole.set(role, [...(byRole.get(role) ?? []), o.code]);
  officersByAgency.set(o.agencyCode, byRole);
}

/** An officer of the agency with this role, else any officer of the agency, else null. */
export function officer(rng: Random, agencyCode: string, role: OfficerRole): string | null {
  const byRole = officersByAgency.get(agencyCode);
  if (!byRole) return null;
  const withRole = byRole.get(role);
  if (withRole && withRole.length > 0) return rng.pick(withRole);
  const all = [...byRole.values()].flat();
  return all.length > 0 ? rng.pick(all) : null;
}
