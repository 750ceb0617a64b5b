import fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { Role, type Principal } from './api-tokens.js';
import { processEnv } from '../config/index.js';

/**
 * Single sign-on (164.312(d), person or entity authentication): the API accepts OpenID Connect ID or
 * access tokens (JWTs) from the organization's identity provider, verified against its JWKS — signature,
 * issuer, audience, expiry — so nobody needs an engine-specific secret, and leaving the organization
 * (disabled at the IdP) ends access within the token's lifetime.
 *
 * BREACH_OIDC_ISSUER, BREACH_OIDC_AUDIENCE, and BREACH_OIDC_JWKS_URL (the IdP's jwks_uri) or
 * BREACH_OIDC_JWKS_FILE (a JWKS document on disk, for air-gapped hosts and tests). The role comes from the
 * claim BREACH_OIDC_ROLE_CLAIM (default `breach_role`; a string or a list, the first engine role in it);
 * the user id from BREACH_OIDC_USER_CLAIM (default `preferred_username`, else `sub`).
 */
export interface OidcConfig {
  issuer: string;
  audience: string;
  jwks: JWTVerifyGetKey;
  roleClaim: string;
  userClaim: string;
}

export class OidcConfigError extends Error {
  override name = 'OidcConfigError';
}

export function oidcFromEnv(env: NodeJS.ProcessEnv = processEnv()): OidcConfig | undefined {
  const { BREACH_OIDC_ISSUER: issuer, BREACH_OIDC_AUDIENCE: audience, BREACH_OIDC_JWKS_URL: url, BREACH_OIDC_JWKS_FILE: file } = env;
  if (!issuer && !audience && !url && !file) return undefined;
  if (!issuer) throw new OidcConfigError('BREACH_OIDC_ISSUER: required with the other BREACH_OIDC_* settings');
  if (!audience) throw new OidcConfigError('BREACH_OIDC_AUDIENCE: required (the client id the tokens are issued for)');
  if (!url && !file) throw new OidcConfigError('BREACH_OIDC_JWKS_URL or BREACH_OIDC_JWKS_FILE: required');
  let jwks: JWTVerifyGetKey;
  if (file) {
    try {
      jwks = createLocalJWKSet(JSON.parse(fs.readFileSync(file, 'utf8')) as Parameters<typeof createLocalJWKSet>[0]);
    } catch (err) {
      throw new OidcConfigError(
        `BREACH_OIDC_JWKS_FILE: not a readable JWKS document (${(err as NodeJS.ErrnoException).code ?? (err as Error).name})`,
        { cause: err },
      );
    }
  } else {
    let parsed: URL;
    try {
      parsed = new URL(url!);
    } catch (err) {
      throw new OidcConfigError('BREACH_OIDC_JWKS_URL: not a URL', { cause: err });
    }
    if (parsed.protocol !== 'https:' && !/^(127\.|localhost$|\[::1\]$)/.test(parsed.hostname))
      throw new OidcConfigError('BREACH_OIDC_JWKS_URL: must be https');
    jwks = createRemoteJWKSet(parsed);
  }
  return {
    issuer,
    audience,
    jwks,
    roleClaim: env.BREACH_OIDC_ROLE_CLAIM || 'breach_role',
    userClaim: env.BREACH_OIDC_USER_CLAIM || 'preferred_username',
  };
}

export const looksLikeJwt = (token: string): boolean => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
const USER_ID = /^[A-Za-z0-9._@-]{1,100}$/;

export type OidcResult = { principal: Principal } | { problem: string };

/** Verifies a JWT; the problem text names the rule, never the token or its claims' values. */
export async function verifyOidcToken(cfg: OidcConfig, token: string): Promise<OidcResult> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, cfg.jwks, {
      issuer: cfg.issuer,
      audience: cfg.audience,
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
    }));
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'ERR_JWT_INVALID';
    return { problem: code === 'ERR_JWT_EXPIRED' ? 'token expired' : `token not accepted (${code})` };
  }
  const rawUser = payload[cfg.userClaim] ?? payload.sub;
  if (typeof rawUser !== 'string' || !USER_ID.test(rawUser))
    return { problem: `token claim ${cfg.userClaim}/sub: letters, digits and . _ @ - only, at most 100` };
  const roles = ([] as unknown[]).concat(payload[cfg.roleClaim] ?? []);
  const role = roles.map((r) => Role.safeParse(r)).find((r) => r.success)?.data;
  if (!role) return { problem: `token claim ${cfg.roleClaim}: none of responder, privacy_officer, legal, admin` };
  return { principal: { userId: rawUser, role } };
}
