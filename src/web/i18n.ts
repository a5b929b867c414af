import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
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

/** Vietnamese is bundled; English is fetched the first time someone chooses it. */
async function ensureResources(lang: Lang): Promise<void> {
  if (lang === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    const { en } = await import('../shared/i18n/en.ts');
    i18n.addResourceBundle('en', 'translation', en);
  }
}

/** Starts i18next in the saved language (Vietnamese by default); resolves once its texts are there. */
export async function initI18n(): Promise<void> {
  const lang = savedLang();
  await i18n.use(initReactI18next).init({
    resources: { vi: { translation: vi } },
    lng: 'vi',
    fallbackLng: 'vi',
    supportedLngs: LANGS,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (lang !== 'vi') {
    try {
      await ensureResources(lang);
      await i18n.changeLanguage(lang);
    } catch {
      /* offline on first load: stay in Vietnamese */
    }
  }
  document.documentElement.lang = currentLang();
}

/** The current UI language (Vietnamese unless the person chose English). */
export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** Switches the language and remembers the choice in this browser. */
export async function setLang(lang: Lang): Promise<void> {
  await ensureResources(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
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
