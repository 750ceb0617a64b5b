import type { StateLawEntryInput } from '../schema.js';
import { STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

/** 73 P.S. § 2301 et seq. (Breach of Personal Information Notification Act). UNVERIFIED: the statute text was not checked for this pack version. */
export const entry = {
  "jurisdiction": "PA",
  "status": "encoded",
  "statute": "73 P.S. § 2301 et seq. (Breach of Personal Information Notification Act)",
  "statuteVerification": "unverified",
  "reviewedOn": "2026-12-03",
  "obligations": [
    {
      "id": "individual_notice",
      "label": "Notice to affected Pennsylvania residents (without unreasonable delay)",
      "recipientKind": "individuals",
      "recipient": "each affected Pennsylvania resident",
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
          "online_credentials"
        ]
      },
      "clock": {
        "type": "expedient",
        "words": "without unreasonable delay"
      },
      "citation": "73 P.S. § 2303(a)",
      "methods": [
        "written notice",
        "electronic notice",
        "telephone"
      ],
      "hipaa": {
        "interplay": "counsel_review",
        "note": "An entity that follows its primary or functional federal regulator's notice rules is deemed compliant; counsel to confirm for HIPAA.",
        "citation": "73 P.S. § 2307"
      },
      "effectiveFrom": "2006-06-20",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE
      ]
    },
    {
      "id": "ag_notice",
      "label": "Notice to the Pennsylvania Attorney General (more than 500 residents), concurrently with the individual notices",
      "recipientKind": "attorney_general",
      "recipient": "Pennsylvania Office of Attorney General",
      "trigger": {
        "residents": {
          "moreThan": 500
        },
        "entity": "any",
        "dataElements": [
          "ssn",
          "government_id",
          "financial_account",
          "medical",
          "health_insurance",
          "online_credentials"
        ]
      },
      "clock": {
        "type": "days",
        "amount": 0,
        "unit": "calendar_days",
        "anchor": "individual_notice"
      },
      "citation": "73 P.S. § 2303 (as amended by Act 33 of 2024)",
      "methods": [
        "written notice to the Office of Attorney General"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "Added by Act 33 of 2024; counsel to confirm whether the deemed-compliance clause reaches it."
      },
      "effectiveFrom": "2024-09-26",
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
          "medical",
          "health_insurance",
          "online_credentials"
        ]
      },
      "clock": {
        "type": "expedient",
        "words": "without unreasonable delay"
      },
      "citation": "73 P.S. § 2305",
      "methods": [
        "written notice"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "No HIPAA exemption found."
      },
      "effectiveFrom": "2006-06-20",
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
