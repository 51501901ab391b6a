import { http } from './client.ts';

export interface KeyStatus {
  suite: string;
  currentVersion: number;
  versions: Array<{ version: number; children: number; publicationKeys: number; inKeyFile: boolean }>;
  lastRotation: { at: string; by: string | null } | null;
}

export const keysApi = {
  status: () => http.get<KeyStatus>('/keys/status'),
};
