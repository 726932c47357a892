import { findChromium } from '../../lib/render/card-png';

/**
 * Chromium for card rendering tests. Under CI a missing Chromium fails the suite (`.ci/run` installs
 * the Debian package); on a developer machine the tests are skipped with a message saying why.
 */
export function chromiumForTests(): { path?: string; describeIfChromium: jest.Describe } {
  const path = findChromium();
  if (path) return { path, describeIfChromium: describe };
  if (process.env.CI) {
    throw new Error('Chromium is required under CI for the Adaptive Card rendering tests: apt-get install -y chromium');
  }
  // eslint-disable-next-line no-console
  console.warn('Skipping Adaptive Card PNG tests: Chromium not found and CI is unset (apt-get install -y chromium to run them)');
  return { describeIfChromium: describe.skip };
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
