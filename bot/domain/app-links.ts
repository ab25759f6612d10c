/** Where an administrator or a person goes to let the bot reach them. */
export interface AppLinks {
  /** Opens the Teams app (its manifest id is the bot's app id) to add it. */
  install: string;
  /** An Entra administrator of `tenantId` consents to the bot's app registration there. */
  consent: (tenantId: string) => string;
}

/** The links for the bot whose app registration (and Teams app) id is `appId`. */
export function appLinks(appId: string): AppLinks {
  const id = encodeURIComponent(appId);
  return {
    install: `https://teams.microsoft.com/l/app/${id}`,
    consent: (tenantId) =>
      `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/adminconsent?client_id=${id}`,
  };
}
