import { type Clock, type Stores, systemClock } from '../domain/ports';
import {
  type ErasedPerson,
  type RemovedRole,
  eraseInCouncil,
  eraseInLaunch,
  eraseInMeasure,
  eraseInPoint,
  eraseInReference,
  eraseInResponse,
  eraseInThread,
  eraseInVersion,
  withoutPerson,
} from '../domain/audit/erasure';
import { pseudonymOf } from '../domain/audit/pseudonym';
import type { Version, VersionActor } from '../domain/audit/version';
import { changeRound } from '../rounds';

/** Whom to erase: an e-mail or an object id, optionally only in one tenant. */
export interface ForgetRequest {
  email?: string;
  aadObjectId?: string;
  tenantId?: string;
}

export interface ForgetDeps {
  stores: Stores;
  /** Who removes the person's roles (the operator): their round changes are versioned. */
  by: VersionActor;
  clock?: Clock;
  /** The installation's home tenant, for rounds that name none. */
  homeTenant?: string;
}

/** What an erasure changed; all zero and empty when nothing of the person was stored. */
export interface Forgotten {
  pseudonym: string;
  /** The ids and addresses found for the person (the ones asked for, and those stored with them). */
  aadObjectIds: string[];
  emails: string[];
  /** Personal conversation references removed, and how many held an e-mail look-up. */
  references: number;
  emailLookups: number;
  /** Channel and group-chat references whose last speaker was the person. */
  channelReferences: number;
  /** Records of the app installed for them through Microsoft Graph. */
  installs: number;
  /** Round set-up state: the round they last opened, contact lists they attached. */
  setupRecords: number;
  deliveries: Array<{ roundId: string; records: number }>;
  roles: RemovedRole[];
  /** Versions, answers' and threads' labels, points, council and launch records renamed. */
  versions: number;
  points: number;
  labels: number;
}

/** The person is a round's only coordinator: erasing them would leave it with none. */
export class LastCoordinatorError extends Error {
  constructor(readonly roundIds: string[]) {
    super(
      `the person is the only coordinator of ${roundIds.join(', ')}: name another coordinator first (hyte round import), then run this again`,
    );
  }
}

const lower = (s: string) => s.trim().toLowerCase();

/**
 * Erases a person (GDPR): their personal conversation references and the e-mail looked up
 * with them, their delivery records, their roles in every round (each removal a versioned
 * change of the round), and their name, ids and address wherever the record keeps who did
 * something — versions, workshop points, who last changed an answer, who submitted, who
 * started a thread, linked the council channel or launched — become one pseudonym. What the
 * organisations answered stays. Nothing stored of the person is left but the pseudonym, so a
 * second run finds nothing more to change.
 */
export async function forgetPerson(deps: ForgetDeps, request: ForgetRequest): Promise<Forgotten> {
  const { stores } = deps;
  const clock = deps.clock ?? systemClock;
  const tenant = request.tenantId ? lower(request.tenantId) : undefined;
  const inTenant = (t: string | undefined) => !tenant || !t || lower(t) === tenant;

  // Who the person is: the ids and addresses asked for, and those stored beside them.
  const aadObjectIds = new Set(request.aadObjectId ? [lower(request.aadObjectId)] : []);
  const emails = new Set(request.email ? [lower(request.email)] : []);
  const users = (await stores.conversations.listEveryUser()).filter((u) => inTenant(u.tenantId));
  for (const u of users)
    if (u.email && emails.has(lower(u.email)) && u.aadObjectId)
      aadObjectIds.add(lower(u.aadObjectId));
  // The bot's Graph installs name the e-mail a round gave them by, beside their object id.
  const installs = (await stores.conversations.listEveryInstall()).filter((i) =>
    inTenant(i.tenantId),
  );
  for (const i of installs)
    if (i.email && emails.has(lower(i.email))) aadObjectIds.add(lower(i.aadObjectId));
  const theirs = users.filter((u) => u.aadObjectId && aadObjectIds.has(lower(u.aadObjectId)));
  for (const u of theirs) if (u.email) emails.add(lower(u.email));

  // The names they went by, where the record keeps them beside their id.
  const names = new Set<string>();
  const named = (name: string | undefined) => name?.trim() && names.add(lower(name));
  for (const u of theirs) named(u.name);
  const channels = await stores.conversations.listEveryConversation();
  for (const c of channels) {
    const user = c.reference.user as { aadObjectId?: string; name?: string } | undefined;
    if (user?.aadObjectId && aadObjectIds.has(lower(user.aadObjectId)) && inTenant(c.tenantId)) {
      named(user.name);
      named(c.name);
    }
  }
  const rounds = await stores.rounds.list();
  const isThem = (by: Version['by']) => !!by.aadObjectId && aadObjectIds.has(lower(by.aadObjectId));
  for (const round of rounds) {
    const versions = [
      ...(await stores.responses.versions(round.id)),
      ...(await stores.workshops.versions(round.id)),
      ...(await stores.rounds.versions(round.id)),
    ];
    for (const v of versions) if (isThem(v.by) && inTenant(v.by.tenantId)) named(v.by.name);
    for (const points of (await stores.workshops.listPoints(round.id)).values())
      for (const p of points) if (aadObjectIds.has(lower(p.authorId))) named(p.author);
  }

  const who = {
    aadObjectIds,
    emails,
    labels: new Set([...names, ...aadObjectIds, ...emails]),
    tenantId: tenant,
  };
  // Checked before anything is written.
  const lastCoordinator = rounds.filter(
    (r) =>
      withoutPerson({ ...who, pseudonym: '' }, r, deps.homeTenant)?.round.coordinators.length === 0,
  );
  if (lastCoordinator.length) throw new LastCoordinatorError(lastCoordinator.map((r) => r.id));
  const person: ErasedPerson = {
    ...who,
    pseudonym: pseudonymOf(await stores.record.pseudonymKey(), { aadObjectIds, emails }),
  };

  const out: Forgotten = {
    pseudonym: person.pseudonym,
    aadObjectIds: [...aadObjectIds].sort(),
    emails: [...emails].sort(),
    references: 0,
    emailLookups: 0,
    channelReferences: 0,
    installs: 0,
    setupRecords: 0,
    deliveries: [],
    roles: [],
    versions: 0,
    points: 0,
    labels: 0,
  };
  for (const u of theirs) {
    if (await stores.conversations.deleteUser(u.tenantId, u.aadObjectId ?? '')) {
      out.references++;
      if (u.email) out.emailLookups++;
    }
  }
  for (const i of installs) {
    const theirInstall = aadObjectIds.has(lower(i.aadObjectId));
    if (theirInstall && (await stores.conversations.deleteInstall(i.tenantId, i.aadObjectId)))
      out.installs++;
  }
  out.setupRecords = await stores.setup.forget(aadObjectIds, tenant);
  for (const c of channels) {
    const { conversationId, ...ref } = c;
    const next = eraseInReference(person, ref);
    if (!next) continue;
    await stores.conversations.saveConversation(conversationId, next);
    out.channelReferences++;
  }

  const version = (v: Version) => eraseInVersion(person, v);
  const persons = [
    ...[...aadObjectIds].map((id) => `aad:${id}`),
    ...[...emails].map((e) => `email:${e}`),
  ];
  for (const round of rounds) {
    let removed: RemovedRole[] = [];
    const changed = await changeRound(
      stores.rounds,
      round.id,
      (current) => {
        const without = current && withoutPerson(person, current, deps.homeTenant);
        removed = without?.removed ?? [];
        return without?.round;
      },
      deps.by,
      clock,
      // The change that removes them names them: recorded under the pseudonym.
      (v) => version(v) ?? v,
    );
    if (changed.version) out.roles.push(...removed);
    const records = await stores.deliveries.forget(round.id, persons);
    if (records) out.deliveries.push({ roundId: round.id, records });
    const sheets = await stores.responses.rewriteSheets(round.id, {
      version,
      measure: (m, vs) => eraseInMeasure(person, m, vs),
      response: (r, vs) => eraseInResponse(person, r, vs),
    });
    const workshop = await stores.workshops.rewriteWorkshop(round.id, {
      version,
      point: (p) => eraseInPoint(person, p),
      thread: (t) => eraseInThread(person, t),
    });
    const setup = await stores.rounds.rewriteVersions(round.id, version);
    out.versions += sheets.versions + workshop.versions + setup;
    out.points += workshop.points;
    out.labels += sheets.measures + sheets.responses + workshop.threads;
    const council = await stores.roundState.getCouncil(round.id);
    const councilNext = council && eraseInCouncil(person, council);
    if (councilNext) {
      await stores.roundState.setCouncil(councilNext);
      out.labels++;
    }
    const launch = await stores.roundState.getLaunch(round.id);
    const launchNext = launch && eraseInLaunch(person, launch);
    if (launchNext) {
      await stores.roundState.putLaunch(launchNext);
      out.labels++;
    }
  }
  return out;
}
