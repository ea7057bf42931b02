-- JRN-3 full-text search without the words at rest: each distinct word of a message, as a keyed hash (HMAC-SHA256
-- with a key derived from the journal master key, first 16 bytes). Removed with the message's other index rows on
-- disposal.
CREATE TABLE journal_term (
    term        BYTEA       NOT NULL,
    message_key VARCHAR(64) NOT NULL,
    PRIMARY KEY (term, message_key)
);

CREATE INDEX journal_term_by_message ON journal_term (message_key);
