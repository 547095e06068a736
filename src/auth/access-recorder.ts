/**
 * Collects, during one request, whose personal data was revealed to the
 * viewer; the access log service stores it before the response leaves.
 */
export type SubjectKind = 'INDIVIDUAL' | 'ORGANIZATION';

export interface RevealedSubject {
  kind: SubjectKind;
  id: string;
  fields: Set<string>;
}

export class AccessRecorder {
  private readonly subjects = new Map<string, RevealedSubject>();

  reveal(kind: SubjectKind, id: string, field: string): void {
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
