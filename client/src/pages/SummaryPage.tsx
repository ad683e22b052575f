import { useEffect, useMemo, useState } from 'react';
import { summaryDocName } from '../../../shared/docNames';
import { namesModeOf } from '../../../shared/namesMode';
import type { EventInfo } from '../../../shared/types';
import type { DocBlock } from '../../../shared/summary/docBlocks';
import type { EventSummary } from '../../../shared/summary/summaryModel';
import { countOf } from '../../../shared/summary/counts';
import { renderSummaryDocument } from '../../../shared/summary/documentModel';
import { runCommand, CommandFailed } from '../control/socket';
import { EventDetailsForm } from '../eventDetails/EventDetailsForm';
import { InvitePanel } from '../facilitator/InvitePanel';
import { useKeyExchange } from '../facilitator/useKeyExchange';
import { useStaffControl, type StaffControl } from '../facilitator/useStaffControl';
import { useSession } from '../state/sessionStore';
import { DocumentPreview } from '../summary/DocumentPreview';
import { ExportLinks } from '../summary/ExportLinks';
import { LogoUpload } from '../summary/LogoUpload';
import { OrganiserOverview } from '../summary/OrganiserOverview';
import { SectionsEditor } from '../summary/SectionsEditor';
import { SynthesisView } from '../summary/SynthesisView';
import { NextStepsEditor, TextSections, ThemesEditor } from '../summary/ThemesAndNextSteps';
import { useSummary } from '../summary/useSummary';
import { ChangesRefused } from '../ui/ChangesRefused';
import { ConnectionEnded } from '../ui/ConnectionEnded';
import { DocStatusLine } from '../ui/DocStatusLine';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Layout } from '../ui/Layout';
import type { DocStatus } from '../yjs/docStatus';
import { useDocConnection } from '../yjs/useDocConnection';
import type { DocConnection } from '../yjs/connectDoc';

/** Facilitators synthesise the boards into the event summary; organisers review and export it. */
export function SummaryPage({ eventId }: { eventId: string }) {
  const exchange = useKeyExchange(eventId);
  const { event, me, error, load } = useSession();
  useEffect(() => {
    if (exchange.ready) void load(eventId);
  }, [exchange.ready, eventId, load]);
  const isStaff = me?.role === 'facilitator' || me?.role === 'organiser';
  const { connection, status, reload } = useDocConnection(isStaff ? summaryDocName(eventId) : null);
  const ended = status.status === 'ended' || status.status === 'moved' ? status.reason : null;
  if (ended) {
    return (
      <Layout title="Event summary">
        <ConnectionEnded reason={ended} audience="staff" what="summary" />
      </Layout>
    );
  }
  const problem = exchange.error ?? error?.message ?? (me && !isStaff ? 'The summary is for facilitators and organisers.' : null);
  if (problem) {
    return (
      <Layout title="Event summary">
        <ErrorMessage message={problem} />
      </Layout>
    );
  }
  if (!event || !me || !connection) {
    return (
      <Layout title="Event summary">
        <p role="status">Loading the summary…</p>
      </Layout>
    );
  }
  return <SummaryWorkspace eventId={eventId} event={event} canEdit={me.role === 'facilitator'} connection={connection} status={status} reload={reload} />;
}

interface WorkspaceProps {
  eventId: string;
  /** The event as the page loaded it; pushed changes arrive through the staff control. */
  event: EventInfo;
  canEdit: boolean;
  connection: DocConnection;
  status: DocStatus;
  reload(): Promise<void>;
}

function SummaryWorkspace({ eventId, event, canEdit, connection, status, reload }: WorkspaceProps) {
  const refused = status.status === 'refused' ? status.reason : null;
  const { summary, apply, error } = useSummary(connection.doc);
  // Organisers too: they edit the event details here, and every staff page follows pushed changes.
  const control = useStaffControl(eventId, true);
  const [drafting, setDrafting] = useState(false);
  const [draftMessage, setDraftMessage] = useState<string | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);
  const blocks = useMemo(() => (summary ? renderSummaryDocument(summary) : []), [summary]);
  const openSuggestions = summary?.suggestions.filter((s) => s.status === 'open').length ?? 0;
  const current = control.event ?? event;

  const draft = async () => {
    if (!control.socket) return;
    setDrafting(true);
    setDraftError(null);
    try {
      const result = await runCommand<'summary:draft', { messages: number; suggestions: number; themes: number }>(control.socket, 'summary:draft');
      setDraftMessage(
        `Drafted ${countOf(result.messages, 'key message')}, ${countOf(result.suggestions, 'suggested merge')} and ${countOf(result.themes, 'theme')}. Your edits were kept.`,
      );
    } catch (e) {
      setDraftError(e instanceof CommandFailed ? e.message : String(e));
    } finally {
      setDrafting(false);
    }
  };

  return (
    <Layout
      wide
      title={`Summary: ${current.title}`}
      subtitle={canEdit ? <a href={`/facilitate/${eventId}`}>Back to the control panel</a> : 'Review and export'}
      aside={<DocStatusLine status={status} />}
    >
      {refused && <ChangesRefused reason={refused} what="summary" onReload={reload} />}
      {canEdit ? (
        <div className="summary-layout">
          <div className="summary-editor stack">
            {control.event && <EventDetailsForm socket={control.socket} event={control.event} />}
            <section className="panel stack" aria-labelledby="draft-heading">
              <h2 id="draft-heading">Draft from the boards</h2>
              <p className="hint">
                Builds the summary from every room’s cards, ranked by votes. Run it again after more cards arrive: your wording, merges and
                decisions are kept.
              </p>
              <div className="row">
                <button type="button" onClick={() => void draft()} disabled={drafting || !control.socket}>
                  {drafting ? 'Drafting…' : summary ? 'Re-draft from boards' : 'Draft from boards'}
                </button>
                {openSuggestions > 0 && <span className="badge">{countOf(openSuggestions, 'suggested merge')} to review</span>}
              </div>
              <p role="status" className="hint">
                {draftMessage}
              </p>
              <ErrorMessage message={draftError ?? error} />
            </section>
            {!summary ? (
              <p className="panel empty">No summary yet. Draft it from the boards to begin.</p>
            ) : (
              <>
                <SectionsEditor summary={summary} apply={apply} />
                <SynthesisView summary={summary} apply={apply} />
                <ThemesEditor summary={summary} apply={apply} />
                <NextStepsEditor summary={summary} apply={apply} />
                <TextSections summary={summary} apply={apply} />
              </>
            )}
          </div>
          <div className="summary-side stack">
            <ExportLinks eventId={eventId} namesMode={namesModeOf(current)} />
            <LogoUpload eventId={eventId} organiser={current.organiser} />
            {summary && (
              <section className="panel" aria-labelledby="preview-heading">
                <h2 id="preview-heading">Preview</h2>
                <DocumentPreview blocks={blocks} />
              </section>
            )}
          </div>
        </div>
      ) : (
        <OrganiserView eventId={eventId} event={current} control={control} summary={summary} blocks={blocks} />
      )}
    </Layout>
  );
}

/** The organiser's page: the event at a glance, the summary's state, the preview, and the exports. */
interface OrganiserViewProps {
  eventId: string;
  event: EventInfo;
  control: StaffControl;
  summary: EventSummary | null;
  blocks: DocBlock[];
}

function OrganiserView({ eventId, event, control, summary, blocks }: OrganiserViewProps) {
  return (
    <div className="stack">
      <OrganiserOverview event={event} overview={control.overview} summary={summary} />
      <div className="summary-layout">
        <div className="stack">
          <section className="panel" aria-labelledby="preview-heading">
            <h2 id="preview-heading">Preview</h2>
            {summary ? <DocumentPreview blocks={blocks} /> : <p className="empty">Nothing to preview until the facilitators draft the summary.</p>}
          </section>
        </div>
        <div className="summary-side stack">
          <ExportLinks eventId={eventId} namesMode={namesModeOf(event)} />
          <LogoUpload eventId={eventId} organiser={event.organiser} />
          <InvitePanel eventId={eventId} eventTitle={event.title} socket={control.socket} />
          {control.event && <EventDetailsForm socket={control.socket} event={control.event} />}
        </div>
      </div>
    </div>
  );
}
