import { useState } from 'react';
import { navigate } from '../router';
import { Layout } from '../ui/Layout';

export function HomePage() {
  const [code, setCode] = useState('');
  return (
    <Layout title="Join a workshop">
      <form
        className="panel stack"
        onSubmit={(e) => {
          e.preventDefault();
          const clean = code.trim().toUpperCase();
          if (clean) navigate(`/join/${encodeURIComponent(clean)}`);
        }}
      >
        <label htmlFor="join-code">Join code</label>
        <p className="hint" id="join-code-hint">
          The 6-letter code on the facilitator's screen, for example K7PQ2M.
        </p>
        <input
          id="join-code"
          className="code-input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby="join-code-hint"
          required
        />
        <button type="submit">Continue</button>
      </form>
      <p className="panel">
        Running a workshop? <a href="/new">Create an event</a>.
      </p>
    </Layout>
  );
}
