import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { Answer, NonBlank } from './schema-primitives.js';

/**
 * The three statutory exceptions: paragraph (1) of the definition of "breach", 45 CFR 164.402. Each
 * condition of the text is a question with an explicit `unknown`; an exception holds only when every
 * condition is affirmatively `yes`. A claimed exception that is not established falls through to the
 * four-factor risk assessment (164.402(2)).
 */
export const EXCEPTION_KINDS = ['good_faith_workforce', 'inadvertent_internal', 'could_not_retain'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const ExceptionClaim = lazySchema(() =>
  z.discriminatedUnion(
    'kind',
    [
      z
        .object({
          // 45 CFR 164.402(1)(i)
          kind: z.literal('good_faith_workforce'),
          /** The acquisition, access or use was unintentional. */
          unintentional: Answer,
          /** By a workforce member or a person acting under the authority of the CE or BA. */
          byWorkforceOrUnderAuthority: Answer,
          goodFaith: Answer,
          withinScopeOfAuthority: Answer,
          /** It did not result in further use or disclosure not permitted by the Privacy Rule. */
          noFurtherImpermissibleUseOrDisclosure: Answer,
          basis: NonBlank(2000).optional(),
        })
        .strict(),
      z
        .object({
          // 45 CFR 164.402(1)(ii)
          kind: z.literal('inadvertent_internal'),
          inadvertent: Answer,
          /** The person who disclosed is authorized to access PHI at the CE or BA. */
          discloserAuthorized: Answer,
          /** The recipient is authorized to access PHI at the same CE or BA, or the same organized health care arrangement. */
          recipientAuthorizedAtSameEntityOrOhca: Answer,
          /**
           * The recipient works at ANOTHER participant of the same organized health care arrangement as the
           * discloser (164.402(1)(ii), 164.501 "organized health care arrangement"). Required as "yes" when
           * assessment.unauthorizedRecipient.kind is another covered entity or business associate.
           */
          sameOrganizedHealthCareArrangement: Answer.optional(),
          noFurtherImpermissibleUseOrDisclosure: Answer,
          basis: NonBlank(2000).optional(),
        })
        .strict(),
      z
        .object({
          // 45 CFR 164.402(1)(iii)
          kind: z.literal('could_not_retain'),
          /** A good-faith belief that the unauthorized recipient would not reasonably have been able to retain the PHI. */
          goodFaithBeliefCouldNotRetain: Answer,
          basis: NonBlank(2000).optional(),
        })
        .strict(),
    ],
    { error: `must be one of: ${EXCEPTION_KINDS.join(', ')} (45 CFR 164.402(1)(i)–(iii))` },
  ),
);
export type ExceptionClaim = z.infer<typeof ExceptionClaim>;

export const EXCEPTION_CITATIONS: Record<ExceptionKind, string> = {
  good_faith_workforce: '45 CFR 164.402(1)(i)',
  inadvertent_internal: '45 CFR 164.402(1)(ii)',
  could_not_retain: '45 CFR 164.402(1)(iii)',
};

const EXCEPTION_NAMES: Record<ExceptionKind, string> = {
  good_faith_workforce: 'unintentional good-faith acquisition, access or use by a workforce member within the scope of authority',
  inadvertent_internal: 'inadvertent disclosure between persons authorized at the same entity or organized health care arrangement',
  could_not_retain: 'the unauthorized recipient could not reasonably have retained the PHI',
};

export interface ExceptionFinding {
  kind: ExceptionKind;
  applies: boolean;
  citation: string;
  reason: string;
}

/** Evaluates a claimed exception against its own conditions (consistency with other facts is facts-validation's job). */
export function evaluateException(e: ExceptionClaim): ExceptionFinding {
  const conditions: [string, Answer][] =
    e.kind === 'good_faith_workforce'
      ? [
          ['unintentional', e.unintentional],
          ['by a workforce member or person acting under our authority', e.byWorkforceOrUnderAuthority],
          ['in good faith', e.goodFaith],
          ['within the scope of authority', e.withinScopeOfAuthority],
          ['no further impermissible use or disclosure', e.noFurtherImpermissibleUseOrDisclosure],
        ]
      : e.kind === 'inadvertent_internal'
        ? [
            ['inadvertent', e.inadvertent],
            ['the discloser is authorized to access PHI', e.discloserAuthorized],
            ['the recipient is authorized at the same entity or OHCA', e.recipientAuthorizedAtSameEntityOrOhca],
            ['no further impermissible use or disclosure', e.noFurtherImpermissibleUseOrDisclosure],
          ]
        : [['a good-faith belief that the recipient could not reasonably have retained the PHI', e.goodFaithBeliefCouldNotRetain]];
  const failing = conditions.filter(([, a]) => a !== 'yes');
  const citation = EXCEPTION_CITATIONS[e.kind];
  if (failing.length === 0) return { kind: e.kind, applies: true, citation, reason: `${EXCEPTION_NAMES[e.kind]}: every condition is met` };
  const why = failing.map(([c, a]) => `${c}: ${a}`).join('; ');
  return { kind: e.kind, applies: false, citation, reason: `${EXCEPTION_NAMES[e.kind]}: not established (${why})` };
}
