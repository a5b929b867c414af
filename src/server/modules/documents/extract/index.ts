/**
 * Text extraction from uploaded documents and the register fields proposed from it. The documents
 * module runs these in a job after an upload (DESIGN.md §1, outbox), stores the text for search and
 * shows the proposal to the clerk, who confirms or corrects each field.
 */
export {
  type HeaderProposal,
  type KnownIssuer,
  PROPOSAL_FIELDS,
  type ProposalField,
  type ProposeOptions,
  proposeFromText,
} from './header.ts';
export {
  DOCX_TYPE,
  type ExtractedText,
  type ExtractFailure,
  type ExtractOptions,
  ExtractTextError,
  extractText,
  MAX_PAGES,
  MAX_TEXT_BYTES,
} from './text.ts';
