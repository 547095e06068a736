/**
 * Papers drawn from data. The procedure's result as a paper of its own ("kết quả giải quyết TTHC điện
 * tử", Decision 1333, Art. 13 step 4(2)): a PDF drawn from the result's metadata
 * — the result document type's fields with their Vietnamese labels, the dossier,
 * result and digitization codes — that the approver then signs like a scan
 * (PAdES, stamp top left: the top of page 1 is left free for it).
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { embedFonts, wrapText, type Fonts } from '../pki/fonts.js';
import { STAMP_MARGIN } from '../pki/stamp.js';

/** A paper to draw: its type and fields, the agency, and the lines that identify it. */
export interface Paper {
  typeName: string;
  /** The type's JSON Schema: its properties' descriptions are the labels. */
  metadataSchema: Record<string, unknown>;
  metadata: Record<string, unknown>;
  agencyName: string;
  /** The agency's parent, above its name (a VSS result: "BẢO HIỂM XÃ HỘI VIỆT NAM"). */
  parentAgency?: string;
  /** Under the title, e.g. "(Kết quả giải quyết thủ tục hành chính 1.001939)". */
  subtitle: string;
  /** Label and value pairs above the fields (codes, holder, dates). */
  identification: [string, string][];
  footer: string;
}

export interface ResultPaper {
  typeCode: string;
  typeName: string;
  /** The type's JSON Schema: its properties' descriptions are the labels. */
  metadataSchema: Record<string, unknown>;
  metadata: Record<string, unknown>;
  documentCode: string;
  dossierCode: string;
  resultCode: string;
  procedureCode: string;
  procedureName: string;
  agencyName: string;
  applicantName: string;
  issuedOn: string;
  validUntil: string | null;
  approverName: string;
}

const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 56;
/** Below the stamp's corner (page 1, top left). */
const FIRST_TOP = PAGE.height - STAMP_MARGIN - 62;
const INK = rgb(0.1, 0.1, 0.1);
const LABEL_WIDTH = 190;

/** Labels for fields whose schema has no description. */
const LABELS: Record<string, string> = {
  fullName: 'Họ và tên',
  dateOfBirth: 'Ngày sinh',
  gender: 'Giới tính',
  nationality: 'Quốc tịch',
  ethnicity: 'Dân tộc',
  address: 'Địa chỉ',
  placeOfBirth: 'Nơi sinh',
  benefitKind: 'Chế độ được hưởng',
  periodFrom: 'Hưởng từ ngày',
  periodTo: 'Hưởng đến ngày',
  employerName: 'Đơn vị',
  position: 'Chức danh',
  salary: 'Mức lương',
  from: 'Từ ngày',
  to: 'Đến ngày',
};

const VALUES: Record<string, string> = {
  MALE: 'Nam',
  FEMALE: 'Nữ',
  SICKNESS: 'Ốm đau',
  MATERNITY: 'Thai sản',
  OCCUPATIONAL_ACCIDENT: 'Tai nạn lao động',
  ONE_TIME_SOCIAL_INSURANCE: 'Bảo hiểm xã hội một lần',
  PENSION: 'Hưu trí',
  HEALTH_INSURANCE_REIMBURSEMENT: 'Thanh toán trực tiếp chi phí khám bệnh, chữa bệnh BHYT',
};

/** "2026-11-20" → "20/11/2026". */
export function vietnameseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function label(key: string, schema: Record<string, unknown> | undefined): string {
  const description = typeof schema?.description === 'string' ? schema.description.replace(/\s*\([^)]*\)\s*$/, '') : '';
  return description || LABELS[key] || key;
}

/** A value as a person reads it: dates day first, amounts with dot separators, codes in Vietnamese. */
function show(value: unknown, schema: Record<string, unknown> | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const items = (schema?.items as Record<string, unknown> | undefined) ?? undefined;
    return value.map((item, i) => `${i + 1}. ${show(item, items)}`).join('\n');
  }
  if (typeof value === 'object') {
    const properties = (schema?.properties as Record<string, Record<string, unknown>> | undefined) ?? {};
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${label(k, properties[k])}: ${show(v, properties[k])}`)
      .join('; ');
  }
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('vi-VN') : String(value);
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  const text = String(value);
  return VALUES[text] ?? vietnameseDate(text);
}

class Writer {
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage(FIRST_TOP);
  }

  private newPage(top: number): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = top;
  }

  /** Room for `height` points, or a new page. */
  private room(height: number): void {
    if (this.y - height < MARGIN) this.newPage(PAGE.height - MARGIN);
  }

  text(value: string, options: { font?: PDFFont; size?: number; x?: number; align?: 'left' | 'center' | 'right'; width?: number } = {}): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? 10.5;
    const x = options.x ?? MARGIN;
    const width = options.width ?? PAGE.width - MARGIN - x;
    for (const line of wrapText(font, value, size, width)) {
      this.room(size * 1.45);
      const lineWidth = font.widthOfTextAtSize(line, size);
      const left = options.align === 'center' ? x + (width - lineWidth) / 2 : options.align === 'right' ? x + width - lineWidth : x;
      this.page.drawText(line, { x: left, y: this.y - size, size, font, color: INK });
      this.y -= size * 1.45;
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** One labelled field: the label in the left column, the value wrapped in the right one. */
  field(name: string, value: string): void {
    const size = 10.5;
    const valueX = MARGIN + LABEL_WIDTH;
    const labelLines = wrapText(this.fonts.regular, `${name}:`, size, LABEL_WIDTH - 8);
    const valueLines = wrapText(this.fonts.bold, value || '—', size, PAGE.width - MARGIN - valueX);
    const rows = Math.max(labelLines.length, valueLines.length);
    for (let i = 0; i < rows; i++) {
      this.room(size * 1.45);
      if (labelLines[i]) this.page.drawText(labelLines[i], { x: MARGIN, y: this.y - size, size, font: this.fonts.regular, color: INK });
      if (valueLines[i]) this.page.drawText(valueLines[i], { x: valueX, y: this.y - size, size, font: this.fonts.bold, color: INK });
      this.y -= size * 1.45;
    }
    this.y -= 2;
  }

  rule(): void {
    this.room(8);
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 3 }, end: { x: PAGE.width - MARGIN, y: this.y - 3 }, thickness: 0.6, color: rgb(0.5, 0.5, 0.5) });
    this.y -= 8;
  }
}

/** The result paper of an approved dossier, as `renderPaper` draws it. */
export function resultPaper(result: ResultPaper): Paper {
  return {
    typeName: result.typeName,
    metadataSchema: result.metadataSchema,
    metadata: result.metadata,
    agencyName: result.agencyName,
    parentAgency: 'BẢO HIỂM XÃ HỘI VIỆT NAM',
    subtitle: `(Kết quả giải quyết thủ tục hành chính ${result.procedureCode})`,
    identification: [
      ['Mã kết quả giải quyết', result.resultCode],
      ['Mã hồ sơ', result.dossierCode],
      ['Mã kết quả số hóa', result.documentCode],
      ['Thủ tục hành chính', `${result.procedureCode} — ${result.procedureName}`],
      ['Người nhận kết quả', result.applicantName],
      ['Ngày cấp', vietnameseDate(result.issuedOn)],
      ['Có giá trị đến', result.validUntil ? vietnameseDate(result.validUntil) : 'Không thời hạn'],
    ],
    footer: `Văn bản điện tử do ${result.agencyName} phát hành, ký số bởi ${result.approverName}. Chữ ký số ở góc trên bên trái trang đầu.`,
  };
}

/** Draws the result paper of an approved dossier; the caller signs it (`signPdf`). */
export function renderResultPdf(result: ResultPaper): Promise<PDFDocument> {
  return renderPaper(resultPaper(result), `${result.typeName} — ${result.documentCode}`);
}

/** Draws a paper: national heading, agency, title, identification, then the fields in the schema's order. */
export async function renderPaper(paper: Paper, title: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setLanguage('vi-VN');
  doc.setCreator('VSS Data Warehouse');
  doc.setProducer('VSS Data Warehouse');
  const fonts = await embedFonts(doc);
  const w = new Writer(doc, fonts);
  const half = (PAGE.width - 2 * MARGIN) / 2;
  w.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { font: fonts.bold, size: 10, x: MARGIN + half, width: half, align: 'center' });
  w.text('Độc lập - Tự do - Hạnh phúc', { font: fonts.bold, size: 10, x: MARGIN + half, width: half, align: 'center' });
  w.gap(6);
  if (paper.parentAgency) w.text(paper.parentAgency, { size: 10, width: half, align: 'center' });
  w.text(paper.agencyName.toLocaleUpperCase('vi-VN'), { font: fonts.bold, size: 10, width: half, align: 'center' });
  w.gap(18);
  w.text(paper.typeName.toLocaleUpperCase('vi-VN'), { font: fonts.bold, size: 15, align: 'center' });
  w.text(paper.subtitle, { size: 10, align: 'center' });
  w.gap(12);
  for (const [name, value] of paper.identification) w.field(name, value);
  w.rule();
  w.text('NỘI DUNG', { font: fonts.bold, size: 11 });
  w.gap(4);
  const properties = (paper.metadataSchema.properties as Record<string, Record<string, unknown>> | undefined) ?? {};
  // The schema's order first, then fields it does not list (additionalProperties).
  const keys = [...Object.keys(properties).filter((k) => k in paper.metadata), ...Object.keys(paper.metadata).filter((k) => !(k in properties))];
  for (const key of keys) w.field(label(key, properties[key]), show(paper.metadata[key], properties[key]));
  w.rule();
  w.text(paper.footer, { size: 9 });
  return doc;
}
