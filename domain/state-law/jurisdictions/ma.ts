import type { StateLawEntryInput } from '../schema.js';
import { STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

/** M.G.L. c. 93H § 3. UNVERIFIED: the statute text was not checked for this pack version. */
export const entry = {
  "jurisdiction": "MA",
  "status": "encoded",
  "statute": "M.G.L. c. 93H § 3",
  "statuteVerification": "unverified",
  "reviewedOn": "2026-12-03",
  "obligations": [
    {
      "id": "individual_notice",
      "label": "Notice to affected Massachusetts residents (as soon as practicable)",
      "recipientKind": "individuals",
      "recipient": "each affected Massachusetts resident",
      "trigger": {
        "residents": {
          "atLeast": 1
        },
        "entity": "any",
        "dataElements": [
          "ssn",
          "government_id",
          "financial_account"
        ]
      },
      "clock": {
        "type": "expedient",
        "words": "as soon as practicable and without unreasonable delay"
      },
      "citation": "M.G.L. c. 93H § 3(b)",
      "methods": [
        "written notice"
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "No HIPAA exemption found; the HIPAA notice may serve if it carries the content Massachusetts requires (counsel to check)."
      },
      "effectiveFrom": "2007-10-31",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE,
        "The notice must not state the nature of the breach or the number of residents affected (c. 93H § 3(b))."
      ]
    },
    {
      "id": "ag_ocabr",
      "label": "Notice to the Massachusetts Attorney General and the Office of Consumer Affairs and Business Regulation (every breach)",
      "recipientKind": "regulator",
      "recipient": "Massachusetts Attorney General and Office of Consumer Affairs and Business Regulation (OCABR)",
      "trigger": {
        "residents": {
          "atLeast": 1
        },
        "entity": "any",
        "dataElements": [
          "ssn",
          "government_id",
          "financial_account"
        ]
      },
      "clock": {
        "type": "expedient",
        "words": "as soon as practicable and without unreasonable delay"
      },
      "citation": "M.G.L. c. 93H § 3(b)",
      "methods": [
        "OCABR online breach form",
        "written notice to the AG"
      ],
      "content": [
        {
          "item": "the nature of the breach",
          "citation": "M.G.L. c. 93H § 3(b)"
        },
        {
          "item": "the number of Massachusetts residents affected",
          "citation": "M.G.L. c. 93H § 3(b)"
        },
        {
          "item": "steps taken or planned relating to the incident",
          "citation": "M.G.L. c. 93H § 3(b)"
        },
        {
          "item": "whether the entity maintains a written information security program",
          "citation": "M.G.L. c. 93H § 3(b)"
        }
      ],
      "hipaa": {
        "interplay": "owed",
        "note": "No HIPAA exemption found: owed for every breach of Massachusetts residents' personal information."
      },
      "effectiveFrom": "2007-10-31",
      "verification": "unverified",
      "sources": [STARTING_SHEET],
      "notes": [
        UNVERIFIED_NOTE,
        "Public datasets code a 30-day rule for Massachusetts: the statute has no number (starting sheet); none is planned."
      ]
    }
  ],
  "notes": [
    "Every rule of this entry is UNVERIFIED: encoded from the starting sheet and general knowledge; counsel must check the statute text."
  ]
} satisfies StateLawEntryInput;
