/**
 * `POST /files` (multipart, field `file`) stores a scan and answers
 * `201 {id, sha256, mediaType, byteSize, pageCount}`; `GET /files/documents/:code`
 * (a document's `downloadUrl`) streams its bytes. Refusals use the GraphQL error
 * shape with a 4xx status: 413 too large, 415 not a PDF/JPEG/PNG/TIFF, 400 empty
 * or malformed, 401/403 who may not.
 */
import { pipeline } from 'node:stream/promises';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import multer, { MulterError } from 'multer';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { MikroORM } from '../db/orm.js';
import { createContext, type Context } from '../context.js';
import type { Viewer } from '../auth/viewer.js';
import { DomainError } from '../domain/errors.js';
import { refuse } from './errors.js';
import { storeAccessEvents } from '../services/access-log.service.js';
import { declaredPurpose } from './purpose.js';
import { checkMayUpload, openDocumentFile, storeUpload } from '../files/file.service.js';
import { FILE_EXTENSION, type MediaType } from '../files/media-type.js';
import { fileStoreFor } from '../files/local-file-store.js';
import { TempFile } from '../files/temp-file.js';
import { checkText } from '../domain/text.js';
import { fileTransferCost } from './cost-budget.js';
import { accessLogUnavailable, refuseUnavailable } from './graphql-handler.js';

export interface FilesRouterOptions {
  orm: MikroORM;
  config: AppConfig;
  logger: Logger;
  /** Who is asking; throws when the credentials are invalid. */
  viewerOf(req: Request): Promise<Viewer>;
  /** Counts the request and draws `cost` from the viewer's budget; false once it answered 429. */
  admit(req: Request, res: Response, viewer: Viewer, cost: number): Promise<boolean>;
}

/** The download route: `DigitizedDocument.file.downloadUrl` points here. */
export const DOWNLOAD_ROUTE = '/files/documents/:code';

const isSystemError = (error: Error): boolean => /^E[A-Z0-9]+$/.test(String((error as NodeJS.ErrnoException).code ?? ''));

/** Multer's and busboy's complaints about the body, as domain errors. */
function uploadError(error: unknown, config: AppConfig): DomainError | null {
  if (error instanceof MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE') return new DomainError('FILE_TOO_LARGE', `A scan may be at most ${config.maxUploadBytes} bytes`, { argumentPath: ['file'], maxBytes: config.maxUploadBytes });
    return new DomainError('INVALID_FILE', `Send one file in the multipart field "file" (${error.message})`, { argumentPath: ['file'] });
  }
  // Anything else the form parser (busboy) raises — a truncated body ("Unexpected end of form"), a malformed
  // part header, a missing boundary — is the client's; only a system error (disk, file store: ENOSPC, EACCES…) is ours.
  if (error instanceof Error && !isSystemError(error)) return new DomainError('INVALID_FILE', `Malformed multipart body: ${error.message}`, { argumentPath: ['file'] });
  return null;
}

/** A file part as multer hands it back once the storage below staged it. */
type StagedPart = Express.Multer.File & { staged: TempFile };

/** Multer storage that stages the part on disk, hashing it on the way, without holding it in memory. */
function stagingStorage(stagingDir: string): multer.StorageEngine {
  return {
    _handleFile(_req, file, done) {
      TempFile.write(file.stream, stagingDir).then((staged) => {
        const info: Partial<StagedPart> = { staged, size: staged.byteSize, path: staged.path };
        done(null, info);
      }, done);
    },
    _removeFile(_req, file, done) {
      void (file as StagedPart).staged.discard().then(() => done(null), done);
    },
  };
}

export function filesRouter(options: FilesRouterOptions): Router {
  const { orm, config, logger } = options;
  const router = express.Router();
  const upload = multer({
    storage: stagingStorage(fileStoreFor(config.dataDir).stagingDir),
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 0, parts: 1 },
  }).single('file');

  /** The request's context, or a 401 (a 400 or 404 for its purpose headers) already sent. */
  async function contextOf(req: Request, res: Response): Promise<Context | null> {
    let viewer: Viewer;
    try {
      viewer = await options.viewerOf(req);
    } catch (error) {
      refuse(res, new DomainError('UNAUTHENTICATED', (error as Error).message || 'Invalid credentials'));
      return null;
    }
    const requestId = res.locals.requestId as string;
    const em = orm.em.fork() as Context['em'];
    let purpose: string | undefined;
    try {
      purpose = await declaredPurpose(req, viewer, undefined, () => orm.em.fork() as Context['em'], 'files');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refuse(res, error);
      return null;
    }
    // HEAD reads no file: it needs no purpose and is not logged.
    return createContext({ requestId, viewer, em, config, logger: logger.child({ requestId }), purpose, requirePurpose: req.method === 'HEAD' ? false : undefined });
  }

  router.post('/', async (req: Request, res: Response, next: NextFunction) => {
    const ctx = await contextOf(req, res);
    if (!ctx) return;
    // Priced by the size announced (at most the upload limit) before a byte is read.
    const announced = Number(req.header('content-length'));
    if (!(await options.admit(req, res, ctx.viewer, fileTransferCost(Number.isFinite(announced) ? Math.min(announced, config.maxUploadBytes) : config.maxUploadBytes)))) return;
    try {
      checkMayUpload(ctx.viewer);
      await new Promise<void>((resolve, reject) => upload(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
      const part = req.file as StagedPart | undefined;
      if (!part) throw new DomainError('INVALID_FILE', 'Send the scan as multipart/form-data in the field "file"', { argumentPath: ['file'] });
      res.status(201).json(await storeUpload(ctx, part.staged));
    } catch (error) {
      const refusal = error instanceof DomainError ? error : uploadError(error, config);
      if (refusal) refuse(res, refusal);
      else next(error);
    }
  });

  router.get(DOWNLOAD_ROUTE.slice('/files'.length), async (req: Request<{ code: string }>, res: Response, next: NextFunction) => {
    const ctx = await contextOf(req, res);
    if (!ctx) return;
    try {
      // The code came through the URI: the same text rules as any argument before it goes near SQL.
      checkText(req.params.code, 'code', ['code']);
      const { file, bytes } = await openDocumentFile(ctx, req.params.code);
      if (!(await options.admit(req, res, ctx.viewer, fileTransferCost(file.byteSize)))) return void bytes.destroy();
      // Recorded before the bytes leave, like every other read of personal data; unrecorded, they do not leave.
      // HEAD sends no bytes: not a read, nothing recorded.
      const revealed = ctx.audit.drain();
      try {
        if (req.method !== 'HEAD') await storeAccessEvents(ctx.em.fork(), ctx, `GET ${DOWNLOAD_ROUTE}`, revealed);
      } catch (error) {
        bytes.destroy();
        logger.error({ err: error, requestId: ctx.requestId }, 'access log store failed; the download is refused');
        return refuseUnavailable(res, accessLogUnavailable());
      }
      res.status(200).set({
        'content-type': file.mediaType,
        'content-length': String(file.byteSize),
        'content-disposition': `attachment; filename="${req.params.code.replace(/[^A-Za-z0-9.-]/g, '_')}.${FILE_EXTENSION[file.mediaType as MediaType]}"`,
        etag: `"${file.sha256}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
      await pipeline(bytes, res);
    } catch (error) {
      if (error instanceof DomainError) refuse(res, error);
      else next(error);
    }
  });

  return router;
}
