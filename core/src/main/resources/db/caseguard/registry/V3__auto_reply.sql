-- RFC 3834 reply ledger (CN-6, CN-10, OPS-2): when each kind of automatic reply last went to an address.
-- The address is kept only as a SHA-256 of its lower-cased form (OPS-1: nothing that names a client).
-- One row per (address, kind): the primary key is what makes "at most one per period" hold across nodes.
CREATE TABLE auto_replies (
    address_hash CHAR(64)    NOT NULL,
    kind         VARCHAR(40) NOT NULL,
    last_sent_ms BIGINT      NOT NULL,
    PRIMARY KEY (address_hash, kind)
);
