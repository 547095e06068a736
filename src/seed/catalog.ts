/**
 * Loads the reference data ("danh mục") into the warehouse: provinces, former
 * provinces, communes, document types, procedures with their required components,
 * agencies and officers, and the announced years of the working calendar, from the
 * data files in src/catalog.
 *
 * Idempotent: every row is matched by its natural key (code; for a required
 * component, procedure and code), created when missing and brought in line with the
 * data file when present. A second run finds nothing to change and writes nothing.
 * Rows no longer in the files are left alone: dossiers and documents may refer to them.
 */
import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AGENCIES, OFFICERS, SYSTEM_OFFICER } from '../catalog/agencies.js';
import { DOCUMENT_TYPES } from '../catalog/document-types.js';
import { PROCEDURES } from '../catalog/procedures.js';
import { COMMUNES, FORMER_PROVINCES, PROVINCES } from '../catalog/provinces.js';
import { SEEDED_CALENDAR } from '../catalog/working-calendar.js';
import { seedWorkingCalendar } from '../services/working-calendar.service.js';
import {
  AdministrativeProcedure,
  Agency,
  Commune,
  DocumentType,
  FormerProvince,
  Officer,
  Province,
  RequiredComponent,
} from '../entities/index.js';
import type { OfficerRole, PartyKind } from '../entities/enums.js';

export interface CatalogCounts {
  provinces: number;
  formerProvinces: number;
  communes: number;
  documentTypes: number;
  procedures: number;
  requiredComponents: number;
  agencies: number;
  officers: number;
  /** Years of the working calendar seeded from announcements (src/catalog/working-calendar.ts). */
  calendarYears: number;
}

/** Sets the fields that differ; returns whether anything changed. */
function sync<T extends object>(entity: T, values: Partial<T>): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(values) as Array<[keyof T, T[keyof T]]>) {
    if (!sameValue(entity[key], value)) {
      entity[key] = value;
      changed = true;
    }
  }
  return changed;
}

/** Deep equality that ignores object key order (jsonb does not keep it). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Inserts or updates the catalog, in one flush (one transaction). Returns how many
 * rows of each kind the catalog holds afterwards (from the data files).
 */
export async function seedCatalog(em: EntityManager): Promise<CatalogCounts> {
  // One after the other: the embedded database serves one connection at a time.
  const provinces = await em.find(Province, {});
  const formers = await em.find(FormerProvince, {});
  const communes = await em.find(Commune, {});
  const types = await em.find(DocumentType, {});
  const procedures = await em.find(AdministrativeProcedure, {});
  const components = await em.find(RequiredComponent, {});
  const agencies = await em.find(Agency, {});
  const officers = await em.find(Officer, {});

  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  for (const seed of PROVINCES) {
    const existing = provinceByCode.get(seed.code);
    if (existing) sync(existing, { name: seed.name });
    else provinceByCode.set(seed.code, em.create(Province, { code: seed.code, name: seed.name }));
  }
  const province = (code: string): Province => {
    const p = provinceByCode.get(code);
    if (!p) throw new Error(`catalog: unknown province ${code}`);
    return p;
  };

  const formerByCode = new Map(formers.map((f) => [f.code, f]));
  for (const seed of FORMER_PROVINCES) {
    const existing = formerByCode.get(seed.code);
    if (existing) {
      sync(existing, { personalIdPrefix: seed.personalIdPrefix, name: seed.name, effectiveFrom: seed.effectiveFrom });
      if (existing.mergedInto.unwrap().code !== seed.mergedInto) existing.mergedInto = ref(province(seed.mergedInto));
    } else {
      em.create(FormerProvince, {
        code: seed.code,
        personalIdPrefix: seed.personalIdPrefix,
        name: seed.name,
        mergedInto: province(seed.mergedInto),
        effectiveFrom: seed.effectiveFrom,
      });
    }
  }

  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  for (const seed of COMMUNES) {
    const existing = communeByCode.get(seed.code);
    if (existing) {
      sync(existing, { name: seed.name });
      if (existing.province.unwrap().code !== seed.provinceCode) existing.province = ref(province(seed.provinceCode));
    } else {
      em.create(Commune, { code: seed.code, name: seed.name, province: province(seed.provinceCode) });
    }
  }

  const typeByCode = new Map(types.map((t) => [t.code, t]));
  for (const seed of DOCUMENT_TYPES) {
    const values = {
      name: seed.name,
      ownerKind: seed.ownerKind as PartyKind,
      metadataSchema: seed.metadataSchema,
      validityMonths: seed.validityMonths,
      isResult: seed.isResult,
    };
    const existing = typeByCode.get(seed.code);
    if (existing) sync(existing, values);
    else typeByCode.set(seed.code, em.create(DocumentType, { code: seed.code, ...values }));
  }
  const documentType = (code: string): DocumentType => {
    const t = typeByCode.get(code);
    if (!t) throw new Error(`catalog: unknown document type ${code}`);
    return t;
  };

  const procedureByCode = new Map(procedures.map((p) => [p.code, p]));
  const componentByKey = new Map(components.map((c) => [`${c.procedure.unwrap().id}:${c.code}`, c]));
  for (const seed of PROCEDURES) {
    const resultType = seed.resultDocumentTypeCode ? documentType(seed.resultDocumentTypeCode) : null;
    const values = {
      name: seed.name,
      field: seed.field,
      processingDays: seed.processingDays,
      applicantKind: seed.applicantKind as PartyKind,
      electronicResult: seed.electronicResult ?? false,
    };
    let procedure = procedureByCode.get(seed.code);
    if (procedure) {
      sync(procedure, values);
      const current = procedure.resultDocumentType?.unwrap().id ?? null;
      if (current !== (resultType?.id ?? null)) procedure.resultDocumentType = resultType ? ref(resultType) : null;
    } else {
      procedure = em.create(AdministrativeProcedure, { code: seed.code, ...values, resultDocumentType: resultType });
      procedureByCode.set(seed.code, procedure);
    }
    seed.components.forEach((c, position) => {
      const type = documentType(c.documentTypeCode);
      const existing = componentByKey.get(`${procedure.id}:${c.code}`);
      if (existing) {
        sync(existing, { name: c.name, mandatory: c.mandatory, position });
        if (existing.documentType.unwrap().id !== type.id) existing.documentType = ref(type);
      } else {
        em.create(RequiredComponent, { procedure, code: c.code, name: c.name, documentType: type, mandatory: c.mandatory, position });
      }
    });
  }

  const agencyByCode = new Map(agencies.map((a) => [a.code, a]));
  for (const seed of AGENCIES) {
    const existing = agencyByCode.get(seed.code);
    if (existing) {
      sync(existing, { name: seed.name });
      if (existing.province.unwrap().code !== seed.provinceCode) existing.province = ref(province(seed.provinceCode));
    } else {
      agencyByCode.set(seed.code, em.create(Agency, { code: seed.code, name: seed.name, province: province(seed.provinceCode) }));
    }
  }

  const officerByCode = new Map(officers.map((o) => [o.code, o]));
  for (const seed of [...OFFICERS, SYSTEM_OFFICER]) {
    const agency = agencyByCode.get(seed.agencyCode);
    if (!agency) throw new Error(`catalog: officer ${seed.code} belongs to unknown agency ${seed.agencyCode}`);
    const roles = seed.roles.map((r) => r as OfficerRole);
    const existing = officerByCode.get(seed.code);
    if (existing) {
      sync(existing, { fullName: seed.fullName, roles });
      if (existing.agency.unwrap().id !== agency.id) existing.agency = ref(agency);
    } else {
      em.create(Officer, { code: seed.code, fullName: seed.fullName, agency, roles, active: seed.active ?? true });
    }
  }

  await em.flush();
  // Years already held are left alone: an administrator's amendments stay.
  await em.transactional((tx) => seedWorkingCalendar(tx as EntityManager));

  return {
    provinces: PROVINCES.length,
    formerProvinces: FORMER_PROVINCES.length,
    communes: COMMUNES.length,
    documentTypes: DOCUMENT_TYPES.length,
    procedures: PROCEDURES.length,
    requiredComponents: PROCEDURES.reduce((sum, p) => sum + p.components.length, 0),
    agencies: AGENCIES.length,
    officers: OFFICERS.length + 1,
    calendarYears: SEEDED_CALENDAR.length,
  };
}
