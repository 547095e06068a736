/**
 * The catalog (procedures, their required components, document types) read once
 * per process for the graph's read path. It is reference data that changes only
 * with a deploy (`seedCatalog` at start), yet a deep read paid a batched query
 * and its ORM work (about 0.4 ms of CPU) for each catalog level it showed.
 *
 * The entities live in an EntityManager of their own, fully populated, and are
 * only read by resolvers, never changed or flushed. A row the cache does not hold
 * (added after it was loaded) comes from the request's EntityManager as before.
 */
import type { Ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AdministrativeProcedure, type RequiredComponent } from '../entities/procedure.entity.js';
import { DocumentType } from '../entities/document-type.entity.js';
import type { PolicyEnv } from '../auth/personal-data-policy.js';

interface Catalog {
  procedures: Map<string, AdministrativeProcedure>;
  requirements: Map<string, RequiredComponent>;
  documentTypes: Map<string, DocumentType>;
  /** What the personal-data policy reads of the catalog: document types by id and code, with their metadata schemas. */
  policyEnv: PolicyEnv;
}

export class CatalogCache {
  private catalog: Promise<Catalog> | undefined;

  /** `fork`: an EntityManager for the cache alone. */
  constructor(private readonly fork: () => EntityManager) {}

  private load(): Promise<Catalog> {
    if (!this.catalog) {
      this.catalog = this.read();
      // A failed load (database unreachable) is tried again by the next request.
      this.catalog.catch(() => (this.catalog = undefined));
    }
    return this.catalog;
  }

  private async read(): Promise<Catalog> {
    const em = this.fork();
    const documentTypes = await em.find(DocumentType, {});
    const procedures = await em.find(AdministrativeProcedure, {}, { populate: ['requiredComponents', 'resultDocumentType'] });
    const requirements = procedures.flatMap((p) => p.requiredComponents.getItems());
    const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));
    const typesById = byId(documentTypes);
    const typesByCode = new Map(documentTypes.map((t) => [t.code, t]));
    const policyEnv: PolicyEnv = {
      documentType: (id) => typesById.get(id),
      documentTypeByCode: (code) => typesByCode.get(code),
      documentTypes: () => typesById.values(),
    };
    return { procedures: byId(procedures), requirements: byId(requirements), documentTypes: typesById, policyEnv };
  }

  async procedure(ref: Ref<AdministrativeProcedure>): Promise<AdministrativeProcedure> {
    return (await this.load()).procedures.get(ref.id) ?? ref.loadOrFail();
  }

  async requirement(ref: Ref<RequiredComponent>): Promise<RequiredComponent> {
    return (await this.load()).requirements.get(ref.id) ?? ref.loadOrFail();
  }

  /**
   * The catalog as the personal-data policy reads it. A document type added after
   * the cache was read is unknown to it: its metadata is then masked key by key
   * as undeclared (fail closed) until the process restarts.
   */
  async policyEnv(): Promise<PolicyEnv> {
    return (await this.load()).policyEnv;
  }

  async documentType(ref: Ref<DocumentType>): Promise<DocumentType> {
    return (await this.load()).documentTypes.get(ref.id) ?? ref.loadOrFail();
  }
}
