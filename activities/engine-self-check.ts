/** What a worker reports about itself for the engine self-check (no incident data). */
export function reportWorkerHealth(): Promise<{ nodeVersion: string; pid: number; uptimeSeconds: number }> {
  return Promise.resolve({ nodeVersion: process.version, pid: process.pid, uptimeSeconds: Math.round(process.uptime()) });
}
