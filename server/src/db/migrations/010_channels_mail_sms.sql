-- Citizen portal, web chat, e-mail and SMS channels.

-- Proof-of-work challenges (GET /api/v1/public/pow): a client must find a nonce before it may
-- submit an appeal or start a chat. Each challenge is accepted once, and only until it expires.
CREATE TABLE pow_challenges (
  challenge text PRIMARY KEY,
  purpose text NOT NULL,
  difficulty int NOT NULL CHECK (difficulty BETWEEN 1 AND 64),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX pow_challenges_expiry ON pow_challenges(expires_at);

-- Every mail in and out by its Message-ID (without the angle brackets), so a reply's In-Reply-To
-- or References finds the conversation or work order it belongs to. Ignored mail (auto-replies,
-- loops) is recorded too: it counts towards the sender's hourly limit and explains what happened.
CREATE TABLE mail_messages (
  message_id text PRIMARY KEY,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  -- The citizen's address: the sender of an incoming mail, the recipient of an outgoing one.
  address text NOT NULL,
  subject text NOT NULL DEFAULT '',
  conversation_id uuid REFERENCES conversations(id),
  work_order_id uuid REFERENCES work_orders(id),
  outcome text NOT NULL CHECK (outcome IN ('conversation', 'workOrder', 'note', 'ignored', 'reply', 'notification')),
  reason text,
  created_at timestamptz NOT NULL
);
CREATE INDEX mail_messages_sender ON mail_messages(address, created_at) WHERE direction = 'in';
CREATE INDEX mail_messages_conversation ON mail_messages(conversation_id, created_at) WHERE conversation_id IS NOT NULL;
CREATE INDEX mail_messages_order ON mail_messages(work_order_id, created_at) WHERE work_order_id IS NOT NULL;

-- SMS notification preference of a mobile number: TD (退订) turns it off, DY or the portal's
-- "notify me by SMS" turns it on. No row: orders from the SMS channel notify, others do not.
CREATE TABLE sms_preferences (
  phone text PRIMARY KEY,
  notify boolean NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Status notifications and command answers sent by e-mail or SMS, with their outcome
-- ('not_sent' when no relay or gateway is configured).
CREATE TABLE channel_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  work_order_id uuid REFERENCES work_orders(id),
  recipient text NOT NULL,
  kind text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('sent', 'failed', 'not_sent')),
  error text,
  external_id text,
  created_at timestamptz NOT NULL
);
CREATE INDEX channel_notifications_order ON channel_notifications(work_order_id, created_at);

-- A citizen's own rating of the reply (portal, with tracking number and query code). Rated before
-- the center closed the order, it waits and becomes the order's follow-up when the order closes.
-- `round` is the order's reopen count: a reopened order is rated again.
CREATE TABLE citizen_ratings (
  work_order_id uuid NOT NULL REFERENCES work_orders(id),
  round int NOT NULL,
  satisfaction text NOT NULL CHECK (satisfaction IN ('satisfied', 'neutral', 'dissatisfied')),
  comment text NOT NULL DEFAULT '',
  channel text NOT NULL,
  created_at timestamptz NOT NULL,
  applied_at timestamptz,
  PRIMARY KEY (work_order_id, round)
);
