/**
 * Image scans become PDF pages with the right pixels: a bilevel TIFF (WhiteIsZero,
 * as CCITT scans are), an 8-bit gray one (BlackIsZero) and an RGB one go in as
 * decoded; each is rendered back with pdftoppm (poppler) and a black band must be
 * black, the paper white. A picture over the pixel limit is refused before decoding.
 */
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import UTIF from 'utif2';
import { MAX_PIXELS, UnreadableScan, scanToPdf } from '../../src/files/scan-to-pdf.js';

const run = promisify(execFile);
const [W, H] = [64, 48];

/** A one-page TIFF whose rows 10–19 are black, in the given sample layout. */
function tiff(kind: 'bilevel' | 'gray' | 'rgb'): Buffer {
  const black = (y: number) => y >= 10 && y < 20;
  let data: Buffer;
  let tags: Record<string, number[]>;
  if (kind === 'bilevel') {
    // WhiteIsZero: 1 = black; rows padded to whole bytes.
    const row = Math.ceil(W / 8);
    data = Buffer.alloc(row * H);
    for (let y = 0; y < H; y++) if (black(y)) data.fill(0xff, y * row, (y + 1) * row);
    tags = { t258: [1], t262: [0], t277: [1] };
  } else if (kind === 'gray') {
    data = Buffer.alloc(W * H, 250);
    for (let y = 0; y < H; y++) if (black(y)) data.fill(0, y * W, (y + 1) * W);
    tags = { t258: [8], t262: [1], t277: [1] };
  } else {
    data = Buffer.alloc(W * H * 3, 250);
    for (let y = 0; y < H; y++) if (black(y)) data.fill(0, y * W * 3, (y + 1) * W * 3);
    tags = { t258: [8, 8, 8], t262: [2], t277: [3] };
  }
  const directory = (at: number) => [{ t256: [W], t257: [H], t259: [1], t273: [at], t278: [H], t279: [data.length], ...tags }];
  const at = Buffer.from(UTIF.encode(directory(1 << 20) as never)).length + 16;
  const out = Buffer.alloc(at + data.length);
  Buffer.from(UTIF.encode(directory(at) as never)).copy(out);
  data.copy(out, at);
  return out;
}

/** Page 1 rendered in gray by pdftoppm, as rows of 0–255. */
async function render(pdf: Uint8Array): Promise<{ width: number; height: number; pixel(x: number, y: number): number }> {
  const dir = await mkdtemp(join(tmpdir(), 'vss-scan-'));
  try {
    await writeFile(join(dir, 'a.pdf'), pdf);
    await run('pdftoppm', ['-gray', '-r', '36', '-singlefile', join(dir, 'a.pdf'), join(dir, 'page')]);
    const pgm = await readFile(join(dir, 'page.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const body = pgm.subarray(header[0].length);
    return { width, height, pixel: (x, y) => body[Math.floor(y) * width + Math.floor(x)] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('scanToPdf', () => {
  it.each(['bilevel', 'gray', 'rgb'] as const)('keeps a %s TIFF page black where it is black and white where it is white', async (kind) => {
    const doc = await scanToPdf(tiff(kind), 'image/tiff');
    expect(doc.getPageCount()).toBe(1);
    const page = await render(await doc.save());
    // Rows 10–19 of 48 are the band: 31% down the page; 75% down is paper.
    expect(page.pixel(page.width / 2, page.height * (15 / H))).toBeLessThan(60);
    expect(page.pixel(page.width / 2, page.height * 0.75)).toBeGreaterThan(200);
  });

  it('refuses a picture over the pixel limit before decoding it', async () => {
    const side = Math.ceil(Math.sqrt(MAX_PIXELS)) + 1;
    const huge = Buffer.from(UTIF.encode([{ t256: [side], t257: [side], t258: [8], t259: [1], t262: [1], t273: [1000], t277: [1], t278: [side], t279: [side * side] }] as never));
    await expect(scanToPdf(huge, 'image/tiff')).rejects.toBeInstanceOf(UnreadableScan);
  });
});
