import { useEffect, useState } from 'react';
import type { AssignmentMode, EventInfo, EventLinks, Template } from '../../../shared/types';
import { api, ApiError } from '../api';
import { CopyField } from '../ui/CopyField';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Layout } from '../ui/Layout';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Organisers set up an event from a template; the links are shown once, to be kept safe. */
export function NewEventPage() {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [organiser, setOrganiser] = useState('');
  const [introduction, setIntroduction] = useState('');
  const [objectives, setObjectives] = useState('');
  const [agenda, setAgenda] = useState('');
  const [rooms, setRooms] = useState('');
  const [assignmentMode, setAssignmentMode] = useState<AssignmentMode>('self-select');
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

  const submit = async () => {
    setError(null);
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
        templateId,
        rooms: lines(rooms).map((topic) => ({ topic })),
        assignmentMode,
      }, keyRequired ? { 'X-Event-Creation-Key': creationKey.trim() } : {});
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
            <strong>Keep the facilitator and organiser links safe</strong>: anyone with them can run or export the event. They are shown only
            once.
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
        <label htmlFor="ev-template">Template</label>
        <select
          id="ev-template"
          value={templateId}
          onChange={(e) => {
            setTemplateId(e.target.value);
            const t = templates.find((x) => x.id === e.target.value);
            if (t) setRooms(t.rooms.map((r) => r.topic).join('\n'));
          }}
        >
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.questions.length} questions)
            </option>
          ))}
        </select>
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
