package org.caseguard.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * RFC 6962 section 2.1 math (JRN-4) against the known answers of Certificate Transparency's reference implementation
 * (transparency-dev/merkle testonly/constants.go and proof/verify_test.go: the 8 leaf inputs, the roots for sizes
 * 0..8, and the inclusion and consistency proofs given there), then properties over many sizes.
 */
class MerkleTreeTest {
    static final List<byte[]> LEAF_INPUTS = Stream.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f")
        .map(HexFormat.of()::parseHex).toList();
    static final List<Hash> ROOTS = Stream.of(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328").map(Hash::fromHex).toList();

    static List<Hash> referenceLeaves() {
        return LEAF_INPUTS.stream().map(MerkleTree::leafHash).toList();
    }

    static List<Hash> hashes(String... hex) {
        return Stream.of(hex).map(Hash::fromHex).toList();
    }

    @Test
    void leafHashesAndRootsForSizes0To8MatchCertificateTransparency() {
        assertThat(referenceLeaves().get(0)).isEqualTo(Hash.fromHex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
        assertThat(referenceLeaves().get(7)).isEqualTo(Hash.fromHex("46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"));
        for (int size = 0; size <= 8; size++) {
            assertThat(MerkleTree.root(referenceLeaves().subList(0, size))).as("root of size %d", size).isEqualTo(ROOTS.get(size));
        }
    }

    @Test
    void inclusionPathsMatchCertificateTransparency() {
        SubtreeHashes tree = MerkleTree.over(referenceLeaves());
        // {leaf index, tree size, path} from verify_test.go (which numbers leaves from 1)
        assertThat(MerkleTree.inclusionPath(0, 1, tree)).isEmpty();
        assertKnownInclusion(tree, 0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertKnownInclusion(tree, 5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertKnownInclusion(tree, 2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertKnownInclusion(tree, 1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    private void assertKnownInclusion(SubtreeHashes tree, int index, int size, String... path) {
        List<Hash> expected = hashes(path);
        assertThat(MerkleTree.inclusionPath(index, size, tree)).as("path of %d in %d", index, size).isEqualTo(expected);
        assertThat(MerkleTree.verifyInclusion(index, size, referenceLeaves().get(index), expected, ROOTS.get(size))).isTrue();
    }

    @Test
    void consistencyProofsMatchCertificateTransparency() {
        SubtreeHashes tree = MerkleTree.over(referenceLeaves());
        assertThat(MerkleTree.consistencyProof(1, 1, tree)).isEmpty();
        assertKnownConsistency(tree, 1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertKnownConsistency(tree, 6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertKnownConsistency(tree, 2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertKnownConsistency(tree, 6, 7, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    private void assertKnownConsistency(SubtreeHashes tree, int oldSize, int newSize, String... proof) {
        List<Hash> expected = hashes(proof);
        assertThat(MerkleTree.consistencyProof(oldSize, newSize, tree)).as("proof %d -> %d", oldSize, newSize).isEqualTo(expected);
        assertThat(MerkleTree.verifyConsistency(oldSize, newSize, ROOTS.get(oldSize), ROOTS.get(newSize), expected)).isTrue();
    }

    @Test
    void edgeCasesOfConsistencyFollowTheReferenceConventions() {
        Hash a = ROOTS.get(1);
        Hash b = ROOTS.get(2);
        assertThat(MerkleTree.verifyConsistency(0, 0, a, a, List.of())).isTrue();
        assertThat(MerkleTree.verifyConsistency(0, 5, a, b, List.of())).as("the empty tree is a prefix of any tree").isTrue();
        assertThat(MerkleTree.verifyConsistency(1, 1, a, b, List.of())).as("same size, different roots").isFalse();
        assertThat(MerkleTree.verifyConsistency(1, 1, a, a, List.of(a))).as("same size, proof not empty").isFalse();
        assertThat(MerkleTree.verifyConsistency(2, 1, a, b, List.of())).as("a tree cannot shrink").isFalse();
        assertThat(MerkleTree.verifyConsistency(1, 2, a, b, List.of())).as("growth needs a proof").isFalse();
        assertThat(MerkleTree.verifyInclusion(0, 0, a, List.of(), a)).isFalse();
        assertThat(MerkleTree.verifyInclusion(1, 1, a, List.of(), a)).isFalse();
        assertThat(MerkleTree.verifyInclusion(0, 1, a, List.of(), a)).as("a one-leaf tree's root is its leaf").isTrue();
    }

    @Test
    void everyInclusionProofOfEveryLeafVerifiesUpTo70LeavesAndAnyDamageFails() {
        Random random = new Random(6962);
        List<Hash> leaves = randomLeaves(random, 70);
        for (int size = 1; size <= 70; size++) {
            List<Hash> tree = leaves.subList(0, size);
            Hash root = MerkleTree.root(tree);
            for (int index = 0; index < size; index++) {
                List<Hash> path = MerkleTree.inclusionPath(index, size, MerkleTree.over(tree));
                assertThat(path.size()).isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size - 1));
                assertThat(MerkleTree.verifyInclusion(index, size, tree.get(index), path, root)).as("leaf %d of %d", index, size).isTrue();
                assertInclusionDamageFails(random, index, size, tree.get(index), path, root);
            }
        }
    }

    private static void assertInclusionDamageFails(Random random, int index, int size, Hash leaf, List<Hash> path, Hash root) {
        assertThat(MerkleTree.verifyInclusion(index, size, flip(random, leaf), path, root)).as("flipped leaf").isFalse();
        assertThat(MerkleTree.verifyInclusion(index, size, leaf, path, flip(random, root))).as("flipped root").isFalse();
        for (int i = 0; i < path.size(); i++) {
            List<Hash> damaged = new ArrayList<>(path);
            damaged.set(i, flip(random, path.get(i)));
            assertThat(MerkleTree.verifyInclusion(index, size, leaf, damaged, root)).as("flipped path[%d]", i).isFalse();
        }
        if (!path.isEmpty()) {
            assertThat(MerkleTree.verifyInclusion(index, size, leaf, path.subList(0, path.size() - 1), root)).as("truncated path").isFalse();
        }
        List<Hash> longer = new ArrayList<>(path);
        longer.add(root);
        assertThat(MerkleTree.verifyInclusion(index, size, leaf, longer, root)).as("extra path element").isFalse();
        if (size > 1) {
            int other = (index + 1) % size;
            assertThat(MerkleTree.verifyInclusion(other, size, leaf, path, root)).as("another index").isFalse();
        }
        assertThat(MerkleTree.verifyInclusion(index, size + 1L << 1, leaf, path, root)).as("another size").isFalse();
    }

    @Test
    void everyConsistencyProofUpTo40LeavesVerifiesAndWrongOnesFail() {
        Random random = new Random(9162);
        List<Hash> leaves = randomLeaves(random, 40);
        for (int newSize = 1; newSize <= 40; newSize++) {
            SubtreeHashes tree = MerkleTree.over(leaves.subList(0, newSize));
            Hash newRoot = MerkleTree.root(leaves.subList(0, newSize));
            for (int oldSize = 1; oldSize < newSize; oldSize++) {
                Hash oldRoot = MerkleTree.root(leaves.subList(0, oldSize));
                List<Hash> proof = MerkleTree.consistencyProof(oldSize, newSize, tree);
                assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)).as("%d -> %d", oldSize, newSize).isTrue();
                assertThat(MerkleTree.verifyConsistency(oldSize, newSize, flip(random, oldRoot), newRoot, proof)).as("flipped old root").isFalse();
                assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, flip(random, newRoot), proof)).as("flipped new root").isFalse();
                for (int i = 0; i < proof.size(); i++) {
                    List<Hash> damaged = new ArrayList<>(proof);
                    damaged.set(i, flip(random, proof.get(i)));
                    assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, damaged)).as("flipped proof[%d]", i).isFalse();
                }
                assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.subList(0, proof.size() - 1))).as("truncated").isFalse();
                assertThat(MerkleTree.verifyConsistency(oldSize, newSize, newRoot, oldRoot, proof)).as("swapped roots").isFalse();
                // A forked log: same old prefix except one changed leaf must not pass as an extension.
                List<Hash> forked = new ArrayList<>(leaves.subList(0, newSize));
                int changed = random.nextInt(oldSize);
                forked.set(changed, flip(random, forked.get(changed)));
                assertThat(MerkleTree.verifyConsistency(oldSize, newSize, oldRoot, MerkleTree.root(forked),
                    MerkleTree.consistencyProof(oldSize, newSize, MerkleTree.over(forked)))).as("fork at leaf %d", changed).isFalse();
            }
        }
    }

    @Test
    void proofRequestsOutsideTheTreeAreRefusedWithTheParameterNamed() {
        SubtreeHashes tree = MerkleTree.over(referenceLeaves());
        assertThatThrownBy(() -> MerkleTree.inclusionPath(8, 8, tree)).hasMessageContaining("leaf index must be in 0..7");
        assertThatThrownBy(() -> MerkleTree.consistencyProof(9, 8, tree)).hasMessageContaining("old tree size must be in 0..8");
    }

    static List<Hash> randomLeaves(Random random, int count) {
        List<Hash> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[1 + random.nextInt(40)];
            random.nextBytes(data);
            leaves.add(MerkleTree.leafHash(data));
        }
        return leaves;
    }

    static Hash flip(Random random, Hash hash) {
        byte[] bytes = hash.bytes();
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        return Hash.of(bytes);
    }
}
