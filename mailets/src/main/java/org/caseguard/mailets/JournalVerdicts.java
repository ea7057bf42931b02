package org.caseguard.mailets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;
import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericMailet;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.policy.RecipientVerdict;
import org.caseguard.core.rules.RuleId;
import org.caseguard.journal.entry.RecipientOutcome;
import org.caseguard.journal.entry.VerdictRecord;
import org.caseguard.journal.store.Journal;
import org.caseguard.journal.store.JournalUnavailableException;
import org.caseguard.matchers.CaseguardAttributes;

/**
 * JRN-1, JRN-3: appends to the message's journal entry what was decided on it: the cases and clients classification
 * bound it to, the advisories, and each recipient's outcome and rule (recipients the consent stage passed on to
 * encryption are recorded as {@code encrypt}). Place it after the decision mailets and before anything delivers or
 * refuses. Parameters: {@code stage} (a name for the record, default the processor's), {@code retryDelays} (JRN-2);
 * in a processor that decides for every recipient at once ({@code caseguard-unclassifiable}, {@code error}):
 * {@code outcome} (deliver | refuse | audit) with {@code rule}, recorded for every recipient. A mail that reaches
 * here without a journal key is a wiring error: it is deferred, never delivered unjournaled, unless
 * {@code requireEntry=false} (the {@code error} processor, where a mail may fail before it could be journaled).
 */
public class JournalVerdicts extends GenericMailet {
    private final Journal journal;
    private final MailQueueFactory<?> queues;
    private final Clock clock;
    private JournalDeferral deferral;
    private Optional<String> stage;
    private Optional<RecipientOutcomeOverride> override;
    private boolean requireEntry;

    private record RecipientOutcomeOverride(String outcome, List<String> rules) {
    }

    @Inject
    public JournalVerdicts(Journal journal, MailQueueFactory<?> queues) {
        this(journal, queues, Clock.systemUTC());
    }

    JournalVerdicts(Journal journal, MailQueueFactory<?> queues, Clock clock) {
        this.journal = journal;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = new MailetParameters(getMailetConfig());
        deferral = JournalDeferral.from(queues, parameters);
        stage = parameters.optional("stage");
        requireEntry = parameters.bool("requireEntry", true);
        Optional<String> outcome = parameters.optional("outcome");
        Optional<String> rule = parameters.optional("rule");
        if (outcome.isEmpty() && rule.isPresent()) {
            throw parameters.invalid("rule", "given only together with 'outcome'", rule.get());
        }
        if (outcome.isPresent()) {
            String wire;
            try {
                wire = org.caseguard.core.policy.Outcome.parse(outcome.get()).wire();
            } catch (IllegalArgumentException e) {
                throw parameters.invalid("outcome", "deliver, refuse or audit", outcome.get());
            }
            List<String> rules = rule.isEmpty() ? List.of() : List.of(RuleId.parse(rule.get())
                .orElseThrow(() -> parameters.invalid("rule", "a rule ID of rules.md such as TAG-1", rule.get())).id());
            override = Optional.of(new RecipientOutcomeOverride(wire, rules));
        } else {
            override = Optional.empty();
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> key = CaseguardAttributes.journalKey(mail);
        if (key.isEmpty() && !requireEntry) {
            return;
        }
        if (key.isEmpty()) {
            deferral.defer(mail, new JournalUnavailableException("JRN-1: no journal entry for this mail; is JournalReceived first in root?", null));
            return;
        }
        try {
            List<String> words = CaseguardAttributes.searchWords(mail);
            if (words.isEmpty()) {
                journal.recordVerdicts(record(key.get(), mail));
            } else {
                // In the verdicts' commit; indexing replaces, so a deferral and retry indexes nothing twice.
                journal.recordVerdicts(record(key.get(), mail), words);
            }
            CaseguardAttributes.clearSearchWords(mail);
            JournalDeferral.journaled(mail);
        } catch (JournalUnavailableException e) {
            deferral.defer(mail, e);
        }
    }

    private VerdictRecord record(String key, Mail mail) {
        Classification classification = CaseguardAttributes.classification(mail).orElse(Classification.none());
        Map<String, RecipientVerdict> verdicts = CaseguardAttributes.verdicts(mail);
        Set<String> encrypt = CaseguardAttributes.encryptionRequired(mail);
        List<RecipientOutcome> outcomes = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            String address = recipient.asString();
            if (override.isPresent()) {
                outcomes.add(new RecipientOutcome(address, override.get().outcome(), override.get().rules()));
                continue;
            }
            RecipientVerdict verdict = verdicts.getOrDefault(address, RecipientVerdict.deliver(address));
            String outcome = encrypt.contains(address) && !verdict.isRefused() ? "encrypt" : verdict.outcome().wire();
            outcomes.add(new RecipientOutcome(address, outcome, verdict.rule().map(RuleId::id).map(List::of).orElse(List.of())));
        }
        List<String> messageRules = new ArrayList<>(CaseguardAttributes.advisories(mail));
        if (classification.isCaseIdentifying()) {
            messageRules.add(RuleId.TAG_1.id());
        }
        return new VerdictRecord(key, clock.instant(), stage.orElse(mail.getState()), List.copyOf(classification.caseNumbers()),
            List.copyOf(classification.clientIds()), messageRules.stream().distinct().toList(), outcomes);
    }

    @Override
    public String getMailetInfo() {
        return "caseguard JRN-1/JRN-3: record the verdicts and case bindings in the journal";
    }
}
