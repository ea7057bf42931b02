package org.caseguard.journal.content;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;

import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * S3 Object Lock retention carried by every put (JRN-5): the object version cannot be deleted or overwritten until
 * {@code now + period}; in governance mode a user with the bypass permission still can, in compliance mode nobody
 * can. Crypto-shredding (destroying the scope's key) is what disposes of content inside that period.
 */
record ObjectLockRetention(String mode, Period period) {
    ObjectLockRetention {
        Objects.requireNonNull(period, "period");
        if (!mode.equals("governance") && !mode.equals("compliance")) {
            throw new IllegalArgumentException("object lock mode must be governance or compliance, got '" + mode + "'");
        }
    }

    Instant retainUntil(Instant now) {
        return now.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }

    PutObjectRequest.Builder applyTo(PutObjectRequest.Builder put, Instant now) {
        return put.objectLockMode(mode.equals("compliance") ? ObjectLockMode.COMPLIANCE : ObjectLockMode.GOVERNANCE)
            .objectLockRetainUntilDate(retainUntil(now));
    }
}
