import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';

/**
 * What ocr asks of the module that holds the files (documents, later in MODULES, so a hook slot: ocr
 * cannot import it).
 * - `ocrFileAccess`: may this person OCR / read the OCR of this file? `visible` when it is a file
 *   of a document they can see, `unattached` when it belongs to no document yet (an upload on the
 *   registration form: knowing the SHA-256 of bytes nobody has filed means having them), `hidden`
 *   otherwise. The searchable PDF is given only for `visible`.
 * - `ocrFinished`: a run ended with text; the documents holding that file refresh their search text
 *   (documents re-enqueues its own extraction job, which reads the text through `ocrTexts`).
 */
export type OcrFileAccess = (ctx: Ctx, sha256: string) => Promise<'visible' | 'unattached' | 'hidden'>;
export type OcrFinished = (db: Db, sourceSha256: string) => Promise<void>;

declare module '../../platform/modules.ts' {
  interface Hooks {
    ocrFileAccess?: OcrFileAccess;
    ocrFinished?: OcrFinished[];
  }
}
