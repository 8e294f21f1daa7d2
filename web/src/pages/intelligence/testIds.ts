// Stable data-testids of the intelligence pages (hotspots, warnings, quality) for end-to-end tests.
export const INTEL_TID = {
  hotspotsWindow: 'hotspots-window',
  hotspotsTable: 'hotspots-table',
  hotspotsChart: 'hotspots-chart',
  hotspotsTrend: 'hotspots-trend',
  warningsStatus: 'warnings-status',
  warningsKind: 'warnings-kind',
  warningsTable: 'warnings-table',
  /** warning-ack-<id> opens the acknowledge dialog of one warning. */
  warningAck: (id: string) => `warning-ack-${id}`,
  warningAckNote: 'warning-ack-note',
  warningAckConfirm: 'warning-ack-confirm',
  qualityDays: 'quality-days',
  qualityDepartments: 'quality-departments',
  qualityPeople: 'quality-people',
  qualityLowest: 'quality-lowest',
};
