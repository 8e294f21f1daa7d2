CREATE TABLE tracking_counters (
  day text PRIMARY KEY,
  last int NOT NULL
);

CREATE TABLE work_orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tracking_number text NOT NULL UNIQUE,
  query_code text NOT NULL,
  channel text NOT NULL,
  type text NOT NULL,
  urgency text NOT NULL,
  title text NOT NULL,
  content text NOT NULL,
  category_id uuid REFERENCES categories(id),
  district_id uuid REFERENCES regions(id),
  street_id uuid REFERENCES regions(id),
  address text,
  lat double precision,
  lng double precision,
  citizen_name text NOT NULL DEFAULT '',
  citizen_phone text NOT NULL,
  citizen_id_card text,
  citizen_email text,
  anonymous boolean NOT NULL DEFAULT false,
  confidential boolean NOT NULL DEFAULT false,
  status text NOT NULL,
  version int NOT NULL DEFAULT 1,
  -- The department whose move it is: a dispatching center, or the lead department.
  holder_department_id uuid REFERENCES departments(id),
  lead_department_id uuid REFERENCES departments(id),
  -- The center (city or district) that dispatched to the current lead; returns go back to it.
  dispatcher_department_id uuid REFERENCES departments(id),
  -- The hotline center (city or district) that registered the order; replies come back to it.
  center_department_id uuid NOT NULL REFERENCES departments(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  dispatched_at timestamptz,
  accept_deadline timestamptz,
  accepted_at timestamptz,
  handle_deadline timestamptz,
  handle_warn_at timestamptz,
  deadline_state text NOT NULL DEFAULT 'ok',
  extension_request jsonb,
  reply_content text,
  replied_at timestamptz,
  closed_at timestamptz,
  resolved_on_spot boolean NOT NULL DEFAULT false,
  satisfaction text,
  followed_up_at timestamptz,
  reopen_count int NOT NULL DEFAULT 0,
  return_count int NOT NULL DEFAULT 0,
  extension_count int NOT NULL DEFAULT 0,
  urge_count int NOT NULL DEFAULT 0,
  supervised boolean NOT NULL DEFAULT false,
  merged_into uuid REFERENCES work_orders(id),
  source_ref text,
  search_vector tsvector NOT NULL
);
CREATE INDEX work_orders_created ON work_orders(created_at DESC, id);
CREATE INDEX work_orders_status_created ON work_orders(status, created_at DESC);
CREATE INDEX work_orders_holder ON work_orders(holder_department_id, status);
CREATE INDEX work_orders_district_created ON work_orders(district_id, created_at DESC);
CREATE INDEX work_orders_phone ON work_orders(citizen_phone);
CREATE INDEX work_orders_search ON work_orders USING gin(search_vector);
CREATE INDEX work_orders_deadline ON work_orders(handle_deadline) WHERE status IN ('dispatched', 'handling', 'reviewing');

-- Every department an order was ever sent to, as lead or assisting, by which center.
CREATE TABLE work_order_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  work_order_id uuid NOT NULL REFERENCES work_orders(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  role text NOT NULL CHECK (role IN ('lead', 'assisting')),
  dispatched_by_department_id uuid REFERENCES departments(id),
  status text NOT NULL CHECK (status IN ('active', 'returned', 'done', 'withdrawn')),
  created_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX work_order_assignments_dept ON work_order_assignments(department_id, work_order_id);
CREATE INDEX work_order_assignments_order ON work_order_assignments(work_order_id);

-- The timeline: one row per step, never updated.
CREATE TABLE work_order_events (
  id bigserial PRIMARY KEY,
  work_order_id uuid NOT NULL REFERENCES work_orders(id),
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  actor_role text,
  actor_department_id uuid,
  action text NOT NULL,
  from_status text,
  to_status text,
  note text,
  data jsonb
);
CREATE INDEX work_order_events_order ON work_order_events(work_order_id, id);

CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  work_order_id uuid REFERENCES work_orders(id),
  uploaded_by uuid,
  file_name text NOT NULL,
  mime text NOT NULL,
  size int NOT NULL,
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX attachments_order ON attachments(work_order_id);
