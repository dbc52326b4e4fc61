import { alertsSection, channelsSection } from './alerts';
import { monitorsSection } from './monitors';
import { groupsSection, settingsSection } from './settings';
import { templatesSection } from './templates';
import type { SectionDef } from './types';
import { peaksSection, windowsSection } from './windows';

/**
 * The sections of a workspace file, in the order they are written (a window names monitors, so
 * monitors come first). One entry per section: schema, checks, plan, apply and export follow.
 */
export const SECTIONS: readonly SectionDef[] = [
  settingsSection,
  groupsSection,
  monitorsSection,
  windowsSection,
  peaksSection,
  templatesSection,
  channelsSection,
  alertsSection,
];
