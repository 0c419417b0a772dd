// Draws Costed's favicon (a white "C" on the brand teal) as SVG and PNG, with no image library: the PNGs are
// encoded by hand (zlib + CRC from node:zlib). Run: pnpm exec node scripts/make-favicons.ts
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const BRAND: [number, number, number] = [0x0b, 0x4d, 0x47];
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];

/** Is the point (in a 0..1 square) on the "C": a ring with a gap opening to the right. */
function onLetter(x: number, y: number): boolean {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  const gap = Math.abs(Math.atan2(dy, dx)) < Math.PI / 4;
  return r >= 0.2 && r <= 0.34 && !gap;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function drawPng(size: number): Buffer {
  const samples = 4; // supersampling per axis, for smooth edges
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (onLetter((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
        }
      }
      const t = hits / (samples * samples);
      for (let c = 0; c < 3; c++) row[1 + px * 3 + c] = Math.round(BRAND[c]! * (1 - t) + WHITE[c]! * t);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// The SVG draws the same ring: radius 0.27 with stroke 0.14 of the square, gap of 90° to the right.
const r = 27;
const end = r * Math.SQRT1_2;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#0b4d47"/><path d="M${(50 + end).toFixed(2)} ${(50 - end).toFixed(2)}A${r} ${r} 0 1 0 ${(50 + end).toFixed(2)} ${(50 + end).toFixed(2)}" fill="none" stroke="#fff" stroke-width="14"/></svg>\n`;

const out = new URL('../public/', import.meta.url);
writeFileSync(new URL('favicon.svg', out), svg);
writeFileSync(new URL('favicon-32.png', out), drawPng(32));
writeFileSync(new URL('apple-touch-icon.png', out), drawPng(180));
console.log('wrote public/favicon.svg, public/favicon-32.png, public/apple-touch-icon.png');
