import { DocumentTypeResolver, ProcedureResolver, RequiredComponentResolver } from './catalog.resolver.js';
import { IndividualResolver, OrganizationResolver } from './party.resolver.js';
import { DigitizedDocumentResolver } from './document.resolver.js';
import {
  DiscrepancyResolver, DossierComponentResolver, DossierResolver, DossierStatusChangeResolver, NonDigitizationProposalResolver, ProcedureResultResolver,
  VerificationResolver,
} from './dossier.resolver.js';
import { NodeResolver, OfficerResolver } from './node.resolver.js';
import { AccessEventResolver } from './access-log.resolver.js';
import { PartnerQueryResolver } from './partner.resolver.js';
import { DossierProcessResolver } from './dossier-process.resolver.js';
import { MasterDataResolver } from './master-data.resolver.js';
import { StatsResolver } from './stats.resolver.js';
import { PortalSyncResolver } from './portal-sync.resolver.js';
import { BirthRegistrationResolver } from './birth-registration.resolver.js';
import { SearchResolver } from './search.resolver.js';
import { WorkingCalendarResolver } from './working-calendar.resolver.js';
import { ErrorReferenceResolver } from './error-reference.resolver.js';

export const RESOLVERS = [
  ProcedureResolver, DocumentTypeResolver, RequiredComponentResolver,
  IndividualResolver, OrganizationResolver,
  DigitizedDocumentResolver,
  DossierResolver, DossierComponentResolver, DossierStatusChangeResolver, ProcedureResultResolver, DiscrepancyResolver,
  NonDigitizationProposalResolver, VerificationResolver,
  NodeResolver, OfficerResolver,
  AccessEventResolver, PartnerQueryResolver,
  DossierProcessResolver, MasterDataResolver, StatsResolver,
  PortalSyncResolver, SearchResolver, BirthRegistrationResolver, WorkingCalendarResolver,
  ErrorReferenceResolver,
] as const;
