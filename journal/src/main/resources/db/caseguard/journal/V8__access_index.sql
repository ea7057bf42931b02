-- JRN-7: finding who searched, viewed, exported or verified what. Derived from the access records (the log holds
-- them in full); a row per access and per message it disclosed. Access records outlive disposal, and so do these.
CREATE TABLE journal_access (
    access_key  VARCHAR(64)  PRIMARY KEY,
    leaf_index  BIGINT       NOT NULL,
    actor       VARCHAR(320) NOT NULL,
    action      VARCHAR(32)  NOT NULL,
    case_id     VARCHAR(64),
    recorded_at BIGINT       NOT NULL
);
CREATE INDEX journal_access_actor ON journal_access (actor, leaf_index);
CREATE INDEX journal_access_case ON journal_access (case_id, leaf_index);

CREATE TABLE journal_access_message (
    message_key VARCHAR(64) NOT NULL,
    access_key  VARCHAR(64) NOT NULL,
    PRIMARY KEY (message_key, access_key)
);
