import type { StateLawEntryInput } from '../schema.js';
import { STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

/** N.J.S.A. 56:8-163. UNVERIFIED: the statute text was not checked for this pack version. */
export const entry = {
  "jurisdiction": "NJ",
  "status": "encoded",
  "statute": "N.J.S.A. 56:8-163",
  "statuteVerification": "unverified",
  "reviewedOn": "2026-12-03",
  "obligations": [
    {
      "id": "state_police",
      "label": "Report to the New Jersey Division of State Police before notifying individuals",
      "recipientKind": "regulator",
      "recipient": "New Jersey Division of State Police (Department of Law and Public Safety)",
      "trigger": {
        "residents": {
          "atLeast": 1
        },
        "entity": "any",
        "dataElements": [
          "ssn",
          "government_id",
          "financial_account",
          "online_credentials"
        ]
      },
      "clock": {
        "type": "days",
        "amount": 0,
        "unit": "calendar_days",
        "anchor": "individual_notice"
      },
      "citation": "N.J.S.A. 56:8-163(c)(1)",
      "methods": [
        "NJ State Police cyber incident reporting"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "No HIPAA exemption found for the State Police report."
      },
      "effectiveFrom": "2006-01-01",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE,
        "\"in advance of the disclosure to the customer\": planned as due no later than the day the individual notices go out — send it before them."
      ]
    },
    {
      "id": "individual_notice",
      "label": "Notice to affected New Jersey residents (most expedient time possible)",
      "recipientKind": "individuals",
      "recipient": "each affected New Jersey customer",
      "trigger": {
        "residents": {
          "atLeast": 1
        },
        "entity": "any",
        "dataElements": [
          "ssn",
          "government_id",
          "financial_account",
          "online_credentials"
        ]
      },
      "clock": {
        "type": "expedient",
        "words": "in the most expedient time possible and without unreasonable delay"
      },
      "citation": "N.J.S.A. 56:8-163(a)",
      "methods": [
        "written notice",
        "electronic notice"
      ],
      "hipaa": {
        "interplay": "counsel_review",
        "note": "Notice under the entity's primary regulator's procedures may be deemed compliant; counsel to confirm for HIPAA.",
        "citation": "N.J.S.A. 56:8-166"
      },
      "effectiveFrom": "2006-01-01",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE
      ]
    },
    {
      "id": "cra_notice",
      "label": "Notice to the consumer reporting agencies (more than 1,000 persons)",
      "recipientKind": "consumer_reporting_agencies",
      "recipient": "each nationwide consumer reporting agency",
      "trigger": {
        "residents": {
          "moreThan": 1000
        },
        "entity": "any",
        "dataElements": [
          "ssn",
          "government_id",
          "financial_account",
          "online_credentials"
        ]
      },
      "clock": {
        "type": "expedient",
        "words": "without unreasonable delay"
      },
      "citation": "N.J.S.A. 56:8-163(f)",
      "methods": [
        "written notice"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "No HIPAA exemption found."
      },
      "effectiveFrom": "2006-01-01",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE
      ]
    }
  ],
  "notes": [
    "Every rule of this entry is UNVERIFIED: encoded from the starting sheet and general knowledge; counsel must check the statute text."
  ]
} satisfies StateLawEntryInput;
