import { translateDynamic } from '../i18n.ts';

/** Labels for codes that arrive from the API; an unknown code is shown as it is. */
export const kindLabel = (kind: string) => translateDynamic(`agencyKinds.${kind}`, kind);
export const roleLabel = (role: string) => translateDynamic(`roles.${role}`, role);
export const agencyStatusLabel = (status: string) => translateDynamic(`agencyStatus.${status}`, status);
export const historyChangeLabel = (change: string) =>
  translateDynamic(`agencies.history.change.${change}`, change);

/** "auth.login" → "Đăng nhập"; falls back to the raw code for actions added later. */
export function actionLabel(code: string): string {
  return /^[a-z_]+\.[a-z_]+$/.test(code) ? translateDynamic(`audit.actions.${code}`, code) : code;
}
