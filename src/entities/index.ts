/** Every entity, listed once: the ORM is configured from this list, not by file discovery. */
import { Commune, FormerProvince, Province } from './administrative-area.entity.js';
import { Agency } from './agency.entity.js';
import { Officer } from './officer.entity.js';
import { Individual } from './individual.entity.js';
import { Organization } from './organization.entity.js';
import { DocumentType } from './document-type.entity.js';
import { AdministrativeProcedure, RequiredComponent } from './procedure.entity.js';
import { StoredFile } from './stored-file.entity.js';
import { DigitizedDocument } from './digitized-document.entity.js';
import { Discrepancy, Dossier, DossierComponent, DossierStatusChange, NonDigitizationProposal, ProcedureResult, Verification } from './dossier.entity.js';
import { AccessEvent } from './access-event.entity.js';
import { AccessSeal } from './access-seal.entity.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { CodeSequence } from './code-sequence.entity.js';
import { SearchEntry, SearchWord } from './search-entry.entity.js';
import { PartnerClient, PartnerKey, PersistedOperation } from './partner.entity.js';
import { ImportCheckpoint } from '../import/import-checkpoint.entity.js';
import { PortalSyncEvent } from './portal-sync-event.entity.js';
import { CalendarAmendment, CalendarDay, CalendarDayChange, CalendarYear } from './working-calendar.entity.js';

export {
  Province, FormerProvince, Commune, Agency, Officer, Individual, Organization, DocumentType,
  AdministrativeProcedure, RequiredComponent, StoredFile, DigitizedDocument, Dossier, DossierComponent,
  DossierStatusChange, ProcedureResult, Discrepancy, NonDigitizationProposal, Verification, AccessEvent, AccessSeal, OutboxEvent, CodeSequence,
  SearchEntry, SearchWord, PartnerClient, PartnerKey, PersistedOperation, ImportCheckpoint, PortalSyncEvent,
  CalendarYear, CalendarDay, CalendarAmendment, CalendarDayChange,
};

export const ENTITIES = [
  Province, FormerProvince, Commune, Agency, Officer, Individual, Organization, DocumentType,
  AdministrativeProcedure, RequiredComponent, StoredFile, DigitizedDocument, Dossier, DossierComponent,
  DossierStatusChange, ProcedureResult, Discrepancy, NonDigitizationProposal, Verification, AccessEvent, AccessSeal, OutboxEvent, CodeSequence,
  SearchEntry, SearchWord, PartnerClient, PartnerKey, PersistedOperation, ImportCheckpoint, PortalSyncEvent,
  CalendarYear, CalendarDay, CalendarAmendment, CalendarDayChange,
];
