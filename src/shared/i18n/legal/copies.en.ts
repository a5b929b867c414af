import type { copiesVi } from './copies.ts';

/** Texts of the legal module's copies screens (English). */
export const copiesEn: typeof copiesVi = {
  title: 'Register of copies',
  intro:
    'The true copies, copies of copies and excerpts this agency made and sent through the system, numbered in one series for every form, from 01 on 1 January each year (Decree 30/2020, Appendix I, Part II).',
  year: 'Year',
  more: 'Show more',
  empty: 'No copies this year. Open a legal document or a document of the system and choose “Copy document”.',
  columns: {
    number: 'Number',
    date: 'Date',
    form: 'Form',
    source: 'Document copied',
    recipients: 'Recipients',
    registered: 'Registered',
    signature: 'Digital signature',
    agency: 'Recipient',
    status: 'Status',
    arrival: 'Arrival no.',
    registeredAt: 'Registered at',
    clerk: 'Clerk',
  },
  registeredOf: '{{n}}/{{m}} agencies',
  signed: 'Signed',
  unsigned: 'Not signed',
  status: {
    delivered: 'Waiting for registration',
    registered: 'Registered',
    submitted: 'Registered, submitted',
    assigned: 'Being handled',
    done: 'Handled',
    refused: 'Refused',
    recalled: 'Recalled',
  },
  dialog: {
    open: 'Copy document',
    title: 'Copy the document and send it to agencies',
    form: 'Form of copy',
    forms: {
      sao_y: 'True copy (sao y)',
      sao_luc: 'Copy of a copy (sao lục)',
      trich_sao: 'Excerpt (trích sao)',
    },
    formHelp:
      'Sao y: a full copy of the original; sao lục: a copy of a true copy; trích sao: only the part needed (Decree 30/2020, Art. 25).',
    excerpt: 'Excerpt',
    excerptHelp: 'Type the exact text of the part copied (articles, clauses…).',
    excerptRequired: 'Type the excerpt',
    groups: 'Recipient groups',
    group: {
      all_departments: 'All departments',
      all_districts: 'All district People’s Committees',
      all_communes: 'All commune People’s Committees',
    },
    agencies: 'Other recipients',
    agenciesPlaceholder: 'Type an agency name to search',
    recipientsRequired: 'Choose at least one agency or group.',
    send: 'Number and send the copy',
    cancel: 'Cancel',
    sent: 'Copy {{number}} sent to {{n}} agencies.',
    unsignedNotice:
      'Copy {{number}} was made and sent WITHOUT the agency’s digital signature: the agency has no valid signing key. The copy carries “{{form}}”, its number and date; the agency administrator can add a signing key so that later copies are signed.',
    signedNotice: 'Copy {{number}} was signed with the agency’s key and sent.',
    close: 'Close',
  },
  list: {
    title: 'Copies sent',
    empty: 'No copies of this document yet.',
    of: '{{form}} no. {{number}}, {{date}}, {{agency}}',
  },
};
