import { BoardPage } from './pages/BoardPage';
import { FacilitatorBoardPage } from './pages/FacilitatorBoardPage';
import { FacilitatorPage } from './pages/FacilitatorPage';
import { HomePage } from './pages/HomePage';
import { JoinPage } from './pages/JoinPage';
import { NewEventPage } from './pages/NewEventPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SummaryPage } from './pages/SummaryPage';
import { matchPath, usePath } from './router';

export function App() {
  const path = usePath();
  let params: Record<string, string> | null;
  if (path === '/' || path === '') return <HomePage />;
  if (path === '/new') return <NewEventPage />;
  if ((params = matchPath('/join/:code', path))) return <JoinPage code={params.code!} />;
  if ((params = matchPath('/e/:eventId/board', path))) return <BoardPage eventId={params.eventId!} />;
  if ((params = matchPath('/facilitate/:eventId', path))) return <FacilitatorPage eventId={params.eventId!} />;
  if ((params = matchPath('/facilitate/:eventId/room/:roomId', path))) return <FacilitatorBoardPage eventId={params.eventId!} roomId={params.roomId!} />;
  if ((params = matchPath('/summary/:eventId', path))) return <SummaryPage eventId={params.eventId!} />;
  return <NotFoundPage />;
}
