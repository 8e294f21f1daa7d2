-- One citizen across channels. Identities (phone, WeChat openid, e-mail, and kinds later channels
-- add) each point at one citizen; linking an identity that belongs to someone else merges the two.
CREATE TABLE citizens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL DEFAULT '',
  -- A merged citizen keeps its row so old references still resolve, pointing at the survivor.
  merged_into uuid REFERENCES citizens(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE citizen_identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{1,31}$'),
  -- Normalised (digits of a phone, lower-case e-mail) so the same person resolves the same way.
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL,
  UNIQUE (kind, value)
);
CREATE INDEX citizen_identities_citizen ON citizen_identities(citizen_id);

-- Orders that belong to a citizen beyond matching contact data: registered from one of their
-- conversations, or bound by the citizen with the tracking number and query code.
CREATE TABLE citizen_work_orders (
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  work_order_id uuid NOT NULL REFERENCES work_orders(id),
  source text NOT NULL CHECK (source IN ('conversation', 'bound')),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (citizen_id, work_order_id)
);
CREATE INDEX citizen_work_orders_order ON citizen_work_orders(work_order_id);
-- A citizen's history finds orders registered with their e-mail address.
CREATE INDEX work_orders_citizen_email ON work_orders(lower(citizen_email)) WHERE citizen_email IS NOT NULL;

-- A text conversation: one thread of one channel (a WeChat openid, an SMS number, a mail thread)
-- from the first message until an agent or the bot closes it. At most one open per thread.
CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  channel text NOT NULL,
  thread_key text NOT NULL,
  -- Where replies go on the channel.
  identity_kind text NOT NULL,
  identity_value text NOT NULL,
  state text NOT NULL CHECK (state IN ('bot', 'waiting', 'assigned', 'closed')),
  agent_id uuid REFERENCES users(id),
  preview text NOT NULL DEFAULT '',
  message_count int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  last_message_at timestamptz NOT NULL,
  last_inbound_at timestamptz,
  waiting_since timestamptz,
  assigned_at timestamptz,
  closed_at timestamptz
);
CREATE UNIQUE INDEX conversations_open_thread ON conversations(channel, thread_key) WHERE state <> 'closed';
CREATE INDEX conversations_state ON conversations(state, waiting_since);
CREATE INDEX conversations_agent ON conversations(agent_id, state);
CREATE INDEX conversations_citizen ON conversations(citizen_id, created_at DESC);

CREATE TABLE conversation_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Order of arrival; timestamps can tie.
  seq bigserial NOT NULL,
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  author text NOT NULL CHECK (author IN ('citizen', 'bot', 'agent', 'system')),
  agent_id uuid REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('text', 'image', 'voice', 'video', 'location', 'link', 'event', 'file')),
  text text NOT NULL DEFAULT '',
  attachment_id uuid REFERENCES attachments(id),
  data jsonb,
  channel text NOT NULL,
  -- The channel's own id of the message (WeChat MsgId): a retried delivery is stored once.
  channel_message_id text,
  -- Outbound only: pending until the channel took it, then sent or failed.
  delivery text CHECK (delivery IN ('pending', 'sent', 'failed')),
  delivery_error text,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX conversation_messages_channel_id ON conversation_messages(channel, channel_message_id) WHERE channel_message_id IS NOT NULL;
CREATE INDEX conversation_messages_conversation ON conversation_messages(conversation_id, seq);

CREATE TABLE conversation_work_orders (
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  work_order_id uuid NOT NULL REFERENCES work_orders(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, work_order_id)
);
CREATE INDEX conversation_work_orders_order ON conversation_work_orders(work_order_id);

-- 快捷回复: short texts agents insert into a reply; supervisors edit the list.
CREATE TABLE inbox_quick_replies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  sort int NOT NULL DEFAULT 0
);
INSERT INTO inbox_quick_replies (text, sort) VALUES
  ('您好，这里是12345政务服务便民热线，请问有什么可以帮您？', 1),
  ('请您提供具体地址（区、街道、小区或门牌号），方便我们转交相关部门。', 2),
  ('请留下您的联系电话，承办部门处理时可能需要与您联系。', 3),
  ('您反映的问题已登记为工单，处理进展可回复“查询”查看。', 4),
  ('感谢您的耐心等待，正在为您查询，请稍候。', 5),
  ('感谢您的来信，祝您生活愉快！如有其他问题欢迎随时联系。', 6);
