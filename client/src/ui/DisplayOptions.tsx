import { useEffect, useState } from 'react';

type Option = 'large-text' | 'high-contrast';

function useBodyOption(option: Option): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(`display:${option}`) === 'on');
  useEffect(() => {
    document.documentElement.classList.toggle(option, on);
    localStorage.setItem(`display:${option}`, on ? 'on' : 'off');
  }, [on, option]);
  return [on, setOn];
}

/** Large text and high contrast, remembered on this device. */
export function DisplayOptions() {
  const [large, setLarge] = useBodyOption('large-text');
  const [contrast, setContrast] = useBodyOption('high-contrast');
  return (
    <div className="display-options" role="group" aria-label="Display options">
      <button type="button" className="small ghost" aria-pressed={large} onClick={() => setLarge(!large)}>
        Larger text
      </button>
      <button type="button" className="small ghost" aria-pressed={contrast} onClick={() => setContrast(!contrast)}>
        High contrast
      </button>
    </div>
  );
}
