/** Where a party lives: province always; the commune is personal data for an individual. */
import type { Context } from '../context.js';
import { Individual } from '../entities/individual.entity.js';
import type { Organization } from '../entities/organization.entity.js';
import { canReadPersonalData } from '../auth/viewer.js';

/** Where a party lives; the commune only for viewers who may read it (an individual's is personal data). */
export interface Residence {
  provinceCode: string;
  provinceName: string;
  communeCode: string | null;
  communeName: string | null;
}

export async function residenceOf(ctx: Context, party: Individual | Organization): Promise<Residence | null> {
  if (!party.province) return null;
  const province = await party.province.loadOrFail();
  const area: Residence = { provinceCode: province.code, provinceName: province.name, communeCode: null, communeName: null };
  if (party instanceof Individual && party.commune) {
    if (!canReadPersonalData(ctx.viewer)) return area;
    const commune = await party.commune.loadOrFail();
    ctx.audit.reveal('INDIVIDUAL', party.id, 'residence');
    area.communeCode = commune.code;
    area.communeName = commune.name;
  }
  return area;
}
