package org.caseguard.journal;

import java.util.Objects;

/** A stored complete-subtree hash. */
public record Node(NodeId id, Hash hash) {
    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
    }
}
