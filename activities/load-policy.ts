import fs from 'node:fs';
import YAML from 'yaml';
import { DEFAULT_POLICY_INPUT, parsePolicy, type NotificationPolicy } from '../domain/notification-policy.js';

/**
 * Reads the organization's notification policy (YAML or JSON) from `file`, or the built-in defaults.
 * Read on every (re)plan through an activity, so a changed policy applies to timers set from then on
 * while the history keeps the policy each earlier step used.
 */
export function readPolicyFile(file: string | undefined): NotificationPolicy {
  if (!file) return parsePolicy(DEFAULT_POLICY_INPUT);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the notification policy file ${file} (BREACH_POLICY_FILE): ${(err as Error).message}`, { cause: err });
  }
  return parsePolicy(YAML.parse(text));
}

export function createPolicyActivities(deps: { policyFile?: string }) {
  return {
    loadNotificationPolicy(): Promise<NotificationPolicy> {
      return Promise.resolve(readPolicyFile(deps.policyFile));
    },
  };
}
