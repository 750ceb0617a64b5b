/**
 * Helpers of the PHI leak tests: find marker strings in whatever Temporal stores or shows — as text, or
 * inside base64 (payload bytes, protobuf JSON) at any of the three byte alignments — and decode the
 * payloads of a protobuf-JSON history through the codec.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';

/** The base64 (and base64url) substrings that appear wherever `marker` is encoded inside base64 data. */
export function base64Forms(marker: string): string[] {
  const bytes = Buffer.from(marker, 'utf8');
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Characters 0-3 mix filler bytes in when offset > 0; the tail mixes in whatever follows the marker.
    const start = offset === 0 ? 0 : 4;
    const end = Math.floor((offset + bytes.length) / 3) * 4;
    const form = b64.slice(start, end);
    if (form.length >= 8) forms.push(form, form.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(forms)];
}

/** The markers found in `text`, clear or base64-encoded. */
export function findMarkers(text: string, markers: Record<string, string>): string[] {
  return Object.entries(markers)
    .filter(([, m]) => text.includes(m) || base64Forms(m).some((f) => text.includes(f)))
    .map(([channel]) => channel);
}

/** JSON text of any value, with byte arrays as base64 (so findMarkers sees payload bytes). */
export function toScannableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
}

export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const isJsonPayload = (o: Record<string, unknown>): boolean =>
  typeof o.metadata === 'object' &&
  o.metadata !== null &&
  ('data' in o || Object.keys(o).every((k) => k === 'metadata' || k === 'data' || k === 'externalPayloads'));

/** Every payload object ({ metadata, data }) in a protobuf-JSON document, with the key path it sits under. */
export function payloadsIn(
  node: unknown,
  path: string[] = [],
  out: { path: string[]; payload: JsonPayload }[] = [],
): { path: string[]; payload: JsonPayload }[] {
  if (Array.isArray(node)) node.forEach((n, i) => payloadsIn(n, [...path, String(i)], out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (isJsonPayload(o)) out.push({ path, payload: o });
    else for (const [k, v] of Object.entries(o)) payloadsIn(v, [...path, k], out);
  }
  return out;
}

const toPayload = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
  data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});

/** A copy of a protobuf-JSON document with every payload replaced by `{ decoded: <its data as text> }`. */
export async function decodeDocument(node: unknown, codec: PayloadCodec): Promise<unknown> {
  if (Array.isArray(node)) return Promise.all(node.map((n) => decodeDocument(n, codec)));
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (isJsonPayload(o)) {
      const [decoded] = await codec.decode([toPayload(o)]);
      return { decoded: Buffer.from(decoded?.data ?? new Uint8Array()).toString('utf8') };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = await decodeDocument(v, codec);
    return out;
  }
  return node;
}
