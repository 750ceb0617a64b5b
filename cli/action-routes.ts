/**
 * The HTTP method and path of each incident action the CLI takes, by the contract's action names
 * (contract/incident-actions.ts on its way: when it lands, this table is read from it).
 */
export const ACTION_ROUTES = {
  me: { method: 'GET', path: '/me' },
  open: { method: 'POST', path: '/incidents' },
  list: { method: 'GET', path: '/incidents' },
  status: { method: 'GET', path: '/incidents/{ref}' },
  recordFacts: { method: 'POST', path: '/incidents/{ref}/facts' },
  decide: { method: 'POST', path: '/incidents/{ref}/decision' },
  startLawEnforcementDelay: { method: 'POST', path: '/incidents/{ref}/law-enforcement-delays' },
  endLawEnforcementDelay: { method: 'POST', path: '/incidents/{ref}/law-enforcement-delays/end' },
  confirmObligation: { method: 'POST', path: '/incidents/{ref}/obligations/{obligationId}/confirm' },
  acknowledge: { method: 'POST', path: '/incidents/{ref}/acknowledge' },
  attachRoster: { method: 'POST', path: '/incidents/{ref}/rosters' },
  startMailing: { method: 'POST', path: '/incidents/{ref}/obligations/{obligationId}/mailings' },
  sendCeNotice: { method: 'POST', path: '/incidents/{ref}/obligations/{obligationId}/ce-notice' },
  draft: { method: 'POST', path: '/incidents/{ref}/drafts/{kind}' },
  mailingProgress: { method: 'GET', path: '/incidents/{ref}/obligations/{obligationId}/mailing' },
  report: { method: 'GET', path: '/incidents/{ref}/report' },
} as const satisfies Record<string, { method: 'GET' | 'POST'; path: string }>;

export type ActionName = keyof typeof ACTION_ROUTES;

/** Evidence methods and draft kinds as the API accepts them (the contract's vocabulary, once landed). */
export const EVIDENCE_METHODS = ['first_class_mail', 'email', 'hhs_portal', 'press_release', 'web_posting', 'telephone', 'secure_transfer', 'other'] as const;
export const DRAFT_KINDS = ['hhs_portal', 'media', 'substitute', 'individual'] as const;
