/** Where a party lives: the province, and for an individual the commune (personal data: src/auth/personal-data-policy.ts). */
import type { Context } from '../context.js';
import { Individual } from '../entities/individual.entity.js';
import type { Organization } from '../entities/organization.entity.js';
import type { AdministrativeArea } from '../schema/types.js';

export async function residenceOf(_ctx: Context, party: Individual | Organization): Promise<AdministrativeArea | null> {
  if (!party.province) return null;
  const province = await party.province.loadOrFail();
  const subject = party instanceof Individual ? ({ kind: 'INDIVIDUAL', id: party.id } as const) : ({ kind: 'ORGANIZATION', id: party.id } as const);
  const area: AdministrativeArea = { provinceCode: province.code, provinceName: province.name, communeCode: null, communeName: null, subject };
  if (party instanceof Individual && party.commune) {
    const commune = await party.commune.loadOrFail();
    area.communeCode = commune.code;
    area.communeName = commune.name;
  }
  return area;
}
