/** Reading procedure results ("kết quả giải quyết TTHC") by their code, `KQ.<dossier code>`. */
import type { Context } from '../context.js';
import { ProcedureResult } from '../entities/dossier.entity.js';
import { parseDossierCode } from '../domain/codes.js';
import { DomainError } from '../domain/errors.js';

export function findProcedureResult(ctx: Context, code: string): Promise<ProcedureResult | null> {
  const trimmed = code.trim();
  if (!trimmed.startsWith('KQ.') || !parseDossierCode(trimmed.slice(3))) {
    throw new DomainError('INVALID_ARGUMENT', 'A result code is "KQ." followed by the dossier code, e.g. KQ.000.00.01.H41-250702-0001', { argumentPath: ['code'] });
  }
  // With its dossier (one joined statement): the applicant is the subject of the result's personal fields.
  return ctx.em.findOne(ProcedureResult, { code: trimmed }, { populate: ['dossier'], strategy: 'joined' });
}
