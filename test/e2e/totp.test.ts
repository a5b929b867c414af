import { expect } from 'vitest';
import { currentTotp } from '../../src/server/platform/auth/totp.ts';
import {
  apiGet,
  DEMO_PASSWORD,
  describeBrowser,
  expectAccessible,
  PHONE,
  saveScreen,
  setupE2E,
} from './harness.ts';

// Two-factor sign-in in the browser, on a server that requires it of agency administrators
// (TOTP_REQUIRED_ROLES): the first sign-in sets it up with the secret (and QR code) the page shows,
// the next asks for the code; a wrong code is refused with a message in Vietnamese.

describeBrowser('two-factor sign-in (TOTP)', () => {
  const e2e = setupE2E({ concurrent: true, env: { TOTP_REQUIRED_ROLES: 'agency_admin' } });

  for (const [size, username, viewport] of [
    ['desktop', 'quantri.snv', undefined],
    ['phone', 'quantri.stttt', PHONE],
  ] as const) {
    e2e.test(
      `an agency administrator enrols, signs out and signs in with a code (${size})`,
      async ({ page, context }) => {
        const signIn = async () => {
          await page.goto('/dang-nhap');
          await page.getByLabel('Tên đăng nhập').fill(username);
          await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
          await page.getByRole('button', { name: 'Đăng nhập' }).click();
        };
        await signIn();

        // Enrolment: the secret and a QR code for the phone's authenticator app.
        await page.getByRole('heading', { level: 1, name: 'Thiết lập xác thực hai lớp' }).waitFor();
        const secret = ((await page.locator('#totp-secret').textContent()) ?? '').trim();
        expect(secret).toMatch(/^[A-Z2-7]{32}$/);
        await page.getByRole('img', { name: 'Mã QR để thêm vào ứng dụng xác thực' }).waitFor();
        await expectAccessible(page, `TOTP enrolment (${size})`);
        await saveScreen(page, `totp-enrol-${size}`);
        // A wrong code does not enable it.
        await page.getByLabel('Mã xác thực').fill('000000');
        await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
        await page.getByRole('alert').filter({ hasText: /mã/i }).first().waitFor();
        await page.getByLabel('Mã xác thực').fill(currentTotp(secret));
        await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
        await page.getByRole('heading', { level: 1, name: /^Xin chào/ }).waitFor();

        // Next sign-in: the password, then the code.
        await context.clearCookies();
        await signIn();
        await page.getByRole('heading', { level: 1, name: 'Xác thực hai lớp' }).waitFor();
        await expectAccessible(page, `TOTP code step (${size})`);
        await saveScreen(page, `totp-code-${size}`);
        await page.getByLabel('Mã xác thực').fill('12345');
        await page.getByRole('button', { name: 'Xác nhận' }).click();
        await page.getByText('Mã gồm 6 chữ số').waitFor();
        await page.getByLabel('Mã xác thực').fill(wrongCode(currentTotp(secret)));
        await page.getByRole('button', { name: 'Xác nhận' }).click();
        await page.getByRole('alert').first().waitFor();
        expect(await page.getByRole('heading', { level: 1, name: /^Xin chào/ }).count()).toBe(0);
        await page.getByLabel('Mã xác thực').fill(currentTotp(secret));
        await page.getByRole('button', { name: 'Xác nhận' }).click();
        await page.getByRole('heading', { level: 1, name: /^Xin chào/ }).waitFor();
        const me = await apiGet<{ stage: string; totpEnabled?: boolean }>(context, '/api/v1/me');
        expect(me.stage).toBe('ok');
      },
      { viewport },
    );
  }
});

/** A six-digit code that is not the current one (nor, almost surely, its neighbours). */
function wrongCode(code: string): string {
  return String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
}
