import type { ReactNode } from 'react';
import { DisplayOptions } from './DisplayOptions';
import { UndoToasts } from './UndoToasts';

interface Props {
  title: string;
  subtitle?: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}

/** Every page: a skip link, a banner with the page title, one main landmark. */
export function Layout({ title, subtitle, aside, children, wide }: Props) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="brand">
          <a href="/" className="logo" aria-label="Roundtable home">
            Roundtable
          </a>
        </div>
        <div className="header-title">
          <h1>{title}</h1>
          {subtitle && <div className="subtitle">{subtitle}</div>}
        </div>
        <div className="header-aside">
          {aside}
          <DisplayOptions />
        </div>
      </header>
      <main id="main" tabIndex={-1} className={wide ? 'wide' : 'narrow'}>
        {children}
      </main>
      <UndoToasts />
    </>
  );
}
