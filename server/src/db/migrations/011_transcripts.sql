-- Call transcripts made by the configured speech-to-text provider from a call's stereo recording
-- (caller left, agent right): the merged turns, and the emotion and quality analysis run over
-- them. One per call; transcribing again replaces it.
CREATE TABLE call_transcripts (
  call_id uuid PRIMARY KEY REFERENCES call_records(id),
  provider text NOT NULL,
  model text,
  turns jsonb NOT NULL,
  emotion jsonb NOT NULL,
  quality jsonb NOT NULL,
  duration_seconds double precision NOT NULL,
  transcribed_at timestamptz NOT NULL,
  transcribed_by uuid
);
