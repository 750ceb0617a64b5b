import type { StateLawEntryInput } from '../schema.js';
import { STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

/** Md. Code, Com. Law § 14-3504. UNVERIFIED: the statute text was not checked for this pack version. */
export const entry = {
  "jurisdiction": "MD",
  "status": "encoded",
  "statute": "Md. Code, Com. Law § 14-3504",
  "statuteVerification": "unverified",
  "reviewedOn": "2026-12-03",
  "obligations": [
    {
      "id": "individual_notice",
      "label": "Notice to affected Maryland residents (45 days after discovery)",
      "recipientKind": "individuals",
      "recipient": "each affected Maryland resident",
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
      "citation": "Md. Code, Com. Law § 14-3504(c)",
      "methods": [
        "written notice",
        "electronic notice",
        "telephone"
      ],
      "hipaa": {
        "interplay": "counsel_review",
        "note": "An entity that complies with its primary or functional federal regulator's rules is deemed compliant; counsel to confirm for HIPAA.",
        "citation": "Md. Code, Com. Law § 14-3507"
      },
      "effectiveFrom": "2022-10-01",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE
      ]
    },
    {
      "id": "ag_notice",
      "label": "Notice to the Maryland Attorney General before notifying individuals",
      "recipientKind": "attorney_general",
      "recipient": "Maryland Attorney General (Identity Theft Unit)",
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
        "amount": 0,
        "unit": "calendar_days",
        "anchor": "individual_notice"
      },
      "citation": "Md. Code, Com. Law § 14-3504(h)",
      "methods": [
        "Maryland AG online form or written notice"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "No HIPAA exemption found for the prior AG notice."
      },
      "effectiveFrom": "2008-01-01",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE,
        "\"Prior to giving the notification\": planned as due no later than the day the individual notices go out — send it before them."
      ]
    },
    {
      "id": "cra_notice",
      "label": "Notice to the consumer reporting agencies (1,000 or more persons)",
      "recipientKind": "consumer_reporting_agencies",
      "recipient": "each nationwide consumer reporting agency",
      "trigger": {
        "residents": {
          "atLeast": 1000
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
      "citation": "Md. Code, Com. Law § 14-3506",
      "methods": [
        "written notice"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "No HIPAA exemption found."
      },
      "effectiveFrom": "2008-01-01",
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
