/** A hash route, `#/screen/arg…`: the console has a handful of screens, no router library needed. */
import { useEffect, useState } from 'react';

export interface Route {
  screen: string;
  args: string[];
}

function parse(fallback: string): Route {
  const [screen, ...args] = window.location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { screen: screen || fallback, args };
}

export function navigate(screen: string, ...args: string[]): void {
  window.location.hash = `/${[screen, ...args].map(encodeURIComponent).join('/')}`;
}

export function useRoute(fallback: string): Route {
  const [route, setRoute] = useState(() => parse(fallback));
  useEffect(() => {
    const update = () => setRoute(parse(fallback));
    update();
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, [fallback]);
  return route;
}
