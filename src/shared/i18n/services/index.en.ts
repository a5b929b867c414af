import { applicantsEn } from './applicants.en.ts';
import { catalogueEn } from './catalogue.en.ts';
import { deskEn } from './desk.en.ts';
import { feedbackEn } from './feedback.en.ts';
import { figuresEn } from './figures.en.ts';
import type { ServicesTexts } from './index.ts';

/** English texts of public services (see index.ts). */
export const servicesEn: ServicesTexts = {
  catalogue: catalogueEn,
  applicants: applicantsEn,
  desk: deskEn,
  figures: figuresEn,
  feedback: feedbackEn,
};
