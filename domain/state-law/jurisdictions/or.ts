import type { StateLawEntryInput } from '../schema.js';
import { STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

/** ORS 646A.604. UNVERIFIED: the statute text was not checked for this pack version. */
export const entry = {
  "jurisdiction": "OR",
  "status": "encoded",
  "statute": "ORS 646A.604",
  "statuteVerification": "unverified",
  "reviewedOn": "2026-12-03",
  "obligations": [
    {
      "id": "individual_notice",
      "label": "Notice to affected Oregon consumers (45 days after discovery)",
      "recipientKind": "individuals",
      "recipient": "each affected Oregon consumer",
      "trigger": {
        "residents": {
          "atLeast": 1
        },
        "entity": "any",
        "dataElements": [
          "ssn",
          "government_id",
          "financial_account",
          "medical",
          "health_insurance",
          "biometric",
          "online_credentials"
        ]
      },
      "clock": {
        "type": "days",
        "amount": 45,
        "unit": "calendar_days",
        "anchor": "discovery"
      },
      "citation": "ORS 646A.604(3)",
      "methods": [
        "written notice",
        "electronic notice",
        "telephone"
      ],
      "hipaa": {
        "interplay": "counsel_review",
        "note": "An entity that complies with HIPAA notice rules may be deemed compliant (ORS 646A.604 exemption); counsel to confirm which notices it covers."
      },
      "effectiveFrom": "2020-01-01",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE
      ]
    },
    {
      "id": "ag_notice",
      "label": "Notice to the Oregon Attorney General (more than 250 Oregon consumers)",
      "recipientKind": "attorney_general",
      "recipient": "Oregon Attorney General (Department of Justice)",
      "trigger": {
        "residents": {
          "moreThan": 250
        },
        "entity": "any",
        "dataElements": [
          "ssn",
          "government_id",
          "financial_account",
          "medical",
          "health_insurance",
          "biometric",
          "online_credentials"
        ]
      },
      "clock": {
        "type": "days",
        "amount": 45,
        "unit": "calendar_days",
        "anchor": "discovery"
      },
      "citation": "ORS 646A.604(1)(b)",
      "methods": [
        "Oregon DOJ online form with a copy of the consumer notice"
      ],
      "hipaa": {
        "interplay": "counsel_review",
        "note": "Whether the HIPAA exemption reaches the AG notice is counsel's call: planned as owed."
      },
      "effectiveFrom": "2020-01-01",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE
      ]
    },
    {
      "id": "cra_notice",
      "label": "Notice to the consumer reporting agencies (more than 1,000 Oregon consumers)",
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
          "medical",
          "health_insurance",
          "biometric",
          "online_credentials"
        ]
      },
      "clock": {
        "type": "expedient",
        "words": "without unreasonable delay"
      },
      "citation": "ORS 646A.604(6)",
      "methods": [
        "written notice"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "No HIPAA exemption found."
      },
      "effectiveFrom": "2020-01-01",
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
