-- Large content is stored as content-defined chunks, so that an attachment shared by several messages of a scope
-- (a case) is stored once. One row per chunk of a stored content, in order; content without rows here is one blob.
CREATE TABLE journal_chunk (
    key_scope    VARCHAR(80) NOT NULL,
    sha256       BYTEA       NOT NULL,
    part         INTEGER     NOT NULL,
    chunk_sha256 BYTEA       NOT NULL,
    chunk_size   BIGINT      NOT NULL,
    PRIMARY KEY (key_scope, sha256, part)
);

CREATE INDEX journal_chunk_by_chunk ON journal_chunk (key_scope, chunk_sha256);
