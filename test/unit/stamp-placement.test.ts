/**
 * The stamp goes where a reader shows the top-left corner of page 1, whatever the
 * page's /Rotate, and its appearance turns with the page so its text reads upright
 * (checked by eye with pdftoppm for 0, 90, 180 and 270; here by the numbers).
 */
import { describe, expect, it } from '@jest/globals';
import { PDFDocument, degrees } from 'pdf-lib';
import { STAMP_MARGIN, stampPlacement, vietnamTime } from '../../src/pki/stamp.js';

const [W, H] = [595, 842];
const [w, h] = [236, 40];
const m = STAMP_MARGIN;

async function placementOn(rotation: number) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([W, H]);
  page.setRotation(degrees(rotation));
  return stampPlacement(page, w, h);
}

describe('stampPlacement', () => {
  it.each([
    // Rotate 0: user space top left. 90 (shown turned clockwise): user bottom left. 180: bottom right. 270: top right.
    [0, [m, H - m - h, m + w, H - m], [1, 0, 0, 1, 0, 0]],
    [90, [m, m, m + h, m + w], [0, 1, -1, 0, 0, 0]],
    [180, [W - m - w, m, W - m, m + h], [-1, 0, 0, -1, 0, 0]],
    [270, [W - m - h, H - m - w, W - m, H - m], [0, -1, 1, 0, 0, 0]],
  ])('Rotate %i: /Rect %j, /Matrix %j', async (rotation, rect, matrix) => {
    expect(await placementOn(rotation)).toEqual({ rect, matrix });
  });

  it('prints the signing time in Vietnam (UTC+7) whatever the server zone', () => {
    expect(vietnamTime(new Date('2026-02-16T17:05:09Z'))).toBe('00:05:09 17/02/2026 (GMT+7)');
  });
});
