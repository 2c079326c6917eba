-- Where to POST a package's outcome (Ready or Failed); null when the client did not ask.
ALTER TABLE packaged_content ADD COLUMN callback_url VARCHAR(2000);
