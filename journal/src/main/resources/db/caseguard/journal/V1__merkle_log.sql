-- caseguard journal: the append-only Merkle log (JRN-4). Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
-- Nothing here is ever updated or deleted, not even by disposal (JRN-6 removes content, never a leaf).

-- Leaf hashes (tree_level 0, node_index = leaf index) and the hashes of complete subtrees: node (k, i) covers
-- leaves [i * 2^k, (i + 1) * 2^k) and is written once, in the same transaction as its last leaf.
CREATE TABLE journal_log_node (
    tree_level SMALLINT NOT NULL,
    node_index BIGINT   NOT NULL,
    hash       BYTEA    NOT NULL,
    PRIMARY KEY (tree_level, node_index),
    CONSTRAINT journal_log_node_level CHECK (tree_level BETWEEN 0 AND 62),
    CONSTRAINT journal_log_node_index CHECK (node_index >= 0),
    CONSTRAINT journal_log_node_hash CHECK (octet_length(hash) = 32)
);

-- Signed tree heads, one per tree size. The signature covers the text SignedTreeHead.message() documents.
CREATE TABLE journal_tree_head (
    tree_size        BIGINT      PRIMARY KEY,
    timestamp_millis BIGINT      NOT NULL,
    root_hash        BYTEA       NOT NULL,
    algorithm        VARCHAR(32) NOT NULL,
    key_id           BYTEA       NOT NULL,
    signature        BYTEA       NOT NULL,
    CONSTRAINT journal_tree_head_size CHECK (tree_size >= 0),
    CONSTRAINT journal_tree_head_root CHECK (octet_length(root_hash) = 32)
);
