import { DEFAULT_SETTINGS, type Settings, settingsProblem } from '../shared/config.ts';
import { AppError, ErrorCodes } from '../shared/errors.ts';
import { local } from '../shared/storage.ts';

export async function loadSettings(): Promise<Settings> {
  return (await local.get('settings')) ?? DEFAULT_SETTINGS;
}

export async function usableSettings(): Promise<Settings> {
  const settings = await loadSettings();
  const problem = settingsProblem(settings);
  if (problem) throw new AppError(ErrorCodes.notConfigured, problem);
  return settings;
}
