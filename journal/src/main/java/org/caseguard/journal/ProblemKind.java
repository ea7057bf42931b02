package org.caseguard.journal;

/** What verification (JRN-4) can find wrong. Disposal (content gone, leaf kept) is not a problem. */
public enum ProblemKind {
    /** The entry's recomputed hash matches no leaf: its content or metadata was changed. */
    ALTERED_ENTRY,
    /** A leaf has no entry: the entry was deleted outside disposal. */
    REMOVED_ENTRY,
    /** The entry's hash belongs to another leaf index, or the entries are stored out of sequence. */
    REORDERED_ENTRY,
    /** Two entries claim the same leaf index. */
    DUPLICATE_ENTRY,
    /** An entry claims a leaf index the log does not have: it was inserted without being logged. */
    UNLOGGED_ENTRY,
    /** A leaf index below the log's size has no stored leaf hash. */
    MISSING_LEAF,
    /** A stored complete-subtree hash differs from the one recomputed from the leaves, or is missing or extra. */
    STORED_SUBTREE_MISMATCH,
    /** A tree head's signature does not verify with any trusted key. */
    TREE_HEAD_SIGNATURE_INVALID,
    /** A validly signed tree head's root differs from the root of the stored leaves at its size. */
    TREE_HEAD_ROOT_MISMATCH,
    /** A validly signed tree head is larger than the stored log: leaves were cut off the end. */
    TREE_HEAD_BEYOND_LOG,
    /** Successive validly signed tree heads are not linked by a consistency proof from the stored log. */
    TREE_HEADS_INCONSISTENT,
    /** A larger tree head carries an earlier time than a smaller one. */
    TREE_HEAD_OUT_OF_ORDER,
    /** A message's stored content no longer decrypts to the bytes its entry recorded (a blob was changed or swapped). */
    ALTERED_CONTENT,
    /** A message's content is gone although it was not disposed. */
    MISSING_CONTENT,
    /** A search-index row (case, client, participant, content location) differs from what the entries say. */
    INDEX_MISMATCH
}
