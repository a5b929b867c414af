// The application's modules, composed by app.ts (routes, hooks) and runtime.ts (jobs, schedules,
// background work). A new module is added here, and nowhere else.
import type { ModuleDescriptor } from '../platform/modules.ts';
import { adminModule } from './admin/index.ts';
import { agenciesModule } from './agencies/index.ts';
import { documentsModule } from './documents/index.ts';
import { dossiersModule } from './dossiers/index.ts';
import { draftingModule } from './drafting/index.ts';
import { exchangeModule } from './exchange/index.ts';
import { feedbackModule } from './feedback/index.ts';
import { filesModule } from './files/index.ts';
import { indicatorsModule } from './indicators/index.ts';
import { legalModule } from './legal/index.ts';
import { mailModule } from './mail/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { ocrModule } from './ocr/index.ts';
import { peopleModule } from './people/index.ts';
import { portalModule } from './portal/index.ts';
import { reportsModule } from './reports/index.ts';
import { servicesModule } from './services/index.ts';
import { signaturesModule } from './signatures/index.ts';

/**
 * Every module, each after those it uses. The order is that of their routes in the API's
 * documentation and of the entries of hook slots that collect several (agencyMerged).
 */
export const MODULES: readonly ModuleDescriptor[] = [
  agenciesModule,
  peopleModule,
  filesModule,
  notificationsModule,
  ocrModule,
  signaturesModule,
  documentsModule,
  draftingModule,
  dossiersModule,
  exchangeModule,
  mailModule,
  indicatorsModule,
  portalModule,
  legalModule,
  servicesModule,
  feedbackModule,
  reportsModule,
  adminModule,
];
