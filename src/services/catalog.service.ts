/** Reading the catalog: procedures, their required components, and document types. */
import type { Context } from '../context.js';
import { DocumentType } from '../entities/document-type.entity.js';
import { AdministrativeProcedure } from '../entities/procedure.entity.js';
import { DomainError } from '../domain/errors.js';
import { isProcedureCode } from '../domain/codes.js';

export function listProcedures(ctx: Context): Promise<AdministrativeProcedure[]> {
  return ctx.em.find(AdministrativeProcedure, {}, { orderBy: { code: 'asc' } });
}

export function listDocumentTypes(ctx: Context): Promise<DocumentType[]> {
  return ctx.em.find(DocumentType, {}, { orderBy: { code: 'asc' } });
}

export function checkProcedureCode(code: string, argumentPath: (string | number)[]): string {
  const trimmed = code.trim();
  if (!isProcedureCode(trimmed)) {
    throw new DomainError('INVALID_IDENTIFIER', `Invalid procedure code "${code}": national codes are shaped d.dddddd`, { argumentPath });
  }
  return trimmed;
}

export function findProcedure(ctx: Context, code: string, argumentPath: (string | number)[] = ['code']): Promise<AdministrativeProcedure | null> {
  return ctx.em.findOne(AdministrativeProcedure, { code: checkProcedureCode(code, argumentPath) });
}

export async function getProcedure(ctx: Context, code: string, argumentPath: (string | number)[]): Promise<AdministrativeProcedure> {
  const procedure = await findProcedure(ctx, code, argumentPath);
  if (!procedure) throw new DomainError('PROCEDURE_NOT_FOUND', `No procedure has the code ${code}`, { argumentPath });
  return procedure;
}

/** The type of the paper a procedure's approval issues; null when its result is not a document. */
export async function resultDocumentType(ctx: Context, procedure: AdministrativeProcedure): Promise<DocumentType | null> {
  return procedure.resultDocumentType ? ctx.catalog.documentType(procedure.resultDocumentType) : null;
}
