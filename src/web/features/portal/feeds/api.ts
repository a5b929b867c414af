import type { Items, OkView } from '../../../../shared/schemas/common.ts';
import type {
  CreatedFeedView,
  FeedChoice,
  FeedInput,
  FeedOptionsView,
  FeedView,
} from '../../../../shared/schemas/portal-feeds.ts';
import { del, get, post } from '../../../api/client.ts';

/** The calendar subscriptions API (server: src/server/modules/portal/routes-feeds.ts). */

export type { CreatedFeedView, FeedChoice, FeedInput, FeedOptionsView, FeedView };

export const feedKeys = {
  options: ['portal', 'feeds', 'options'] as const,
  list: ['portal', 'feeds', 'list'] as const,
};

export const feedOptions = () => get<FeedOptionsView>('/portal/feeds/options');
export const listFeeds = async () => (await get<Items<FeedView>>('/portal/feeds')).items;
export const createFeed = (body: FeedInput) => post<CreatedFeedView>('/portal/feeds', body);
export const revokeFeed = (id: string) => del<OkView>(`/portal/feeds/${id}`);

/** The address to paste into a calendar app: the server's public URL, else this page's origin. */
export function feedUrl(f: CreatedFeedView): string {
  return f.url ?? `${window.location.origin}${f.path}`;
}

/** The same address as webcal:// (opens the calendar app on iPhone, macOS and in Thunderbird). */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}
