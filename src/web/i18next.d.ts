import 'i18next';
import type { Messages } from '../shared/i18n/vi.ts';

// Translation keys are checked at compile time against the Vietnamese resource.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
