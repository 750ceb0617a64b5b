import type { StateLawEntryInput } from '../schema.js';
import { STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

/** Conn. Gen. Stat. § 36a-701b. UNVERIFIED: the statute text was not checked for this pack version. */
export const entry = {
  "jurisdiction": "CT",
  "status": "encoded",
  "statute": "Conn. Gen. Stat. § 36a-701b",
  "statuteVerification": "unverified",
  "reviewedOn": "2026-12-03",
  "obligations": [
    {
      "id": "individual_notice",
      "label": "Notice to affected Connecticut residents (60 days after discovery)",
      "recipientKind": "individuals",
      "recipient": "each affected Connecticut resident",
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
        "amount": 60,
        "unit": "calendar_days",
        "anchor": "discovery"
      },
      "citation": "Conn. Gen. Stat. § 36a-701b(b)(1)",
      "methods": [
        "written notice",
        "telephone",
        "electronic notice"
      ],
      "hipaa": {
        "interplay": "deemed_satisfied",
        "note": "A person in compliance with HIPAA/HITECH privacy and security standards is deemed compliant, provided the AG is notified no later than when residents are.",
        "citation": "Conn. Gen. Stat. § 36a-701b(h)"
      },
      "effectiveFrom": "2021-10-01",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE
      ]
    },
    {
      "id": "ag_notice",
      "label": "Notice to the Connecticut Attorney General, no later than the notice to residents",
      "recipientKind": "attorney_general",
      "recipient": "Connecticut Attorney General",
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
      "citation": "Conn. Gen. Stat. § 36a-701b(b)(2)",
      "methods": [
        "Connecticut AG online form"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "The condition of the HIPAA deemed-compliance clause: still owed."
      },
      "effectiveFrom": "2012-10-01",
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
