import i18n from 'i18next';
import { useEffect, useState } from 'react';
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
    if (portalEn) i18n.addResourceBundle('en', 'translation', { portal: portalEn }, true, true);
  }
}

/*
 * Texts of a system's screens that are not in the sign-in route's bundle (its 250 KB budget): the
 * operational portal's come with its first screen. English is added to the English bundle when that
 * is loaded, now or later (adding it first would make the English bundle look loaded).
 */
let portalEn: Record<string, unknown> | null = null;
let portalLoading: Promise<void> | null = null;

/** Adds the portal's texts (both languages) once; every portal screen awaits it before rendering. */
export function loadPortalTexts(): Promise<void> {
  portalLoading ??= Promise.all([
    import('../shared/i18n/portal/index.ts'),
    import('../shared/i18n/portal/index.en.ts'),
  ]).then(([v, e]) => {
    i18n.addResourceBundle('vi', 'translation', { portal: v.portalVi }, true, true);
    portalEn = e.portalEn;
    if (i18n.hasResourceBundle('en', 'translation'))
      i18n.addResourceBundle('en', 'translation', { portal: e.portalEn }, true, true);
  });
  return portalLoading;
}

/** For a portal component shown outside the portal's screens (a panel on a document's page). */
export function usePortalTexts(): boolean {
  const [ready, setReady] = useState(portalEn !== null);
  useEffect(() => {
    if (!ready) void loadPortalTexts().then(() => setReady(true));
  }, [ready]);
  return ready;
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
