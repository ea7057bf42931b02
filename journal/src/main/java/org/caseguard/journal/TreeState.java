package org.caseguard.journal;

/** An unsigned tree head: the log's size and its root at one moment. */
public record TreeState(long treeSize, Hash rootHash) {
}
