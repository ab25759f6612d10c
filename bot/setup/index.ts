import { Verbs } from '../../cards';
import type { Handler } from '../lib/route';
import { contactsApplyRoute, contactsRoute } from './contacts-actions';
import { createRoundRoute, newRoundRoute } from './new-round';
import {
  goalDeleteRoute,
  goalSaveRoute,
  organisationDeleteRoute,
  organisationSaveRoute,
} from './part-edits';
import { editRoute, settingsSaveRoute } from './round-edits';
import { editRoundRoute } from './edit-round';

import type { SetupDeps } from './setup-deps';

export type { SetupDeps };
export { CONTACT_FILE_LIMITS } from './contacts-actions';
export { type ContactListPreview, previewContactFile, withContacts } from './contact-list';
export { contactsWorkbook, contactRows } from './contacts-workbook';
export { readContactFile } from './contacts-file';
export { applyContactFile, type ContactFileResult, previewLines } from './contacts-offline';

/**
 * Round set-up in chat: the year's round made from last year's, its settings, goals and
 * organisations edited on the round card, and the contact list in Excel.
 */
export function createSetupService(deps: SetupDeps) {
  return {
    verbs: {
      [Verbs.roundCreate]: createRoundRoute(deps),
      [Verbs.roundEdit]: editRoute(deps),
      [Verbs.roundSettingsSave]: settingsSaveRoute(deps),
      [Verbs.roundGoalSave]: goalSaveRoute(deps),
      [Verbs.roundGoalDelete]: goalDeleteRoute(deps),
      [Verbs.roundOrganisationSave]: organisationSaveRoute(deps),
      [Verbs.roundOrganisationDelete]: organisationDeleteRoute(deps),
      [Verbs.roundContactsApply]: contactsApplyRoute(deps),
    } satisfies Record<string, Handler>,
    commands: {
      newRound: newRoundRoute(deps),
      editRound: editRoundRoute(deps),
      contacts: contactsRoute(deps),
    } satisfies Record<string, Handler>,
  };
}

/** Round set-up's verbs and commands. */
export type SetupService = ReturnType<typeof createSetupService>;
