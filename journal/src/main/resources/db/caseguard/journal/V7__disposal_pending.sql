-- JRN-6: the content a disposal run still has to destroy. Written in the transaction that removes the messages from
-- the index, deleted once their blobs and emptied scope keys are gone; rows left by a crash in between are finished
-- when the run is resumed, so an interrupted run cannot leave content behind that nothing points to any more.
CREATE TABLE journal_disposal_pending (
    run_id    VARCHAR(64) NOT NULL,
    key_scope VARCHAR(80) NOT NULL,
    sha256    BYTEA       NOT NULL,
    size      BIGINT      NOT NULL,
    PRIMARY KEY (run_id, key_scope, sha256)
);
