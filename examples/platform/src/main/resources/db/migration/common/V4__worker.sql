-- Which platform instance (host:pid, the job engine's scheduler name) last started the package's
-- job: with several instances on one database, this tells who packaged it. Null until a job starts.
ALTER TABLE packaged_content ADD COLUMN worker VARCHAR(50);
