package org.caseguard.mailets;

import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;

/** A mailet configuration from name/value pairs, as mailetcontainer.xml would give it. */
final class MailetConfigs {
    private MailetConfigs() {
    }

    static FakeMailetConfig of(String mailetName, String... parameters) {
        return of(mailetName, FakeMailContext.defaultContext(), parameters);
    }

    static FakeMailetConfig of(String mailetName, MailetContext context, String... parameters) {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName(mailetName).mailetContext(context);
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        return config.build();
    }
}
