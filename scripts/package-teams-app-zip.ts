/**
 * The Teams app package is a plain ZIP of three files; fflate writes and reads it.
 * Entries carry a fixed timestamp so the same inputs give a byte-identical package.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const FIXED_MTIME = new Date('2024-01-01T00:00:00Z');

export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const files: Zippable = {};
  for (const entry of entries) {
    // Names come from our own code, but a package that unpacks outside its folder is never right.
    if (!/^[\w./@-]+$/.test(entry.name) || entry.name.startsWith('/') || entry.name.includes('..')) {
      throw new Error(`unsafe zip entry name: ${entry.name}`);
    }
    files[entry.name] = [new Uint8Array(entry.data), { level: 9, mtime: FIXED_MTIME }];
  }
  return Buffer.from(zipSync(files));
}

/** name → content of every file in a ZIP. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const files = unzipSync(new Uint8Array(zip));
  return new Map(Object.entries(files).map(([name, data]) => [name, Buffer.from(data)]));
}
