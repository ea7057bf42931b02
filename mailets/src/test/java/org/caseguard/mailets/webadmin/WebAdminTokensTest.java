package org.caseguard.mailets.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.james.jwt.JwtConfiguration;
import org.apache.james.jwt.JwtTokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokens are checked with James's own verifier, the one its WebAdmin JWT filter uses. */
class WebAdminTokensTest {
    @TempDir
    Path home;

    private JwtTokenVerifier verifier(Path workingDirectory) throws Exception {
        return JwtTokenVerifier.create(new JwtConfiguration(List.of(
            Files.readString(workingDirectory.resolve(WebAdminTokens.PUBLIC_KEY), StandardCharsets.US_ASCII))));
    }

    @Test
    void aMintedTokenNamesItsSubjectCarriesTheAdminClaimAndVerifiesWithTheGeneratedPublicKey() throws Exception {
        assertThat(WebAdminTokens.generateKeysIfMissing(home)).isTrue();
        String token = WebAdminTokens.mint(home, "privacy.officer", Duration.ofHours(1), Clock.systemUTC());

        JwtTokenVerifier verifier = verifier(home);
        assertThat(verifier.verifyAndExtractLogin(token)).contains("privacy.officer");
        assertThat(verifier.hasAttribute("admin", true, token)).isTrue();
    }

    @Test
    void thePrivateKeyIsReadableByItsOwnerOnlyAndAnExistingKeyPairIsKept() throws Exception {
        WebAdminTokens.generateKeysIfMissing(home);
        String publicKey = Files.readString(home.resolve(WebAdminTokens.PUBLIC_KEY));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(WebAdminTokens.PRIVATE_KEY)))).isEqualTo("rw-------");
        assertThat(WebAdminTokens.generateKeysIfMissing(home)).isFalse();
        assertThat(Files.readString(home.resolve(WebAdminTokens.PUBLIC_KEY))).isEqualTo(publicKey);
    }

    @Test
    void aTokenFromAnotherServersKeyOrAnExpiredTokenIsRejected(@TempDir Path other) throws Exception {
        WebAdminTokens.generateKeysIfMissing(home);
        WebAdminTokens.generateKeysIfMissing(other);
        String foreign = WebAdminTokens.mint(other, "privacy.officer", Duration.ofHours(1), Clock.systemUTC());
        Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        String expired = WebAdminTokens.mint(home, "privacy.officer", Duration.ofHours(1), yesterday);

        assertThat(verifier(home).verifyAndExtractLogin(foreign)).isEmpty();
        assertThat(verifier(home).verifyAndExtractLogin(expired)).isEmpty();
    }

    @Test
    void badSubjectsValiditiesAndAMissingKeyAreRefusedWithTheReason() {
        assertThatThrownBy(() -> WebAdminTokens.mint(home, "anyone", Duration.ofHours(1), Clock.systemUTC()))
            .hasMessageContaining("no WebAdmin signing key").hasMessageContaining("'keys'");
        WebAdminTokens.generateKeysIfMissing(home);
        assertThatThrownBy(() -> WebAdminTokens.mint(home, " padded", Duration.ofHours(1), Clock.systemUTC())).hasMessageStartingWith("subject:");
        assertThatThrownBy(() -> WebAdminTokens.mint(home, "", Duration.ofHours(1), Clock.systemUTC())).hasMessageStartingWith("subject:");
        assertThatThrownBy(() -> WebAdminTokens.mint(home, "line\nbreak", Duration.ofHours(1), Clock.systemUTC())).hasMessageStartingWith("subject:");
        assertThatThrownBy(() -> WebAdminTokens.mint(home, "officer", Duration.ofDays(32), Clock.systemUTC()))
            .hasMessageStartingWith("validity:").hasMessageContaining("PT744H");
        assertThatThrownBy(() -> WebAdminTokens.mint(home, "officer", Duration.ZERO, Clock.systemUTC())).hasMessageStartingWith("validity:");
    }
}
