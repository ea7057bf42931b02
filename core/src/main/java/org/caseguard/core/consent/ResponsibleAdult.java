package org.caseguard.core.consent;

/** CN-3: the adult (authorized caregiver, conservator, parent) who consented for a minor, and the address they gave. */
public record ResponsibleAdult(String name, String relationship, String address) {
}
