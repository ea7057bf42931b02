package org.caseguard.core.consent;

/**
 * One unmet condition of CN-1 (or CN-3 for a minor), each with the plain-language fix a notice can name. The
 * encryption condition (CN-1d) is not here: the encryption stage enforces it per recipient (ENC-1, ENC-2).
 */
public enum ConsentGap {
    NO_CONSENT_RECORD("no email consent is recorded for this client"),
    PROGRAM_NOT_APPROVED("the client's program has not approved email (CN-1a)"),
    NO_CLINICIAN_DETERMINATION("no clinician has recorded that email is appropriate for this client (CN-1b)"),
    EMAIL_NOT_PREFERRED("the client has not chosen email as the preferred contact method (CN-1c)"),
    NO_CONSENT_FORM("no signed consent for email form is recorded (CN-1e)"),
    NOT_SIGNED_BY_CLIENT("the consent form is not recorded as signed by the client (CN-1e)"),
    NOT_SIGNED_BY_WORKER("the consent form is not recorded as signed by the worker (CN-1e)"),
    NOT_YET_EFFECTIVE("the consent form is not in effect yet (CN-1e)"),
    EXPIRED("the consent form has expired (CN-1e)"),
    REVOKED("the consent form was revoked (CN-1e)"),
    NO_CONSENTED_ADDRESS("no consented email address is recorded (CN-4)"),
    NO_RESPONSIBLE_ADULT("the minor's consent came from a responsible adult, but no adult and address are recorded (CN-3)");

    private final String explanation;

    ConsentGap(String explanation) {
        this.explanation = explanation;
    }

    /** Plain language, no client detail: safe for a notice to the sender and for logs. */
    public String explanation() {
        return explanation;
    }
}
