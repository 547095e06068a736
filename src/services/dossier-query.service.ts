/** Reading dossiers: one by code, a filtered list, or an applicant's. */
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../context.js';
import { Dossier } from '../entities/dossier.entity.js';
import { Individual } from '../entities/individual.entity.js';
import { ComponentProvision, type DossierStatus } from '../entities/enums.js';
import { DomainError } from '../domain/errors.js';
import { keysetPage, type Page, type PageArgs } from './core/pagination.js';
import { allowedTransitions, type AllowedTransition } from './core/dossier-lifecycle.js';
import { checkProcedureCode } from './catalog.service.js';
import type { Party } from './party.service.js';

/** Which dossiers to list. */
export interface DossierQuery {
  procedureCode?: string | null;
  status?: DossierStatus[] | null;
  /** Receipt instants: from inclusive, to exclusive. */
  receivedFrom?: Date | null;
  receivedTo?: Date | null;
  provinceCode?: string | null;
}

export function findDossier(ctx: Context, code: string): Promise<Dossier | null> {
  return ctx.em.findOne(Dossier, { code: code.trim() });
}

function dossierFilterQuery(filter: DossierQuery | null | undefined): FilterQuery<Dossier> {
  const where: Record<string, unknown> = {};
  if (filter?.procedureCode) where.procedure = { code: checkProcedureCode(filter.procedureCode, ['filter', 'procedureCode']) };
  if (filter?.status?.length) where.status = { $in: filter.status };
  if (filter?.provinceCode) {
    if (!/^\d{2}$/.test(filter.provinceCode)) {
      throw new DomainError('INVALID_ARGUMENT', 'Province codes are two digits, e.g. "01"', { argumentPath: ['filter', 'provinceCode'] });
    }
    where.province = filter.provinceCode;
  }
  if (filter?.receivedFrom || filter?.receivedTo) {
    where.receivedAt = { ...(filter.receivedFrom ? { $gte: filter.receivedFrom } : {}), ...(filter.receivedTo ? { $lt: filter.receivedTo } : {}) };
  }
  return where as FilterQuery<Dossier>;
}

export function listDossiers(ctx: Context, filter: DossierQuery | null | undefined, args: PageArgs): Promise<Page<Dossier>> {
  return keysetPage(ctx, ctx.em, Dossier, dossierFilterQuery(filter), 'receivedAt', args);
}

export function applicantDossiers(ctx: Context, applicant: Party, status: DossierStatus | null | undefined, args: PageArgs): Promise<Page<Dossier>> {
  const where: Record<string, unknown> = applicant instanceof Individual ? { applicantIndividual: applicant.id } : { applicantOrganization: applicant.id };
  if (status) where.status = status;
  return keysetPage(ctx, ctx.em, Dossier, where as FilterQuery<Dossier>, 'receivedAt', args);
}

/** Share of provided components that were reused rather than scanned (0 when none is provided yet); papers kept undigitized are left out. */
export async function reuseRate(dossier: Dossier): Promise<number> {
  const components = (await dossier.components.load()).getItems();
  const reused = components.filter((c) => c.provision === ComponentProvision.REUSED).length;
  const provided = components.filter((c) => c.provision !== ComponentProvision.PENDING && c.provision !== ComponentProvision.NOT_DIGITIZED).length;
  return provided === 0 ? 0 : reused / provided;
}

/**
 * The statuses the viewer may move the dossier to now: the workflow's own
 * transition table and role checks (core/dossier-lifecycle), never a copy.
 */
export async function dossierTransitions(ctx: Context, dossier: Dossier): Promise<AllowedTransition[]> {
  if (ctx.viewer.kind !== 'officer') return [];
  await dossier.components.load({ populate: ['requirement'] });
  const agency = await dossier.agency.load();
  return allowedTransitions(ctx.viewer, dossier, agency?.code ?? '');
}
