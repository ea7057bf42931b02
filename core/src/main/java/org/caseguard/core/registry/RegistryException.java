package org.caseguard.core.registry;

/** The registry's database failed. Callers fail closed: a policy decision that cannot read the registry does not deliver. */
public class RegistryException extends RuntimeException {
    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
