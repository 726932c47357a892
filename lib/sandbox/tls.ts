import { generate } from 'selfsigned';

/** PEM material for the sandbox servers. `ca` is what a client must trust; nothing else trusts it. */
export interface SandboxTls {
  /** The CA certificate (PEM) that signed `cert`; hand it to clients as `tlsOptions.ca`. */
  ca: string;
  /** Server certificate (PEM) for 127.0.0.1, ::1, localhost and any extra names. */
  cert: string;
  /** Server private key (PEM). Never logged. */
  key: string;
}

export interface SandboxTlsOptions {
  /** More DNS names the server certificate must cover (e.g. registry login servers). */
  extraDnsNames?: readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A fresh CA and a server certificate signed by it, generated at every start (EC P-256 keeps it
 * fast). A separate CA, rather than one self-signed leaf, mirrors how clients really validate
 * (chain to a trusted root, name in the SAN) so the TLS code path is the production one.
 */
export async function generateSandboxTls(options: SandboxTlsOptions = {}): Promise<SandboxTls> {
  // Backdate a little so small clock differences never make the certificate "not yet valid".
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 30 * DAY_MS);
  const ca = await generate([{ name: 'commonName', value: 'pull-doctor sandbox CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const dnsNames = ['localhost', ...(options.extraDnsNames ?? [])];
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...[...new Set(dnsNames)].map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  return { ca: ca.cert, cert: server.cert, key: server.private };
}
