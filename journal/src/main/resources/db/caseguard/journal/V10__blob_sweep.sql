-- JRN-6, JRN-7: blobs that outlive their key. A scope's key is destroyed first and its blobs removed after; a crash in
-- between, a store that fails, or an Object Lock retention still running leaves blobs behind, unreadable. The sweep
-- (BlobSweeper) goes through the scopes destroyed since its mark and retries the ones it could not empty.
CREATE INDEX journal_content_key_destroyed ON journal_content_key (destroyed_at);

CREATE TABLE journal_blob_sweep (
    key_scope VARCHAR(80) PRIMARY KEY,
    retry_at  BIGINT      NOT NULL,
    attempts  INT         NOT NULL,
    CONSTRAINT journal_blob_sweep_attempts CHECK (attempts >= 1)
);

-- One row: every scope destroyed at or before swept_through has been swept once. Starts at the newest destruction
-- recorded when this migration ran, so a database from before it is not swept whole (its leftovers, if any, stay).
CREATE TABLE journal_blob_sweep_mark (
    id            SMALLINT PRIMARY KEY,
    swept_through BIGINT   NOT NULL,
    CONSTRAINT journal_blob_sweep_mark_one CHECK (id = 1)
);
INSERT INTO journal_blob_sweep_mark (id, swept_through) SELECT 1, COALESCE(MAX(destroyed_at), 0) FROM journal_content_key;

-- Single blobs a disposal could not delete from a scope that stays (the store refused, as under an Object Lock
-- retention still running). Their key is live, so unlike a destroyed scope's leftovers they could still be read with
-- it: the sweep deletes them once the store lets it, unless some content of the scope refers to them again.
CREATE TABLE journal_blob_retry (
    key_scope VARCHAR(80) NOT NULL,
    sha256    BYTEA       NOT NULL,
    size      BIGINT      NOT NULL,
    retry_at  BIGINT      NOT NULL,
    attempts  INT         NOT NULL,
    PRIMARY KEY (key_scope, sha256),
    CONSTRAINT journal_blob_retry_attempts CHECK (attempts >= 1)
);
CREATE INDEX journal_blob_retry_due ON journal_blob_retry (retry_at);
