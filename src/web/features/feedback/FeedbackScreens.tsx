import { useParams } from 'react-router-dom';
import { can, useSession } from '../../api/session.ts';
import { ForbiddenPage } from '../errors/ErrorPages.tsx';
import FiguresPage from './FiguresPage.tsx';
import IntakePage from './IntakePage.tsx';
import ItemPage from './ItemPage.tsx';

/**
 * The screens under /phan-anh/…: entering a letter (vao-so), the figures (so-lieu) and one item. One
 * route for the three keeps the sign-in bundle's route table small; each keeps its own permission.
 */
export default function FeedbackScreens() {
  const { id = '' } = useParams();
  const me = useSession();
  if (id === 'vao-so') return can(me, 'feedback.receive') ? <IntakePage /> : <ForbiddenPage />;
  if (id === 'so-lieu') return can(me, 'feedback.figures') ? <FiguresPage /> : <ForbiddenPage />;
  return <ItemPage />;
}
