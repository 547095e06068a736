/** Where a party lives: province always; the commune is personal data for an individual. */
import type { Context } from '../context.js';
import { Individual } from '../entities/individual.entity.js';
import type { Organization } from '../entities/organization.entity.js';
import { canReadPersonalData } from '../auth/viewer.js';
import type { AdministrativeArea } from '../schema/warehouse.types.js';

export async function residenceOf(ctx: Context, party: Individual | Organization): Promise<AdministrativeArea | null> {
  if (!party.province) return null;
  const province = await party.province.loadOrFail();
  const area: AdministrativeArea = { provinceCode: province.code, provinceName: province.name, communeCode: null, communeName: null };
  if (party instanceof Individual && party.commune) {
    if (!canReadPersonalData(ctx.viewer)) return area;
    const commune = await party.commune.loadOrFail();
    ctx.audit.reveal('INDIVIDUAL', party.id, 'residence');
    area.communeCode = commune.code;
    area.communeName = commune.name;
  }
  return area;
}
