import { z } from 'zod';
import type { AuthenticatedUser } from '../domain/identity';
import { langOf } from '../domain/localized-text';
import { Id, type Round } from '../domain/round';
import { allowedDownload } from '../domain/setup/download-url';
import { mayEdit } from '../domain/setup/organisers';
import { FileRefusedError } from '../domain/setup/setup-errors';
import { contactsHowToCard, contactsPreviewCard } from '../../cards';
import { type Handler, route } from '../lib/route';
import { saveRoundChange } from '../rounds';
import { previewContactFile, withContacts } from './contact-list';
import { roundAtWork } from './edit-round';
import { answeredOf, roundCard } from './round-view';
import { actorOf, editableRound, newId, type SetupDeps } from './setup-deps';

/** Files are fetched up to this size and for this long, no more. */
export const CONTACT_FILE_LIMITS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 10_000 };
/** A preview can be applied for a day. */
const UPLOAD_TTL_MS = 24 * 3600_000;

/** A file attached in the 1:1 chat, as the Teams layer passes it on. */
const Attached = z.object({
  name: z.string().max(300).default('file'),
  downloadUrl: z.string().max(8000),
  fileType: z.string().max(40).optional(),
});
const ContactsData = z.object({ files: z.array(Attached).max(10).optional() });

/**
 * The round an attached contact list is for: the one the user last opened in the round card,
 * else the only round in set-up they may change. `noRound` when neither tells.
 */
async function targetRound(deps: SetupDeps, user: AuthenticatedUser): Promise<Round> {
  const focus = await deps.stores.setup.getFocus(user.tenantId, user.aadObjectId);
  const rounds = await deps.rounds.list();
  const focused = focus ? rounds.find((r) => r.id === focus) : undefined;
  if (focused && mayEdit(focused, user, deps.organisers)) return focused;
  const inSetup = rounds.filter((r) => r.setup && mayEdit(r, user, deps.organisers));
  if (inSetup.length === 1 && inSetup[0]) return inSetup[0];
  throw new FileRefusedError('noRound');
}

/**
 * `contacts` (and any file attached in the 1:1 chat): the attached contact list read and
 * previewed against the user's round, nothing changed yet; without a file, where the list is.
 * The file is fetched only from SharePoint or a configured host, at most 5 MiB, in 10 s.
 */
export function contactsRoute(deps: SetupDeps): Handler {
  return route(ContactsData, async ({ user, data }) => {
    const lang = langOf(user.locale);
    const file = data.files?.[0];
    // Typed, it shows where the list is for the round at work; a file goes only where told.
    const target = file ? await targetRound(deps, user) : await roundAtWork(deps, user);
    const { round } = await editableRound(deps, user, target.id);
    if (!file) return contactsHowToCard({ lang, round, contactsUrl: deps.contactsUrl?.(round.id) });
    const url = allowedDownload(file.downloadUrl, deps.fileHosts);
    if (!url) throw new FileRefusedError('host');
    const bytes = await deps.downloads.fetch(url, CONTACT_FILE_LIMITS);
    const answered = await answeredOf(deps, round);
    const { list, preview, applicable } = await previewContactFile(
      bytes,
      file.name,
      round,
      answered,
    );
    let uploadId: string | undefined;
    if (applicable) {
      uploadId = newId(deps);
      await deps.stores.setup.saveUpload({
        roundId: round.id,
        uploadId,
        tenantId: user.tenantId,
        aadObjectId: user.aadObjectId,
        fileName: file.name,
        at: deps.clock.now().toISOString(),
        organisations: list.organisations,
      });
    }
    return contactsPreviewCard({
      lang,
      round,
      fileName: file.name,
      preview,
      issues: list.issues,
      uploadId,
    });
  });
}

const ApplyData = z.object({ roundId: Id, uploadId: z.string().regex(/^[0-9a-f-]{36}$/i) });

/**
 * `round.contacts.apply`: the previewed contact list becomes the round's organisations, as
 * previewed against the round now (organisations with answers kept). Only the person who
 * attached it applies it, within a day, once.
 */
export function contactsApplyRoute(deps: SetupDeps): Handler {
  return route(ApplyData, async ({ user, data }) => {
    const { round, stored } = await editableRound(deps, user, data.roundId);
    const upload = await deps.stores.setup.getUpload(data.roundId, data.uploadId);
    const fresh = upload && deps.clock.now().getTime() - Date.parse(upload.at) < UPLOAD_TTL_MS;
    const mine = upload?.tenantId === user.tenantId && upload.aadObjectId === user.aadObjectId;
    if (!upload || !fresh || !mine) throw new FileRefusedError('expired');
    const answered = await answeredOf(deps, round);
    const next = withContacts(stored.value, upload.organisations, answered);
    const written = await saveRoundChange(
      { rounds: deps.rounds, responses: deps.stores.responses },
      stored,
      next.round,
      actorOf(user),
      deps.clock,
    );
    await deps.stores.setup.deleteUpload(data.roundId, data.uploadId);
    const p = next.preview;
    return roundCard(
      deps,
      user,
      { ...written.value, tenantId: round.tenantId },
      {
        flash: {
          key: 'applied',
          params: { added: p.added.length, changed: p.changed.length, removed: p.removed.length },
        },
        answered,
      },
    );
  });
}
