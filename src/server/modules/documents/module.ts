import { defineSchedule } from '../../platform/jobs/index.ts';
import type { ModuleDescriptor } from '../../platform/modules.ts';
import { documentPrintRoutes } from './print/routes.ts';
import { deadlineReminders } from './reminders.ts';
import { documentRoutes } from './routes.ts';
import { extractTextJob, ocrFileAccess, ocrFinished } from './text-index.ts';

// Declares the outsideExchange hook slot (delivery.ts); the exchange module fills it. Fills ocr's.
export const documentsModule: ModuleDescriptor = {
  name: 'documents',
  routes: [documentPrintRoutes, documentRoutes],
  jobs: [extractTextJob, deadlineReminders],
  // ocr's slots: who may OCR a file, and the search text refreshed when a run ends (text-index.ts).
  provides: { ocrFileAccess, ocrFinished: [ocrFinished] },
  // Reminders of handling deadlines at 07:30 on working days.
  schedules: [defineSchedule('documents.deadline_reminders', '30 7 * * 1-6', deadlineReminders, {})],
};
