-- S/MIME certificates (ENC-1, ENC-2): recipients' certificates, the trust anchors and intermediates they must chain
-- to, and the revocation lists. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE smime_certificates (
    fingerprint VARCHAR(64)  PRIMARY KEY,
    role        VARCHAR(16)  NOT NULL,
    der         BYTEA        NOT NULL,
    pinned      BOOLEAN      NOT NULL DEFAULT FALSE,
    added_by    VARCHAR(200) NOT NULL,
    added_at    TIMESTAMP    NOT NULL
);

CREATE TABLE smime_certificate_addresses (
    fingerprint VARCHAR(64)  NOT NULL REFERENCES smime_certificates (fingerprint) ON DELETE CASCADE,
    address     VARCHAR(320) NOT NULL,
    PRIMARY KEY (fingerprint, address)
);
CREATE INDEX smime_certificate_addresses_by_address ON smime_certificate_addresses (address);

CREATE TABLE smime_crls (
    fingerprint VARCHAR(64)  PRIMARY KEY,
    der         BYTEA        NOT NULL,
    added_by    VARCHAR(200) NOT NULL,
    added_at    TIMESTAMP    NOT NULL
);
