import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Custom search attributes of incident workflows, so `list` can ask Temporal's visibility "everything
 * due in the next 7 days". Values are opaque: stage names, booleans, dates, user ids — never PHI.
 * The embedded dev server registers them at start; on an external cluster they are created once
 * (`temporal operator search-attribute create`, or the engine does it at start when permitted).
 */
export const BreachStage = defineSearchAttributeKey('BreachStage', 'KEYWORD');
export const BreachReportable = defineSearchAttributeKey('BreachReportable', 'BOOL');
export const BreachRole = defineSearchAttributeKey('BreachRole', 'KEYWORD');
export const BreachNextDeadline = defineSearchAttributeKey('BreachNextDeadline', 'DATETIME');
export const BreachOverdue = defineSearchAttributeKey('BreachOverdue', 'BOOL');
export const BreachOwner = defineSearchAttributeKey('BreachOwner', 'KEYWORD');

export const ALL_SEARCH_ATTRIBUTES = [BreachStage, BreachReportable, BreachRole, BreachNextDeadline, BreachOverdue, BreachOwner];
