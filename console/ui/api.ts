/// <reference lib="dom" />
/**
 * The console's only way to the engine: the JSON HTTP API, same origin, with the bearer token.
 *
 * Sign-in seam: `TokenSource` — today the API token typed in (kept in sessionStorage, gone when the tab
 * closes); for single sign-on, replace it with one that returns a token from the identity provider
 * (e.g. an OIDC access token the server's TokenStore accepts) — nothing else in the console changes.
 */
export interface TokenSource {
  get(): string | null;
  set(token: string | null): void;
}
const KEY = 'breach-console-token';
export const sessionTokens: TokenSource = {
  get: () => sessionStorage.getItem(KEY),
  set: (t) => (t ? sessionStorage.setItem(KEY, t) : sessionStorage.removeItem(KEY)),
};
export let tokens: TokenSource = sessionTokens;
export const useTokenSource = (t: TokenSource) => (tokens = t);

export interface Issue {
  path: string;
  message: string;
}
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

async function request(method: string, url: string, body?: unknown, raw?: { type: string; data: BodyInit }): Promise<Response> {
  const headers: Record<string, string> = {};
  const t = tokens.get();
  if (t) headers.authorization = `Bearer ${t}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (raw) headers['content-type'] = raw.type;
  const payload = raw ? raw.data : body !== undefined ? JSON.stringify(body) : undefined;
  const res = await fetch(url, { method, headers, ...(payload !== undefined ? { body: payload } : {}), cache: 'no-store' });
  if (!res.ok) {
    let err: { error?: string; issues?: Issue[] } = {};
    try {
      err = (await res.json()) as typeof err;
    } catch {
      /* not JSON */
    }
    throw new ApiError(
      res.status,
      err.error ?? `${res.status} ${res.statusText}`,
      (err.issues ?? []).map((i) => ({ ...i, path: i.path.replace(/^body\./, '') })),
    );
  }
  return res;
}

export const getJson = async <T>(url: string): Promise<T> => (await (await request('GET', url)).json()) as T;
export const postJson = async <T>(url: string, body: unknown): Promise<T> => (await (await request('POST', url, body)).json()) as T;
/** A file posted as it is (the roster CSV goes straight to the encrypted roster store; the console never parses it). */
export const postFile = async <T>(url: string, type: string, data: Blob): Promise<T> =>
  (await (await request('POST', url, undefined, { type, data })).json()) as T;

/** Saves a blob as a file through a short-lived blob URL. */
export function saveBlob(filename: string, blob: Blob): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Downloads need the bearer token: fetch, then a blob URL (the token never goes into a URL). */
export async function download(url: string, filename: string): Promise<void> {
  saveBlob(filename, await (await request('GET', url)).blob());
}

export const newRequestId = () => `console-${crypto.randomUUID()}`;
