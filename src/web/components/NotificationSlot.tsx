/**
 * PLACEHOLDER — the notification bell goes here.
 *
 * There is no notifications API yet (no endpoint lists or counts a person's notifications), so this
 * slot deliberately renders nothing rather than a fake bell or a made-up count. When the API exists
 * (a later issue), render a bell button with the unread count here; the header already reserves
 * its place between the language switch and the personal menu.
 */
export function NotificationSlot(): null {
  return null;
}
