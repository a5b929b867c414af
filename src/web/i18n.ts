import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../shared/i18n/en.ts';
import { vi } from '../shared/i18n/vi.ts';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
const STORAGE_KEY = 'lt_lang';

function savedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

function applyDocumentLang(lang: Lang) {
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
}

const initial = savedLang();
void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  supportedLngs: LANGS,
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
applyDocumentLang(initial);

/** The current UI language (Vietnamese unless the person chose English). */
export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** Switches the language and remembers the choice in this browser. */
export async function setLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  applyDocumentLang(lang);
  await i18n.changeLanguage(lang);
}

/**
 * Looks up a key built at run time (an audit action code, a history change) and falls back to
 * the given text when the key is unknown: typed `t` only accepts literal keys.
 */
export function translateDynamic(key: string, fallback: string): string {
  if (!i18n.exists(key)) return fallback;
  const t = i18n.t as unknown as (k: string) => string;
  return t(key);
}

export { i18n };
