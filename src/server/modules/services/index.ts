// What other modules may use from services.

// The measured figures of the reports (issue 20): online and on-time shares per agency.
export { serviceMeasures } from './figures/by-agency.ts';
export { servicesModule } from './module.ts';
