// What other modules may use from signatures.

export { signaturesModule } from './module.ts';
// Verification of arriving PDFs (verify/): cached results by SHA-256, and the job queued at arrival.
export { enqueuePdfVerification, presentSignature, verificationsOf, verifyPdfJob } from './verify/store.ts';
