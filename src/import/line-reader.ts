/**
 * Lines of an import file as bytes, not text: a line's encoding is judged before it
 * is decoded (legacy-encoding.ts), which a text stream would already have done,
 * turning TCVN3 or VNI bytes into U+FFFD. Lines end at LF; a CR before it is dropped,
 * as is a UTF-8 byte order mark at the start of the file.
 */
const LF = 0x0a;
const CR = 0x0d;

function withoutCr(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === CR ? line.subarray(0, line.length - 1) : line;
}

/** The lines of each chunk, as views on it (a line across two chunks is copied once). */
export async function* byteLines(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer[]> {
  let partial: Buffer | null = null;
  let first = true;
  for await (let chunk of input) {
    if (first) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    const lines: Buffer[] = [];
    let start = 0;
    let end = chunk.indexOf(LF);
    if (partial && end >= 0) {
      lines.push(withoutCr(Buffer.concat([partial, chunk.subarray(0, end)])));
      partial = null;
      start = end + 1;
      end = chunk.indexOf(LF, start);
    }
    while (end >= 0) {
      lines.push(withoutCr(chunk.subarray(start, end)));
      start = end + 1;
      end = chunk.indexOf(LF, start);
    }
    if (start < chunk.length) partial = partial ? Buffer.concat([partial, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
    if (lines.length > 0) yield lines;
  }
  if (partial && partial.length > 0) yield [withoutCr(partial)];
}
