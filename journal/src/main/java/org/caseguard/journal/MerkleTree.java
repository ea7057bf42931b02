package org.caseguard.journal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Merkle tree math of RFC 6962 section 2.1 (unchanged in RFC 9162 section 2.1): leaf and node hashes, the tree
 * head MTH, audit paths PATH and consistency proofs PROOF, and their verifiers (RFC 9162 sections 2.1.3.2 and
 * 2.1.4.2). The proof generators take the subtree hashes as a function so that the same code serves the naive
 * reference over a list and the stored log.
 */
public final class MerkleTree {
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final Hash EMPTY_ROOT = Hash.sha256(new byte[0]);

    private MerkleTree() {
    }

    /** SHA-256(0x00 || data). */
    public static Hash leafHash(byte[] data) {
        MessageDigest digest = Hash.newDigest();
        digest.update(LEAF_PREFIX);
        digest.update(data);
        return Hash.wrap(digest.digest());
    }

    /** SHA-256(0x01 || left || right). */
    public static Hash nodeHash(Hash left, Hash right) {
        byte[] input = new byte[1 + 2 * Hash.LENGTH];
        input[0] = NODE_PREFIX;
        left.copyInto(input, 1);
        right.copyInto(input, 1 + Hash.LENGTH);
        return Hash.wrap(Hash.newDigest().digest(input));
    }

    /** MTH({}) = SHA-256 of the empty string. */
    public static Hash emptyRoot() {
        return EMPTY_ROOT;
    }

    /** MTH over leaf hashes, by the definition (O(n)); the reference the stored log is tested against. */
    public static Hash root(List<Hash> leafHashes) {
        return leafHashes.isEmpty() ? EMPTY_ROOT : over(leafHashes).of(0, leafHashes.size());
    }

    /** Subtree hashes computed from a list of leaf hashes by the recursive definition. */
    public static SubtreeHashes over(List<Hash> leafHashes) {
        return new SubtreeHashes() {
            @Override
            public Hash of(long from, long to) {
                if (to - from == 1) {
                    return leafHashes.get((int) from);
                }
                long k = largestPowerOfTwoBelow(to - from);
                return nodeHash(of(from, from + k), of(from + k, to));
            }
        };
    }

    /** The largest power of two strictly smaller than n, for n > 1: the split point k of RFC 6962. */
    public static long largestPowerOfTwoBelow(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("a split needs at least 2 leaves, got " + n);
        }
        return Long.highestOneBit(n - 1);
    }

    /** PATH(index, D[0:treeSize]): the audit path of RFC 6962 section 2.1.1, leaf to root order. */
    public static List<Hash> inclusionPath(long index, long treeSize, SubtreeHashes subtrees) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf index must be in 0.." + (treeSize - 1) + " for a tree of " + treeSize + ", got " + index);
        }
        List<Hash> path = new ArrayList<>();
        path(index, 0, treeSize, subtrees, path);
        return path;
    }

    private static void path(long m, long from, long to, SubtreeHashes subtrees, List<Hash> path) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, from, from + k, subtrees, path);
            path.add(subtrees.of(from + k, to));
        } else {
            path(m - k, from + k, to, subtrees, path);
            path.add(subtrees.of(from, from + k));
        }
    }

    /** PROOF(oldSize, D[0:newSize]) of RFC 6962 section 2.1.2; empty when oldSize is 0 or equals newSize. */
    public static List<Hash> consistencyProof(long oldSize, long newSize, SubtreeHashes subtrees) {
        if (oldSize < 0 || oldSize > newSize) {
            throw new IllegalArgumentException("old tree size must be in 0.." + newSize + ", got " + oldSize);
        }
        List<Hash> proof = new ArrayList<>();
        if (oldSize > 0 && oldSize < newSize) {
            subproof(oldSize, 0, newSize, true, subtrees, proof);
        }
        return proof;
    }

    private static void subproof(long m, long from, long to, boolean wholeOldTree, SubtreeHashes subtrees, List<Hash> proof) {
        long n = to - from;
        if (m == n) {
            if (!wholeOldTree) {
                proof.add(subtrees.of(from, to));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, wholeOldTree, subtrees, proof);
            proof.add(subtrees.of(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, subtrees, proof);
            proof.add(subtrees.of(from, from + k));
        }
    }

    /** RFC 9162 section 2.1.3.2: does the path prove that leafHash is leaf leafIndex of the tree with rootHash? */
    public static boolean verifyInclusion(long leafIndex, long treeSize, Hash leafHash, List<Hash> path, Hash rootHash) {
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(rootHash, "rootHash");
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        Hash r = leafHash;
        for (Hash p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.equals(rootHash);
    }

    /**
     * RFC 9162 section 2.1.4.2: is the tree of newSize with newRoot an append-only extension of the tree of oldSize
     * with oldRoot? Equal sizes need equal roots and an empty proof; an empty old tree is consistent with any tree.
     */
    public static boolean verifyConsistency(long oldSize, long newSize, Hash oldRoot, Hash newRoot, List<Hash> proof) {
        Objects.requireNonNull(oldRoot, "oldRoot");
        Objects.requireNonNull(newRoot, "newRoot");
        if (oldSize < 0 || oldSize > newSize) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && oldRoot.equals(newRoot);
        }
        if (oldSize == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<Hash> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(oldSize) == 1) {
            path.add(oldRoot);
        }
        path.addAll(proof);
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        Hash fr = path.get(0);
        Hash sr = path.get(0);
        for (Hash c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.equals(oldRoot) && sr.equals(newRoot);
    }
}
