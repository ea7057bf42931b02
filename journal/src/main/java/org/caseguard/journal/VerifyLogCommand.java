package org.caseguard.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Command-line {@code verify} of the journal's Merkle log (JRN-4): reads the store that caseguard.properties
 * describes, checks leaves, stored subtrees and every tree head against the given public keys, prints the report.
 * Exit code 0: passed; 1: problems found; 2: could not verify (arguments, configuration, key or database).
 * Relative paths in the properties resolve against the current directory, as in James.
 */
public final class VerifyLogCommand {
    static final String USAGE = "usage: VerifyLogCommand <caseguard.properties> <tree-head-public-key.pem> [more public keys...]";

    private VerifyLogCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Path.of("").toAbsolutePath(), System.out, System.err));
    }

    static int run(String[] args, Path workingDirectory, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println(USAGE);
            return 2;
        }
        Properties properties = new Properties();
        List<PublicKey> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(workingDirectory.resolve(args[0]))) {
            properties.load(in);
            for (int i = 1; i < args.length; i++) {
                keys.add(TreeHeadSigner.readPublicKeyPem(Files.readString(workingDirectory.resolve(args[i]), StandardCharsets.US_ASCII)));
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot verify: " + e.getMessage());
            return 2;
        }
        try (LeafStore store = LeafStores.open(properties, workingDirectory)) {
            VerificationReport report = new LogVerifier(Hash::sha256, keys).verifyLog(store, store.treeHeads());
            out.print(report.summary());
            return report.passed() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("cannot verify: " + e.getMessage());
            return 2;
        }
    }
}
