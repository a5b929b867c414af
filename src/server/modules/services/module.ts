import type { ModuleDescriptor } from '../../platform/modules.ts';
import { applicantJobs } from './applicants/jobs.ts';
import { applicantsRoutes } from './applicants/routes.ts';
import { catalogueAdminRoutes } from './catalogue/admin-routes.ts';
import { seedCatalogueDemo } from './catalogue/demo.ts';
import { catalogueRoutes } from './catalogue/routes.ts';
import { seedDossiersDemo } from './desk/demo.ts';
import { deskJobs, deskSchedules } from './desk/jobs.ts';
import { deskRoutes } from './desk/routes.ts';
import { figuresRoutes } from './figures/routes.ts';

/**
 * Public services (dịch vụ công): the procedures' catalogue and its public pages (catalogue/),
 * applicants' accounts, online submission, tracking and rating (applicants/), the one-stop desk and
 * the handling steps with the forms Mẫu 01–07 (desk/), the QĐ 766 figures (figures/). core/ holds the
 * one way a dossier changes status (with its timeline row and the applicant's notice).
 */
export const servicesModule: ModuleDescriptor = {
  name: 'services',
  routes: [catalogueRoutes, catalogueAdminRoutes, applicantsRoutes, deskRoutes, figuresRoutes],
  jobs: [...applicantJobs, ...deskJobs],
  schedules: deskSchedules,
  seedDemo: async (db) => {
    await seedCatalogueDemo(db);
    await seedDossiersDemo(db);
  },
};
