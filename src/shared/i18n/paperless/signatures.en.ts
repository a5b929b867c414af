import type { PaperlessTexts } from './index.ts';

/** Texts of the signatures screens (English). */
export const signaturesEn: PaperlessTexts['signatures'] = {
  keys: {
    title: 'Digital signatures',
    intro:
      'A PKCS#12 file (.p12, .pfx) of a signer or of the agency (its seal). The private key is encrypted and never leaves the server.',
    owner: 'Owner',
    ownerAgency: 'Agency (seal)',
    ownerPerson: 'Signer',
    person: 'Signer',
    file: 'PKCS#12 file',
    fileHint: 'Choose a .p12 or .pfx file',
    password: 'File password',
    image: 'Signature or seal image (PNG, optional)',
    upload: 'Upload',
    uploaded: 'Signing key saved.',
    list: 'Keys in use',
    empty: 'No signing keys yet.',
    subject: 'Subject',
    issuer: 'Issuer',
    validity: 'Valid',
    who: 'Of',
    hasImage: 'Image',
    revoke: 'Revoke',
    revokeConfirm: 'Revoke this signing key? This cannot be undone.',
    revoked: 'Signing key revoked.',
    required: 'This field is required.',
  },
  sign: {
    notDigital: 'Signed (no digital signature)',
    digital: 'Digitally signed with the certificate of {{subject}}, valid until {{until}}.',
    noKey: 'You have no certificate: the document will be recorded as signed (without a digital signature).',
    needPdf: 'The final version must be a PDF: create the PDF from the draft before signing.',
  },
};
