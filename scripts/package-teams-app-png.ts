/**
 * A minimal PNG encoder (8-bit RGBA, no interlace) and the pull-doctor Teams icons drawn with it,
 * so the icons are generated from code instead of downloaded binaries.
 * PNG format: https://www.w3.org/TR/png/ (signature, IHDR, IDAT = zlib of filtered scanlines, IEND).
 */
import { crc32, deflateSync } from 'node:zlib';

export type Rgba = readonly [number, number, number, number];

export interface Image {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major RGBA. */
  pixels: Uint8Array;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

export function encodePng(image: Image): Buffer {
  const { width, height, pixels } = image;
  if (pixels.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${pixels.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  // Each scanline is prefixed with filter type 0 (None).
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width, height, bit depth and colour type from a PNG's IHDR, after checking signature and CRCs. */
export function readPngHeader(png: Buffer): { width: number; height: number; bitDepth: number; colorType: number } {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number } | undefined;
  let sawEnd = false;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const crc = png.readUInt32BE(offset + 8 + length);
    if ((crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0) !== crc) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      header = { width: png.readUInt32BE(offset + 8), height: png.readUInt32BE(offset + 12), bitDepth: png[offset + 16], colorType: png[offset + 17] };
    }
    if (type === 'IEND') sawEnd = true;
    offset += 12 + length;
  }
  if (!header || !sawEnd) throw new Error('PNG without IHDR or IEND');
  return header;
}

/**
 * The pull-doctor mark: a ring (a pull that goes round in circles) with a medical cross inside.
 * Coverage is computed per pixel with 4×4 supersampling so edges are smooth at 32 px.
 */
function drawMark(size: number, background: Rgba, foreground: Rgba): Image {
  const pixels = new Uint8Array(size * size * 4);
  const c = size / 2;
  const outer = size * 0.44;
  const inner = size * 0.34;
  const arm = size * 0.09; // half-width of the cross arms
  const reach = size * 0.22; // half-length of the cross arms
  const inMark = (x: number, y: number): boolean => {
    const d = Math.hypot(x - c, y - c);
    const ring = d <= outer && d >= inner;
    const cross = (Math.abs(x - c) <= arm && Math.abs(y - c) <= reach) || (Math.abs(y - c) <= arm && Math.abs(x - c) <= reach);
    return ring || cross;
  };
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) if (inMark(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples)) hits++;
      }
      const a = hits / (samples * samples);
      const i = (y * size + x) * 4;
      // Composite foreground over background (straight alpha).
      const outA = a * (foreground[3] / 255) + (background[3] / 255) * (1 - a * (foreground[3] / 255));
      for (let k = 0; k < 3; k++) {
        const fg = foreground[k] * a * (foreground[3] / 255);
        const bg = background[k] * (background[3] / 255) * (1 - a * (foreground[3] / 255));
        pixels[i + k] = outA > 0 ? Math.round((fg + bg) / outA) : 0;
      }
      pixels[i + 3] = Math.round(outA * 255);
    }
  }
  return { width: size, height: size, pixels };
}

const AZURE_BLUE: Rgba = [0x00, 0x78, 0xd4, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

/** Teams requires a 192×192 full-colour icon and a 32×32 white-on-transparent outline icon. */
export function teamsIcons(): { color: Buffer; outline: Buffer } {
  return {
    color: encodePng(drawMark(192, AZURE_BLUE, WHITE)),
    outline: encodePng(drawMark(32, TRANSPARENT, WHITE)),
  };
}
