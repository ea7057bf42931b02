package org.caseguard.bench;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.caseguard.core.consent.ClinicianDetermination;
import org.caseguard.core.consent.ConsentConfig;
import org.caseguard.core.consent.ConsentDecision;
import org.caseguard.core.consent.ConsentForm;
import org.caseguard.core.consent.ConsentGiver;
import org.caseguard.core.consent.ConsentPolicy;
import org.caseguard.core.consent.ConsentRecord;
import org.caseguard.core.consent.ConsentView;
import org.caseguard.core.consent.ContactMethod;
import org.caseguard.core.consent.ContentLabels;
import org.caseguard.core.consent.DeclaredPurpose;
import org.caseguard.core.consent.ProgramApproval;
import org.caseguard.core.consent.Purpose;
import org.caseguard.core.consent.content.RuleBasedContentLabeler;
import org.caseguard.core.detect.Classification;
import org.caseguard.core.detect.ClassifierConfig;
import org.caseguard.core.detect.DefaultMessageClassifier;
import org.caseguard.core.policy.FirewallConfig;
import org.caseguard.core.policy.FirewallPolicy;
import org.caseguard.core.policy.PolicyDecision;
import org.caseguard.core.policy.PolicyView;
import org.caseguard.core.registry.RegistrySnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the consent profile adds per message, in process and without James around it: the firewall profile's work
 * ({@link #firewall}: parse, classify, decide per recipient) against the consent profile's ({@link #consent}: the
 * same, with the consent decision after the firewall's, and for mail to a client the content labeler in the
 * classification pass), on the same messages, with as many consent records as registry clients. Mail that involves
 * no client ({@link #consentOrdinaryMail}) is most mail; mail to a client ({@link #consentClientMail}) pays for the
 * labeler. The SMTP load run (bench.pipelines=caseguard,consent) shows the cost end to end.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConsentStageBenchmark {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final List<String> ORDINARY_RECIPIENTS = List.of("bob@agency.example", "someone@outside.example");
    private static final List<String> CLIENT_RECIPIENTS = List.of("bob@agency.example", "client7@clients.example");

    @State(Scope.Benchmark)
    public static class Pipelines {
        @Param({"10000"})
        public int clients;

        @Param({"5120", "51200"})
        public int bytes;

        byte[] raw;
        DefaultMessageClassifier plainClassifier;
        DefaultMessageClassifier labellingClassifier;
        FirewallPolicy firewall;
        PolicyView policyView;
        ConsentPolicy consent;
        ConsentView consentView;

        @Setup(Level.Trial)
        public void build() throws Exception {
            RegistrySnapshot snapshot = BenchData.registry(clients);
            ClassifierConfig config = ClassifierConfig.builder().caseNumberFormats(List.of("\\d{4}-CW-\\d{6}")).build();
            plainClassifier = DefaultMessageClassifier.forSnapshot(config, snapshot);
            labellingClassifier = new DefaultMessageClassifier(config, () -> snapshot, snapshot::version,
                Optional.of(RuleBasedContentLabeler.defaults()));
            firewall = new FirewallPolicy(FirewallConfig.defaults());
            policyView = PolicyView.of(snapshot);
            consent = new ConsentPolicy(ConsentConfig.defaults());
            List<ConsentRecord> records = new ArrayList<>(clients);
            for (int i = 0; i < clients; i++) {
                ConsentForm form = new ConsentForm("MH708-" + i, true, Optional.of("staff1"), TODAY.minusYears(1), TODAY.minusYears(1),
                    Optional.of(TODAY.plusYears(1)), Optional.empty(), Optional.empty());
                records.add(new ConsentRecord("c-" + i, Optional.of(ContactMethod.EMAIL),
                    Optional.of(new ProgramApproval("Outpatient", "pm", TODAY.minusYears(2))),
                    Optional.of(new ClinicianDetermination("staff1", TODAY.minusYears(1))), Optional.of(form),
                    Optional.of("client" + i + "@clients.example"), false, ConsentGiver.CLIENT, Optional.empty(),
                    Set.of(Purpose.SCHEDULING, Purpose.APPOINTMENT_REMINDER), List.of(), Optional.empty(), Optional.empty()));
            }
            consentView = ConsentView.of(records);
            raw = BenchData.message(bytes, snapshot);
            // indexes built outside the measurement
            plainClassifier.classify(parse(raw));
            labellingClassifier.classify(parse(raw));
        }
    }

    @Benchmark
    public PolicyDecision firewall(Pipelines pipelines) throws Exception {
        Classification classification = pipelines.plainClassifier.classify(parse(pipelines.raw));
        return pipelines.firewall.decide(Optional.of("alice@agency.example"), ORDINARY_RECIPIENTS, classification, pipelines.policyView);
    }

    @Benchmark
    public ConsentDecision consentOrdinaryMail(Pipelines pipelines) throws Exception {
        return consent(pipelines, ORDINARY_RECIPIENTS);
    }

    @Benchmark
    public ConsentDecision consentClientMail(Pipelines pipelines) throws Exception {
        return consent(pipelines, CLIENT_RECIPIENTS);
    }

    /** As ClassifyMessage, DecideRecipientPolicy and DecideConsentPolicy do it: labels only when a client is involved. */
    private static ConsentDecision consent(Pipelines pipelines, List<String> recipients) throws Exception {
        MimeMessage message = parse(pipelines.raw);
        boolean clientMail = recipients.stream().anyMatch(recipient -> !pipelines.consentView.rolesOf(recipient).isEmpty());
        Classification classification = pipelines.labellingClassifier.classify(message, clientMail);
        pipelines.firewall.decide(Optional.of("alice@agency.example"), recipients, classification, pipelines.policyView);
        DeclaredPurpose purpose = DeclaredPurpose.from(Optional.ofNullable(message.getSubject()), List.of(), List.of(),
            pipelines.consent.config().templates());
        return pipelines.consent.decide(recipients, classification.clientIds(),
            clientMail ? classification.contentLabels() : ContentLabels.notChecked(), purpose, Optional.empty(), pipelines.consentView, TODAY);
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }
}
