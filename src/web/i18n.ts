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
    for (const [system, texts] of systemEn)
      i18n.addResourceBundle('en', 'translation', { [system]: texts }, true, true);
  }
}

/*
 * Texts of a system's screens that are not in the sign-in route's bundle (its 250 KB budget): each
 * such system's come with its first screen. English is added to the English bundle when that is
 * loaded, now or later (adding it first would make the English bundle look loaded).
 */
const SYSTEM_TEXTS = {
  portal: () =>
    Promise.all([import('../shared/i18n/portal/index.ts'), import('../shared/i18n/portal/index.en.ts')]).then(
      ([v, e]) => [v.portalVi, e.portalEn] as const,
    ),
  paperless: () =>
    Promise.all([
      import('../shared/i18n/paperless/index.ts'),
      import('../shared/i18n/paperless/index.en.ts'),
    ]).then(([v, e]) => [v.paperlessVi, e.paperlessEn] as const),
  legal: () =>
    Promise.all([import('../shared/i18n/legal/index.ts'), import('../shared/i18n/legal/index.en.ts')]).then(
      ([v, e]) => [v.legalVi, e.legalEn] as const,
    ),
  services: () =>
    Promise.all([
      import('../shared/i18n/services/index.ts'),
      import('../shared/i18n/services/index.en.ts'),
    ]).then(([v, e]) => [v.servicesVi, e.servicesEn] as const),
  reports: () =>
    Promise.all([
      import('../shared/i18n/reports/index.ts'),
      import('../shared/i18n/reports/index.en.ts'),
    ]).then(([v, e]) => [v.reportsVi, e.reportsEn] as const),
};
export type TextSystem = keyof typeof SYSTEM_TEXTS;
const systemEn = new Map<TextSystem, Record<string, unknown>>();
const systemLoading = new Map<TextSystem, Promise<void>>();

/** Adds a system's texts (both languages) once; each of its screens awaits it before rendering. */
export function loadSystemTexts(system: TextSystem): Promise<void> {
  let loading = systemLoading.get(system);
  if (!loading) {
    loading = SYSTEM_TEXTS[system]().then(([v, e]) => {
      i18n.addResourceBundle('vi', 'translation', { [system]: v }, true, true);
      systemEn.set(system, e);
      if (i18n.hasResourceBundle('en', 'translation'))
        i18n.addResourceBundle('en', 'translation', { [system]: e }, true, true);
    });
    systemLoading.set(system, loading);
  }
  return loading;
}

/** The portal's texts (its screens and panels await them). */
export function loadPortalTexts(): Promise<void> {
  return loadSystemTexts('portal');
}

/** For a component shown outside its system's screens (a panel on a document's page). */
export function useSystemTexts(system: TextSystem): boolean {
  const [ready, setReady] = useState(systemEn.has(system));
  useEffect(() => {
    if (!ready) void loadSystemTexts(system).then(() => setReady(true));
  }, [ready, system]);
  return ready;
}

/** For a portal component shown outside the portal's screens. */
export function usePortalTexts(): boolean {
  return useSystemTexts('portal');
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
