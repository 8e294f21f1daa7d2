-- Open311 GeoReport v2: what a submission carried beyond its work order. Identifiers of the
-- submitter (account_id, device_id) are kept for the hotline staff and never served back.
CREATE TABLE open311_requests (
  work_order_id uuid PRIMARY KEY REFERENCES work_orders(id),
  token text NOT NULL UNIQUE,
  service_code text NOT NULL,
  api_key_name text NOT NULL,
  account_id text,
  device_id text,
  media_url text,
  address_id text,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);
CREATE INDEX open311_requests_created ON open311_requests(created_at DESC);
CREATE INDEX open311_requests_service ON open311_requests(service_code, created_at DESC);

-- Extra questions a service definition asks (beyond the built-in subcategory and appeal type).
-- category_id NULL: asked by every service.
CREATE TABLE open311_attributes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_id uuid REFERENCES categories(id),
  code text NOT NULL,
  datatype text NOT NULL CHECK (datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
  variable boolean NOT NULL DEFAULT true,
  required boolean NOT NULL DEFAULT false,
  description text NOT NULL,
  datatype_description text,
  sort int NOT NULL DEFAULT 100,
  options jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX open311_attributes_code ON open311_attributes(coalesce(category_id, '00000000-0000-0000-0000-000000000000'::uuid), code);

-- App API: OAuth2 clients (client credentials grant) and the access tokens issued to them.
-- Secrets and tokens are random and long, so a plain SHA-256 of them is what is stored.
CREATE TABLE oauth_clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  department_id uuid NOT NULL REFERENCES departments(id),
  scopes text[] NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE oauth_tokens (
  token_hash text PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES oauth_clients(id),
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX oauth_tokens_expiry ON oauth_tokens(expires_at);

-- Outgoing webhooks. The secret signs deliveries, so it is kept (not hashed) and shown once.
CREATE TABLE webhooks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  url text NOT NULL,
  secret text NOT NULL,
  events text[] NOT NULL,
  department_id uuid NOT NULL REFERENCES departments(id),
  active boolean NOT NULL DEFAULT true,
  created_by uuid,
  created_at timestamptz NOT NULL,
  deleted_at timestamptz
);

-- The outbox: one row per event and webhook, written before anything is sent. A worker leases
-- due rows (lease_id + leased_until), so a crashed sender's rows go out again after the lease.
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  webhook_id uuid NOT NULL REFERENCES webhooks(id),
  event text NOT NULL,
  work_order_id uuid,
  payload text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_id uuid,
  leased_until timestamptz,
  last_status int,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, created_at DESC);
