// The keyset cursor rule is the platform's (shared with the feedback register).
export { decodeKeyset } from '../../../platform/http/pagination.ts';
