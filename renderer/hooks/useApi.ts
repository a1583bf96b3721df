import { createContext, useContext } from 'react';
import type { TokenTrayBridge } from '../api/types';

export const ApiContext = createContext<TokenTrayBridge | null>(null);

/** The API the window talks to (Electron's preload or the browser host). */
export function useApi(): TokenTrayBridge {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an ApiContext provider');
  return api;
}
