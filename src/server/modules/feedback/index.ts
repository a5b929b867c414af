// What other modules may use from feedback.

export { computeFigures as feedbackFigures } from './figures.ts';
export { feedbackMeasures } from './measures.ts';
export { feedbackModule } from './module.ts';
