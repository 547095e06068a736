/**
 * VSS administrative procedures ("thủ tục hành chính") seeded into the catalog, with
 * their required dossier components ("thành phần hồ sơ").
 *
 * Codes 1.xxxxxx / 2.xxxxxx are from a public export of the National Public Service
 * Portal (domain.md, "Catalog": likely, some disputed). Codes 9.0000xx are DEMO codes
 * for procedures whose national code we have not confirmed; replace them when the
 * real catalog is loaded. Processing days are working days, demo values to be
 * checked against the national catalog.
 *
 * Component lists are simplified: "one of" alternatives (e.g. a leave certificate or
 * a discharge paper) are shown as one mandatory and one optional component. Benefit
 * procedures are filed for the individual (the employer forwards the dossier), so
 * the components are the individual's own papers.
 *
 * `electronicResult`: the result may be returned to the applicant's National Public
 * Service Portal account (Decision 1333, Art. 13.5) — set for the card and benefit
 * procedures whose results the portal serves; demo values, to be checked like the days.
 *
 * Reuse chains the seed is built to show: 1.001939 / 9.000002 produce a health
 * insurance card (BHYT) that 1.002759 and 1.001656 then require; 9.000001 produces
 * a social insurance book (SBHXH) that 9.000003 and 9.000004 require.
 */
import type { ProcedureSeed, RequiredComponentSeed } from './types.js';

const component = (
  code: string,
  name: string,
  documentTypeCode: string,
  mandatory: boolean,
): RequiredComponentSeed => ({ code, name, documentTypeCode, mandatory });

export const PROCEDURES: ProcedureSeed[] = [
  {
    code: '1.001667',
    name: 'Giải quyết hưởng chế độ ốm đau',
    field: 'Chế độ BHXH',
    processingDays: 6,
    applicantKind: 'INDIVIDUAL',
    resultDocumentTypeCode: 'QDH',
    electronicResult: true,
    components: [
      component('TP01', 'Giấy chứng nhận nghỉ việc hưởng bảo hiểm xã hội', 'C65', true),
      component('TP02', 'Giấy ra viện (trường hợp điều trị nội trú)', 'GRV', false),
    ],
  },
  {
    code: '2.000693',
    name: 'Giải quyết hưởng chế độ thai sản',
    field: 'Chế độ BHXH',
    processingDays: 6,
    applicantKind: 'INDIVIDUAL',
    resultDocumentTypeCode: 'QDH',
    electronicResult: true,
    components: [
      component('TP01', 'Bản sao giấy khai sinh của con', 'GKS', true),
      component('TP02', 'Giấy ra viện của người mẹ (trường hợp sinh con tại cơ sở KCB)', 'GRV', false),
      component('TP03', 'Giấy chứng nhận nghỉ việc hưởng BHXH (khám thai, sẩy thai)', 'C65', false),
    ],
  },
  {
    code: '1.001939',
    name: 'Đăng ký, cấp thẻ bảo hiểm y tế đối với người chỉ tham gia bảo hiểm y tế',
    field: 'Cấp sổ, thẻ',
    processingDays: 5,
    applicantKind: 'INDIVIDUAL',
    resultDocumentTypeCode: 'BHYT',
    electronicResult: true,
    components: [
      component('TP01', 'Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS)', 'TK1TS', true),
      component('TP02', 'Thẻ căn cước công dân / Thẻ căn cước (khi chưa khai thác được từ CSDL quốc gia về dân cư)', 'CCCD', false),
    ],
  },
  {
    code: '1.002759',
    name: 'Cấp lại thẻ bảo hiểm y tế do thay đổi thông tin',
    field: 'Cấp sổ, thẻ',
    processingDays: 3,
    applicantKind: 'INDIVIDUAL',
    resultDocumentTypeCode: 'BHYT',
    electronicResult: true,
    components: [
      component('TP01', 'Thẻ bảo hiểm y tế đang sử dụng', 'BHYT', true),
      component('TP02', 'Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS)', 'TK1TS', true),
      component('TP03', 'Giấy tờ chứng minh thông tin thay đổi: thẻ căn cước', 'CCCD', false),
      component('TP04', 'Giấy tờ chứng minh thông tin thay đổi: giấy khai sinh', 'GKS', false),
    ],
  },
  {
    code: '1.001656',
    name: 'Thanh toán trực tiếp chi phí khám bệnh, chữa bệnh bảo hiểm y tế',
    field: 'Chế độ BHYT',
    processingDays: 40,
    applicantKind: 'INDIVIDUAL',
    resultDocumentTypeCode: 'QDH',
    components: [
      component('TP01', 'Thẻ bảo hiểm y tế', 'BHYT', true),
      component('TP02', 'Hóa đơn, chứng từ thanh toán chi phí khám bệnh, chữa bệnh', 'HDKCB', true),
      component('TP03', 'Giấy ra viện (trường hợp điều trị nội trú)', 'GRV', false),
      component('TP04', 'Thẻ căn cước công dân / Thẻ căn cước', 'CCCD', false),
    ],
  },
  {
    code: '1.001632',
    name: 'Giải quyết hưởng trợ cấp tai nạn lao động lần đầu',
    field: 'Chế độ BHXH',
    processingDays: 6,
    applicantKind: 'INDIVIDUAL',
    resultDocumentTypeCode: 'QDH',
    components: [
      component('TP01', 'Biên bản điều tra tai nạn lao động', 'BBTNLD', true),
      component('TP02', 'Giấy ra viện sau khi đã điều trị thương tật do tai nạn lao động', 'GRV', true),
      component('TP03', 'Biên bản giám định mức suy giảm khả năng lao động', 'BBGDYK', true),
      component('TP04', 'Sổ bảo hiểm xã hội', 'SBHXH', false),
    ],
  },
  {
    // DEMO code.
    code: '9.000001',
    name: 'Cấp sổ bảo hiểm xã hội lần đầu',
    field: 'Cấp sổ, thẻ',
    processingDays: 5,
    applicantKind: 'INDIVIDUAL',
    resultDocumentTypeCode: 'SBHXH',
    components: [
      component('TP01', 'Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS)', 'TK1TS', true),
      component('TP02', 'Hợp đồng lao động', 'HDLD', true),
      component('TP03', 'Thẻ căn cước công dân / Thẻ căn cước', 'CCCD', false),
    ],
  },
  {
    // DEMO code. Interlinked with birth registration (Decision 3509/QĐ-BHXH pilot):
    // the birth certificate is the only paper; the card is the result.
    code: '9.000002',
    name: 'Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi (liên thông đăng ký khai sinh)',
    field: 'Cấp sổ, thẻ',
    processingDays: 3,
    applicantKind: 'INDIVIDUAL',
    resultDocumentTypeCode: 'BHYT',
    electronicResult: true,
    components: [component('TP01', 'Giấy khai sinh của trẻ', 'GKS', true)],
  },
  {
    // DEMO code.
    code: '9.000003',
    name: 'Giải quyết hưởng bảo hiểm xã hội một lần',
    field: 'Chế độ BHXH',
    processingDays: 10,
    applicantKind: 'INDIVIDUAL',
    resultDocumentTypeCode: 'QDH',
    components: [
      component('TP01', 'Sổ bảo hiểm xã hội', 'SBHXH', true),
      component('TP02', 'Quyết định nghỉ việc / chấm dứt hợp đồng lao động', 'QDNV', true),
      component('TP03', 'Thẻ căn cước công dân / Thẻ căn cước', 'CCCD', false),
    ],
  },
  {
    // DEMO code.
    code: '9.000004',
    name: 'Giải quyết hưởng lương hưu',
    field: 'Chế độ BHXH',
    processingDays: 20,
    applicantKind: 'INDIVIDUAL',
    resultDocumentTypeCode: 'QDH',
    components: [
      component('TP01', 'Sổ bảo hiểm xã hội', 'SBHXH', true),
      component('TP02', 'Quyết định nghỉ việc / chấm dứt hợp đồng lao động', 'QDNV', true),
      component('TP03', 'Biên bản giám định mức suy giảm khả năng lao động (nghỉ hưu do suy giảm KNLĐ)', 'BBGDYK', false),
      component('TP04', 'Thẻ căn cước công dân / Thẻ căn cước', 'CCCD', false),
    ],
  },
  {
    // DEMO code. A unit's procedure: its papers are owned by the organization;
    // the result (the unit code notice) is not a document in the warehouse.
    code: '9.000005',
    name: 'Đăng ký đóng bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp lần đầu của đơn vị',
    field: 'Thu',
    processingDays: 5,
    applicantKind: 'ORGANIZATION',
    resultDocumentTypeCode: null,
    components: [
      component('TP01', 'Danh sách người lao động tham gia BHXH, BHYT, BHTN (mẫu D02-LT)', 'D02LT', true),
      component('TP02', 'Giấy chứng nhận đăng ký doanh nghiệp', 'GCNDKDN', true),
    ],
  },
];

const proceduresByCode = new Map(PROCEDURES.map((p) => [p.code, p]));

/** The procedure with this national code, or undefined. */
export function procedureByCode(code: string): ProcedureSeed | undefined {
  return proceduresByCode.get(code);
}
