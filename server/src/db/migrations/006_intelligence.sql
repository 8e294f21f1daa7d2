-- Warnings for supervisors raised by the intelligence module: high-risk emotion (self-harm,
-- threats, collective petitions), emergencies held back from automatic dispatch, and hotspots
-- that grow fast. One row per cause (dedupe_key), so a re-analysis or a second listener never
-- raises the same warning twice.
CREATE TABLE intelligence_warnings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('emotion', 'emergency', 'hotspot')),
  level text NOT NULL CHECK (level IN ('medium', 'high')),
  work_order_id uuid REFERENCES work_orders(id),
  dedupe_key text NOT NULL UNIQUE,
  summary text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  acknowledged_by_name text,
  acknowledge_note text
);
CREATE INDEX intelligence_warnings_created ON intelligence_warnings(created_at DESC, id);
CREATE INDEX intelligence_warnings_open ON intelligence_warnings(created_at DESC) WHERE acknowledged_at IS NULL;
CREATE INDEX intelligence_warnings_order ON intelligence_warnings(work_order_id);
