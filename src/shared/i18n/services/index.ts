import { applicantsVi } from './applicants.ts';
import { catalogueVi } from './catalogue.ts';
import { deskVi } from './desk.ts';
import { feedbackVi } from './feedback.ts';
import { figuresVi } from './figures.ts';

/**
 * Texts of public services: the catalogue, the applicants' pages, the one-stop desk and the figures
 * (`t('services.<area>.…')`), loaded with their screens (`loadSystemTexts('services')`).
 */
export const servicesVi = {
  catalogue: catalogueVi,
  applicants: applicantsVi,
  desk: deskVi,
  figures: figuresVi,
  feedback: feedbackVi,
};

export type ServicesTexts = typeof servicesVi;
