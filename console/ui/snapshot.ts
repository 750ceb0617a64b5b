/** The console's view of the API's answers (types only). */
import type { IncidentListItem } from '../../service/incident-list.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';

// The API's own types (type-only imports: nothing of the server is bundled).
export type ListItem = Omit<IncidentListItem, 'workflowId' | 'startTime'>;
export type Snapshot = IncidentSnapshot;
export type Obligation = IncidentSnapshot['obligations'][number];
