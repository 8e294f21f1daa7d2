-- One row per call that reached the contact center (and outbound agent calls): the call detail
-- record. Written when the call enters the queue and updated as it moves; never deleted.
CREATE TABLE call_records (
  id uuid PRIMARY KEY,
  sip_call_id text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  caller_number text NOT NULL,
  called_number text NOT NULL,
  ivr_flow text,
  ivr_path jsonb NOT NULL DEFAULT '[]',
  queue_id text,
  state text NOT NULL,
  enqueued_at timestamptz,
  offered_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  wait_seconds integer,
  talk_seconds integer,
  agent_id uuid,
  extension text,
  outcome text,
  hangup_cause text,
  satisfaction text CHECK (satisfaction IN ('satisfied', 'neutral', 'dissatisfied')),
  recording_key text,
  created_at timestamptz NOT NULL
);
CREATE INDEX call_records_caller ON call_records(caller_number, created_at DESC);
CREATE INDEX call_records_agent ON call_records(agent_id, created_at DESC);

CREATE TABLE call_work_orders (
  call_id uuid NOT NULL REFERENCES call_records(id),
  work_order_id uuid NOT NULL REFERENCES work_orders(id),
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (call_id, work_order_id)
);

-- Agents' skills (skill → level 1–10), edited live by supervisors; read at ACD sign-in.
CREATE TABLE agent_skills (
  user_id uuid PRIMARY KEY REFERENCES users(id),
  skills jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
