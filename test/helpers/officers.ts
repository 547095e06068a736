/** Officers registered by a test: tokens of officers the warehouse does not hold are refused (src/auth/officer-directory.ts). */
import { randomUUID } from 'node:crypto';
import { Agency } from '../../src/entities/agency.entity.js';
import { Officer } from '../../src/entities/officer.entity.js';
import { OfficerRole } from '../../src/entities/enums.js';
import { HANOI_AGENCY, type TestApp } from './app.js';

/** Registers an active officer of the Hanoi agency, with a code of this run only (`<prefix>-xxxxxxxx`), and gives its code. */
export async function newOfficer(app: TestApp, roles: OfficerRole[] = [OfficerRole.PROCESSING_OFFICER], prefix = 'T'): Promise<string> {
  const em = app.app.orm.em.fork();
  const code = `${prefix}-${randomUUID().slice(0, 8)}`;
  em.create(Officer, { code, fullName: 'Phạm Văn Kiểm', agency: await em.findOneOrFail(Agency, { code: HANOI_AGENCY }), roles, active: true });
  await em.flush();
  return code;
}
