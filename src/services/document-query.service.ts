/** Reading warehouse documents: one by code, or an owner's, newest first. */
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../context.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { Individual } from '../entities/individual.entity.js';
import type { DocumentStatus } from '../entities/enums.js';
import { keysetPage, type Page, type PageArgs } from './core/pagination.js';
import type { Party } from './party.service.js';

/** Which of an owner's documents to list. */
export interface DocumentQuery {
  documentTypeCodes?: string[] | null;
  status?: DocumentStatus[] | null;
  /** Calendar days, inclusive. */
  issuedFrom?: string | null;
  issuedTo?: string | null;
}

export function findDocument(ctx: Context, code: string): Promise<DigitizedDocument | null> {
  return ctx.em.findOne(DigitizedDocument, { code: code.trim() });
}

export function documentFilterQuery(filter: DocumentQuery | null | undefined): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  if (filter?.documentTypeCodes?.length) where.documentType = { code: { $in: filter.documentTypeCodes } };
  if (filter?.status?.length) where.status = { $in: filter.status };
  if (filter?.issuedFrom || filter?.issuedTo) {
    where.issuedOn = { ...(filter.issuedFrom ? { $gte: filter.issuedFrom } : {}), ...(filter.issuedTo ? { $lte: filter.issuedTo } : {}) };
  }
  return where;
}

export function ownerDocuments(ctx: Context, owner: Party, filter: DocumentQuery | null | undefined, args: PageArgs): Promise<Page<DigitizedDocument>> {
  const ownerWhere = owner instanceof Individual ? { ownerIndividual: owner.id } : { ownerOrganization: owner.id };
  return keysetPage(ctx, ctx.em, DigitizedDocument, { ...ownerWhere, ...documentFilterQuery(filter) } as FilterQuery<DigitizedDocument>, 'digitizedAt', args);
}
