-- caseguard journal: one data key per content scope (a case, or a day of non-case mail), wrapped by the master key
-- (JRN-7). Disposal (JRN-6) sets wrapped_key to NULL: every blob of the scope is then unreadable, even on storage
-- that forbids deleting it.
CREATE TABLE journal_content_key (
    key_scope    VARCHAR(80) PRIMARY KEY,
    wrapped_key  BYTEA,
    master_alias VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    destroyed_at BIGINT
);
