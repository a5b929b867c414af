// What other modules may use from documents.

export { seesWholeAgency, visibleAgencyWide, visibleTo } from './access.ts';
export {
  addEvent,
  type DocumentRow,
  loadVisible,
  peopleWithRole,
  peopleWithRoleIn,
  tell,
  tellMany,
} from './common.ts';
// Recipients' copies made or changed from the sender's side (the exchange lands, cancels and revises
// them): documents writes its own tables.
export {
  type ArrivingCopy,
  type CopyChange,
  type CopyFile,
  type CopyRevision,
  cancelCopies,
  type IncomingFields,
  landCopies,
  reviseCopies,
} from './copies.ts';
// Copies (sao y, sao lục, trích sao) the legal module makes: numbered in the agency's copies series
// and delivered like a release; their deliveries with each recipient's registration.
export {
  type CopyDelivery,
  type CopyRelease,
  copyDeliveries,
  releaseCopy,
  takeCopyNumber,
} from './copy-release.ts';
// markDelivery is used by the mail module (an e-mailed delivery reports back when it was sent), the
// reports by the exchange (statuses from other installations); the exchange module fills the
// outsideExchange hook (see module.ts).
export {
  type DeliveryChange,
  type DeliveryReport,
  type DeliveryRow,
  markDeliveries,
  markDelivery,
  type OutsideExchange,
  reportDeliveries,
} from './delivery.ts';
// The legal records read their files' text with the same extractor (PDF text layer, DOCX).
export { ExtractTextError, extractText } from './extract/index.ts';
// Dossiers and mail read documents through these functions (documents alone names its tables).
export { currentFiles, type DocumentFile, type FileRole } from './files.ts';
// A candidate from the official mailbox is registered with the same rule as a paper arrival.
export { registerIncoming } from './incoming.ts';
export { waitingCounts } from './lists.ts';
// The measured figures of the reports (issue 20): counts per agency and the documents behind each.
export {
  DOCUMENT_MEASURE_KEYS,
  type DocumentMeasureKey,
  documentMeasures,
  type MeasureDocument,
  type MeasureWindow,
  measureDocuments,
} from './measures.ts';
export { documentsModule } from './module.ts';
// Drafting makes a draft's new file versions with the same rule as an upload (old versions kept),
// and checks the same "edit" rule before changing its structured draft.
// The reports module drafts the decision approving an IT plan as an outgoing document.
export { createOutgoingDraft, editDraft } from './outgoing.ts';
export {
  type DocumentFacts,
  documentFacts,
  findDelivery,
  findDocument,
  handlers,
  handlingAssignees,
  handlingTrail,
  type IncomingOfType,
  incomingOfType,
} from './reads.ts';
export { findDeliveries, findDocuments } from './records.ts';
export { documentRoutes } from './routes.ts';
// Where a recipient is delivered at release (an agency here, a peer, unknown): the rule is documents'.
export { type CodeRoute, type RecipientRoute, recipientRoutes, routeCode } from './routing.ts';
// Text extraction is queued by whoever adds a document with files (the exchange's arrivals too).
export { extractTextJob } from './text-index.ts';
export { assertAllowed } from './workflow.ts';
