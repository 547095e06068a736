/** GraphQL types that are views, not entities: areas, the Party union, signatures, inputs. */
import { ArgsType, Field, InputType, Int, ObjectType, createUnionType } from 'type-graphql';
import { Individual } from '../entities/individual.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { Dossier } from '../entities/dossier.entity.js';
import { Officer } from '../entities/officer.entity.js';
import { DocumentStatus, DossierStatus, SignatureFormat } from '../entities/enums.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { ConnectionArgs, ConnectionType } from './relay.js';
import type { PartyIdentifier } from '../services/party.service.js';
import type { Residence } from '../services/area.service.js';
import type { DocumentFileInfo, SignatureCheck } from '../services/document-view.service.js';
import type { DocumentQuery } from '../services/document-query.service.js';
import type { DossierQuery } from '../services/dossier-query.service.js';
import type { SubjectRef } from '../auth/personal-data-policy.js';

@ObjectType({ description: 'Province-level administrative unit (34 since 1 July 2025) and commune.' })
export class AdministrativeArea implements Residence {
  @Field() provinceCode!: string;
  @Field() provinceName!: string;
  @Field(() => String, { nullable: true }) communeCode!: string | null;
  @Field(() => String, { nullable: true }) communeName!: string | null;
  /** Whose residence it is: the subject of its personal fields. */
  subject!: SubjectRef;
}

export const Party = createUnionType({
  name: 'Party',
  types: () => [Individual, Organization] as const,
  resolveType: (value) => value.constructor.name,
});

@InputType({ description: 'Finds an individual (personalId or socialInsuranceCode) or an organization (unitCode or taxCode).' })
export class PartyRef implements PartyIdentifier {
  @Field(() => String, { nullable: true }) personalId?: string;
  @Field(() => String, { nullable: true }) socialInsuranceCode?: string;
  @Field(() => String, { nullable: true }) unitCode?: string;
  @Field(() => String, { nullable: true }) taxCode?: string;
}

@ObjectType('StoredFile', { description: 'A scanned paper or electronic file, stored under its SHA-256.' })
export class StoredFileView implements DocumentFileInfo {
  @Field() sha256!: string;
  @Field() mediaType!: string;
  @Field(() => Int) byteSize!: number;
  @Field(() => Int, { nullable: true }) pageCount!: number | null;
  @Field({ description: 'Where allowed viewers download the bytes (bearer token required).' }) downloadUrl!: string;
}

@ObjectType()
export class DocumentSignature implements SignatureCheck {
  @Field(() => Officer) signedBy!: Officer;
  @Field(() => DateTimeScalar) signedAt!: Date;
  @Field() certificateFingerprint!: string;
  @Field(() => SignatureFormat, { description: 'PADES: embedded in the PDF, with its stamp on page 1 top left; CMS_DETACHED: kept beside the file (documents signed before PAdES).' })
  format!: SignatureFormat;
  @Field({ description: 'Re-checked against the stored bytes when read.' }) valid!: boolean;
}

@InputType()
export class DocumentFilter implements DocumentQuery {
  @Field(() => [String], { nullable: true }) documentTypeCodes?: string[];
  @Field(() => [DocumentStatus], { nullable: true }) status?: DocumentStatus[];
  @Field(() => DateScalar, { nullable: true }) issuedFrom?: string;
  @Field(() => DateScalar, { nullable: true }) issuedTo?: string;
}

@InputType()
export class DossierFilter implements DossierQuery {
  @Field(() => String, { nullable: true }) procedureCode?: string;
  @Field(() => [DossierStatus], { nullable: true }) status?: DossierStatus[];
  @Field(() => DateTimeScalar, { nullable: true }) receivedFrom?: Date;
  @Field(() => DateTimeScalar, { nullable: true }) receivedTo?: Date;
  @Field(() => String, { nullable: true }) provinceCode?: string;
}

export const DigitizedDocumentConnection = ConnectionType('DigitizedDocument', () => DigitizedDocument);
export const DossierConnection = ConnectionType('Dossier', () => Dossier);

/** Arguments of `Individual.documents` and `Organization.documents`. */
@ArgsType()
export class PartyDocumentsArgs extends ConnectionArgs {
  @Field(() => DocumentFilter, { nullable: true }) filter?: DocumentFilter;
}

/** Arguments of `Individual.dossiers` and `Organization.dossiers`. */
@ArgsType()
export class PartyDossiersArgs extends ConnectionArgs {
  @Field(() => DossierStatus, { nullable: true }) status?: DossierStatus;
}

/** Arguments of `Query.dossiers`. */
@ArgsType()
export class DossiersArgs extends ConnectionArgs {
  @Field(() => DossierFilter, { nullable: true }) filter?: DossierFilter;
}
