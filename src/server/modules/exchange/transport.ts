import { AppError } from '../../platform/http/errors.ts';
import type { Signer } from './keys.ts';
import type { PeerRow } from './peers.ts';
import { HEADER_FROM, HEADER_SIGNATURE, HEADER_TIMESTAMP } from './signature.ts';

/**
 * HTTP between installations. One package: `POST {peer}/api/v1/exchange/inbox` with the edXML as the
 * body. Many packages (Liên Thông peers): `POST {peer}/api/v1/exchange/inbox/batch`, a
 * multipart/form-data body whose parts are the packages in order, each still a standard edXML file;
 * the peer handles them in that order and answers one result per part. Both are signed the same way
 * (HMAC-SHA256 of the whole body under the shared secret, or this installation's key: keys.ts). A peer that does not know the batch route (404/405/413/415) gets
 * single packages from then on, for a while.
 */

export interface SendResult {
  ok: boolean;
  /** A refusal the peer gave deliberately (4xx): retrying the same bytes cannot help. */
  final: boolean;
  reason?: string;
}

const TIMEOUT_MS = 60_000;
/** Single packages to a peer that takes no batches: different documents side by side. */
const CONCURRENCY = 8;
/** One batch request carries at most this much; a bigger package goes alone. */
const BATCH_BYTES = 16 * 1024 * 1024;
/** Peers that answered the batch route with "unknown" (peer id → until when, ms). */
const singleOnly = new Map<string, number>();
const SINGLE_FOR_MS = 10 * 60_000;

/** The sending agency code of a package: the From of an edoc, or of a status. */
function senderOf(xml: Buffer): string {
  const m = /<(?:\w+:)?From>\s*<(?:\w+:)?OrganId>([^<]+)</.exec(
    xml.toString('utf8', 0, Math.min(xml.length, 64_000)),
  );
  return m?.[1]?.trim() ?? '';
}

function headers(peer: PeerRow, signer: Signer, body: Buffer, contentType: string, from: string) {
  const ts = Date.now();
  return {
    'content-type': contentType,
    [HEADER_FROM]: from,
    [HEADER_TIMESTAMP]: String(ts),
    [HEADER_SIGNATURE]: signer(peer, ts, body),
  };
}

function unreachable(e: unknown): SendResult {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  return {
    ok: false,
    final: false,
    reason: `Không kết nối được: ${err.cause?.code ?? err.cause?.message ?? err.message}`,
  };
}

function answer(status: number, text: string): SendResult {
  if (status >= 200 && status < 300) return { ok: true, final: true };
  let detail = text.slice(0, 500);
  try {
    detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
  } catch {}
  const final = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return { ok: false, final, reason: `HTTP ${status}: ${detail}` };
}

async function postOne(peer: PeerRow, signer: Signer, body: Buffer): Promise<SendResult> {
  try {
    const res = await fetch(`${peer.baseUrl}/api/v1/exchange/inbox`, {
      method: 'POST',
      headers: headers(peer, signer, body, 'application/xml', senderOf(body)),
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return answer(res.status, await res.text());
  } catch (e) {
    return unreachable(e);
  }
}

/** One result per package, or 'unsupported' when the peer has no batch route. */
async function postBatch(
  peer: PeerRow,
  signer: Signer,
  bodies: Buffer[],
): Promise<SendResult[] | 'unsupported'> {
  const form = new FormData();
  bodies.forEach((b, i) => {
    form.append(`p${i}`, new Blob([new Uint8Array(b)], { type: 'application/xml' }), `p${i}.edxml`);
  });
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type')!;
  const body = Buffer.from(await encoded.arrayBuffer());
  try {
    const res = await fetch(`${peer.baseUrl}/api/v1/exchange/inbox/batch`, {
      method: 'POST',
      headers: headers(peer, signer, body, contentType, senderOf(bodies[0]!)),
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    if ([404, 405, 413, 415].includes(res.status)) return 'unsupported';
    if (res.status !== 200) return bodies.map(() => answer(res.status, text));
    const items = (JSON.parse(text) as { items: { status: number; detail?: string }[] }).items;
    return bodies.map((_, i) => {
      const it = items[i];
      if (!it) return { ok: false, final: false, reason: 'Hệ thống nhận không trả lời cho gói tin này.' };
      return answer(it.status, JSON.stringify(it));
    });
  } catch (e) {
    const r = unreachable(e);
    return bodies.map(() => r);
  }
}

/**
 * Sends packages in order and returns each one's result; after a transient failure the rest are not
 * tried (undefined), so the flush retries them later in the same order. A package that could not be
 * built comes in as its error and is refused without sending.
 */
export async function sendToPeer(
  peer: PeerRow,
  signer: Signer,
  items: { key: string; body: Buffer | AppError }[],
): Promise<(SendResult | undefined)[]> {
  const results: (SendResult | undefined)[] = items.map((it) =>
    it.body instanceof AppError ? { ok: false, final: true, reason: it.body.detail } : undefined,
  );
  const sendable = items.flatMap((it, i) => (it.body instanceof AppError ? [] : [i]));
  const bodyOf = (i: number) => items[i]!.body as Buffer;
  if (sendable.length > 1 && !((singleOnly.get(peer.id) ?? 0) > Date.now())) {
    let chunk: number[] = [];
    let bytes = 0;
    let rest = 0;
    const send = async (): Promise<'ok' | 'stop' | 'unsupported'> => {
      if (chunk.length === 0) return 'ok';
      const got =
        chunk.length === 1
          ? [await postOne(peer, signer, bodyOf(chunk[0]!))]
          : await postBatch(peer, signer, chunk.map(bodyOf));
      if (got === 'unsupported') return 'unsupported';
      chunk.forEach((i, k) => {
        results[i] = got[k];
      });
      const stop = got.some((r) => !r.ok && !r.final);
      rest += chunk.length;
      chunk = [];
      bytes = 0;
      return stop ? 'stop' : 'ok';
    };
    let unsupported = false;
    for (const i of sendable) {
      const size = bodyOf(i).length;
      if (chunk.length && (bytes + size > BATCH_BYTES || size > BATCH_BYTES)) {
        const s = await send();
        if (s === 'stop') return results;
        if (s === 'unsupported') {
          unsupported = true;
          break;
        }
      }
      chunk.push(i);
      bytes += size;
    }
    if (!unsupported) {
      const s = await send();
      if (s !== 'unsupported') return results;
    }
    singleOnly.set(peer.id, Date.now() + SINGLE_FOR_MS);
    return sendSingles(peer, signer, items, sendable.slice(rest), results);
  }
  return sendSingles(peer, signer, items, sendable, results);
}

/** One request per package: one document's packages in order, different documents side by side. */
async function sendSingles(
  peer: PeerRow,
  signer: Signer,
  items: { key: string; body: Buffer | AppError }[],
  indices: number[],
  results: (SendResult | undefined)[],
) {
  const groups = new Map<string, number[]>();
  for (const i of indices) groups.set(items[i]!.key, [...(groups.get(items[i]!.key) ?? []), i]);
  const queue = [...groups.values()];
  let stopped = false;
  const worker = async () => {
    for (let g = queue.shift(); g && !stopped; g = queue.shift()) {
      for (const i of g) {
        if (stopped) return;
        const r = await postOne(peer, signer, items[i]!.body as Buffer);
        results[i] = r;
        if (!r.ok && !r.final) stopped = true;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}
