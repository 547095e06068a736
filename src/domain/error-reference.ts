/**
 * The reference of every error reason (src/domain/errors.ts): what it means, in
 * Vietnamese and English, and the extension fields it carries beside `code` and
 * `reason`. The message table and docs/errors.md (npm run errors:doc) are read
 * from here; a `Record<ErrorReason, …>` so the compiler refuses a reason without
 * an entry, and test/unit/error-reference.test.ts refuses an empty language.
 *
 * Templates name extension fields in braces (`{currentStatus}`); a part in
 * square brackets is left out when a field it names is absent.
 */
import type { ErrorCode, ErrorDetails, ErrorReason } from './errors.js';

/** Languages of messages: Vietnamese (the default, for officers) and English. */
export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];
export const DEFAULT_LANGUAGE: Language = 'vi';

export interface ReasonReference {
  /** The message of the reason, per language, with `{field}` placeholders. */
  message: Readonly<Record<Language, string>>;
  /** Extension fields the reason may carry besides code and reason. */
  fields: readonly string[];
}

const AT = ['argumentPath'];
const RETRY = ['retryAfterSeconds'];
const ref = (vi: string, en: string, fields: readonly string[] = []): ReasonReference => ({ message: { vi, en }, fields });

export const ERROR_REFERENCE: Readonly<Record<ErrorReason, ReasonReference>> = {
  INVALID_ARGUMENT: ref('Tham số không hợp lệ[: {argumentPath}]', 'Invalid argument[: {argumentPath}]', [...AT, 'violations']),
  INVALID_IDENTIFIER: ref('Mã định danh không hợp lệ[: {argumentPath}]', 'Invalid identifier[: {argumentPath}]', AT),
  INVALID_DATE: ref('Ngày giờ không hợp lệ[: {argumentPath}]', 'Invalid date or instant[: {argumentPath}]', AT),
  INVALID_METADATA: ref(
    'Dữ liệu trích xuất không khớp lược đồ (metadataSchema) của loại giấy tờ[: {argumentPath}]',
    "The metadata does not fit the document type's metadataSchema[: {argumentPath}]",
    [...AT, 'violations'],
  ),
  INVALID_FILE: ref('Tệp không hợp lệ hoặc không đọc được[: {argumentPath}]', 'The file is invalid or unreadable[: {argumentPath}]', [...AT, 'pageCount']),
  FILE_TOO_LARGE: ref('Tệp quá lớn[; tối đa {maxBytes} byte]', 'The file is too large[; at most {maxBytes} bytes]', [...AT, 'maxBytes']),
  UNSUPPORTED_MEDIA_TYPE: ref('Định dạng tệp không được hỗ trợ (PDF, JPEG, PNG, TIFF)', 'Unsupported file type (PDF, JPEG, PNG, TIFF)', AT),
  INVALID_CURSOR: ref('Con trỏ phân trang không hợp lệ[: {argumentPath}]', 'Invalid page cursor[: {argumentPath}]', [...AT, 'cursor']),
  INVALID_ID: ref('ID không hợp lệ[: {argumentPath}]', 'Invalid global ID[: {argumentPath}]', AT),
  INVALID_TEXT: ref(
    'Chuỗi có ký tự bị từ chối, quá dài hoặc không có chữ[: {argumentPath}]',
    'The text has refused characters, is too long or has no letters[: {argumentPath}]',
    AT,
  ),
  UNKNOWN_FIELD: ref('Khóa không thuộc trường nào[: {argumentPath}]', 'A key that names no field[: {argumentPath}]', AT),
  MALFORMED_REQUEST: ref('Yêu cầu không đọc được (thân, biểu mẫu hoặc mã hóa)', 'The request could not be read (body, form or encoding)'),
  PAGE_SIZE_EXCEEDED: ref('Trang quá lớn[: {field}][; tối đa {max}]', 'Page too large[: {field}][; at most {max}]', [...AT, 'field', 'max']),
  NOT_FOUND: ref('Không tìm thấy[: {argumentPath}]', 'Not found[: {argumentPath}]', AT),
  APPLICANT_NOT_FOUND: ref('Không tìm thấy người nộp hồ sơ[: {argumentPath}]', 'No such applicant[: {argumentPath}]', AT),
  DOSSIER_NOT_FOUND: ref('Không tìm thấy hồ sơ[: {argumentPath}]', 'No such dossier[: {argumentPath}]', AT),
  DOCUMENT_NOT_FOUND: ref('Không tìm thấy giấy tờ trong kho[: {argumentPath}]', 'No such warehouse document[: {argumentPath}]', AT),
  PROCEDURE_NOT_FOUND: ref('Không tìm thấy thủ tục hành chính[: {argumentPath}]', 'No such procedure[: {argumentPath}]', AT),
  REQUIREMENT_NOT_FOUND: ref('Thủ tục không có thành phần hồ sơ này[: {argumentPath}]', 'The procedure has no such required component[: {argumentPath}]', AT),
  DOCUMENT_TYPE_NOT_FOUND: ref('Không tìm thấy loại giấy tờ[: {argumentPath}]', 'No such document type[: {argumentPath}]', AT),
  FILE_NOT_FOUND: ref('Không tìm thấy tệp đã tải lên[: {argumentPath}]', 'No such uploaded file[: {argumentPath}]', AT),
  UNAUTHENTICATED: ref(
    'Chưa đăng nhập hoặc thông tin xác thực không hợp lệ: gửi "Authorization: Bearer <token>" (cán bộ) hoặc "X-Api-Key" (hệ thống đối tác)',
    'Not signed in or invalid credentials: send "Authorization: Bearer <token>" (officers) or "X-Api-Key" (partners)',
  ),
  FORBIDDEN: ref('Không có quyền thực hiện thao tác này', 'Not allowed to do this', [...AT, 'missingScopes', 'operationName']),
  OUTSIDE_AGENCY: ref('Hồ sơ thuộc cơ quan khác; cán bộ chỉ ghi trong cơ quan mình', 'It belongs to another agency; officers write only in their own'),
  INVALID_TRANSITION: ref(
    'Hồ sơ đang ở trạng thái {currentStatus}[, không chuyển sang {requestedStatus} được]; xem Dossier.allowedTransitions',
    'The dossier is {currentStatus}[ and cannot move to {requestedStatus}]; see Dossier.allowedTransitions',
    ['currentStatus', 'requestedStatus'],
  ),
  CONCURRENT_UPDATE: ref('Bản ghi vừa được người khác thay đổi; tải lại và thử lại', 'The record was changed by someone else; reload and try again'),
  DUPLICATE: ref('Đã có bản ghi cùng mã định danh', 'A record with the same identifier already exists', AT),
  DOCUMENT_OWNER_MISMATCH: ref('Giấy tờ không thuộc người nộp hồ sơ[: {argumentPath}]', 'The document does not belong to the applicant[: {argumentPath}]', AT),
  DOCUMENT_TYPE_MISMATCH: ref(
    'Loại giấy tờ không đúng thành phần hồ sơ yêu cầu[: {argumentPath}]',
    'The document is not of the type the component requires[: {argumentPath}]',
    AT,
  ),
  DOCUMENT_NOT_REUSABLE: ref(
    'Giấy tờ đang ở trạng thái {status}[, hiệu lực đến {validUntil}]: không dùng thay giấy tờ được',
    'The document is {status}[, valid until {validUntil}]: it cannot stand in for a paper',
    [...AT, 'status', 'validUntil'],
  ),
  PARTY_KIND_MISMATCH: ref('Loại chủ thể (cá nhân/tổ chức) không phù hợp[: {argumentPath}]', 'Wrong kind of party (individual or organization)[: {argumentPath}]', AT),
  COMPONENTS_MISSING: ref(
    'Hồ sơ còn thiếu thành phần bắt buộc: {missing}',
    'The dossier still lacks the mandatory components {missing}',
    [...AT, 'missing', 'currentStatus'],
  ),
  COMPONENT_ALREADY_PROVIDED: ref('Thành phần hồ sơ đã được cung cấp ({provision})', 'The component is already provided ({provision})', [...AT, 'provision']),
  IDEMPOTENCY_KEY_REUSED: ref('Khóa idempotency đã dùng cho hồ sơ khác', 'The idempotency key was used for another dossier', AT),
  QUERY_TOO_DEEP: ref('Truy vấn lồng {depth} cấp; tối đa {maxDepth}', 'The operation nests fields {depth} deep; the maximum is {maxDepth}', ['depth', 'maxDepth']),
  QUERY_TOO_COSTLY: ref(
    'Chi phí ước tính của truy vấn ít nhất {cost}; tối đa {maxCost}. Hãy giảm kích thước trang hoặc số danh sách lồng nhau',
    "The operation's estimated cost is at least {cost}; the maximum is {maxCost}. Ask for smaller pages or fewer nested lists",
    ['cost', 'maxCost'],
  ),
  PERSISTED_QUERY_NOT_FOUND: ref('Không tìm thấy truy vấn đã công bố (persisted query)', 'Unknown persisted query', ['operationName', 'purpose']),
  PERSISTED_QUERY_REQUIRED: ref('Hệ thống đối tác chỉ được chạy các truy vấn đã công bố', 'Partner systems run published (persisted) operations only'),
  OPERATION_NOT_ALLOWED: ref('Thao tác {operationName} không nằm trong danh sách được phép của đối tác', 'Operation {operationName} is not on the partner\'s allow-list', ['operationName']),
  RATE_LIMITED: ref('Quá nhiều yêu cầu; thử lại sau {retryAfterSeconds} giây', 'Too many requests; retry in {retryAfterSeconds} s', RETRY),
  COST_BUDGET_EXCEEDED: ref(
    'Đã dùng hết ngân sách chi phí {budget} điểm mỗi phút[ (yêu cầu này: {cost})]; thử lại sau {retryAfterSeconds} giây',
    'Cost budget of {budget} points per minute spent[ (this request: {cost})]; retry in {retryAfterSeconds} s',
    ['budget', 'cost', ...RETRY],
  ),
  TOO_MANY_ALIASES: ref('Truy vấn dùng quá nhiều bí danh (alias); tối đa {maxAliases}', 'The operation uses too many aliases; the maximum is {maxAliases}', ['maxAliases']),
  TOO_MANY_ROOT_FIELDS: ref(
    'Truy vấn chọn quá {maxRootFields} trường gốc; hãy gửi nhiều truy vấn',
    'The operation selects more than {maxRootFields} root fields; send several operations',
    ['maxRootFields'],
  ),
  DATABASE_UNAVAILABLE: ref('Cơ sở dữ liệu tạm thời không phục vụ được; thử lại sau {retryAfterSeconds} giây', 'The database could not serve the request; retry in {retryAfterSeconds} s', RETRY),
  ACCESS_LOG_UNAVAILABLE: ref(
    'Không ghi được nhật ký truy cập nên không trả dữ liệu; thử lại sau {retryAfterSeconds} giây',
    'The access log could not be written, so nothing was revealed; retry in {retryAfterSeconds} s',
    RETRY,
  ),
  VERIFICATION_PENDING: ref(
    'Hồ sơ còn yêu cầu xác minh chưa được trả lời; chưa phê duyệt được',
    'A verification of the dossier still waits for its answer; it cannot be approved yet',
    AT,
  ),
  VERIFICATION_ANSWERED: ref('Yêu cầu xác minh đã được trả lời[: {argumentPath}]', 'The verification was answered already[: {argumentPath}]', AT),
  PROPOSAL_DECIDED: ref(
    'Đề xuất không số hóa đã được quyết định, hoặc đang có đề xuất khác chờ[: {argumentPath}]',
    'The proposal not to digitize was decided already, or another one waits[: {argumentPath}]',
    AT,
  ),
  VERIFICATION_NOT_FOUND: ref('Không tìm thấy yêu cầu xác minh[: {argumentPath}]', 'No such verification[: {argumentPath}]', AT),
  PROPOSAL_NOT_FOUND: ref('Không tìm thấy đề xuất không số hóa[: {argumentPath}]', 'No such proposal not to digitize[: {argumentPath}]', AT),
  RESULT_CHANNEL_NOT_ALLOWED: ref(
    'Hình thức trả kết quả không được phép (trả điện tử cần thủ tục cho phép và tài khoản Cổng dịch vụ công)[: {argumentPath}]',
    'A way of returning the result that is not allowed (electronic needs the procedure to allow it and a portal account)[: {argumentPath}]',
    AT,
  ),
  PURPOSE_REQUIRED: ref(
    'Cần nêu mục đích xử lý dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP): gửi "X-Purpose" hoặc "X-Purpose-Dossier: <mã hồ sơ>"',
    'A purpose is required to read personal data (Decree 13/2023/ND-CP): send "X-Purpose" or "X-Purpose-Dossier: <dossier code>"',
    ['headers'],
  ),
  SHUTTING_DOWN: ref('Máy chủ đang dừng; gửi lại yêu cầu sau {retryAfterSeconds} giây', 'The server is shutting down; send the request again in {retryAfterSeconds} s', RETRY),
};

/** What each public code means to a client: what to do about it. */
export const CODE_REFERENCE: Readonly<Record<ErrorCode, Readonly<Record<Language, string>>>> = {
  BAD_USER_INPUT: { vi: 'Yêu cầu sai: sửa tham số (argumentPath chỉ chỗ sai) rồi gửi lại', en: 'The request is wrong: fix the argument (argumentPath points to it) and send it again' },
  NOT_FOUND: { vi: 'Không có đối tượng được nêu', en: 'The named object does not exist' },
  UNAUTHENTICATED: { vi: 'Cần đăng nhập, hoặc thông tin xác thực không hợp lệ', en: 'Sign in, or the credentials are invalid' },
  FORBIDDEN: { vi: 'Người gọi không có quyền (vai trò, cơ quan, phạm vi của đối tác)', en: 'The caller may not do this (role, agency, partner scopes)' },
  CONFLICT: { vi: 'Trạng thái hiện tại không cho phép: đọc lại rồi quyết định', en: 'The current state does not allow it: read again, then decide' },
  INTERNAL: { vi: 'Lỗi không lường trước; không có chi tiết nào lộ ra, xem nhật ký theo x-request-id', en: 'An unexpected failure; nothing of it is shown, see the logs by x-request-id' },
  PERSISTED_QUERY_NOT_FOUND: { vi: 'Không biết truy vấn đã công bố có mã băm này', en: 'No persisted operation has this hash' },
  RATE_LIMITED: { vi: 'Vượt giới hạn; thử lại sau Retry-After giây', en: 'Over a limit; retry after Retry-After seconds' },
  UNAVAILABLE: { vi: 'Tạm thời không phục vụ được, không có gì thay đổi; thử lại sau Retry-After giây', en: 'Not served for now, nothing changed; retry after Retry-After seconds' },
};

/** Messages of answers that carry no reason: an unexpected failure. */
export const INTERNAL_MESSAGE: Readonly<Record<Language, string>> = { vi: 'Lỗi máy chủ nội bộ', en: 'Internal server error' };

/** A path shows as `input.applicant.personalId`, another list as `a, b`. */
function showField(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v))).join(name === 'argumentPath' ? '.' : ', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A template with its fields filled in; a bracketed part whose field is absent is left out. */
export function interpolate(template: string, fields: Readonly<Record<string, unknown>>): string {
  const present = (name: string) => fields[name] !== undefined && fields[name] !== null;
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => (present(name) ? showField(name, fields[name]) : '?'));
  return fill(template.replace(/\[([^\]]*)\]/g, (_, part: string) => ([...part.matchAll(/\{(\w+)\}/g)].every(([, name]) => present(name)) ? part : '')));
}

/** The message of a reason in a language, with the error's fields. */
export function reasonMessage(reason: ErrorReason, language: Language, details: ErrorDetails = {}): string {
  return interpolate(ERROR_REFERENCE[reason].message[language], details);
}

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && Object.hasOwn(ERROR_REFERENCE, value);
}

/**
 * The language of an Accept-Language header: the first of vi and en by the
 * caller's preference (quality values honoured), Vietnamese when it names neither.
 */
export function languageOf(acceptLanguage: string | undefined | null): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { primary: tag.trim().split('-')[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((l) => l.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { primary } of ranked) {
    if (primary === 'vi' || primary === 'en') return primary;
  }
  return DEFAULT_LANGUAGE;
}
