-- Inputs kept in S3 (README, "Scaling out"): the object's key in the input bucket; null for an input
-- on local disk (inputs/{id}.mp4). object_external: the object is a client's, named in POST /encode:
-- the platform reads it, probes it in the packaging job, and never deletes it.
-- (V6: V5 is the renditions migration made alongside.)
ALTER TABLE input_content ADD COLUMN object_key VARCHAR(1024);
ALTER TABLE input_content ADD COLUMN object_external BOOLEAN DEFAULT FALSE NOT NULL;
