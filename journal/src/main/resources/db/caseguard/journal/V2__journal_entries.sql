-- caseguard journal: the entries behind the Merkle log's leaves, and the index that finds them (JRN-1, JRN-3).
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL. Rows are written in the same transaction as their leaves.

-- One row per leaf: the canonical record (hashed into the leaf) until disposal removes it; the entry hash stays, so
-- proofs for every other entry, and the fact that this one existed, survive disposal (JRN-6).
CREATE TABLE journal_entry (
    leaf_index  BIGINT      PRIMARY KEY,
    message_key VARCHAR(64) NOT NULL,
    kind        VARCHAR(20) NOT NULL,
    recorded_at BIGINT      NOT NULL,
    entry_hash  BYTEA       NOT NULL,
    canonical   BYTEA,
    disposed_at BIGINT,
    CONSTRAINT journal_entry_hash CHECK (octet_length(entry_hash) = 32)
);
CREATE INDEX journal_entry_message ON journal_entry (message_key);

-- One row per journaled message (received, or an outbound copy of one). mail_name makes receipt idempotent: a
-- message the server retries after a failure is journaled once.
CREATE TABLE journal_message (
    message_key    VARCHAR(64)  PRIMARY KEY,
    mail_name      VARCHAR(255) UNIQUE,
    original_key   VARCHAR(64),
    received_leaf  BIGINT       NOT NULL,
    received_at    BIGINT       NOT NULL,
    content_sha256 BYTEA        NOT NULL,
    content_size   BIGINT       NOT NULL
);
CREATE INDEX journal_message_received ON journal_message (received_at);
CREATE INDEX journal_message_original ON journal_message (original_key);

-- Where each message's bytes are kept: one row per key scope (the day it arrived; each case it is bound to).
CREATE TABLE journal_content (
    message_key VARCHAR(64) NOT NULL,
    key_scope   VARCHAR(80) NOT NULL,
    sha256      BYTEA       NOT NULL,
    size        BIGINT      NOT NULL,
    PRIMARY KEY (message_key, key_scope)
);

-- Search by participant: every envelope sender and recipient, lower case.
CREATE TABLE journal_participant (
    message_key VARCHAR(64)  NOT NULL,
    address     VARCHAR(320) NOT NULL,
    role        VARCHAR(8)   NOT NULL,
    PRIMARY KEY (message_key, address, role)
);
CREATE INDEX journal_participant_address ON journal_participant (address, message_key);

-- JRN-3: the cases and clients classification bound a message to.
CREATE TABLE journal_case (
    message_key VARCHAR(64) NOT NULL,
    case_id     VARCHAR(64) NOT NULL,
    PRIMARY KEY (case_id, message_key)
);
CREATE INDEX journal_case_message ON journal_case (message_key);

CREATE TABLE journal_client (
    message_key VARCHAR(64) NOT NULL,
    client_id   VARCHAR(64) NOT NULL,
    PRIMARY KEY (client_id, message_key)
);

-- Search by verdict: each rule that fired, for the message ('*') or one recipient.
CREATE TABLE journal_verdict (
    leaf_index BIGINT       NOT NULL,
    message_key VARCHAR(64) NOT NULL,
    recipient  VARCHAR(320) NOT NULL,
    rule_id    VARCHAR(16)  NOT NULL,
    outcome    VARCHAR(16)  NOT NULL,
    PRIMARY KEY (leaf_index, recipient, rule_id)
);
CREATE INDEX journal_verdict_rule ON journal_verdict (rule_id, message_key);
