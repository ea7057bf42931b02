package org.caseguard.core.notice;

/** REFUSED: an RFC 3464 DSN (NTC-1). WARNING: delivered with advice (TAG-3 warn). EXTERNAL: advice to an outside sender (FW-6). */
public enum NoticeKind {
    REFUSED, WARNING, EXTERNAL
}
