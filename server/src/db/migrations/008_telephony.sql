-- IVR flows as data: every published document is kept as a version; exactly one version of a
-- flow is active (the one new calls run). Rolling back = activating an older version.
CREATE TABLE ivr_flows (
  flow_id text NOT NULL,
  version integer NOT NULL,
  name text NOT NULL,
  document jsonb NOT NULL,
  active boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (flow_id, version)
);
CREATE UNIQUE INDEX ivr_flows_one_active ON ivr_flows(flow_id) WHERE active;

-- Agent phones' SIP accounts. SIP digest authentication (RFC 8760) needs the secret itself on
-- the server side (HA1 is password-equivalent anyway), so this table is as sensitive as a
-- password file: the API never returns the secret, only admins set it.
CREATE TABLE sip_extensions (
  extension text PRIMARY KEY,
  secret text NOT NULL,
  display_name text NOT NULL,
  user_id uuid REFERENCES users(id),
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Answers to IVR surveys (the self-service opinion survey; the post-call satisfaction survey).
CREATE TABLE ivr_survey_answers (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  survey text NOT NULL,
  call_id text NOT NULL,
  caller_number text NOT NULL,
  digit text NOT NULL,
  answer text NOT NULL
);
CREATE INDEX ivr_survey_answers_at ON ivr_survey_answers(survey, at);
