import type { ComponentType } from 'react';
import { useLocation } from 'react-router-dom';
import { NotFoundPage } from '../../errors/ErrorPages.tsx';
import ConsolidatedPage from './ConsolidatedPage.tsx';
import CyclePage from './CyclePage.tsx';
import CyclesPage from './CyclesPage.tsx';
import FillPage from './FillPage.tsx';
import LatePage from './LatePage.tsx';
import OwnReportsPage from './OwnReportsPage.tsx';
import ReviewPage from './ReviewPage.tsx';
import type { ScreenName } from './screens.ts';
import { screenAt } from './screens.ts';
import TemplatePage from './TemplatePage.tsx';
import TemplatesPage from './TemplatesPage.tsx';

const SCREENS: Record<ScreenName, ComponentType> = {
  own: OwnReportsPage,
  fill: FillPage,
  cycles: CyclesPage,
  cycle: CyclePage,
  consolidated: ConsolidatedPage,
  review: ReviewPage,
  late: LatePage,
  templates: TemplatesPage,
  template: TemplatePage,
};

/**
 * Every periodic-report screen behind one lazy loader of the navigation (which routes the agency's
 * list and fill form and the whole of /bao-cao/tong-hop/* here), picked by the address; the
 * screens are small and share most of their code, so they load together.
 */
export default function PeriodicScreens() {
  const at = screenAt(useLocation().pathname);
  const Screen = at ? SCREENS[at.name] : null;
  return Screen ? <Screen /> : <NotFoundPage />;
}
