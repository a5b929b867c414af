import type { feedsVi } from './feeds.ts';

/** English texts of the portal's feeds screens: loaded only with the English bundle (en.ts). */
export const feedsEn: typeof feedsVi = {
  title: 'Calendar subscriptions',
  intro:
    'See the work schedule in your phone’s calendar or in Thunderbird: create a subscription address, add it to your calendar app once, and it updates itself (about hourly), adjustments included.',
  createTitle: 'Create a subscription address',
  which: 'Calendar to subscribe to',
  mine: 'My calendar',
  mineHint: 'What you chair, attend or follow, and the meetings you accepted.',
  agency: 'My agency’s schedule',
  province: 'Provincial People’s Committee leaders’ schedule',
  all: 'All public schedules',
  allHint: 'The public entries of every published schedule.',
  label: 'Note for this address (optional)',
  labelPlaceholder: 'For example: My phone',
  create: 'Create address',
  created: 'Subscription address created.',
  newTitle: 'Your subscription address',
  newUrlLabel: 'Calendar subscription address',
  onceWarning:
    'This address is shown only once. Copy it now and add it to your calendar app. Anyone with this address can read the calendar: do not share it; if it leaks, revoke it and create a new one.',
  openInApp: 'Open in calendar app',
  done: 'Done',
  howTitle: 'How to add it to a calendar app',
  howThunderbird: 'Thunderbird (computer)',
  howThunderbirdText:
    'Open Thunderbird, go to Calendar → "New Calendar…" (or File → New → Calendar…) → "On the Network" → paste the address into "Location", format iCalendar (ICS) → Continue → name it → Finish.',
  howIphone: 'iPhone, iPad',
  howIphoneText:
    'Tap "Open in calendar app" on the phone itself, or: Settings → Calendar → Accounts → Add Account → Other → "Add Subscribed Calendar" → paste the address → Next → Save.',
  howAndroid: 'Android phone (Google Calendar)',
  howAndroidText:
    'On a computer, open calendar.google.com with the phone’s Google account → on the left, next to "Other calendars" click + → "From URL" → paste the address → "Add calendar". It appears in the phone’s Google Calendar app within minutes; Google refreshes it every few hours.',
  listTitle: 'Your addresses',
  listLabel: 'Calendar subscription addresses you created',
  empty: 'You have no subscription address yet. Pick a calendar above and press "Create address".',
  colCalendar: 'Calendar',
  colLabel: 'Note',
  colCreated: 'Created',
  colLastUsed: 'Last fetched by a calendar app',
  neverUsed: 'Not used yet',
  actions: 'Actions',
  revoke: 'Revoke',
  revokeNamed: 'Revoke the address {{name}}',
  revokeConfirm: 'Revoke this address? Calendar apps using it will stop updating.',
  revoked: 'Address revoked.',
  publicTitle: 'Public schedule, no sign-in',
  publicText: 'Citizens read the public schedule on the page',
  publicIcs: 'or subscribe with the address',
};
