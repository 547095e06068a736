/** The graph's error codes, told to officers in Vietnamese (English when switched). */
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { Language } from './i18n';

const MESSAGES: Record<string, [string, string]> = {
  UNAUTHENTICATED: ['Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.', 'Your session is invalid or expired. Please sign in again.'],
  FORBIDDEN: ['Vai trò của bạn không được phép thực hiện thao tác này.', 'Your role may not do this.'],
  OUTSIDE_AGENCY: ['Hồ sơ thuộc đơn vị khác.', 'The dossier belongs to another agency.'],
  BAD_USER_INPUT: ['Dữ liệu nhập chưa hợp lệ.', 'The input is not valid.'],
  INVALID_METADATA: ['Thông tin trên giấy tờ chưa đúng mẫu của loại giấy tờ.', "The metadata do not fit the document type's schema."],
  INVALID_TRANSITION: ['Hồ sơ đang ở trạng thái không cho phép thao tác này.', "The dossier's status does not allow this."],
  COMPONENTS_MISSING: ['Còn thành phần hồ sơ bắt buộc chưa có.', 'Mandatory components are still missing.'],
  COMPONENT_ALREADY_PROVIDED: ['Thành phần này đã có giấy tờ.', 'This component is already provided.'],
  DOCUMENT_NOT_REUSABLE: ['Giấy tờ không còn dùng lại được (hết hiệu lực hoặc bị thu hồi).', 'The document can no longer be reused.'],
  DOCUMENT_OWNER_MISMATCH: ['Giấy tờ không thuộc người nộp hồ sơ.', "The document is not the applicant's."],
  DOCUMENT_TYPE_MISMATCH: ['Giấy tờ không đúng loại thành phần yêu cầu.', 'The document is not of the required type.'],
  APPLICANT_NOT_FOUND: ['Không tìm thấy người nộp trong kho dữ liệu.', 'The applicant is not in the warehouse.'],
  DOSSIER_NOT_FOUND: ['Không tìm thấy hồ sơ.', 'Dossier not found.'],
  PROCEDURE_NOT_FOUND: ['Không tìm thấy thủ tục.', 'Procedure not found.'],
  NOT_FOUND: ['Không tìm thấy.', 'Not found.'],
  FILE_NOT_FOUND: ['Không tìm thấy tệp đã tải lên.', 'Uploaded file not found.'],
  FILE_TOO_LARGE: ['Tệp quá lớn.', 'The file is too large.'],
  INVALID_FILE: ['Tệp không đọc được (cần PDF, JPEG, PNG hoặc TIFF).', 'The file cannot be read (PDF, JPEG, PNG or TIFF).'],
  UNSUPPORTED_MEDIA_TYPE: ['Định dạng tệp không được hỗ trợ.', 'Unsupported file type.'],
  CONCURRENT_UPDATE: ['Hồ sơ vừa được người khác cập nhật, vui lòng tải lại.', 'Someone else just changed the dossier; reload.'],
  RATE_LIMITED: ['Quá nhiều yêu cầu, vui lòng thử lại sau ít phút.', 'Too many requests; try again shortly.'],
  COST_BUDGET_EXCEEDED: ['Đã vượt hạn mức truy vấn trong phút, vui lòng thử lại sau.', 'Query budget exceeded; try again shortly.'],
  DATABASE_UNAVAILABLE: ['Cơ sở dữ liệu tạm thời không truy cập được.', 'The database is unavailable.'],
  UNAVAILABLE: ['Dịch vụ tạm thời gián đoạn.', 'The service is unavailable.'],
  INTERNAL: ['Lỗi hệ thống, vui lòng thử lại hoặc báo quản trị.', 'Internal error; retry or tell an administrator.'],
};

export function codeOf(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return String(error.errors[0]?.extensions?.code ?? 'INTERNAL');
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: { extensions?: { code?: string } }[] };
      return body.errors?.[0]?.extensions?.code ?? 'UNAVAILABLE';
    } catch {
      return 'UNAVAILABLE';
    }
  }
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'UNAVAILABLE';
}

/** The officer's message for an error: the code's sentence, with the graph's own detail for input errors. */
export function messageOf(error: unknown, language: Language): string {
  const code = codeOf(error);
  const [vi, en] = MESSAGES[code] ?? MESSAGES.INTERNAL!;
  const detail = CombinedGraphQLErrors.is(error) && ['BAD_USER_INPUT', 'INVALID_METADATA'].includes(code) ? ` (${error.errors[0]?.message})` : '';
  return `${language === 'vi' ? vi : en}${detail} [${code}]`;
}
