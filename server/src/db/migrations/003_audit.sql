-- Append-only audit trail. Rows are written inside the business transaction without a hash;
-- a sealer (one at a time, under an advisory lock) later gives them a chain position and a
-- SHA-256 hash over the previous hash and the row, so writers never serialise on the chain.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  detail jsonb,
  ip text,
  chain_seq bigint UNIQUE,
  prev_hash text,
  hash text
);
CREATE INDEX audit_log_unsealed ON audit_log(id) WHERE chain_seq IS NULL;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE FUNCTION audit_log_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  IF OLD.chain_seq IS NOT NULL OR NEW.at IS DISTINCT FROM OLD.at OR NEW.actor_id IS DISTINCT FROM OLD.actor_id
     OR NEW.action IS DISTINCT FROM OLD.action OR NEW.entity IS DISTINCT FROM OLD.entity
     OR NEW.entity_id IS DISTINCT FROM OLD.entity_id OR NEW.detail IS DISTINCT FROM OLD.detail THEN
    RAISE EXCEPTION 'audit_log rows can only be sealed once';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
