import type { SigningKeyView, UploadKeyInput } from '../../../../shared/schemas/signing-keys.ts';
import { del, get, post } from '../../../api/client.ts';

export type { SigningKeyView, UploadKeyInput };

export const signingKeyKeys = {
  all: ['signing-keys'] as const,
  mine: ['signing-keys', 'mine'] as const,
};

export const listSigningKeys = () => get<SigningKeyView[]>('/signing-keys');
export const uploadSigningKey = (input: UploadKeyInput) => post<{ id: string }>('/signing-keys', input);
export const revokeSigningKey = (id: string) => del<void>(`/signing-keys/${id}`);
export const mySigningKey = () =>
  get<{ key: { id: string; subject: string; issuer: string; notAfter: string } | null }>(
    '/signing-keys/mine',
  );

/** A file as base64 (without the data: prefix). */
export function fileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}
