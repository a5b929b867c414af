/**
 * The gazette's deadlines (Law 80/2015 Art. 150; ../shared/domain/legal-docs.md §3): the issuing
 * agency sends a signed document within 3 days of signing; the gazette publishes it within 7 days of
 * receipt. Pure, on Vietnam dates ('YYYY-MM-DD').
 */
import {
  daysBetween,
  type GazetteItemState,
  PUBLISH_WITHIN_DAYS,
  SUBMIT_WITHIN_DAYS,
} from '../../../../shared/legal/gazette-api.ts';

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface DeadlineFacts {
  state: GazetteItemState;
  /** The document's issue (signing) date. */
  issuedDate: string;
  /** The submission's date in Vietnam. */
  submittedOn: string;
  /** The receipt's date in Vietnam, once accepted. */
  receivedOn: string | null;
  /** The publishing issue's date, once published. */
  publishedOn: string | null;
  today: string;
}

export interface Deadlines {
  lateSubmission: boolean;
  publishBy: string | null;
  latePublication: boolean;
}

export function deadlines(f: DeadlineFacts): Deadlines {
  const lateSubmission = daysBetween(f.issuedDate, f.submittedOn) > SUBMIT_WITHIN_DAYS;
  const publishBy = f.receivedOn ? addDays(f.receivedOn, PUBLISH_WITHIN_DAYS) : null;
  let latePublication = false;
  if (publishBy && f.state !== 'returned') {
    const done = f.state === 'published' ? f.publishedOn : null;
    latePublication = (done ?? f.today) > publishBy;
  }
  return { lateSubmission, publishBy, latePublication };
}
