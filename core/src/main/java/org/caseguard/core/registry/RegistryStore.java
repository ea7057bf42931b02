package org.caseguard.core.registry;

import java.util.List;
import java.util.Optional;

/**
 * The registries of FW and TAG: internal domains, allow-list, external-party directory, cases and clients.
 * Implementations keep no state in the JVM that another James node sharing the database would miss: every
 * write increments {@link #version()} in the database, and readers rebuild their caches when it changes.
 * Writes validate nothing beyond integrity; validation with field names is done by {@code RegistryValidation}.
 */
public interface RegistryStore extends AutoCloseable {

    long version();

    RegistrySnapshot snapshot();

    List<String> internalDomains();

    void addInternalDomain(String domain);

    boolean removeInternalDomain(String domain);

    List<AllowListEntry> allowList();

    void addAllowListEntry(AllowListEntry entry);

    boolean removeAllowListEntry(String address, Optional<String> caseNumber);

    List<ExternalParty> parties();

    Optional<ExternalParty> findParty(String address);

    void upsertParty(ExternalParty party);

    boolean deleteParty(String address);

    List<CaseRecord> cases();

    Optional<CaseRecord> findCase(String number);

    void upsertCase(CaseRecord caseRecord);

    boolean deleteCase(String number);

    List<Client> clients();

    Optional<Client> findClient(String id);

    void upsertClient(Client client);

    boolean deleteClient(String id);

    /** The consent registry (CN rules) in the same database, sharing {@link #version()}. */
    org.caseguard.core.consent.ConsentStore consents();

    /** The S/MIME certificates (ENC-1, ENC-2) in the same database, sharing {@link #version()}. */
    org.caseguard.core.crypto.CertificateStore certificates();

    /** The RFC 3834 reply ledger (CN-6, CN-10, OPS-2) in the same database. */
    org.caseguard.core.autoreply.AutoReplyLedger autoReplies();

    /** Writes all of it in one transaction (bulk import): either every record is stored or none is. */
    void applyBatch(RegistryBatch batch);

    @Override
    void close();
}
