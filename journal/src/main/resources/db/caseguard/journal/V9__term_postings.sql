-- JRN-3 full-text index, cheaper to write: a message's word hashes are numbered from its received leaf, so each
-- posting is keyed by one BIGINT (received_leaf * 131072 + n). The rows of a message are one range of that key (no
-- index by message is needed to replace or dispose of them) and grow at one end; search goes through the one index
-- by term. Before, each word was a row keyed by (term, message key) plus an index by message key: three trees of
-- text keys to write per word.
CREATE TABLE journal_posting (
    id   BIGINT PRIMARY KEY,
    term BYTEA  NOT NULL
);

CREATE INDEX journal_posting_term ON journal_posting (term);

INSERT INTO journal_posting (id, term)
SELECT m.received_leaf * 131072 + ROW_NUMBER() OVER (PARTITION BY t.message_key ORDER BY t.term) - 1, t.term
FROM journal_term t JOIN journal_message m ON m.message_key = t.message_key;

DROP TABLE journal_term;
