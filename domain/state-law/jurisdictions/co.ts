import type { StateLawEntryInput } from '../schema.js';
import { STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

/** C.R.S. § 6-1-716. UNVERIFIED: the statute text was not checked for this pack version. */
export const entry = {
  "jurisdiction": "CO",
  "status": "encoded",
  "statute": "C.R.S. § 6-1-716",
  "statuteVerification": "unverified",
  "reviewedOn": "2026-12-03",
  "obligations": [
    {
      "id": "individual_notice",
      "label": "Notice to affected Colorado residents (30 days after determination)",
      "recipientKind": "individuals",
      "recipient": "each affected Colorado resident",
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
        "amount": 30,
        "unit": "calendar_days",
        "anchor": "determination"
      },
      "citation": "C.R.S. § 6-1-716(2)",
      "methods": [
        "written notice",
        "electronic notice"
      ],
      "hipaa": {
        "interplay": "counsel_review",
        "note": "An entity following its own regulator's procedures is deemed compliant, but where they conflict the shorter time controls and the AG notice is still required.",
        "citation": "C.R.S. § 6-1-716(3)"
      },
      "effectiveFrom": "2018-09-01",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE,
        "Colorado says expressly that the more protective (shorter) time controls: the engine plans the earliest."
      ]
    },
    {
      "id": "ag_notice",
      "label": "Notice to the Colorado Attorney General (500 or more Coloradans)",
      "recipientKind": "attorney_general",
      "recipient": "Colorado Attorney General",
      "trigger": {
        "residents": {
          "atLeast": 500
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
        "amount": 30,
        "unit": "calendar_days",
        "anchor": "determination"
      },
      "citation": "C.R.S. § 6-1-716(2)(f)",
      "methods": [
        "Colorado AG online form"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "Still owed by an entity deemed compliant under its own regulator.",
        "citation": "C.R.S. § 6-1-716(3)"
      },
      "effectiveFrom": "2018-09-01",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE
      ]
    },
    {
      "id": "cra_notice",
      "label": "Notice to the consumer reporting agencies (more than 1,000 Coloradans)",
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
      "citation": "C.R.S. § 6-1-716(2)(d)",
      "methods": [
        "written notice"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "No HIPAA exemption found."
      },
      "effectiveFrom": "2018-09-01",
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
