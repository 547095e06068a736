/**
 * Collects, during one request, whose personal data was revealed to the
 * viewer; the access log service stores it before the response leaves.
 */
import { DomainError } from '../domain/errors.js';

export type SubjectKind = 'INDIVIDUAL' | 'ORGANIZATION';

export interface RevealedSubject {
  kind: SubjectKind;
  id: string;
  fields: Set<string>;
}

export class AccessRecorder {
  private readonly subjects = new Map<string, RevealedSubject>();

  /** `purposeRequired`: the request declared no purpose and may not read without one (production). */
  constructor(private readonly purposeRequired = false) {}

  /** Records a reveal; called before the value is handed out, so a refusal here reveals nothing. */
  reveal(kind: SubjectKind, id: string, field: string): void {
    if (this.purposeRequired) {
      // Decree 13/2023/NĐ-CP, Art. 3 (purpose limitation): personal data is processed only for a declared purpose.
      throw new DomainError('PURPOSE_REQUIRED', 'Reading personal data needs a purpose: send the X-Purpose header (UTF-8, percent-encoded) or X-Purpose-Dossier with the dossier worked on', { headers: ['X-Purpose', 'X-Purpose-Dossier'] });
    }
    const key = `${kind}:${id}`;
    let subject = this.subjects.get(key);
    if (!subject) {
      subject = { kind, id, fields: new Set() };
      this.subjects.set(key, subject);
    }
    subject.fields.add(field);
  }

  /** Takes what was recorded so far, leaving the recorder empty. */
  drain(): RevealedSubject[] {
    const all = [...this.subjects.values()];
    this.subjects.clear();
    return all;
  }
}
