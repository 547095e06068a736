/**
 * What signing a scan costs (PAdES with its stamp, `src/pki/pades.ts`): per kind
 * of upload and page count, the median time to turn it into a PDF and sign it,
 * the time to verify it again (`signature.valid`), the signed size, and the
 * longest the event loop was held while signing. With `--demo`, also the demo
 * seed on the embedded database (what `npm install && npm start` does first),
 * without signed files and with DEMO_SIGNED_FILES of them.
 *
 * Usage: npm run bench:signing -- [--runs 7] [--pages 1,5,20] [--kinds pdf,jpeg,tiff] [--demo] [--demo-files 12]
 * Prints one line per case and, last, one JSON line with every figure and the load average.
 */
import 'reflect-metadata';
import { loadavg, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import UTIF from 'utif2';
import { benchOptions } from './lib/api.js';
import { DevelopmentSigner } from '../src/pki/development-signer.js';
import { signPdf, verifyPdf } from '../src/pki/pades.js';
import { scanToPdf } from '../src/files/scan-to-pdf.js';
import { startEmbeddedDatabase } from '../src/db/embedded.js';
import { createOrm, migrate } from '../src/db/orm.js';
import { seedCatalog } from '../src/seed/catalog.js';
import { seedDemo } from '../src/seed/demo.js';
import { DEMO_SIGNED_FILES } from '../src/seed/demo-files.js';

const values = benchOptions({ runs: '7', pages: '1,5,20', kinds: 'pdf,tiff', demo: false, 'demo-files': String(DEMO_SIGNED_FILES) });
const runs = Number(values.runs);
const pageCounts = values.pages.split(',').map(Number);
const kinds = values.kinds.split(',') as ('pdf' | 'tiff' | 'jpeg')[];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** A text PDF of `pages` A4 pages, as an office scanner's OCR output might be. */
async function textPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595.28, 841.89]);
    for (let line = 0; line < 45; line++) page.drawText(`Dong ${line + 1} trang ${p + 1}: noi dung giay to duoc quet de so hoa theo Quyet dinh 1333`, { x: 56, y: 780 - line * 16, size: 11, font, color: rgb(0, 0, 0) });
  }
  return Buffer.from(await doc.save());
}

/** A grayscale TIFF of `pages` A4 pages at 150 dpi (1240 × 1754), uncompressed as many scanners write it. */
function grayTiff(pages: number): Buffer {
  const [width, height] = [1240, 1754];
  const directories = (at: number) =>
    Array.from({ length: pages }, (_, i) => ({ t256: [width], t257: [height], t258: [8], t259: [1], t262: [1], t273: [at + i * width * height], t277: [1], t278: [height], t279: [width * height] }));
  const at = Buffer.from(UTIF.encode(directories(1 << 30) as never)).length + 16;
  const out = Buffer.alloc(at + pages * width * height, 240);
  Buffer.from(UTIF.encode(directories(at) as never)).copy(out);
  for (let p = 0; p < pages; p++) for (let y = 200; y < 1500; y += 24) out.fill(40, at + p * width * height + y * width + 120, at + p * width * height + y * width + 1100);
  return out;
}

const dir = await mkdtemp(join(tmpdir(), 'vss-bench-signing-'));
const signer = new DevelopmentSigner(join(dir, 'pki'));
const officer = { code: 'CB01-0001', fullName: 'Nguyễn Thị Thu Hương', agencyCode: '000.00.01.H01' };
const request = () => ({ officer, agencyName: 'Bảo hiểm xã hội Thành phố Hà Nội', signedAt: new Date(), reason: 'Ký số bản quét', location: 'Hà Nội' });
// Keys and the CA made once, outside the measured runs (as on a running server).
await signPdf(signer, await scanToPdf(await textPdf(1), 'application/pdf'), request());

const cases: Record<string, unknown>[] = [];
try {
  for (const kind of kinds) {
    for (const pages of pageCounts) {
      const input = kind === 'pdf' ? await textPdf(pages) : grayTiff(pages);
      const mediaType = kind === 'pdf' ? 'application/pdf' : 'image/tiff';
      const sign: number[] = [];
      const verify: number[] = [];
      let size = 0;
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const signed = await signPdf(signer, await scanToPdf(input, mediaType), request());
        sign.push(performance.now() - started);
        size = signed.bytes.length;
        const checked = performance.now();
        const result = await verifyPdf(signer, async () => Readable.from([signed.bytes]));
        verify.push(performance.now() - checked);
        if (!result.valid) throw new Error(`signature does not verify: ${result.problem}`);
      }
      loop.disable();
      const figures = {
        kind, pages, inputBytes: input.length, signedBytes: size, signMs: Math.round(median(sign)), verifyMs: Math.round(median(verify)),
        msPerPage: Math.round(median(sign) / pages), maxEventLoopBlockMs: Math.round(loop.max / 1e6), loadavg: load(),
      };
      cases.push(figures);
      console.log(`${kind.padEnd(4)} ${String(pages).padStart(3)} pages: sign ${figures.signMs} ms (${figures.msPerPage} ms/page), verify ${figures.verifyMs} ms, ${Math.round(size / 1024)} KiB, event loop held up to ${figures.maxEventLoopBlockMs} ms; load ${figures.loadavg}`);
    }
  }

  const demo: Record<string, unknown>[] = [];
  if (values.demo) {
    for (const files of [0, Number(values['demo-files'])]) {
      const dataDir = await mkdtemp(join(tmpdir(), 'vss-bench-demo-'));
      const embedded = await startEmbeddedDatabase(dataDir);
      const orm = await createOrm({ clientUrl: embedded.url, poolSize: 1 });
      try {
        await migrate(orm);
        await seedCatalog(orm.em.fork());
        await new DevelopmentSigner(join(dataDir, 'pki')).ready();
        const result = await seedDemo(orm.em.fork(), { seed: 1333, files: { dataDir, count: files } });
        if (result.skipped) throw new Error('demo seed skipped');
        demo.push({ signedFiles: result.signedFiles.length, seedMs: result.durationMs, loadavg: load() });
        console.log(`demo seed on PGlite with ${result.signedFiles.length} signed files: ${result.durationMs} ms; load ${load()}`);
      } finally {
        await orm.close(true);
        await embedded.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }
  console.log(JSON.stringify({ runs, cases, demo, cpus: (await import('node:os')).cpus().length }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
