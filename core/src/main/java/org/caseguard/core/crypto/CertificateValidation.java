package org.caseguard.core.crypto;

import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caseguard.core.domain.Domains;

/**
 * ENC-1/ENC-2: whether a stored certificate may be used to encrypt to an address at an instant. Usable only when it
 * is within its validity dates, its key usage allows key encipherment (RSA) or key agreement (EC), its extended key
 * usage allows email protection (or is absent), the address is one of its rfc822Name subject alternative names
 * (domain compared in lower case, local part exactly: as CN-4), it chains to a trust anchor through the known
 * intermediates unless an admin pinned it, and, per {@link CrlPolicy}, it is not revoked. Every refusal is a sentence
 * an admin can act on, naming the certificate by fingerprint and never the address.
 */
public final class CertificateValidation {
    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;

    /** A certificate as stored for recipients, with whether an admin pinned it (trusted without a chain). */
    public record Candidate(X509Certificate certificate, boolean pinned) {
    }

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> intermediates;
    private final List<X509CRL> crls;
    private final CrlPolicy crlPolicy;

    public CertificateValidation(Collection<X509Certificate> trustAnchors, Collection<X509Certificate> intermediates,
                                 Collection<X509CRL> crls, CrlPolicy crlPolicy) {
        Set<TrustAnchor> set = new java.util.HashSet<>();
        trustAnchors.forEach(anchor -> set.add(new TrustAnchor(anchor, null)));
        this.anchors = Set.copyOf(set);
        this.intermediates = List.copyOf(intermediates);
        this.crls = List.copyOf(crls);
        this.crlPolicy = crlPolicy;
    }

    /** Empty when usable for {@code address} at {@code at}; otherwise why not. */
    public Optional<String> refusal(Candidate candidate, String address, Instant at) {
        X509Certificate certificate = candidate.certificate();
        String name = "certificate " + fingerprintPrefix(certificate) + ": ";
        Date when = Date.from(at);
        if (when.before(certificate.getNotBefore())) {
            return Optional.of(name + "not valid before " + day(certificate.getNotBefore()));
        }
        if (when.after(certificate.getNotAfter())) {
            return Optional.of(name + "expired on " + day(certificate.getNotAfter()) + "; import the recipient's new certificate");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        boolean ec = certificate.getPublicKey().getAlgorithm().equals("EC");
        if (keyUsage != null && !(ec ? keyUsage.length > KEY_AGREEMENT && keyUsage[KEY_AGREEMENT]
            : keyUsage.length > KEY_ENCIPHERMENT && keyUsage[KEY_ENCIPHERMENT])) {
            return Optional.of(name + "its key usage does not allow " + (ec ? "key agreement" : "key encipherment")
                + " (a signing-only certificate); ask the recipient for their encryption certificate");
        }
        try {
            List<String> extendedKeyUsage = certificate.getExtendedKeyUsage();
            if (extendedKeyUsage != null && !extendedKeyUsage.contains(EMAIL_PROTECTION) && !extendedKeyUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
                return Optional.of(name + "its extended key usage does not include email protection");
            }
            if (!namesAddress(certificate, address)) {
                return Optional.of(name + "the recipient address is not in its subject alternative names");
            }
        } catch (CertificateParsingException e) {
            return Optional.of(name + "its extensions cannot be read");
        }
        if (!candidate.pinned() && !chainsToAnchor(certificate, when)) {
            return Optional.of(name + "does not chain to a trusted authority (issuer " + certificate.getIssuerX500Principal().getName()
                + "); add the issuer as a trust anchor, or pin the certificate after checking it with the recipient");
        }
        return revocation(certificate, at).map(reason -> name + reason);
    }

    /**
     * ENC-4: empty when the signer of inbound mail is trusted at {@code at} as the sender {@code fromAddress}: within its
     * validity, its key usage allows signatures, its extended key usage allows email protection (or is absent), the From
     * address is among its subject alternative names, it chains to a trust anchor (or an admin pinned it), and it is
     * not revoked under the CRL policy. Otherwise why not, in words an admin can act on.
     */
    public Optional<String> signerRefusal(Candidate candidate, String fromAddress, Instant at) {
        X509Certificate certificate = candidate.certificate();
        String name = "signer certificate " + fingerprintPrefix(certificate) + ": ";
        Date when = Date.from(at);
        if (when.before(certificate.getNotBefore())) {
            return Optional.of(name + "not valid before " + day(certificate.getNotBefore()));
        }
        if (when.after(certificate.getNotAfter())) {
            return Optional.of(name + "expired on " + day(certificate.getNotAfter()));
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && !(keyUsage.length > DIGITAL_SIGNATURE && keyUsage[DIGITAL_SIGNATURE])
            && !(keyUsage.length > NON_REPUDIATION && keyUsage[NON_REPUDIATION])) {
            return Optional.of(name + "its key usage does not allow signatures");
        }
        try {
            List<String> extendedKeyUsage = certificate.getExtendedKeyUsage();
            if (extendedKeyUsage != null && !extendedKeyUsage.contains(EMAIL_PROTECTION) && !extendedKeyUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
                return Optional.of(name + "its extended key usage does not include email protection");
            }
            if (!namesAddress(certificate, fromAddress)) {
                return Optional.of(name + "the From address is not in its subject alternative names: it was signed by someone else");
            }
        } catch (CertificateParsingException e) {
            return Optional.of(name + "its extensions cannot be read");
        }
        if (!candidate.pinned() && !chainsToAnchor(certificate, when)) {
            return Optional.of(name + "does not chain to a trusted authority (issuer " + certificate.getIssuerX500Principal().getName()
                + "); add the issuer as a trust anchor, or pin the certificate after checking it with the sender");
        }
        return revocation(certificate, at).map(reason -> name + reason);
    }

    /** ENC-1: the newest usable certificate (latest start of validity); the refusals of every other one. */
    public CertificateResolution choose(List<Candidate> candidates, String address, Instant at) {
        List<Candidate> newestFirst = new ArrayList<>(candidates);
        newestFirst.sort(Comparator.comparing((Candidate candidate) -> candidate.certificate().getNotBefore()).reversed());
        List<String> refusals = new ArrayList<>();
        X509Certificate chosen = null;
        for (Candidate candidate : newestFirst) {
            Optional<String> refusal = refusal(candidate, address, at);
            if (refusal.isPresent()) {
                refusals.add(refusal.get());
            } else if (chosen == null) {
                chosen = candidate.certificate();
            }
        }
        if (candidates.isEmpty()) {
            refusals.add("no certificate is stored for this recipient; import one (or ask the recipient to send signed mail)");
        }
        return chosen == null ? CertificateResolution.none(refusals) : CertificateResolution.usable(chosen, refusals);
    }

    private static boolean namesAddress(X509Certificate certificate, String address) throws CertificateParsingException {
        Optional<String> wanted = Domains.normaliseAddress(address == null ? "" : address.trim());
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (wanted.isEmpty() || names == null) {
            return false;
        }
        for (List<?> entry : names) {
            if (Integer.valueOf(1).equals(entry.get(0)) && entry.get(1) instanceof String email
                && Domains.normaliseAddress(email.trim()).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private boolean chainsToAnchor(X509Certificate certificate, Date when) {
        if (anchors.isEmpty()) {
            return false;
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(certificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            List<X509Certificate> known = new ArrayList<>(intermediates);
            known.add(certificate);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(when);
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private Optional<String> revocation(X509Certificate certificate, Instant at) {
        if (crlPolicy == CrlPolicy.OFF) {
            return Optional.empty();
        }
        Date when = Date.from(at);
        Optional<X509CRL> crl = crls.stream()
            .filter(candidate -> candidate.getIssuerX500Principal().equals(certificate.getIssuerX500Principal()))
            .max(Comparator.comparing(X509CRL::getThisUpdate));
        if (crl.isEmpty() || crl.get().getNextUpdate() != null && crl.get().getNextUpdate().before(when)) {
            return crlPolicy == CrlPolicy.REQUIRED
                ? Optional.of("no current revocation list (CRL) of its issuer is held, and one is required; import the issuer's CRL")
                : Optional.empty();
        }
        X509CRLEntry entry = crl.get().getRevokedCertificate(certificate);
        if (entry != null && !entry.getRevocationDate().after(when)) {
            return Optional.of("revoked on " + day(entry.getRevocationDate()) + " (CRL of its issuer)");
        }
        return Optional.empty();
    }

    public static String fingerprintPrefix(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()), 0, 6) + "…";
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            return "(unreadable)";
        }
    }

    private static LocalDate day(Date date) {
        return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
    }
}
