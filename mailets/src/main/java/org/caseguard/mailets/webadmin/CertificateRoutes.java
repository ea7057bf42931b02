package org.caseguard.mailets.webadmin;

import static org.caseguard.mailets.webadmin.RouteResponses.actor;
import static org.caseguard.mailets.webadmin.RouteResponses.badRequest;
import static org.caseguard.mailets.webadmin.RouteResponses.noContent;
import static org.caseguard.mailets.webadmin.RouteResponses.notFound;

import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.caseguard.core.crypto.CertificateResolution;
import org.caseguard.core.crypto.CertificateStore;
import org.caseguard.core.crypto.CertificateValidation;
import org.caseguard.core.crypto.CrlPolicy;
import org.caseguard.core.crypto.StoredRecipientCertificates;
import org.caseguard.core.registry.RegistryStore;

import spark.Request;
import spark.Service;

/**
 * S/MIME certificates (ENC-1, ENC-2) under {@code /caseguard/certificates}: import recipients' certificates, trust
 * anchors and intermediates (PEM with one or more certificates, DER, or a PKCS#7 bundle), CRLs, pin a certificate an
 * admin checked by other means, list, remove, and ask which certificate would be used for an address and why the
 * others would not. Writes need the {@code X-Caseguard-Actor} header.
 */
public class CertificateRoutes implements Routes {
    public static final String BASE = "/caseguard/certificates";

    private final RegistryStore registry;
    private final CertificateStore certificates;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public CertificateRoutes(RegistryStore registry) {
        this.registry = registry;
        this.certificates = registry.certificates();
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.post(BASE, (request, response) -> {
            String actor = actor(request);
            CertificateStore.Role role = role(request);
            List<String> fingerprints = new ArrayList<>();
            for (X509Certificate certificate : parseCertificates(request.bodyAsBytes())) {
                try {
                    fingerprints.add(certificates.add(certificate, role, actor));
                } catch (IllegalArgumentException e) {
                    throw badRequest("certificate " + CertificateValidation.fingerprintPrefix(certificate) + ": " + e.getMessage());
                }
            }
            return Map.of("fingerprints", fingerprints);
        }, json);
        service.post("/caseguard/crls", (request, response) -> {
            String actor = actor(request);
            try {
                X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(request.bodyAsBytes()));
                return Map.of("fingerprint", certificates.addCrl(crl, actor));
            } catch (CertificateException | CRLException | RuntimeException e) {
                throw badRequest("the body must be a CRL, PEM or DER encoded");
            }
        }, json);
        service.get(BASE + "/resolve", (request, response) -> {
            String address = Optional.ofNullable(request.queryParams("address")).filter(value -> value.contains("@"))
                .orElseThrow(() -> badRequest("\"address\": an email address is required"));
            CrlPolicy policy = CrlPolicy.parse(Optional.ofNullable(request.queryParams("crl")).orElse("when-available"))
                .orElseThrow(() -> badRequest("\"crl\": must be off, when-available or required"));
            CertificateResolution resolution = new StoredRecipientCertificates(certificates, registry::version, policy)
                .resolve(address, Instant.now());
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("usable", resolution.certificate().map(CertificateValidation::fingerprintPrefix).orElse(null));
            view.put("refusals", resolution.refusals());
            return view;
        }, json);
        service.get(BASE, (request, response) -> {
            Optional<String> address = Optional.ofNullable(request.queryParams("address"));
            List<CertificateStore.Stored> stored = address.isPresent() ? certificates.forAddress(address.get()) : certificates.all();
            return stored.stream().map(CertificateRoutes::view).toList();
        }, json);
        service.put(BASE + "/:fingerprint/pin", (request, response) -> {
            actor(request);
            if (!certificates.pin(request.params("fingerprint").toUpperCase(Locale.ROOT), true)) {
                throw notFound("no recipient certificate with this fingerprint");
            }
            return noContent(response);
        });
        service.delete(BASE + "/:fingerprint", (request, response) -> {
            actor(request);
            if (!certificates.remove(request.params("fingerprint").toUpperCase(Locale.ROOT))) {
                throw notFound("no certificate with this fingerprint");
            }
            return noContent(response);
        });
    }

    private static CertificateStore.Role role(Request request) {
        String value = Optional.ofNullable(request.queryParams("role")).orElse("recipient");
        try {
            return CertificateStore.Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw badRequest("\"role\": must be recipient, anchor or intermediate, got \"" + value + "\"");
        }
    }

    /** PEM (one or more), DER, or a PKCS#7 bundle: the JDK's X.509 factory reads all three. */
    private static Collection<X509Certificate> parseCertificates(byte[] body) {
        try {
            @SuppressWarnings("unchecked")
            Collection<X509Certificate> parsed = (Collection<X509Certificate>) CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(body));
            if (parsed.isEmpty()) {
                throw badRequest("the body holds no certificate; send PEM, DER or a PKCS#7 bundle");
            }
            return parsed;
        } catch (CertificateException e) {
            throw badRequest("the body is not a certificate, PEM or DER, or a PKCS#7 bundle");
        }
    }

    private static Map<String, Object> view(CertificateStore.Stored stored) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("fingerprint", stored.fingerprint());
        view.put("role", stored.role().name().toLowerCase(Locale.ROOT));
        view.put("pinned", stored.pinned());
        view.put("subject", stored.certificate().getSubjectX500Principal().getName());
        view.put("issuer", stored.certificate().getIssuerX500Principal().getName());
        view.put("notBefore", stored.certificate().getNotBefore().toInstant().toString());
        view.put("notAfter", stored.certificate().getNotAfter().toInstant().toString());
        return view;
    }
}
