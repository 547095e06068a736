/** Where a party lives: the province, and for an individual the commune (personal data: src/auth/personal-data-policy.ts). */
import type { Context } from '../context.js';
import { Individual } from '../entities/individual.entity.js';
import type { Organization } from '../entities/organization.entity.js';
import type { SubjectRef } from '../auth/personal-data-policy.js';

/** Where a party lives; the commune of an individual is personal data (src/auth/personal-data-policy.ts masks it). */
export interface Residence {
  provinceCode: string;
  provinceName: string;
  communeCode: string | null;
  communeName: string | null;
  /** Whose residence it is: the subject of its personal fields. */
  subject: SubjectRef;
}

export async function residenceOf(_ctx: Context, party: Individual | Organization): Promise<Residence | null> {
  if (!party.province) return null;
  const province = await party.province.loadOrFail();
  const subject: SubjectRef = party instanceof Individual ? { kind: 'INDIVIDUAL', id: party.id } : { kind: 'ORGANIZATION', id: party.id };
  const area: Residence = { provinceCode: province.code, provinceName: province.name, communeCode: null, communeName: null, subject };
  if (party instanceof Individual && party.commune) {
    const commune = await party.commune.loadOrFail();
    area.communeCode = commune.code;
    area.communeName = commune.name;
  }
  return area;
}
