// What other modules may use from signatures.

// Signing (keys, PAdES): used by documents (sign, release) and later by legal copies.
export { type CopyForm, signCopy } from './copy.ts';
export { activeKey } from './keys.ts';
export { signaturesModule } from './module.ts';
export {
  isSignedPdf,
  recordSigning,
  type SignedResult,
  signAsPerson,
  signingKeyOf,
  signNumbering,
  signTopRight,
} from './sign.ts';
export { type KeySigner, LocalKeySigner } from './signer.ts';
