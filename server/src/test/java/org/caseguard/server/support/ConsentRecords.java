package org.caseguard.server.support;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Consent records in the WebAdmin wire form (docs/consent-registry.md), as a program would enter them. Dates are
 * relative to today in the zone the consent profile's pipeline uses, so "expired yesterday" means just that.
 */
public final class ConsentRecords {
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    private ConsentRecords() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** Every CN-1 condition met, consented address {@code address}, the three usual purposes; worker alice, supervisor bob. */
    public static Builder eligible(String clientId, String address) {
        return new Builder(clientId, address);
    }

    public static final class Builder {
        private final String clientId;
        private final String address;
        private String preferredContact = "email";
        private boolean programApproved = true;
        private boolean signedByWorker = true;
        private LocalDate expiresOn = today().plusMonths(6);
        private LocalDate revokedOn;
        private String knownAddresses = "";
        private String purposes = "\"scheduling\",\"appointment-reminder\",\"treatment-instruction-reminder\"";
        private String responsibleAdult;

        private Builder(String clientId, String address) {
            this.clientId = clientId;
            this.address = address;
        }

        public Builder expiresOn(LocalDate date) {
            this.expiresOn = date;
            return this;
        }

        public Builder revokedOn(LocalDate date) {
            this.revokedOn = date;
            return this;
        }

        public Builder signedByClientOnly() {
            this.signedByWorker = false;
            return this;
        }

        public Builder programNotApproved() {
            this.programApproved = false;
            return this;
        }

        public Builder preferredContact(String method) {
            this.preferredContact = method;
            return this;
        }

        public Builder knownAddresses(String... addresses) {
            this.knownAddresses = String.join(",", java.util.Arrays.stream(addresses).map(a -> "\"" + a + "\"").toList());
            return this;
        }

        /** A minor whose consent came from a parent: {@code address} is the minor's, mail may only go to the adult's. */
        public Builder consentedByParent(String name, String adultAddress) {
            this.responsibleAdult = "{\"name\":\"" + name + "\",\"relationship\":\"parent\",\"address\":\"" + adultAddress + "\"}";
            return this;
        }

        public String json() {
            LocalDate today = today();
            StringBuilder json = new StringBuilder("{");
            json.append("\"clientId\":\"").append(clientId).append("\",");
            json.append("\"preferredContact\":\"").append(preferredContact).append("\",");
            if (programApproved) {
                json.append("\"programApproval\":{\"program\":\"Adult Outpatient\",\"approvedBy\":\"pm.lee\",\"approvedOn\":\"")
                    .append(today.minusYears(1)).append("\"},");
            }
            json.append("\"clinicianDetermination\":{\"clinician\":\"alice\",\"determinedOn\":\"").append(today.minusMonths(2)).append("\"},");
            json.append("\"form\":{\"formId\":\"MH708-").append(clientId).append("\",\"signedByClient\":true,");
            if (signedByWorker) {
                json.append("\"signedByWorker\":\"alice\",");
            }
            json.append("\"signedOn\":\"").append(today.minusMonths(2)).append("\",\"effectiveFrom\":\"").append(today.minusMonths(2))
                .append("\",\"expiresOn\":\"").append(expiresOn).append('"');
            if (revokedOn != null) {
                json.append(",\"revokedOn\":\"").append(revokedOn).append("\",\"revokedBy\":\"client by phone\"");
            }
            json.append("},");
            json.append("\"consentedAddress\":\"").append(address).append("\",");
            if (responsibleAdult != null) {
                json.append("\"minor\":true,\"consentGivenBy\":\"responsible-adult\",\"responsibleAdult\":").append(responsibleAdult).append(',');
            } else {
                json.append("\"minor\":false,\"consentGivenBy\":\"client\",");
            }
            json.append("\"permittedPurposes\":[").append(purposes).append("],");
            json.append("\"knownAddresses\":[").append(knownAddresses).append("],");
            json.append("\"worker\":\"").append(PipelineFixture.ALICE).append("\",\"supervisor\":\"").append(PipelineFixture.BOB).append("\"}");
            return json.toString();
        }
    }
}
