/**
 * The pull-doctor Teams icons, drawn from code (no binaries downloaded) and encoded with pngjs.
 */
import { PNG } from 'pngjs';

export type Rgba = readonly [number, number, number, number];

export interface Image {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major RGBA. */
  pixels: Uint8Array;
}

export function encodePng(image: Image): Buffer {
  const { width, height, pixels } = image;
  if (pixels.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${pixels.length}`);
  const png = new PNG({ width, height, colorType: 6, bitDepth: 8, inputHasAlpha: true });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length);
  return PNG.sync.write(png, { colorType: 6, bitDepth: 8, deflateLevel: 9 });
}

/** Width, height, bit depth and colour type of a PNG, after pngjs has decoded it (CRCs checked). */
export function readPngHeader(png: Buffer): { width: number; height: number; bitDepth: number; colorType: number } {
  const decoded = PNG.sync.read(png, { checkCRC: true }) as PNG & { depth: number; colorType: number };
  return { width: decoded.width, height: decoded.height, bitDepth: decoded.depth, colorType: decoded.colorType };
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
