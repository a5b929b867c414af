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
// The measured figures (reports): which documents were released with a signer's own signature.
export { personSignedSubjects } from './subjects.ts';
// Verification of arriving PDFs (verify/): cached results by SHA-256, and the job queued at arrival.
export { enqueuePdfVerification, presentSignature, verificationsOf, verifyPdfJob } from './verify/store.ts';
