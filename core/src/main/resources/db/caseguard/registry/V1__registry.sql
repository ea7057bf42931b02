-- caseguard registries (FW-3, FW-4, TAG-1). Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE registry_version (
    id      INTEGER PRIMARY KEY,
    version BIGINT  NOT NULL
);
INSERT INTO registry_version (id, version) VALUES (1, 0);

CREATE TABLE internal_domains (
    domain VARCHAR(253) PRIMARY KEY
);

CREATE TABLE allow_list (
    address     VARCHAR(320) NOT NULL,
    case_number VARCHAR(100) NOT NULL DEFAULT '',
    reason      VARCHAR(1000) NOT NULL DEFAULT '',
    PRIMARY KEY (address, case_number)
);

CREATE TABLE parties (
    address      VARCHAR(320) PRIMARY KEY,
    category     VARCHAR(64)  NOT NULL,
    display_name VARCHAR(500) NOT NULL DEFAULT ''
);

CREATE TABLE clients (
    id            VARCHAR(100) PRIMARY KEY,
    given_name    VARCHAR(200) NOT NULL,
    family_name   VARCHAR(200) NOT NULL,
    date_of_birth DATE
);

CREATE TABLE client_identifiers (
    client_id  VARCHAR(100) NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    identifier VARCHAR(200) NOT NULL,
    PRIMARY KEY (client_id, identifier)
);

CREATE TABLE cases (
    case_number VARCHAR(100) PRIMARY KEY,
    status      VARCHAR(16)  NOT NULL,
    restricted  BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE TABLE case_clients (
    case_number VARCHAR(100) NOT NULL REFERENCES cases (case_number) ON DELETE CASCADE,
    client_id   VARCHAR(100) NOT NULL,
    PRIMARY KEY (case_number, client_id)
);
CREATE INDEX case_clients_by_client ON case_clients (client_id);
