import type { TokenCredential } from '@azure/core-auth';

/**
 * The object id pull-doctor runs as, read from the `oid` claim of its own Resource Manager token.
 * The token is ours and only decoded, never trusted for anything but telling our own role
 * assignments apart from others'. Undefined when the token is not a JWT.
 */
export async function ownPrincipalId(credential: TokenCredential, scope: string, signal?: AbortSignal): Promise<string | undefined> {
  const token = await credential.getToken(scope, { abortSignal: signal });
  const payload = token?.token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { oid?: unknown };
    return typeof claims.oid === 'string' ? claims.oid : undefined;
  } catch {
    return undefined;
  }
}
