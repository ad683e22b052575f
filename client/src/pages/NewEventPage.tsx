import { useEffect, useState } from 'react';
import type { AssignmentMode, EventInfo, EventLinks, NamesMode, SummaryLayout, Template } from '../../../shared/types';
import { api, ApiError } from '../api';
import { QuestionEditor } from '../newEvent/QuestionEditor';
import { draftsFrom, hasErrors, toInput, validateDrafts, type DraftErrors, type QuestionDraft } from '../newEvent/questionDrafts';
import { ownQuestions, TemplateChoice } from '../newEvent/TemplateChoice';
import { mainLinkIds } from '../../../shared/links';
import { keepLink } from '../facilitator/keptLinks';
import { CopyField } from '../ui/CopyField';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Layout } from '../ui/Layout';
import { NamesModeChoice } from '../ui/NamesModeChoice';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Organisers set up an event from a template or their own questions; the secret links are kept in this browser (Invite panel). */
export function NewEventPage() {
  const [templates, setTemplates] = useState<Template[]>([]);
  // A template id, or ownQuestions for "Write your own questions".
  const [templateId, setTemplateId] = useState('');
  const [drafts, setDrafts] = useState<QuestionDraft[]>([]);
  // Field messages appear after the first attempt to create, then follow the typing.
  const [checkDrafts, setCheckDrafts] = useState(false);
  const [summaryLayout, setSummaryLayout] = useState<SummaryLayout>('by-room');  const [title, setTitle] = useState('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [organiser, setOrganiser] = useState('');
  const [introduction, setIntroduction] = useState('');
  const [objectives, setObjectives] = useState('');
  const [agenda, setAgenda] = useState('');
  const [rooms, setRooms] = useState('');
  const [assignmentMode, setAssignmentMode] = useState<AssignmentMode>('self-select');
  const [namesMode, setNamesMode] = useState<NamesMode>('shown');
  const [creationKey, setCreationKey] = useState('');
  // Shown when the server says so (GET /api/config), or when it refuses for want of a key.
  const [keyRequired, setKeyRequired] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ info: EventInfo; links: EventLinks } | null>(null);

  useEffect(() => {
    void api<{ templates: Template[] }>('GET', '/api/templates').then(({ templates }) => {
      setTemplates(templates);
      const first = templates[0];
      if (first) {
        setTemplateId(first.id);
        setRooms(first.rooms.map((r) => r.topic).join('\n'));
      }
    });
    void api<{ eventCreationKeyRequired: boolean }>('GET', '/api/config').then(
      (config) => setKeyRequired(config.eventCreationKeyRequired),
      () => {}, // Older servers have no /api/config; a 403 below still shows the field.
    );
  }, []);

  const ownChosen = templateId === ownQuestions;
  const draftErrors: DraftErrors = ownChosen && checkDrafts ? validateDrafts(drafts) : [];

  const chooseTemplate = (id: string) => {
    if (id === ownQuestions) {
      // Start from the questions on screen so far, unless some are already written.
      if (!drafts.length) setDrafts(draftsFrom(templates.find((t) => t.id === templateId)?.questions ?? []));
    } else {
      const t = templates.find((x) => x.id === id);
      if (t) setRooms(t.rooms.map((r) => r.topic).join('\n'));
    }
    setTemplateId(id);
  };

  const submit = async () => {
    setError(null);
    if (ownChosen && hasErrors(validateDrafts(drafts))) {
      setCheckDrafts(true);
      setError('Please check the questions: the problems are marked next to each field.');
      // After the messages render, take keyboard users to the first field to fix.
      setTimeout(() => document.querySelector<HTMLElement>('.question-editor [aria-invalid="true"]')?.focus());
      return;
    }
    try {
      const result = await api<{ info: EventInfo; links: EventLinks }>('POST', '/api/events', {
        title,
        date,
        organiser,
        introduction,
        objectives: lines(objectives),
        // "Item | who" per line, like the agenda table of a printed programme.
        agenda: lines(agenda).map((line) => {
          const [item = '', who = ''] = line.split('|').map((s) => s.trim());
          return { item, who };
        }),
        // Own questions go instead of a template id (the server would let them win anyway).
        ...(ownChosen ? { questions: drafts.map(toInput) } : { templateId }),
        rooms: lines(rooms).map((topic) => ({ topic })),
        assignmentMode,
        summaryLayout,
        namesMode,
      }, keyRequired ? { 'X-Event-Creation-Key': creationKey.trim() } : {});
      // Kept in this browser, so the Invite panel can give them again (the server keeps only hashes).
      keepLink(result.info.id, mainLinkIds.facilitator, result.links.facilitator);
      keepLink(result.info.id, mainLinkIds.organiser, result.links.organiser);
      setCreated(result);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'event_creation_key_required') setKeyRequired(true);
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (created) {
    return (
      <Layout title="Your event is ready">
        <div className="panel stack">
          <p>
            <strong>Keep the facilitator and organiser links safe</strong>: anyone with them can run or export the event. They are kept in
            this browser; you can get them again from the Invite panel.
          </p>
          <CopyField label="Participant link (share this)" value={created.links.participant} />
          <CopyField label="Join code" value={created.links.joinCode} />
          <CopyField label="Facilitator link (secret)" value={created.links.facilitator} />
          <CopyField label="Organiser link (secret)" value={created.links.organiser} />
          <a className="button" href={created.links.facilitator}>
            Open the control panel
          </a>
        </div>
      </Layout>
    );
  }

  return (
    <Layout title="Create an event">
      <form
        className="panel stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="ev-title">Event title</label>
        <input id="ev-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        <label htmlFor="ev-date">Date</label>
        <input id="ev-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        <label htmlFor="ev-organiser">Organised by</label>
        <input id="ev-organiser" value={organiser} onChange={(e) => setOrganiser(e.target.value)} maxLength={200} />
        <TemplateChoice templates={templates} value={templateId} onChange={chooseTemplate} />
        {ownChosen && <QuestionEditor drafts={drafts} onChange={setDrafts} errors={draftErrors} />}
        <label htmlFor="ev-rooms">Rooms (one topic per line)</label>
        <textarea id="ev-rooms" rows={4} value={rooms} onChange={(e) => setRooms(e.target.value)} />
        <fieldset>
          <legend>How do people get to a room?</legend>
          {(
            [
              ['self-select', 'They choose a room when they join'],
              ['auto', 'Spread them evenly across rooms'],
              ['facilitator', 'The facilitator places them'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="choice">
              <input type="radio" name="assignment" checked={assignmentMode === value} onChange={() => setAssignmentMode(value)} />
              {label}
            </label>
          ))}
        </fieldset>
        <NamesModeChoice value={namesMode} onChange={setNamesMode} />
        <fieldset>
          <legend>How should the summary be grouped?</legend>
          {(
            [
              ['by-room', 'By room: each room’s cards together'],
              ['by-question', 'By question: every room’s answers to a question together'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="choice">
              <input type="radio" name="summary-layout" checked={summaryLayout === value} onChange={() => setSummaryLayout(value)} />
              {label}
            </label>
          ))}
        </fieldset>
        <label htmlFor="ev-intro">Introduction (for the summary)</label>
        <textarea id="ev-intro" rows={4} value={introduction} onChange={(e) => setIntroduction(e.target.value)} />
        <label htmlFor="ev-objectives">Learning objectives (one per line)</label>
        <textarea id="ev-objectives" rows={4} value={objectives} onChange={(e) => setObjectives(e.target.value)} />
        <label htmlFor="ev-agenda">Agenda (one item per line: item | who)</label>
        <textarea id="ev-agenda" rows={4} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
        {keyRequired && (
          <>
            <label htmlFor="ev-creation-key">Event creation key (from whoever runs this server)</label>
            <input
              id="ev-creation-key"
              type="password"
              autoComplete="off"
              value={creationKey}
              onChange={(e) => setCreationKey(e.target.value)}
              required
              maxLength={500}
            />
          </>
        )}
        <ErrorMessage message={error} />
        <button type="submit">Create event</button>
      </form>
    </Layout>
  );
}
