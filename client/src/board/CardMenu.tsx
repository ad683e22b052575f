import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import './compactBoard.css';

export interface MenuItem {
  label: string;
  onSelect(): void;
  danger?: boolean;
}

interface Props {
  /** The button's accessible name, e.g. "More actions for this card". */
  label: string;
  items: MenuItem[];
  /** The id of an error this button's last action caused, shown next to it. */
  describedBy?: string | undefined;
}

/**
 * A WAI-ARIA menu button (https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/): Enter, Space or ArrowDown
 * open it on the first item (ArrowUp on the last), arrows, Home and End move, Escape closes it and returns
 * focus to the button, Tab closes it and moves on. The menu is fixed to the viewport so no scrolling column
 * clips it.
 */
export function CardMenu({ label, items, describedBy }: Props) {
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const [open, setOpen] = useState<null | 'first' | 'last'>(null);

  const close = (returnFocus: boolean) => {
    setOpen(null);
    if (returnFocus) button.current?.focus();
  };

  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const at = button.current!.getBoundingClientRect();
      const el = menu.current!;
      // Below the button, or above it when the screen has no room below; never off the left or right edge.
      const top = at.bottom + el.offsetHeight + 4 <= window.innerHeight ? at.bottom + 4 : Math.max(4, at.top - el.offsetHeight - 4);
      el.style.top = `${top}px`;
      el.style.left = `${Math.min(Math.max(4, at.right - el.offsetWidth), window.innerWidth - el.offsetWidth - 4)}px`;
    };
    place();
    const all = menu.current!.querySelectorAll<HTMLButtonElement>('[role="menuitem"]');
    all[open === 'first' ? 0 : all.length - 1]?.focus();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
    // Placed and focused once per opening; the items do not change while it is open.
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const all = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') focus(index + 1);
    else if (e.key === 'ArrowUp') focus(index - 1);
    else if (e.key === 'Home') focus(0);
    else if (e.key === 'End') focus(all.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') return close(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="card-menu-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? menuId : undefined}
        aria-describedby={describedBy}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKey}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={label}
          className="card-menu"
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={item.danger ? 'danger' : undefined}
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
